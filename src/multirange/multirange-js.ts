/**
 * Multi-range input scaling for reci and sqrt_reci on INT8 codes, written out plainly: the specification the wasm
 * kernels (assembly/pwl-multirange/) must match exactly, and the kernel of the 'js' tier. Written from the
 * definition below, not derived from the AssemblyScript.
 *
 * Input: a code q with scale 2^-d, so x = q * 2^-d. The exponent step r is 1 (reci) or 2 (sqrt_reci).
 * For q >= 1:
 * 1. Exponent from the leading one bit: L = floor(log2 q), 0..6, so 2^L <= q < 2^(L+1) and x = (q / 2^L) 2^(L-d).
 * 2. Even exponent for sqrt_reci: p = (L - d) mod r (0 or 1), E = (L - d - p) / r = floor((L - d) / r). Then
 *    x = u * 2^(rE) with the mantissa u = (q / 2^L) 2^p in the base interval ([1, 2) for reci, [1, 4) for sqrt_reci).
 * 3. Mantissa code m = u * 2^6 = q << (6 - L + p): an exact integer, 64..127 (reci) or 64..254 (sqrt_reci).
 * 4. One PWL table on the base interval, integers only: segment s = #{ j : P_j <= m } with P_j = p_j 2^6 (a code
 *    equal to a breakpoint goes to the right: the package's tie rule), acc = K_s m + B_s 2^6 with K = k 2^F and
 *    B = b 2^F (F = fractional bits of the coefficient format), so pwl(u) = acc * 2^-(F+6) exactly.
 * 5. Output scaling by the exponent: 1/x = 2^-E * 1/u and 1/sqrt x = 2^-E * 1/sqrt u, so
 *    y = acc * 2^-A with A = F + 6 + E (the per-element exponent of the wide output).
 * 6. INT8 output at scale 2^-eo: ONE rounding shift by A - eo with the INT8 operator's rule (`requantise` of
 *    src/kernels/pwl-s8-js.ts): if A - eo > 0, add 2^(A-eo-1) and shift right arithmetically (round half up); if
 *    A - eo <= 0, multiply by 2^(eo-A) exactly; then saturate to [-128, 127].
 *    Wide output: the pair (acc, A), y = acc * 2^-A, with no rounding at all.
 *
 * q <= 0 lies outside the domain (1/0 is infinite; negative inputs are outside x > 0 for sqrt_reci, and outside the
 * range the table is made for in both functions). The operator never computes a value for them. Policy
 * 'saturate' (the default): the INT8 output is the largest code, 127, and the wide output is (2^31 - 1, 0). Policy
 * 'reject': the op throws INVALID_ARGUMENT naming the first such element before writing anything (the check is in
 * src/multirange/op.ts, so this file only implements 'saturate').
 */
import { requantise } from '../kernels/pwl-s8-js.js';

/** INT8 output of a code q <= 0 under the 'saturate' policy: the largest code. */
export const SATURATED_CODE = 127;
/** Wide accumulator of a code q <= 0 under the 'saturate' policy (its exponent is 0). */
export const SATURATED_ACCUMULATOR = 2147483647;
/** Fractional bits of the mantissa code m. */
const MANTISSA_BITS = 6;

/** A multi-range operator in integer units, for one input scale 2^-d. */
export interface IntegerMultiRangeTable {
  /** r: 1 for reci, 2 for sqrt_reci. */
  readonly inputExponentStep: 1 | 2;
  /** d: the code q stands for q * 2^-d. */
  readonly inputFracBits: number;
  /** F: fractional bits of the coefficient format. */
  readonly coefficientFracBits: number;
  /** N-1 breakpoints as mantissa codes P_j = p_j * 2^6, non-decreasing. */
  readonly breakpoints: readonly number[];
  /** N slopes K = k * 2^F. */
  readonly slopes: readonly number[];
  /** N intercepts B = b * 2^F. */
  readonly intercepts: readonly number[];
}

/** Step 1: L = floor(log2 q) for q >= 1. */
export function leadingBit(q: number): number {
  return 31 - Math.clz32(q);
}

/** floor(a / r) and a mod r (non-negative) for r = 1 or 2. */
function floorDivide(a: number, r: 1 | 2): { quotient: number; remainder: number } {
  const remainder = ((a % r) + r) % r;
  return { quotient: (a - remainder) / r, remainder };
}

/** Step 3: the left shift 6 - L + p that turns a code with leading bit L into its mantissa code. */
export function mantissaShift(table: IntegerMultiRangeTable, leading: number): number {
  return MANTISSA_BITS - leading + floorDivide(leading - table.inputFracBits, table.inputExponentStep).remainder;
}

/** Step 5: A = F + 6 + floor((L - d) / r), the fractional bits of the accumulator of a code with leading bit L. */
export function accumulatorFracBits(table: IntegerMultiRangeTable, leading: number): number {
  const { quotient } = floorDivide(leading - table.inputFracBits, table.inputExponentStep);
  return table.coefficientFracBits + MANTISSA_BITS + quotient;
}

/** Step 3 for one code q >= 1: its mantissa code m. */
export function mantissaCode(table: IntegerMultiRangeTable, q: number): number {
  return q * 2 ** mantissaShift(table, leadingBit(q));
}

/** Step 4: the base table's segment of a mantissa code (breakpoints at or below m). */
export function segmentOfMantissa(table: IntegerMultiRangeTable, m: number): number {
  let segment = 0;
  for (const breakpoint of table.breakpoints) if (breakpoint <= m) segment++;
  return segment;
}

/** Step 4: acc = K_s m + B_s 2^6, the exact base-table value at m in units of 2^-(F+6). */
export function mantissaAccumulator(table: IntegerMultiRangeTable, m: number): number {
  const segment = segmentOfMantissa(table, m);
  return table.slopes[segment] * m + table.intercepts[segment] * 2 ** MANTISSA_BITS;
}

/** Steps 1-5 for one code: the wide output (acc, A) with y = acc * 2^-A; (2^31 - 1, 0) for q <= 0. */
export function wideOfCode(table: IntegerMultiRangeTable, q: number): { accumulator: number; fracBits: number } {
  if (q <= 0) return { accumulator: SATURATED_ACCUMULATOR, fracBits: 0 };
  const leading = leadingBit(q);
  return {
    accumulator: mantissaAccumulator(table, mantissaCode(table, q)),
    fracBits: accumulatorFracBits(table, leading),
  };
}

/** Steps 1-6 for one code: the INT8 output at scale 2^-outputFracBits (127 for q <= 0). */
export function outputOfCode(table: IntegerMultiRangeTable, q: number, outputFracBits: number): number {
  if (q <= 0) return SATURATED_CODE;
  const { accumulator, fracBits } = wideOfCode(table, q);
  return requantise(accumulator, fracBits - outputFracBits);
}

/**
 * The operator on `input` into `output` (same length; may be the same array): INT8 codes to INT8 codes. The same
 * steps as {@link outputOfCode}, with the per-leading-bit shifts worked out once instead of per code.
 */
export function multiRangeReference(input: Int8Array, output: Int8Array, table: IntegerMultiRangeTable, outputFracBits: number): void {
  const mantissaShifts: number[] = [];
  const outputShifts: number[] = [];
  for (let leading = 0; leading <= 6; leading++) {
    mantissaShifts.push(mantissaShift(table, leading));
    outputShifts.push(accumulatorFracBits(table, leading) - outputFracBits);
  }
  const { breakpoints, slopes, intercepts } = table;
  for (let i = 0; i < input.length; i++) {
    const q = input[i];
    if (q <= 0) {
      output[i] = SATURATED_CODE;
      continue;
    }
    const leading = leadingBit(q);
    const m = q << mantissaShifts[leading];
    let segment = 0;
    for (let j = 0; j < breakpoints.length; j++) segment += +(breakpoints[j] <= m);
    output[i] = requantise(slopes[segment] * m + intercepts[segment] * 64, outputShifts[leading]);
  }
}

/**
 * The wide outputs of `input`: accumulators (int32) and their exponents A (int8), y = accumulator * 2^-A. The three
 * arrays have the same length; `input` must not overlap the outputs.
 */
export function multiRangeWideReference(input: Int8Array, accumulators: Int32Array, fracBits: Int8Array, table: IntegerMultiRangeTable): void {
  for (let i = 0; i < input.length; i++) {
    const wide = wideOfCode(table, input[i]);
    accumulators[i] = wide.accumulator;
    fracBits[i] = wide.fracBits;
  }
}
