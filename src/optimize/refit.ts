/**
 * Per-segment lattice refit: for fixed breakpoints, the best slope and intercept on the coefficient lattice for
 * every segment, under the package's tie rule ('right': a point equal to a breakpoint belongs to the segment on its
 * right). The official trainer instead rounds the secant through the split points, which is never better and often
 * much worse.
 *
 * Empty segments (no point with a positive weight, e.g. between two equal breakpoints or beyond the last point)
 * copy the line of the nearest non-empty segment on their left, or on their right when there is none, so that the
 * table extends its neighbour instead of jumping to an arbitrary line.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { createSegments, MAX_ENTRIES, MIN_ENTRIES, Q1_6, type CoefficientFormat, type PwlSegments } from '../table/model.js';
import { addWeightedPoint, coefficientLattice, emptyMoments, searchSquaredErrorLine, type CoefficientLattice, type LatticeChoice } from './lattice-line.js';
import { addHullPoint, createHulls, searchMaxErrorLine } from './minimax-line.js';
import { checkObjective, checkPoints, finiteArray, type CheckedPoints, type FitObjective, type PointsInput } from './points.js';

/** Index of the first of the ascending `xs` at or above `value` (where a segment starting at `value` begins). */
export function firstPointAtOrAbove(xs: Float64Array, value: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (xs[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The lattice lines of the segments of validated points (xs ascending) cut at `breakpoints` (non-decreasing), with
 * the empty-segment rule of the module comment. Squared-error objectives use `points.searchWeights`.
 */
export function fitSegmentLines(points: CheckedPoints, breakpoints: Float64Array, lattice: CoefficientLattice, objective: FitObjective): PwlSegments {
  const { xs, fs, searchWeights } = points;
  const entries = breakpoints.length + 1;
  const slopes: (number | undefined)[] = new Array(entries).fill(undefined);
  const intercepts: number[] = new Array(entries).fill(0);
  const choice: LatticeChoice = { slopeUnits: 0, interceptUnits: 0, cost: 0 };
  let start = 0;
  for (let segment = 0; segment < entries; segment++) {
    const end = segment < breakpoints.length ? Math.max(start, firstPointAtOrAbove(xs, breakpoints[segment])) : xs.length;
    let used = 0;
    if (objective === 'max-abs') {
      const hulls = createHulls(end - start);
      for (let j = start; j < end; j++) if (searchWeights[j] > 0) { addHullPoint(hulls, xs, fs, j); used++; }
      searchMaxErrorLine(hulls, xs, fs, lattice, choice);
    } else {
      const moments = emptyMoments();
      for (let j = start; j < end; j++) if (searchWeights[j] > 0) { addWeightedPoint(moments, xs[j], fs[j], searchWeights[j]); used++; }
      searchSquaredErrorLine(moments, lattice, choice);
    }
    if (used > 0) {
      slopes[segment] = choice.slopeUnits * lattice.step;
      intercepts[segment] = choice.interceptUnits * lattice.step;
    }
    start = end;
  }
  const filled = fillEmptySegments(slopes, intercepts);
  return createSegments({ breakpoints: Array.from(breakpoints), slopes: filled, intercepts });
}

/** Copies the nearest non-empty line (left first, then right) into every empty segment; returns the slopes. */
function fillEmptySegments(slopes: (number | undefined)[], intercepts: number[]): number[] {
  const nonEmpty = slopes.map((s, i) => (s === undefined ? -1 : i)).filter((i) => i >= 0);
  if (nonEmpty.length === 0) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'no segment holds a point with a positive weight');
  }
  let source = nonEmpty[0];
  return slopes.map((slope, i) => {
    if (slope !== undefined) {
      source = i;
      return slope;
    }
    intercepts[i] = intercepts[source];
    return slopes[source] as number;
  });
}

/** Error figures of a table over validated points (each point in its segment under the 'right' tie rule). */
export interface PointErrors {
  /** sum w (f - pwl)^2 with the caller's weights. */
  readonly sse: number;
  /** sse / sum w. */
  readonly mse: number;
  /** max |f - pwl| over the points with w > 0. */
  readonly maxAbsError: number;
  /** The objective's value: mse ('mse'), sum w ((f - pwl) / f)^2 / sum w ('relative'), maxAbsError ('max-abs'). */
  readonly objectiveValue: number;
}

/** Measures a table on validated points (xs ascending), directly from the residuals. */
export function measurePointErrors(points: CheckedPoints, segments: PwlSegments, objective: FitObjective): PointErrors {
  const { xs, fs, weights, totalWeight } = points;
  let sse = 0;
  let relative = 0;
  let maxAbsError = 0;
  let segment = 0;
  for (let j = 0; j < xs.length; j++) {
    while (segment < segments.breakpoints.length && segments.breakpoints[segment] <= xs[j]) segment++;
    if (!(weights[j] > 0)) continue;
    const residual = fs[j] - (segments.slopes[segment] * xs[j] + segments.intercepts[segment]);
    sse += weights[j] * residual * residual;
    if (objective === 'relative') relative += weights[j] * (residual / fs[j]) * (residual / fs[j]);
    maxAbsError = Math.max(maxAbsError, Math.abs(residual));
  }
  const mse = sse / totalWeight;
  const objectiveValue = objective === 'mse' ? mse : objective === 'relative' ? relative / totalWeight : maxAbsError;
  return { sse, mse, maxAbsError, objectiveValue };
}

/** Input of {@link refitSegments}. */
export interface RefitProblem extends PointsInput {
  /** N - 1 breakpoints, finite and non-decreasing (equal ones make empty segments), N in [2, 16]. */
  breakpoints: ArrayLike<number>;
  /** Coefficient format of the slopes and intercepts; default {@link Q1_6}. */
  format?: CoefficientFormat;
  /** What each segment's line minimises; default 'mse'. See {@link FitObjective}. */
  objective?: FitObjective;
}

/**
 * The best lattice line of every segment for fixed breakpoints (see the module comment). `xs` must be
 * non-decreasing. Returns validated, frozen segments whose breakpoints are the given ones.
 *
 * @throws GqaLutError for bad points, weights, breakpoints, format or objective, or when no point has a positive
 *   weight.
 */
export function refitSegments(problem: RefitProblem): PwlSegments {
  const objective = checkObjective(problem?.objective);
  const points = checkPoints(problem, objective, true);
  const breakpoints = finiteArray('breakpoints', problem.breakpoints);
  if (breakpoints.length < MIN_ENTRIES - 1 || breakpoints.length > MAX_ENTRIES - 1) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `a table needs ${MIN_ENTRIES - 1} to ${MAX_ENTRIES - 1} breakpoints, got ${breakpoints.length}`);
  }
  for (let i = 1; i < breakpoints.length; i++) {
    if (breakpoints[i] < breakpoints[i - 1]) {
      throw new GqaLutError(GqaLutErrorCode.UNSORTED_BREAKPOINTS, `breakpoints must be non-decreasing, but breakpoints[${i - 1}] = ${breakpoints[i - 1]} > breakpoints[${i}] = ${breakpoints[i]}`);
    }
  }
  return fitSegmentLines(points, breakpoints, coefficientLattice(problem.format ?? Q1_6), objective);
}
