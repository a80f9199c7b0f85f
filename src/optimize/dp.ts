/**
 * The exact solver: the best table with N entries whose breakpoints are drawn from a set of candidate values and
 * whose slopes and intercepts lie on the coefficient lattice, by dynamic programming over the candidates.
 *
 * A breakpoint p sends the points x >= p to the right (tie rule 'right'); breakpoints may repeat (empty segments).
 * The kernel computes, for every pair of candidate boundaries, the cost of the best lattice line of the points
 * between them (exact branch and bound, see lattice-line.ts and minimax-line.ts), then the optimal split into N
 * segments, in O(N m^2) for m candidates. The lines of the chosen segments are then refitted in TypeScript (the same
 * search, so the same lines) and every reported error is recomputed directly from the residuals.
 *
 * Candidate sets the package uses: the INT8 codes q 2^-d inside the range (`int8GridPoints`, points = candidates),
 * and the multiples of 2^-d inside a search range ({@link candidateBreakpoints}) over the trainer grid.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { resolveTier } from '../runtime.js';
import { checkDecimalBits, checkEntries, Q1_6, type CoefficientFormat, type PwlSegments } from '../table/model.js';
import { PWL_DP_MAX_ERROR, PWL_DP_SQUARED_ERROR } from '../kernels/pwl-dp-js.js';
import type { Tier } from '../wasm/loader.js';
import { runPwlDp } from './dp-kernel.js';
import { coefficientLattice } from './lattice-line.js';
import { checkObjective, checkPoints, finiteArray, type FitObjective, type PointsInput } from './points.js';
import { firstPointAtOrAbove, fitSegmentLines, measurePointErrors, type PointErrors } from './refit.js';

/** Most distinct candidate breakpoints {@link solveExact} accepts (its cost matrix holds (m + 2)^2 doubles). */
export const MAX_CANDIDATES = 4096;

/** Largest list {@link candidateBreakpoints} builds. */
const MAX_CANDIDATE_LIST = 1 << 22;

/** Input of {@link solveExact}. */
export interface ExactProblem extends PointsInput {
  /** Number of entries (segments) N, an integer from 2 to 16. */
  entries: number;
  /**
   * Allowed breakpoint values, finite and non-decreasing (duplicates are ignored), 1 to {@link MAX_CANDIDATES}
   * distinct values. Every breakpoint of the result is one of them.
   */
  candidates: ArrayLike<number>;
  /** Coefficient format of the slopes and intercepts; default Q1.6 (multiples of 1/64 in [-2, 127/64]). */
  format?: CoefficientFormat;
  /** What to minimise; default 'mse'. See {@link FitObjective}. */
  objective?: FitObjective;
}

/** Options of {@link solveExact}. */
export interface ExactSolveOptions {
  /** Kernel tier; default the one `init()` chose. WebAssembly tiers need `await init({ tier })` (or ensureTier). */
  tier?: Tier;
}

/** The optimal table and its errors (all recomputed directly from the residuals, see {@link PointErrors}). */
export interface ExactSolution extends PointErrors {
  /** The table: N - 1 breakpoints from the candidates, N lattice slopes and intercepts. */
  readonly segments: PwlSegments;
  /** The objective that was minimised. */
  readonly objective: FitObjective;
  /**
   * The optimum as the DP computed it from moments and hulls: sum w e^2 ('mse'), sum w (e / f)^2 ('relative') or
   * max |e| ('max-abs'). Matches sse, objectiveValue * sum w or maxAbsError to about 1e-12 relative.
   */
  readonly searchCost: number;
  /** The tier that ran the kernel. */
  readonly tier: Tier;
}

/** Sorted distinct candidates, validated. */
function distinctCandidates(values: ArrayLike<number>): Float64Array {
  const all = finiteArray('candidates', values);
  const distinct: number[] = [];
  for (let i = 0; i < all.length; i++) {
    if (i > 0 && all[i] < all[i - 1]) {
      throw new GqaLutError(GqaLutErrorCode.UNSORTED_BREAKPOINTS, `candidates must be non-decreasing, but candidates[${i - 1}] = ${all[i - 1]} > candidates[${i}] = ${all[i]}`);
    }
    if (i === 0 || all[i] !== all[i - 1]) distinct.push(all[i]);
  }
  if (distinct.length < 1 || distinct.length > MAX_CANDIDATES) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `the solver needs 1 to ${MAX_CANDIDATES} distinct candidates, got ${distinct.length}`);
  }
  return Float64Array.from(distinct);
}

/**
 * The optimal table for the objective over the given points, with breakpoints drawn from `candidates` (exact: no
 * table with breakpoints among the candidates and coefficients in the format does better on these points).
 * Synchronous; the WebAssembly tiers need their module loaded first.
 *
 * @throws GqaLutError for bad points, weights, candidates, entries, format or objective, and NOT_INITIALIZED when
 *   the tier's module is not loaded.
 */
export function solveExact(problem: ExactProblem, options: ExactSolveOptions = {}): ExactSolution {
  const tier = resolveTier(options.tier);
  const objective = checkObjective(problem?.objective);
  const entries = checkEntries(problem?.entries);
  const points = checkPoints(problem, objective, true);
  const candidates = distinctCandidates(problem.candidates);
  const lattice = coefficientLattice(problem.format ?? Q1_6);
  const boundaryPositions = new Int32Array(candidates.length + 2);
  for (let i = 0; i < candidates.length; i++) boundaryPositions[i + 1] = firstPointAtOrAbove(points.xs, candidates[i]);
  boundaryPositions[candidates.length + 1] = points.xs.length;
  const result = runPwlDp({
    xs: points.xs,
    fs: points.fs,
    weights: points.searchWeights,
    boundaryPositions,
    entries,
    lattice,
    objective: objective === 'max-abs' ? PWL_DP_MAX_ERROR : PWL_DP_SQUARED_ERROR,
  }, tier);
  const breakpoints = new Float64Array(entries - 1);
  for (let i = 1; i < entries; i++) breakpoints[i - 1] = candidates[result.chosen[i] - 1];
  const segments = fitSegmentLines(points, breakpoints, lattice, objective);
  return { segments, ...measurePointErrors(points, segments, objective), objective, searchCost: result.cost, tier };
}

/**
 * The multiples of 2^-d inside [lo, hi] (both ends included), ascending: the breakpoints a table for input scale
 * 2^-d can have. For d = 6 on [-4, 4] that is 513 values, -4 to 4 in steps of 1/64.
 *
 * @param d decimal bits, an integer from 0 to 15.
 * @param searchRange [lo, hi], finite, lo <= hi.
 * @throws GqaLutError for a bad d or range, or more than 2^22 values.
 */
export function candidateBreakpoints(d: number, searchRange: readonly [number, number]): Float64Array {
  checkDecimalBits(d);
  const [lo, hi] = Array.isArray(searchRange) ? searchRange : [NaN, NaN];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `searchRange must be two finite numbers lo <= hi, got ${JSON.stringify(searchRange)}`);
  }
  const scale = 2 ** d;
  const first = Math.ceil(lo * scale);
  const last = Math.floor(hi * scale);
  const count = Math.max(0, last - first + 1);
  if (count > MAX_CANDIDATE_LIST) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `[${lo}, ${hi}] holds ${count} multiples of 2^-${d}; at most ${MAX_CANDIDATE_LIST} are allowed`);
  }
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = (first + i) / scale;
  return values;
}
