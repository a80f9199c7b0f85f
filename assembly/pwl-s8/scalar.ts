// pwl_s8__scalar, pwl_s8_acc__scalar: integer PWL on int8 codes, one code at a time, no SIMD.
//
// Operation, per element:  segment = #{ j : q > t_j }                 (branch-free binary search, 4 levels)
//                          acc     = K[segment] * q + C[segment]     (int32, exact; C = B*2^d + rounding bias)
//   pwl_s8_acc__scalar:    output (int32) = acc                      (the caller packs C without the bias)
//   pwl_s8__scalar:        output (int8)  = saturate_int8(acc >> shiftRight)                  if shiftLeft == 0
//                                         = saturate_int8(clamp(acc, -256, 256) << shiftLeft)  if shiftLeft > 0
// Types: input int8, K and C int32 (|K|, |B| < 2^15, so acc fits easily).
// Preconditions: parameter block as in ./layout.ts (SLOPE32, CONST32, THRESH32: t_1..t_15 then 127); shiftRight
// 0..31, shiftLeft 0..9. Any length >= 0, any alignment, in place allowed; each code is read before its output is
// written, and nothing outside [input, input+length) / the output range is touched (no tail case).
// Reference: src/kernels/pwl-s8-js.ts (pwlS8Reference, pwlS8AccumulatorReference), matched exactly.
//
// Search: with t[0..15] the thresholds, level 1 tests t[7]; then t[b+3], t[b+1], t[b] for the bits b found so far
// (b in {0, 8}, then {0, 4, 8, 12}, then even): the same tree as the vector kernels, with 32-bit loads.
import { SLOPE32, CONST32, THRESH32 } from './layout';

@inline
function segmentOf(q: i32, thresholds: usize): i32 {
  let bits = i32(q > load<i32>(thresholds, 28)) << 3;
  bits |= i32(q > load<i32>(thresholds + (<usize>(bits + 3) << 2))) << 2;
  bits |= i32(q > load<i32>(thresholds + (<usize>(bits + 1) << 2))) << 1;
  return bits | i32(q > load<i32>(thresholds + (<usize>bits << 2)));
}

@inline
function accumulator(q: i32, params: usize): i32 {
  const offset = <usize>segmentOf(q, params + THRESH32) << 2;
  return load<i32>(params + offset, SLOPE32) * q + load<i32>(params + offset, CONST32);
}

@inline
function saturate(value: i32): i32 {
  return value < -128 ? -128 : value > 127 ? 127 : value;
}

@inline
function scalarLoop(input: usize, output: usize, length: usize, params: usize, shiftRight: i32, shiftLeft: i32,
  left: bool): void {
  for (let i: usize = 0; i < length; i++) {
    const acc = accumulator(<i32>load<i8>(input + i), params);
    let result: i32;
    if (left) {
      const clamped = acc < -256 ? -256 : acc > 256 ? 256 : acc;
      result = saturate(clamped << shiftLeft);
    } else {
      result = saturate(acc >> shiftRight);
    }
    store<i8>(output + i, <i8>result);
  }
}

/**
 * int8 PWL, scalar: `length` codes from `input` to `output` (may be the same address). At most one of
 * `shiftRight` (0..31; the rounding bias is in C) and `shiftLeft` (0..9) is non-zero.
 */
export function pwl_s8__scalar(input: usize, output: usize, length: i32, params: usize, shiftRight: i32,
  shiftLeft: i32): void {
  if (shiftLeft > 0) scalarLoop(input, output, <usize>length, params, 0, shiftLeft, true);
  else scalarLoop(input, output, <usize>length, params, shiftRight, 0, false);
}

/** The exact accumulators K*q + B*2^d as int32 (C packed without rounding bias), scalar. */
export function pwl_s8_acc__scalar(input: usize, output: usize, length: i32, params: usize): void {
  const end = <usize>length;
  for (let i: usize = 0; i < end; i++) {
    store<i32>(output + (i << 2), accumulator(<i32>load<i8>(input + i), params));
  }
}
