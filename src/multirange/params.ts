/**
 * Plans a multi-range operator for the wasm kernels: the integer table of (table, d), the per-leading-bit constants
 * of the reduction and of the final shift, the exact accumulator range over every positive code, and the parameter
 * block of assembly/pwl-multirange/layout.ts (the offsets below mirror it).
 */
import type { MultiRangeTable } from './table.js';
import {
  accumulatorFracBits, mantissaAccumulator, mantissaCode, mantissaShift, type IntegerMultiRangeTable,
} from './multirange-js.js';

/** Bytes of the parameter block written in front of the data of every kernel call. */
export const MULTI_RANGE_PARAMS_BYTES = 704;

// Offsets of assembly/pwl-multirange/layout.ts.
const LEVEL1 = 0, LEVEL2_BASE = 16, LEVEL2_DELTA = 32, LEVEL3 = 48, LEVEL4 = 64;
const SLOPE_LO = 80, CONST_LO = 112, MANTISSA_POWER = 144, CLAMP_LOW16 = 160, CLAMP_HIGH16 = 176, PRE16 = 192;
const POST16 = 208, THRESH32 = 256, SLOPE32 = 320, CONST32 = 384, MANTISSA_SHIFT32 = 448, CLAMP_LOW32 = 480;
const CLAMP_HIGH32 = 512, LEFT32 = 544, BIAS32 = 576, RIGHT32 = 608, FRACBITS32 = 640;
const NEVER_BYTE = 127;
const NEVER_INT = 2147483647;
/** Leading-bit positions of the positive INT8 codes 1..127. */
const LEADING_BITS = [0, 1, 2, 3, 4, 5, 6];

/** How the SIMD kernel requantises: 'right' when every shift A - eo is >= 1, else 'general' (clamps, left shifts). */
export type MultiRangeShiftMode = 'right' | 'general';

/** Everything an op needs to call the kernels. */
export interface MultiRangePlan {
  /** The integer table. */
  readonly table: IntegerMultiRangeTable;
  /** Shift A - eo from the accumulator to the output, by leading bit L = 0..6 (negative: a left shift). */
  readonly shifts: readonly number[];
  /** Exponent A of the wide output by leading bit L = 0..6. */
  readonly accumulatorFracBits: readonly number[];
  /** Exact smallest and largest accumulator over the codes 1..127. */
  readonly accumulatorRange: readonly [number, number];
  /** True when every accumulator fits int16 (the SIMD kernel's arithmetic); else the SIMD tier runs the scalar kernel. */
  readonly fits16: boolean;
  /** Requantisation mode of the SIMD kernel. */
  readonly shiftMode: MultiRangeShiftMode;
  /** The parameter block. */
  readonly params: Int8Array;
}

/** The integer table of a validated multi-range table for input scale 2^-inputFracBits. */
export function toIntegerMultiRangeTable(table: MultiRangeTable, inputFracBits: number): IntegerMultiRangeTable {
  const scale = 2 ** table.format.fracBits;
  return {
    inputExponentStep: table.subRanges.inputExponentStep,
    inputFracBits,
    coefficientFracBits: table.format.fracBits,
    breakpoints: table.segments.breakpoints.map((p) => p * 2 ** table.mantissaFracBits),
    slopes: table.segments.slopes.map((k) => k * scale + 0),
    intercepts: table.segments.intercepts.map((b) => b * scale + 0),
  };
}

function splat(block: Int8Array, offset: number, value: number): void {
  block.fill(((value + 128) & 255) - 128, offset, offset + 16);
}

/** The 16-segment search tables of the SIMD kernel over signed bytes m - 128 (assembly/pwl-multirange/layout.ts). */
function packSearch(block: Int8Array, breakpoints: readonly number[]): void {
  const t = (j: number): number => (j <= breakpoints.length ? breakpoints[j - 1] - 1 - 128 : NEVER_BYTE);
  splat(block, LEVEL1, t(8));
  splat(block, LEVEL2_BASE, t(4));
  splat(block, LEVEL2_DELTA, t(12) - t(4));
  for (let b = 0; b < 4; b++) block[LEVEL3 + b] = t(4 * b + 2);
  for (let b = 0; b < 8; b++) block[LEVEL4 + b] = t(2 * b + 1);
}

/**
 * Plans the op of `table` for input scale 2^-inputFracBits and output scale 2^-outputFracBits (both already checked
 * to be integers in 0..15).
 */
export function planMultiRange(source: MultiRangeTable, inputFracBits: number, outputFracBits: number): MultiRangePlan {
  const table = toIntegerMultiRangeTable(source, inputFracBits);
  const fracBits = LEADING_BITS.map((L) => accumulatorFracBits(table, L));
  const shifts = fracBits.map((a) => a - outputFracBits);
  let accMin = Infinity, accMax = -Infinity;
  for (let q = 1; q <= 127; q++) {
    const acc = mantissaAccumulator(table, mantissaCode(table, q));
    accMin = Math.min(accMin, acc);
    accMax = Math.max(accMax, acc);
  }
  const fits16 = accMin >= -32768 && accMax <= 32767;
  const shiftMode: MultiRangeShiftMode = shifts.every((s) => s >= 1) ? 'right' : 'general';
  const block = new Int8Array(MULTI_RANGE_PARAMS_BYTES);
  const bytes = new Uint8Array(block.buffer);
  const view = new DataView(block.buffer);
  packSearch(block, table.breakpoints);
  for (let i = 0; i < 16; i++) {
    const slope = table.slopes[i] ?? 0;
    const constant = (table.intercepts[i] ?? 0) * 64;
    bytes[SLOPE_LO + i] = slope & 255; // 16-bit values (mod 2^16) as a low-byte and a high-byte table
    bytes[SLOPE_LO + 16 + i] = (slope >> 8) & 255;
    bytes[CONST_LO + i] = constant & 255;
    bytes[CONST_LO + 16 + i] = (constant >> 8) & 255;
    view.setInt32(THRESH32 + 4 * i, i < table.breakpoints.length ? table.breakpoints[i] - 1 : NEVER_INT, true);
    view.setInt32(SLOPE32 + 4 * i, slope, true);
    view.setInt32(CONST32 + 4 * i, constant, true);
  }
  for (const L of LEADING_BITS) {
    const shift = shifts[L];
    const right = shift >= 1;
    const left = right ? 0 : Math.min(-shift, 7);
    bytes[MANTISSA_POWER + L] = 2 ** mantissaShift(table, L); // up to 2^7 = 128, read unsigned by the kernel
    view.setInt16(CLAMP_LOW16 + 2 * L, right ? -32768 : -128, true);
    view.setInt16(CLAMP_HIGH16 + 2 * L, right ? 32767 : 127, true);
    view.setInt16(PRE16 + 2 * L, right ? 1 : 2 ** (left + 1), true);
    view.setInt16(POST16 + 2 * L, right ? (shift <= 15 ? 2 ** (15 - shift) : 0) : 2 ** 14, true);
    view.setInt32(MANTISSA_SHIFT32 + 4 * L, mantissaShift(table, L), true);
    view.setInt32(CLAMP_LOW32 + 4 * L, right ? -2147483648 : -128, true);
    view.setInt32(CLAMP_HIGH32 + 4 * L, right ? 2147483647 : 127, true);
    view.setInt32(LEFT32 + 4 * L, left, true);
    view.setInt32(BIAS32 + 4 * L, right ? 2 ** (shift - 1) : 0, true);
    view.setInt32(RIGHT32 + 4 * L, right ? shift : 0, true);
    view.setInt32(FRACBITS32 + 4 * L, fracBits[L], true);
  }
  return {
    table, shifts, accumulatorFracBits: fracBits, accumulatorRange: [accMin, accMax], fits16, shiftMode, params: block,
  };
}
