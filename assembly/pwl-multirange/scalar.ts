// pwl_multirange__scalar, pwl_multirange_wide__scalar: multi-range input scaling for reci and sqrt_reci on int8
// codes (exponent/mantissa range reduction, one PWL table on the base interval), one code at a time, no SIMD.
//
// Operation, per code q (x = q * 2^-d):
//   q <= 0:  int8 output 127; wide output (2^31 - 1, 0)                         (the 'saturate' policy)
//   q >= 1:  L   = 31 - clz(q)                                                  (leading one bit, 0..6)
//            m   = q << MANTISSA_SHIFT[L]                                       (mantissa code, 64..254)
//            s   = #{ j : m > P_j - 1 }                                         (branch-free binary search, 4 levels)
//            acc = K[s] * m + B[s] * 2^6                                        (int32, exact)
//   pwl_multirange__scalar:       out = saturate_int8(((clamp(acc, LOW[L], HIGH[L]) << LEFT[L]) + BIAS[L]) >> RIGHT[L])
//                                 (per L either a rounding right shift: BIAS = 2^(RIGHT-1), no clamp, LEFT = 0;
//                                 or an exact left shift: clamp to [-128, 127], LEFT = min(shift, 7), which
//                                 saturates exactly like the unclamped product would)
//   pwl_multirange_wide__scalar:  accumulators[i] = acc (int32), fracBits[i] = FRACBITS[L] (int8): y = acc * 2^-A
// Types: int8 codes; K, B*2^6 int32 (K, B 16-bit, so |acc| < 2^24); RIGHT 0..27.
// Preconditions: parameter block as in ./layout.ts (THRESH32 sorted, padded with 2^31 - 1). Any length >= 0, any
// alignment; the int8 kernel works in place (each code is read before its output is written); the wide kernel's
// outputs must not overlap its input. Nothing outside the given ranges is read or written (no tail case).
// Reference: src/multirange/multirange-js.ts (multiRangeReference, multiRangeWideReference), matched exactly.
import {
  THRESH32, SLOPE32, CONST32, MANTISSA_SHIFT32, CLAMP_LOW32, CLAMP_HIGH32, LEFT32, BIAS32, RIGHT32, FRACBITS32,
} from './layout';

/** Segment of mantissa code m: the number of thresholds t_j = P_j - 1 below m (t[0..15], t[15] padding). */
@inline
function segmentOf(m: i32, thresholds: usize): i32 {
  let bits = i32(m > load<i32>(thresholds, 28)) << 3;
  bits |= i32(m > load<i32>(thresholds + (<usize>(bits + 3) << 2))) << 2;
  bits |= i32(m > load<i32>(thresholds + (<usize>(bits + 1) << 2))) << 1;
  return bits | i32(m > load<i32>(thresholds + (<usize>bits << 2)));
}

/** The positive code that stands in for q (1 when q <= 0, whose result is replaced anyway). */
@inline
function positiveCode(q: i32): i32 {
  return select<i32>(q, 1, q > 0);
}

/** Byte offset of the by-L tables for a positive code. */
@inline
function leadingOffset(code: i32): usize {
  return <usize>(31 - clz<i32>(code)) << 2;
}

/** acc = K[s] * m + B[s] * 2^6 of a positive code whose by-L offset is `leading`. */
@inline
function accumulator(code: i32, leading: usize, params: usize): i32 {
  const m = code << load<i32>(params + leading, MANTISSA_SHIFT32);
  const segment = <usize>segmentOf(m, params + THRESH32) << 2;
  return load<i32>(params + segment, SLOPE32) * m + load<i32>(params + segment, CONST32);
}

/** int8 outputs of `length` codes from `input` to `output` (may be the same address). */
export function pwl_multirange__scalar(input: usize, output: usize, length: i32, params: usize): void {
  const end = <usize>length;
  for (let i: usize = 0; i < end; i++) {
    const q = <i32>load<i8>(input + i);
    const code = positiveCode(q);
    const leading = leadingOffset(code);
    const acc = accumulator(code, leading, params);
    const low = load<i32>(params + leading, CLAMP_LOW32);
    const high = load<i32>(params + leading, CLAMP_HIGH32);
    const clamped = acc < low ? low : acc > high ? high : acc;
    const shifted = ((clamped << load<i32>(params + leading, LEFT32)) + load<i32>(params + leading, BIAS32))
      >> load<i32>(params + leading, RIGHT32);
    const saturated = shifted < -128 ? -128 : shifted > 127 ? 127 : shifted;
    store<i8>(output + i, <i8>select<i32>(saturated, 127, q > 0));
  }
}

/** Wide outputs of `length` codes: int32 accumulators at `accumulators`, int8 exponents A at `fracBits`. */
export function pwl_multirange_wide__scalar(input: usize, accumulators: usize, fracBits: usize, length: i32,
  params: usize): void {
  const end = <usize>length;
  for (let i: usize = 0; i < end; i++) {
    const q = <i32>load<i8>(input + i);
    const code = positiveCode(q);
    const leading = leadingOffset(code);
    const acc = accumulator(code, leading, params);
    store<i32>(accumulators + (i << 2), select<i32>(acc, 2147483647, q > 0));
    store<i8>(fracBits + i, <i8>select<i32>(load<i32>(params + leading, FRACBITS32), 0, q > 0));
  }
}
