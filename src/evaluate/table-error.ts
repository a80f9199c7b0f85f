/**
 * Accuracy of a table against its function: mean squared error and largest absolute error of the float PWL, on
 * (a) the official trainer's grid (NumPy arange(lo, hi, 0.01)) and (b) the inputs an INT8 tensor with scale 2^-d
 * can represent inside the range (q * 2^-d for q in -128..127, lo <= x <= hi), under either tie rule.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { resolveFunction, type NonlinearFunction } from '../functions/registry.js';
import { trainerGrid } from '../fit/trainer-grid.js';
import { checkDecimalBits, createSegments, decimalBitsOf, type LutTable, type PwlSegments } from '../table/model.js';

/**
 * Where an input equal to a breakpoint goes. 'right' (the package rule, and the official trainer's): to the segment
 * on the breakpoint's right. 'left' (the official INT8 operator, PyTorch bucketize with right=False): to the left.
 */
export type TieRule = 'right' | 'left';

/** Error figures over one set of points. */
export interface ErrorStats {
  /** Mean of (f(x) - pwl(x))^2; NaN when there are no points. */
  readonly mse: number;
  /** Largest |f(x) - pwl(x)|; 0 when there are no points. */
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

/** Segments already validated: frozen ones (as createSegments makes them) are checked once, not on every call. */
const validatedSegments = new WeakSet<object>();

function checkedSegments(segments: PwlSegments, where: string): PwlSegments {
  if (segments !== null && typeof segments === 'object' && validatedSegments.has(segments)) return segments;
  const checked = createSegments(segments, where);
  const frozen = Object.isFrozen(segments) && Object.isFrozen(segments.breakpoints) && Object.isFrozen(segments.slopes)
    && Object.isFrozen(segments.intercepts);
  if (frozen) validatedSegments.add(segments);
  return checked;
}

function checkTieRule(tieRule: unknown): TieRule {
  if (tieRule !== 'right' && tieRule !== 'left') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `tieRule must be 'right' or 'left', got ${JSON.stringify(tieRule)}`);
  }
  return tieRule;
}

/** Binary search of the segment of x; breakpoints already checked to be sorted. */
function segmentOf(breakpoints: readonly number[], x: number, tieRule: TieRule): number {
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

/**
 * Index of the segment that holds x: the number of breakpoints <= x ('right', the default) or < x ('left').
 * Errors: UNSORTED_BREAKPOINTS when the breakpoints are not non-decreasing (a binary search would give a wrong
 * index), INVALID_ARGUMENT for another tie rule.
 */
export function segmentIndex(breakpoints: readonly number[], x: number, tieRule: TieRule = 'right'): number {
  checkTieRule(tieRule);
  for (let i = 1; i < breakpoints.length; i++) {
    if (!(breakpoints[i] >= breakpoints[i - 1])) {
      throw new GqaLutError(GqaLutErrorCode.UNSORTED_BREAKPOINTS, `breakpoints must be non-decreasing numbers, but breakpoints[${i - 1}] = ${breakpoints[i - 1]} and breakpoints[${i}] = ${breakpoints[i]}`);
    }
  }
  return segmentOf(breakpoints, x, tieRule);
}

/**
 * The float PWL value of a table at x (tie rule default 'right'). Errors: the table codes of `createSegments`
 * (WRONG_LENGTH, UNSORTED_BREAKPOINTS, NON_FINITE) for malformed segments, INVALID_ARGUMENT for another tie rule.
 */
export function pwlAt(segments: PwlSegments, x: number, tieRule: TieRule = 'right'): number {
  const checked = checkedSegments(segments, 'pwlAt table');
  const i = segmentOf(checked.breakpoints, x, checkTieRule(tieRule));
  return checked.slopes[i] * x + checked.intercepts[i];
}

/**
 * MSE and max abs error of a table against f over the points `xs` (tie rule default 'right'); with no points, mse
 * is NaN. Errors: the table codes of `createSegments`, INVALID_ARGUMENT for another tie rule, NON_FINITE when f is
 * NaN or infinite at one of the points (the figures would be meaningless).
 */
export function errorStats(segments: PwlSegments, f: (x: number) => number, xs: ArrayLike<number>, tieRule: TieRule = 'right'): ErrorStats {
  return statsOf(segments, f, xs, tieRule, 'the function');
}

function statsOf(segments: PwlSegments, f: (x: number) => number, xs: ArrayLike<number>, tieRule: TieRule, what: string): ErrorStats {
  const checked = checkedSegments(segments, 'errorStats table');
  checkTieRule(tieRule);
  if (typeof f !== 'function') throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'errorStats needs the function f(x) to compare with');
  const { breakpoints, slopes, intercepts } = checked;
  let sum = 0;
  let max = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    const value = f(x);
    if (!Number.isFinite(value)) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `${what} is ${String(value)} at x = ${x}; it must be finite at every point compared (narrow the range)`);
    }
    const i = segmentOf(breakpoints, x, tieRule);
    const e = value - (slopes[i] * x + intercepts[i]);
    sum += e * e;
    max = Math.max(max, Math.abs(e));
  }
  return { mse: xs.length ? sum / xs.length : NaN, maxAbsError: max, points: xs.length };
}

function checkRange(range: readonly [number, number]): void {
  if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[0] < range[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `range must be two finite numbers lo < hi, got ${JSON.stringify(range)}`);
  }
}

/**
 * The values q * 2^-d (q = -128..127) that lie in [lo, hi], ascending (empty when none does). Errors:
 * DECIMAL_BITS_OUT_OF_RANGE for d not an integer 0..15, INVALID_RANGE for a range that is not finite lo < hi.
 */
export function int8GridPoints(d: number, range: readonly [number, number]): Float64Array {
  checkDecimalBits(d);
  checkRange(range);
  const scale = 2 ** -d;
  const points: number[] = [];
  for (let q = -128; q <= 127; q++) {
    const x = q * scale;
    if (x >= range[0] && x <= range[1]) points.push(x);
  }
  return Float64Array.from(points);
}

/**
 * Per-d errors of a table on both grids (see the module comment). Errors: UNKNOWN_FUNCTION / INVALID_ARGUMENT for a
 * bad function, INVALID_RANGE, INVALID_ARGUMENT for another tie rule, INVALID_LENGTH for a range too wide for the
 * 0.01 grid, NON_FINITE where the function is not finite on the range (e.g. reci on a range holding 0).
 */
export function evaluateTable(table: LutTable, options: EvaluateOptions = {}): DecimalBitsReport[] {
  if (table === null || typeof table !== 'object' || typeof table.byDecimalBits !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'evaluateTable needs a table (createLutTable or parseOfficialJson)');
  }
  const fn = resolveFunction(options?.function ?? table.function);
  const range = options?.range ?? fn.range;
  checkRange(range);
  const tieRule = checkTieRule(options?.tieRule ?? 'right');
  const grid = trainerGrid(range[0], range[1]);
  const f = fn.evaluate;
  return decimalBitsOf(table).map((d) => {
    const segments = table.byDecimalBits[d];
    return {
      d,
      trainerGrid: statsOf(segments, f, grid, tieRule, `function '${fn.name}'`),
      int8Grid: statsOf(segments, f, int8GridPoints(d, range), tieRule, `function '${fn.name}'`),
    };
  });
}
