/**
 * Plans an INT8 PWL operator for the wasm kernels: the exact accumulator range over all 256 codes, the choice
 * between the 16-bit kernels (fast) and the 32-bit ones (wide), and the parameter block of assembly/pwl-s8/layout.ts.
 */
import { accumulatorOfCode, type IntegerPwlTable } from '../kernels/pwl-s8-js.js';

/** Bytes of the parameter block written in front of the data (assembly/pwl-s8/layout.ts). */
export const PWL_S8_PARAMS_BYTES = 640;

// Offsets of assembly/pwl-s8/layout.ts.
const N8_LEVEL1 = 0, N8_LEVEL2_BASE = 16, N8_LEVEL2_DELTA = 32, N8_LEVEL3 = 48, N8_SLOPE16 = 64, N8_CONST16 = 80;
const S16_LEVEL1 = 96, S16_LEVEL2_BASE = 112, S16_LEVEL2_DELTA = 128, S16_LEVEL3 = 144, S16_LEVEL4 = 160;
const N16_SLOPE_LO = 176, N16_CONST_LO = 208, W_SLOPE_LO = 240, W_INTERCEPT_LO = 272;
const SLOPE32 = 304, CONST32 = 368, THRESH32 = 432;
const NEVER = 127;

/**
 * How the vector kernels evaluate a table: 'narrow8' / 'narrow16' = 16-bit arithmetic, at most 8 / 16 reachable
 * segments; 'wide' = 32-bit accumulators (when some K*q + C does not fit in 16 bits).
 */
export type PwlS8Path = 'narrow8' | 'narrow16' | 'wide';

/** Everything the op needs to call the kernels. */
export interface PwlS8Plan {
  /** Vector path for the int8 output. */
  readonly path: PwlS8Path;
  /** Exact smallest and largest accumulator K*q + B*2^d over the 256 codes (units of 2^-(6+d)). */
  readonly accumulatorRange: readonly [number, number];
  /** Right shift (>= 0) from the accumulator to the output scale; the rounding bias is 2^(shiftRight-1) when > 0. */
  readonly shiftRight: number;
  /** Left shift (>= 0) when the output scale is finer than the accumulator's (6 + d < e). */
  readonly shiftLeft: number;
  /** Rounding bias added before the right shift: 2^(shiftRight-1), or 0. */
  readonly rounding: number;
  /** Segments reachable from some code (those whose breakpoints all lie outside the codes are dropped). */
  readonly reachableSegments: number;
  /** Parameter block for the int8 output kernels. */
  readonly params: Uint8Array;
  /** Parameter block for the accumulator output kernels (no rounding bias in the scalar constant terms). */
  readonly accumulatorParams: Uint8Array;
}

/**
 * The thresholds t_j of the kernels' search "segment = #{ j : q > t_j }" over the codes -128..127: a breakpoint P
 * becomes t = P - 1 (tie rule 'right': q >= P) or t = P ('left': q > P). Thresholds below every code (t < -128)
 * are always passed: they are dropped and the segment numbering starts after them (`first`); thresholds at or
 * above 127 are never passed and dropped too.
 */
function effectiveThresholds(table: IntegerPwlTable): { first: number; thresholds: number[] } {
  const all = table.breakpoints.map((p) => (table.tieRule === 'right' ? p - 1 : p));
  const first = all.filter((t) => t < -128).length;
  return { first, thresholds: all.filter((t) => t >= -128 && t < NEVER) };
}

function splat(block: Uint8Array, offset: number, value: number): void {
  block.fill(value & 255, offset, offset + 16);
}

/** Writes 16-bit values (two's complement, modulo 2^16) as low and high byte tables 16 bytes apart. */
function byteTables(block: Uint8Array, offset: number, values: readonly number[]): void {
  values.forEach((value, i) => {
    block[offset + i] = value & 255;
    block[offset + 16 + i] = (value >> 8) & 255;
  });
}

function packBlock(thresholds: readonly number[], slopes: readonly number[], intercepts: readonly number[],
  narrowSlopes: readonly number[], narrowConsts: readonly number[], scalarConsts: readonly number[]): Uint8Array {
  const block = new Uint8Array(PWL_S8_PARAMS_BYTES);
  const view = new DataView(block.buffer);
  const t = (j: number): number => thresholds[j - 1] ?? NEVER; // t_1..t_15, padded with "never"
  splat(block, N8_LEVEL1, t(4));
  splat(block, N8_LEVEL2_BASE, t(2));
  splat(block, N8_LEVEL2_DELTA, t(6) - t(2));
  for (const b of [0, 4, 8, 12]) block[N8_LEVEL3 + b] = t(b / 2 + 1) & 255;
  for (let i = 0; i < 8; i++) {
    view.setInt16(N8_SLOPE16 + 2 * i, narrowSlopes[i] ?? 0, true);
    view.setInt16(N8_CONST16 + 2 * i, narrowConsts[i] ?? 0, true);
  }
  splat(block, S16_LEVEL1, t(8));
  splat(block, S16_LEVEL2_BASE, t(4));
  splat(block, S16_LEVEL2_DELTA, t(12) - t(4));
  for (let b = 0; b < 4; b++) block[S16_LEVEL3 + b] = t(4 * b + 2) & 255;
  for (let b = 0; b < 8; b++) block[S16_LEVEL4 + b] = t(2 * b + 1) & 255;
  byteTables(block, N16_SLOPE_LO, narrowSlopes);
  byteTables(block, N16_CONST_LO, narrowConsts);
  byteTables(block, W_SLOPE_LO, slopes);
  byteTables(block, W_INTERCEPT_LO, intercepts);
  for (let i = 0; i < 16; i++) {
    view.setInt32(SLOPE32 + 4 * i, slopes[i] ?? 0, true);
    view.setInt32(CONST32 + 4 * i, scalarConsts[i] ?? 0, true);
    view.setInt32(THRESH32 + 4 * i, t(i + 1), true);
  }
  return block;
}

/** Wraps an integer to int16 (the 16-bit kernels compute modulo 2^16; the range check makes the result exact). */
function toInt16(value: number): number {
  return ((value % 65536) + 65536 + 32768) % 65536 - 32768;
}

/**
 * Plans the op of `table` with output scale 2^-outputFracBits. The 16-bit path is taken when every code's
 * K'*q + C' (with the left shift and the rounding bias folded in) lies in int16; that is checked exactly over all
 * 256 codes, with the segments of the reference semantics.
 */
export function planPwlS8(table: IntegerPwlTable, outputFracBits: number): PwlS8Plan {
  const d = table.inputFracBits;
  const shift = 6 + d - outputFracBits;
  const shiftRight = Math.max(shift, 0);
  const shiftLeft = Math.max(-shift, 0);
  const rounding = shiftRight > 0 ? 2 ** (shiftRight - 1) : 0;
  const { first, thresholds } = effectiveThresholds(table);
  const reachable = thresholds.length + 1;
  const slopes = table.slopes.slice(first, first + reachable);
  const intercepts = table.intercepts.slice(first, first + reachable);
  const narrowSlopes = slopes.map((k) => k * 2 ** shiftLeft);
  const narrowConsts = intercepts.map((b) => b * 2 ** d * 2 ** shiftLeft + rounding);
  let accMin = Infinity, accMax = -Infinity, narrowMin = Infinity, narrowMax = -Infinity;
  for (let q = -128; q <= 127; q++) {
    const acc = accumulatorOfCode(table, q);
    accMin = Math.min(accMin, acc);
    accMax = Math.max(accMax, acc);
    const narrow = acc * 2 ** shiftLeft + rounding;
    narrowMin = Math.min(narrowMin, narrow);
    narrowMax = Math.max(narrowMax, narrow);
  }
  const fits16 = narrowMin >= -32768 && narrowMax <= 32767;
  const path: PwlS8Path = !fits16 ? 'wide' : reachable <= 8 ? 'narrow8' : 'narrow16';
  const wrap = (values: number[]): number[] => values.map(toInt16);
  const scaled = intercepts.map((b) => b * 2 ** d);
  return {
    path,
    accumulatorRange: [accMin, accMax],
    shiftRight,
    shiftLeft,
    rounding,
    reachableSegments: reachable,
    params: packBlock(thresholds, slopes, intercepts, wrap(narrowSlopes), wrap(narrowConsts),
      scaled.map((c) => c + rounding)),
    accumulatorParams: packBlock(thresholds, slopes, intercepts, wrap(narrowSlopes), wrap(narrowConsts), scaled),
  };
}
