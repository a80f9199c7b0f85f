/**
 * The per-d problem of the default-mode fit: the points the objective is measured on, the candidate breakpoints
 * (multiples of 2^-d in the search range) and, computed once in the DP kernel, the cost of the best lattice line of
 * every slice between two candidates. Both searches work on it: the DP (exact optimum) and the GA, whose fitness is
 * then a sum of N matrix entries per candidate table.
 *
 * Points: 'int8-grid', the inputs q 2^-d (q = -128..127) inside the range, optionally weighted by activation
 * statistics; 'trainer-grid', the official trainer's grid (NumPy arange(lo, hi, 0.01)), unweighted. For the
 * 'relative' error measure, points where f = 0 get weight 0 (the relative error is undefined there).
 *
 * Candidates that send the same points to the right are equivalent; only one of each such run is kept: the largest
 * of those at or below the first point, otherwise the smallest of the run (so a table's breakpoints sit next to the
 * points they separate). Genes of the GA are grid positions ("units", multiples of 2^-d counted from the first
 * multiple in the search range); `unitToBoundary` maps each to the boundary of its run.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { int8GridPoints } from '../evaluate/table-error.js';
import type { NonlinearFunction } from '../functions/registry.js';
import { PWL_DP_MAX_ERROR, PWL_DP_SQUARED_ERROR } from '../kernels/pwl-dp-js.js';
import { MAX_CANDIDATES } from '../optimize/dp.js';
import { chooseOptimalBoundaries, computeSegmentCostMatrix } from '../optimize/dp-kernel.js';
import { coefficientLattice, type CoefficientLattice } from '../optimize/lattice-line.js';
import { checkPoints, type CheckedPoints, type FitObjective } from '../optimize/points.js';
import { firstPointAtOrAbove, fitSegmentLines, measurePointErrors, type PointErrors } from '../optimize/refit.js';
import type { Tier } from '../runtime.js';
import type { CoefficientFormat, PwlSegments } from '../table/model.js';
import { weightsOnInt8Points, type ActivationWeights } from './activation-weights.js';
import { trainerGrid } from './trainer-grid.js';

/** Which points the default-mode objective is measured on. */
export type FitGrid = 'int8-grid' | 'trainer-grid';
/** The grids, default first. */
export const FIT_GRIDS: readonly FitGrid[] = ['int8-grid', 'trainer-grid'];

/** Input of {@link buildSegmentCostProblem}. */
export interface SegmentCostProblemInput {
  /** The function approximated (float64 reference). */
  readonly fn: NonlinearFunction;
  /** Decimal bits d: breakpoints are multiples of 2^-d. */
  readonly d: number;
  /** Points of the objective. */
  readonly grid: FitGrid;
  /** Range [lo, hi] of the objective. */
  readonly range: readonly [number, number];
  /** Range the breakpoints are drawn from. */
  readonly searchRange: readonly [number, number];
  /** Coefficient format of the refitted lines. */
  readonly format: CoefficientFormat;
  /** What each table minimises. */
  readonly errorMeasure: FitObjective;
  /** Activation statistics (int8-grid only). */
  readonly weights?: ActivationWeights;
  /** Tier of the cost-matrix kernel. */
  readonly tier: Tier;
}

/** A per-d problem with its segment cost matrix. */
export interface SegmentCostProblem {
  /** Decimal bits d. */
  readonly d: number;
  /** The validated points, with the weights of the search. */
  readonly points: CheckedPoints;
  /** Lattice of the coefficient format. */
  readonly lattice: CoefficientLattice;
  /** What each table minimises. */
  readonly errorMeasure: FitObjective;
  /** PWL_DP_SQUARED_ERROR or PWL_DP_MAX_ERROR. */
  readonly kernelObjective: number;
  /** Boundaries: distinct candidates m + 2 (-inf and +inf included). */
  readonly count: number;
  /** cost[b * count + a]: the best lattice line's cost on the points between boundaries a <= b. */
  readonly cost: Float64Array;
  /** Boundary index (1..m) of each grid position 0..unitCount-1. */
  readonly unitToBoundary: Int32Array;
  /** Grid position of each boundary's kept candidate (index 1..m; 0 and m + 1 unused). */
  readonly boundaryUnits: Int32Array;
  /** 2^d times the first multiple of 2^-d in the search range. */
  readonly firstUnit: number;
  /** Milliseconds spent on the cost matrix. */
  readonly costMs: number;
}

function pointsOf(input: SegmentCostProblemInput): CheckedPoints {
  const { fn, d, range } = input;
  const xs = input.grid === 'int8-grid' ? int8GridPoints(d, range) : trainerGrid(range[0], range[1]);
  if (xs.length === 0) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `no INT8 input q 2^-${d} lies in the range [${range}]`);
  }
  const fs = Float64Array.from(xs, (x) => fn.evaluate(x));
  for (let j = 0; j < xs.length; j++) {
    if (!Number.isFinite(fs[j])) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `function '${fn.name}' is ${fs[j]} at x = ${xs[j]}; it must be finite on the whole range [${range.join(', ')}]`);
    }
  }
  const weights = input.weights && input.grid === 'int8-grid' ? weightsOnInt8Points(input.weights, d, xs) : new Float64Array(xs.length).fill(1);
  if (input.errorMeasure === 'relative') for (let j = 0; j < xs.length; j++) if (fs[j] === 0) weights[j] = 0;
  if (!weights.some((w) => w > 0)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `d = ${d}: no ${input.grid} point in [${range}] has a positive weight` +
      (input.weights ? ' (the activation weights put nothing on the INT8 inputs of this d inside the range)' : ''));
  }
  return checkPoints({ xs, fs, weights }, input.errorMeasure, true);
}

/** Builds the points, the candidates and the segment cost matrix of one d (see the module comment). */
export function buildSegmentCostProblem(input: SegmentCostProblemInput): SegmentCostProblem {
  const { d, searchRange } = input;
  const points = pointsOf(input);
  const scale = 2 ** d;
  const firstUnit = Math.ceil(searchRange[0] * scale);
  const unitCount = Math.floor(searchRange[1] * scale) - firstUnit + 1;
  if (!(unitCount >= 1)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `the search range [${searchRange}] holds no multiple of 2^-${d} for a breakpoint`);
  }
  const unitToBoundary = new Int32Array(unitCount);
  const keptUnits: number[] = [0];
  const positions: number[] = [0];
  let previousPosition = -1;
  for (let unit = 0; unit < unitCount; unit++) {
    const position = firstPointAtOrAbove(points.xs, (firstUnit + unit) / scale);
    if (position !== previousPosition) {
      keptUnits.push(unit);
      positions.push(position);
      previousPosition = position;
    } else if (position === 0) {
      keptUnits[keptUnits.length - 1] = unit;
    }
    unitToBoundary[unit] = keptUnits.length - 1;
  }
  const candidates = keptUnits.length - 1;
  if (candidates > MAX_CANDIDATES) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `d = ${d}: ${candidates} distinct candidate breakpoints; at most ${MAX_CANDIDATES} are allowed (narrow the range or lower d)`);
  }
  positions.push(points.xs.length);
  keptUnits.push(0);
  const kernelObjective = input.errorMeasure === 'max-abs' ? PWL_DP_MAX_ERROR : PWL_DP_SQUARED_ERROR;
  const lattice = coefficientLattice(input.format);
  const started = performance.now();
  const cost = computeSegmentCostMatrix({
    xs: points.xs, fs: points.fs, weights: points.searchWeights, boundaryPositions: Int32Array.from(positions), lattice, objective: kernelObjective,
  }, input.tier);
  return {
    d, points, lattice, errorMeasure: input.errorMeasure, kernelObjective, count: positions.length, cost,
    unitToBoundary, boundaryUnits: Int32Array.from(keptUnits), firstUnit, costMs: performance.now() - started,
  };
}

/** The objective value of a raw kernel cost: divided by the total weight for squared errors, as is for max-abs. */
export function normalizedCost(problem: SegmentCostProblem, rawCost: number): number {
  return problem.kernelObjective === PWL_DP_MAX_ERROR ? rawCost : rawCost / problem.points.totalWeight;
}

/** The table of N - 1 genes (grid positions, non-decreasing): kept candidates as breakpoints, refitted lines. */
export function tableOfGenes(problem: SegmentCostProblem, genes: ArrayLike<number>): { segments: PwlSegments; errors: PointErrors } {
  const scale = 2 ** problem.d;
  const last = problem.unitToBoundary.length - 1;
  const breakpoints = Float64Array.from(genes, (unit) => {
    const boundary = problem.unitToBoundary[unit < 0 ? 0 : unit > last ? last : unit];
    return (problem.firstUnit + problem.boundaryUnits[boundary]) / scale;
  });
  const segments = fitSegmentLines(problem.points, breakpoints, problem.lattice, problem.errorMeasure);
  return { segments, errors: measurePointErrors(problem.points, segments, problem.errorMeasure) };
}

/** The exact optimum: the DP over the cost matrix, as genes (the kept candidate of each chosen boundary). */
export function solveSegmentCostProblem(problem: SegmentCostProblem, entries: number, tier: Tier): { genes: Int32Array; rawCost: number } {
  const { chosen, cost } = chooseOptimalBoundaries(problem.cost, problem.count, entries, problem.kernelObjective, tier);
  const genes = new Int32Array(entries - 1);
  for (let i = 1; i < entries; i++) genes[i - 1] = problem.boundaryUnits[chosen[i]];
  return { genes, rawCost: cost };
}
