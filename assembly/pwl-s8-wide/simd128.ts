// pwl_s8_wide__simd128, pwl_s8_acc__simd128: integer PWL on int8 codes with 32-bit accumulators, wasm SIMD.
//
// Operation, per element:  segment = #{ j : q > t_j }                      (as in ../pwl-s8/simd128.ts)
//                          acc     = K[segment] * q + B[segment] * 2^d    (exact int32; K, B int16)
//   pwl_s8_acc__simd128:   output (int32) = acc
//   pwl_s8_wide__simd128:  output (int8)  = saturate_int8((acc + rounding) >> shiftRight)   when shiftLeft == 0
//                                        = saturate_int8(clamp(acc, -256, 256) << shiftLeft) when shiftLeft > 0
//                          (the clamp keeps the left shift exact where it matters: |acc| >= 256 saturates anyway)
// Types: input int8; K and B int16 (B is the intercept in units of 2^-6, not yet scaled); inputScale = 2^d <= 2^14.
// Preconditions: parameter block as in ../pwl-s8/layout.ts (16-segment search, W_* byte tables); shiftRight 0..31,
// shiftLeft 0..9. For tables whose 16-bit accumulator would overflow (e.g. the official reciprocal tables, slope
// -3.203 = K -205) and for the accumulator output. Any length >= 0, any alignment; in place allowed for the int8
// output. The tail goes through the scratch bytes: nothing outside the input and output ranges is touched.
// Reference: src/kernels/pwl-s8-js.ts (pwlS8Reference, pwlS8AccumulatorReference), matched exactly.
//
// The products come from i32x4.dot_i16x8_s (pmaddwd) on interleaved pairs, so the intercept costs no extra multiply:
//   pairs of codes   [q0 2^d | q1 2^d | q2 2^d | q3 2^d]     (punpcklwd of the codes with splat 2^d)
//   pairs of coeffs  [K0 B0  | K1 B1  | K2 B2  | K3 B3 ]     (punpcklwd of K and B)   -> dot = K*q + B*2^d
import {
  S16_LEVEL1, S16_LEVEL2_BASE, S16_LEVEL2_DELTA, S16_LEVEL3, S16_LEVEL4, W_SLOPE_LO, W_SLOPE_HI, W_INTERCEPT_LO,
  W_INTERCEPT_HI, SCRATCH, segment16, interleave16,
} from '../pwl-s8/layout';

/** Accumulators of four lanes: lanes 0-3 (`high` false) or 4-7 (`high` true) of the 16-bit vectors given. */
@inline
function quarter(codes: v128, scale: v128, slopes: v128, intercepts: v128, high: bool): v128 {
  return high
    ? i32x4.dot_i16x8_s(i16x8.shuffle(codes, scale, 4, 12, 5, 13, 6, 14, 7, 15),
      i16x8.shuffle(slopes, intercepts, 4, 12, 5, 13, 6, 14, 7, 15))
    : i32x4.dot_i16x8_s(i16x8.shuffle(codes, scale, 0, 8, 1, 9, 2, 10, 3, 11),
      i16x8.shuffle(slopes, intercepts, 0, 8, 1, 9, 2, 10, 3, 11));
}

/** int8 output of four accumulators. */
@inline
function requantise(acc: v128, rounding: v128, shiftRight: i32, shiftLeft: i32, left: bool): v128 {
  return left
    ? i32x4.shl(i32x4.min_s(i32x4.max_s(acc, i32x4.splat(-256)), i32x4.splat(256)), shiftLeft)
    : i32x4.shr_s(i32x4.add(acc, rounding), shiftRight);
}

/**
 * The 16 codes at `source`: writes 16 int32 accumulators at `output` (`accumulate` true) or 16 int8 outputs.
 * All loads come before the first store (in place and the scratch tail stay correct).
 */
@inline
function block(source: usize, output: usize, params: usize, scale: v128, rounding: v128, shiftRight: i32,
  shiftLeft: i32, accumulate: bool, left: bool): void {
  const segment = segment16(v128.load(source), v128.load(params, S16_LEVEL1), v128.load(params, S16_LEVEL2_BASE),
    v128.load(params, S16_LEVEL2_DELTA), v128.load(params, S16_LEVEL3), v128.load(params, S16_LEVEL4));
  const codes0 = v128.load8x8_s(source);
  const codes1 = v128.load8x8_s(source, 8);
  const kLo = i8x16.swizzle(v128.load(params, W_SLOPE_LO), segment);
  const kHi = i8x16.swizzle(v128.load(params, W_SLOPE_HI), segment);
  const bLo = i8x16.swizzle(v128.load(params, W_INTERCEPT_LO), segment);
  const bHi = i8x16.swizzle(v128.load(params, W_INTERCEPT_HI), segment);
  const slopes0 = interleave16(kLo, kHi, false);
  const slopes1 = interleave16(kLo, kHi, true);
  const intercepts0 = interleave16(bLo, bHi, false);
  const intercepts1 = interleave16(bLo, bHi, true);
  const acc0 = quarter(codes0, scale, slopes0, intercepts0, false);
  const acc1 = quarter(codes0, scale, slopes0, intercepts0, true);
  const acc2 = quarter(codes1, scale, slopes1, intercepts1, false);
  const acc3 = quarter(codes1, scale, slopes1, intercepts1, true);
  if (accumulate) {
    v128.store(output, acc0);
    v128.store(output, acc1, 16);
    v128.store(output, acc2, 32);
    v128.store(output, acc3, 48);
  } else {
    const low = i16x8.narrow_i32x4_s(requantise(acc0, rounding, shiftRight, shiftLeft, left),
      requantise(acc1, rounding, shiftRight, shiftLeft, left));
    const high = i16x8.narrow_i32x4_s(requantise(acc2, rounding, shiftRight, shiftLeft, left),
      requantise(acc3, rounding, shiftRight, shiftLeft, left));
    v128.store(output, i8x16.narrow_i16x8_s(low, high));
  }
}

@inline
function wideLoop(input: usize, output: usize, length: usize, params: usize, inputScale: i32, rounding: i32,
  shiftRight: i32, shiftLeft: i32, accumulate: bool, left: bool): void {
  const scale = i16x8.splat(<i16>inputScale);
  const bias = i32x4.splat(rounding);
  const outputWidth: usize = accumulate ? 4 : 1;
  let i: usize = 0;
  for (; i + 16 <= length; i += 16) {
    block(input + i, output + i * outputWidth, params, scale, bias, shiftRight, shiftLeft, accumulate, left);
  }
  if (i < length) {
    const count = length - i;
    const scratch = params + SCRATCH;
    memory.copy(scratch, input + i, count);
    block(scratch, scratch + 64, params, scale, bias, shiftRight, shiftLeft, accumulate, left);
    memory.copy(output + i * outputWidth, scratch + 64, count * outputWidth);
  }
}

/**
 * int8 PWL with 32-bit arithmetic: `length` codes from `input` to `output` (may be the same address).
 * `inputScale` = 2^d; `rounding` = 2^(shiftRight-1) or 0; at most one of `shiftRight`, `shiftLeft` is non-zero.
 */
export function pwl_s8_wide__simd128(input: usize, output: usize, length: i32, params: usize, inputScale: i32,
  rounding: i32, shiftRight: i32, shiftLeft: i32): void {
  if (shiftLeft > 0) wideLoop(input, output, <usize>length, params, inputScale, 0, 0, shiftLeft, false, true);
  else wideLoop(input, output, <usize>length, params, inputScale, rounding, shiftRight, 0, false, false);
}

/** The exact accumulators K*q + B*2^d as int32: `length` codes from `input` to the int32 array at `output`. */
export function pwl_s8_acc__simd128(input: usize, output: usize, length: i32, params: usize, inputScale: i32): void {
  wideLoop(input, output, <usize>length, params, inputScale, 0, 0, 0, true, false);
}
