// pwl_s8__simd128: integer piecewise-linear (PWL) operator on int8 codes, 16-bit arithmetic, wasm SIMD.
//
// Operation, per element:  segment = #{ j : q > t_j }             (t_j sorted int8; the caller folds the tie rule
//                                                                   and the clamping of breakpoints into t)
//                          acc     = K'[segment] * q + C'[segment]  (16-bit, wrapping; exact, see preconditions)
//                          out     = saturate_int8(acc >> shift)    (arithmetic shift; C' holds the rounding bias
//                                                                    2^(shift-1), so this rounds half up)
// Types: input and output int8; K', C' 16-bit; shift 0..15 (a left shift is folded into K', C' by the caller).
// Preconditions: the parameter block at `params` is laid out as in ./layout.ts; levels = 3 (at most 8 segments) or
// 4 (at most 16); the exact K'*q + C' of every code lies in int16 (the TypeScript side computes the range over all
// 256 codes and otherwise uses the 32-bit kernels of ../pwl-s8-wide). Any length >= 0, any byte alignment, in
// place (input == output) allowed. Main loop: 32 codes per step, both vectors loaded before either is stored.
// Tail (length % 16 codes): through the scratch bytes of the parameter block, so nothing outside [input,
// input+length) is read and nothing outside [output, output+length) is written.
// Reference: src/kernels/pwl-s8-js.ts (pwlS8Reference), which it must match exactly.
//
// 8 segments: the search finds 2*segment (bits 8, 4, 2), so the byte pairs (2s, 2s+1) index 16-bit tables:
//   d = [d0 d1 .. d15]    pairs0 = [d0 d0+1 | d1 d1+1 | .. | d7 d7+1]   ->  swizzle(K'16, pairs0) = K' of lanes 0-7
// 16 segments: the 16-bit tables would need 32 bytes, so K' and C' are low/high byte tables, swizzled by the
// segment and interleaved (punpcklbw / punpckhbw) into 16-bit lanes 0-7 and 8-15.
// Every loop is specialised on a constant shift: a constant psraw is one x86 instruction, a variable one three.
import {
  N8_LEVEL1, N8_LEVEL2_BASE, N8_LEVEL2_DELTA, N8_LEVEL3, N8_SLOPE16, N8_CONST16, S16_LEVEL1, S16_LEVEL2_BASE,
  S16_LEVEL2_DELTA, S16_LEVEL3, S16_LEVEL4, N16_SLOPE_LO, N16_SLOPE_HI, N16_CONST_LO, N16_CONST_HI, SCRATCH,
  segment16, interleave16,
} from './layout';

@inline
function finish(source: usize, shift: i32, slope0: v128, const0: v128, slope1: v128, const1: v128): v128 {
  const acc0 = i16x8.add(i16x8.mul(v128.load8x8_s(source), slope0), const0);
  const acc1 = i16x8.add(i16x8.mul(v128.load8x8_s(source, 8), slope1), const1);
  return i8x16.narrow_i16x8_s(i16x8.shr_s(acc0, shift), i16x8.shr_s(acc1, shift));
}

/** 16 outputs of an at-most-8-segment table for the 16 codes at `source`. */
@inline
function vector8(source: usize, shift: i32, level1: v128, level2Base: v128, level2Delta: v128, level3: v128,
  slopes: v128, consts: v128): v128 {
  const q = v128.load(source);
  const upper = i8x16.gt_s(q, level1);
  const second = i8x16.gt_s(q, i8x16.add(level2Base, v128.and(upper, level2Delta)));
  const bits = v128.or(v128.and(upper, i8x16.splat(8)), v128.and(second, i8x16.splat(4)));
  const third = i8x16.gt_s(q, i8x16.swizzle(level3, bits));
  const double = v128.or(bits, v128.and(third, i8x16.splat(2)));
  const doublePlusOne = v128.or(double, i8x16.splat(1));
  const pairs0 = interleave16(double, doublePlusOne, false);
  const pairs1 = interleave16(double, doublePlusOne, true);
  return finish(source, shift, i8x16.swizzle(slopes, pairs0), i8x16.swizzle(consts, pairs0),
    i8x16.swizzle(slopes, pairs1), i8x16.swizzle(consts, pairs1));
}

/** 16 outputs of an at-most-16-segment table for the 16 codes at `source`. */
@inline
function vector16(source: usize, shift: i32, level1: v128, level2Base: v128, level2Delta: v128, level3: v128,
  level4: v128, slopeLo: v128, slopeHi: v128, constLo: v128, constHi: v128): v128 {
  const segment = segment16(v128.load(source), level1, level2Base, level2Delta, level3, level4);
  const kLo = i8x16.swizzle(slopeLo, segment);
  const kHi = i8x16.swizzle(slopeHi, segment);
  const cLo = i8x16.swizzle(constLo, segment);
  const cHi = i8x16.swizzle(constHi, segment);
  return finish(source, shift, interleave16(kLo, kHi, false), interleave16(cLo, cHi, false),
    interleave16(kLo, kHi, true), interleave16(cLo, cHi, true));
}

// Main loops: 32 codes per step, both vectors computed before either is stored (in place stays correct, and the
// loads need not wait for the stores), then one more vector of 16, then the tail.
@inline
function loop8(input: usize, output: usize, length: usize, params: usize, shift: i32): void {
  const level1 = v128.load(params, N8_LEVEL1);
  const level2Base = v128.load(params, N8_LEVEL2_BASE);
  const level2Delta = v128.load(params, N8_LEVEL2_DELTA);
  const level3 = v128.load(params, N8_LEVEL3);
  const slopes = v128.load(params, N8_SLOPE16);
  const consts = v128.load(params, N8_CONST16);
  let i: usize = 0;
  for (; i + 32 <= length; i += 32) {
    const first = vector8(input + i, shift, level1, level2Base, level2Delta, level3, slopes, consts);
    const second = vector8(input + i + 16, shift, level1, level2Base, level2Delta, level3, slopes, consts);
    v128.store(output + i, first);
    v128.store(output + i, second, 16);
  }
  for (; i + 16 <= length; i += 16) {
    v128.store(output + i, vector8(input + i, shift, level1, level2Base, level2Delta, level3, slopes, consts));
  }
  if (i < length) pwlTail(input + i, output + i, length - i, params, 3, shift);
}

@inline
function loop16(input: usize, output: usize, length: usize, params: usize, shift: i32): void {
  const level1 = v128.load(params, S16_LEVEL1);
  const level2Base = v128.load(params, S16_LEVEL2_BASE);
  const level2Delta = v128.load(params, S16_LEVEL2_DELTA);
  const level3 = v128.load(params, S16_LEVEL3);
  const level4 = v128.load(params, S16_LEVEL4);
  const slopeLo = v128.load(params, N16_SLOPE_LO);
  const slopeHi = v128.load(params, N16_SLOPE_HI);
  const constLo = v128.load(params, N16_CONST_LO);
  const constHi = v128.load(params, N16_CONST_HI);
  let i: usize = 0;
  for (; i + 32 <= length; i += 32) {
    const first = vector16(input + i, shift, level1, level2Base, level2Delta, level3, level4,
      slopeLo, slopeHi, constLo, constHi);
    const second = vector16(input + i + 16, shift, level1, level2Base, level2Delta, level3, level4,
      slopeLo, slopeHi, constLo, constHi);
    v128.store(output + i, first);
    v128.store(output + i, second, 16);
  }
  for (; i + 16 <= length; i += 16) {
    v128.store(output + i, vector16(input + i, shift, level1, level2Base, level2Delta, level3, level4,
      slopeLo, slopeHi, constLo, constHi));
  }
  if (i < length) pwlTail(input + i, output + i, length - i, params, 4, shift);
}

/** The last 1..15 codes, through the scratch bytes (not specialised on the shift: it runs once per call). */
function pwlTail(input: usize, output: usize, count: usize, params: usize, levels: i32, shift: i32): void {
  const scratch = params + SCRATCH;
  memory.copy(scratch, input, count);
  const result = levels == 3
    ? vector8(scratch, shift, v128.load(params, N8_LEVEL1), v128.load(params, N8_LEVEL2_BASE),
      v128.load(params, N8_LEVEL2_DELTA), v128.load(params, N8_LEVEL3), v128.load(params, N8_SLOPE16),
      v128.load(params, N8_CONST16))
    : vector16(scratch, shift, v128.load(params, S16_LEVEL1), v128.load(params, S16_LEVEL2_BASE),
      v128.load(params, S16_LEVEL2_DELTA), v128.load(params, S16_LEVEL3), v128.load(params, S16_LEVEL4),
      v128.load(params, N16_SLOPE_LO), v128.load(params, N16_SLOPE_HI), v128.load(params, N16_CONST_LO),
      v128.load(params, N16_CONST_HI));
  v128.store(scratch, result);
  memory.copy(output, scratch, count);
}

function pwl8(input: usize, output: usize, length: usize, params: usize, shift: i32): void {
  switch (shift) {
    case 0: loop8(input, output, length, params, 0); break;
    case 1: loop8(input, output, length, params, 1); break;
    case 2: loop8(input, output, length, params, 2); break;
    case 3: loop8(input, output, length, params, 3); break;
    case 4: loop8(input, output, length, params, 4); break;
    case 5: loop8(input, output, length, params, 5); break;
    case 6: loop8(input, output, length, params, 6); break;
    case 7: loop8(input, output, length, params, 7); break;
    case 8: loop8(input, output, length, params, 8); break;
    case 9: loop8(input, output, length, params, 9); break;
    case 10: loop8(input, output, length, params, 10); break;
    case 11: loop8(input, output, length, params, 11); break;
    case 12: loop8(input, output, length, params, 12); break;
    case 13: loop8(input, output, length, params, 13); break;
    case 14: loop8(input, output, length, params, 14); break;
    default: loop8(input, output, length, params, 15); break;
  }
}

function pwl16(input: usize, output: usize, length: usize, params: usize, shift: i32): void {
  switch (shift) {
    case 0: loop16(input, output, length, params, 0); break;
    case 1: loop16(input, output, length, params, 1); break;
    case 2: loop16(input, output, length, params, 2); break;
    case 3: loop16(input, output, length, params, 3); break;
    case 4: loop16(input, output, length, params, 4); break;
    case 5: loop16(input, output, length, params, 5); break;
    case 6: loop16(input, output, length, params, 6); break;
    case 7: loop16(input, output, length, params, 7); break;
    case 8: loop16(input, output, length, params, 8); break;
    case 9: loop16(input, output, length, params, 9); break;
    case 10: loop16(input, output, length, params, 10); break;
    case 11: loop16(input, output, length, params, 11); break;
    case 12: loop16(input, output, length, params, 12); break;
    case 13: loop16(input, output, length, params, 13); break;
    case 14: loop16(input, output, length, params, 14); break;
    default: loop16(input, output, length, params, 15); break;
  }
}

/**
 * int8 PWL with 16-bit arithmetic: `length` codes from `input` to `output` (may be the same address). `levels`:
 * 3 for tables of at most 8 segments, 4 for at most 16. `shift` (0..15): the rounding right shift.
 */
export function pwl_s8__simd128(input: usize, output: usize, length: i32, params: usize, levels: i32, shift: i32): void {
  if (levels == 3) pwl8(input, output, <usize>length, params, shift);
  else pwl16(input, output, <usize>length, params, shift);
}
