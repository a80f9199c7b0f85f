/**
 * Accuracy of a table against its function: mean squared error and largest absolute error of the float PWL, on
 * (a) the official trainer's grid (NumPy arange(lo, hi, 0.01)) and (b) the inputs an INT8 tensor with scale 2^-d
 * can represent inside the range (q * 2^-d for q in -128..127, lo <= x <= hi), under either tie rule.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { getFunction, type NonlinearFunction } from '../functions/registry.js';
import { trainerGrid } from '../fit/trainer-grid.js';
import { decimalBitsOf, type LutTable, type PwlSegments } from '../table/model.js';

/**
 * Where an input equal to a breakpoint goes. 'right' (the package rule, and the official trainer's): to the segment
 * on the breakpoint's right. 'left' (the official INT8 operator, PyTorch bucketize with right=False): to the left.
 */
export type TieRule = 'right' | 'left';

/** Error figures over one set of points. */
export interface ErrorStats {
  /** Mean of (f(x) - pwl(x))^2. */
  readonly mse: number;
  /** Largest |f(x) - pwl(x)|. */
  readonly maxAbsError: number;
  /** Number of points. */
  readonly points: number;
}

/** Errors of the table for one decimal-bit count d. */
export interface DecimalBitsReport {
  /** Decimal bits d (input scale 2^-d). */
  readonly d: number;
  /** On the trainer grid (0.01 steps over the range). */
  readonly trainerGrid: ErrorStats;
  /** On the INT8 codes of scale 2^-d inside the range. */
  readonly int8Grid: ErrorStats;
}

/** Options of {@link evaluateTable}. */
export interface EvaluateOptions {
  /** Function to compare with (name or definition); default: the one the table names. */
  function?: string | NonlinearFunction;
  /** Range [lo, hi]; default: the function's range. */
  range?: readonly [number, number];
  /** Tie rule; default 'right'. */
  tieRule?: TieRule;
}

/** Index of the segment that holds x: the number of breakpoints <= x ('right') or < x ('left'). */
export function segmentIndex(breakpoints: readonly number[], x: number, tieRule: TieRule = 'right'): number {
  let lo = 0;
  let hi = breakpoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const below = tieRule === 'right' ? breakpoints[mid] <= x : breakpoints[mid] < x;
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The float PWL value of a table at x. */
export function pwlAt(segments: PwlSegments, x: number, tieRule: TieRule = 'right'): number {
  const i = segmentIndex(segments.breakpoints, x, tieRule);
  return segments.slopes[i] * x + segments.intercepts[i];
}

/** MSE and max abs error of a table against f over the given points. */
export function errorStats(segments: PwlSegments, f: (x: number) => number, xs: ArrayLike<number>, tieRule: TieRule = 'right'): ErrorStats {
  let sum = 0;
  let max = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    const e = f(x) - pwlAt(segments, x, tieRule);
    sum += e * e;
    max = Math.max(max, Math.abs(e));
  }
  return { mse: xs.length ? sum / xs.length : NaN, maxAbsError: max, points: xs.length };
}

/** The values q * 2^-d (q = -128..127) that lie in [lo, hi], ascending. */
export function int8GridPoints(d: number, range: readonly [number, number]): Float64Array {
  const scale = 2 ** -d;
  const points: number[] = [];
  for (let q = -128; q <= 127; q++) {
    const x = q * scale;
    if (x >= range[0] && x <= range[1]) points.push(x);
  }
  return Float64Array.from(points);
}

function checkRange(range: readonly [number, number]): void {
  if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[0] < range[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `range must be two finite numbers lo < hi, got ${JSON.stringify(range)}`);
  }
}

/** Per-d errors of a table on both grids (see the module comment). */
export function evaluateTable(table: LutTable, options: EvaluateOptions = {}): DecimalBitsReport[] {
  const fn = typeof options.function === 'object' ? options.function : getFunction(options.function ?? table.function);
  const range = options.range ?? fn.range;
  checkRange(range);
  const tieRule = options.tieRule ?? 'right';
  if (tieRule !== 'right' && tieRule !== 'left') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `tieRule must be 'right' or 'left', got ${JSON.stringify(tieRule)}`);
  }
  const grid = trainerGrid(range[0], range[1]);
  const f = fn.evaluate;
  return decimalBitsOf(table).map((d) => {
    const segments = table.byDecimalBits[d];
    return {
      d,
      trainerGrid: errorStats(segments, f, grid, tieRule),
      int8Grid: errorStats(segments, f, int8GridPoints(d, range), tieRule),
    };
  });
}
