/**
 * Input checks shared by the lattice-line searches, the per-segment refit and the exact solver: sample points,
 * targets, weights and the objective, validated in TypeScript before anything reaches a kernel.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

/**
 * What the exact solver and the refit minimise:
 * - 'mse': the weighted mean squared error sum w (f - pwl)^2 / sum w (weights default to 1; pass a histogram of
 *   real activations to weight the inputs a network actually sees);
 * - 'relative': the weighted mean squared relative error sum w ((f - pwl) / f)^2 / sum w (every point with a
 *   positive weight needs f != 0);
 * - 'max-abs': the largest |f - pwl| over the points with a positive weight (minimax; weights act as a mask only).
 */
export type FitObjective = 'mse' | 'relative' | 'max-abs';

/** The objectives, in the order of {@link FitObjective}. */
export const FIT_OBJECTIVES: readonly FitObjective[] = ['mse', 'relative', 'max-abs'];

/** Checks an objective name; `undefined` gives 'mse'. */
export function checkObjective(value: unknown): FitObjective {
  if (value === undefined) return 'mse';
  if (typeof value === 'string' && (FIT_OBJECTIVES as readonly string[]).includes(value)) return value as FitObjective;
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `objective must be one of ${FIT_OBJECTIVES.join(', ')}, got ${JSON.stringify(value)}`);
}

/** Copies an array-like of finite numbers into a new Float64Array, or throws naming the first bad entry. */
export function finiteArray(what: string, values: ArrayLike<number> | undefined, length?: number): Float64Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${what} must be an array of numbers`);
  }
  if (length !== undefined && values.length !== length) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${what} has ${values.length} values; it needs ${length} (one per point)`);
  }
  const copy = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `${what}[${i}] is ${String(v)}; every value must be a finite number`);
    }
    copy[i] = v;
  }
  return copy;
}

/** Validated sample points. */
export interface CheckedPoints {
  /** Inputs x_j. */
  readonly xs: Float64Array;
  /** Targets f_j = f(x_j). */
  readonly fs: Float64Array;
  /** The caller's weights w_j >= 0 (all 1 when none were given). */
  readonly weights: Float64Array;
  /** Weights of the squared-error searches: w_j for 'mse' and 'max-abs', w_j / f_j^2 for 'relative' (0 where w_j = 0). */
  readonly searchWeights: Float64Array;
  /** Sum of the caller's weights (> 0). */
  readonly totalWeight: number;
}

/** Input of {@link checkPoints}. */
export interface PointsInput {
  /** Inputs x_j, finite. */
  xs: ArrayLike<number>;
  /** Targets f_j, finite, one per x. */
  fs: ArrayLike<number>;
  /** Weights w_j, finite and >= 0, one per x; default all 1. */
  weights?: ArrayLike<number>;
}

/**
 * Validates points for an objective: at least one point, finite values, equal lengths, weights >= 0 with a positive
 * sum, xs non-decreasing when `ascending` is set, and f != 0 wherever w > 0 for 'relative'.
 */
export function checkPoints(input: PointsInput, objective: FitObjective, ascending: boolean): CheckedPoints {
  const xs = finiteArray('xs', input?.xs);
  if (xs.length === 0) throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, 'xs is empty: at least one point is needed');
  const fs = finiteArray('fs', input.fs, xs.length);
  const weights = input.weights === undefined ? new Float64Array(xs.length).fill(1) : finiteArray('weights', input.weights, xs.length);
  let totalWeight = 0;
  for (let j = 0; j < xs.length; j++) {
    if (ascending && j > 0 && xs[j] < xs[j - 1]) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `xs must be non-decreasing, but xs[${j - 1}] = ${xs[j - 1]} > xs[${j}] = ${xs[j]}`);
    }
    if (weights[j] < 0) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `weights[${j}] = ${weights[j]} is negative; weights must be >= 0`);
    totalWeight += weights[j];
  }
  if (!(totalWeight > 0)) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'the weights sum to 0: at least one point needs a positive weight');
  const searchWeights = Float64Array.from(weights);
  if (objective === 'relative') {
    for (let j = 0; j < xs.length; j++) {
      if (weights[j] === 0) continue;
      if (fs[j] === 0) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `the relative error is undefined where f = 0, as at xs[${j}] = ${xs[j]}: drop that point or give it weight 0`);
      }
      searchWeights[j] = weights[j] / (fs[j] * fs[j]);
      if (!Number.isFinite(searchWeights[j])) {
        throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `the relative-error weight w / f^2 overflows at xs[${j}] = ${xs[j]} (f = ${fs[j]})`);
      }
    }
  }
  return { xs, fs, weights, searchWeights, totalWeight };
}

/** Checks a slice [start, end) of `length` points; the defaults are 0 and `length`. */
export function checkSlice(start: number | undefined, end: number | undefined, length: number): [number, number] {
  const from = start ?? 0;
  const to = end ?? length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > length || from > to) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `slice [${from}, ${to}) must be integers with 0 <= start <= end <= ${length}`);
  }
  return [from, to];
}
