// pwl_multirange__simd128: multi-range input scaling for reci and sqrt_reci on int8 codes, 16 codes per step,
// 16-bit arithmetic, wasm SIMD.
//
// Operation, per code q (the same as ./scalar.ts):
//   L    = leading one bit of q, 0..6           = max(HIGH_NIBBLE[q >> 4], LOW_NIBBLE[q & 15])  (two swizzles)
//   m    = q * MANTISSA_POWER[L]                 (unsigned 8x8 -> 16-bit products; 64..254)
//   s    = #{ j : m - 128 > t_j }               (4-level search on the signed bytes m ^ 0x80, see mantissaSegment)
//   acc  = K[s] * m + C[s]                       (16-bit, wrapping; exact because every accumulator fits int16)
//   out  = saturate_int8(q15mulr(v, POST[L]))    where v = acc ('right' mode) or
//                                                v = clamp(acc, LOW[L], HIGH[L]) * PRE[L] ('general' mode)
//   q <= 0: out = 127
// Requantisation by a per-lane shift, exactly as the scalar rule (round half up, then saturate):
//   right shift s in 1..15:  POST = 2^(15-s): q15mulr(acc, POST) = (acc * 2^(15-s) + 2^14) >> 15
//                                                              = (acc + 2^(s-1)) >> s exactly;
//   s >= 16:                 POST = 0: the exact result is 0 for every int16 acc, and q15mulr gives 0;
//   left shift k = -s >= 0 ('general' only): v = clamp(acc, -128, 127) * 2^(min(k,7)+1) (even, fits int16) and
//                            POST = 2^14, so q15mulr = v / 2 = clamp(acc) * 2^min(k,7), which saturates to the
//                            same int8 as acc * 2^k. In 'general' mode right-shift lanes use LOW/HIGH = the int16
//                            range and PRE = 1.
// The 16-bit per-L values are looked up with byte pairs (2L, 2L+1):
//   L = [l0 l1 .. l15]  ->  pairs0 = [2l0 2l0+1 | 2l1 2l1+1 | .. | 2l7 2l7+1]  ->  swizzle(POST16, pairs0) = lanes 0-7
// Types: int8 in and out. Preconditions: parameter block as in ./layout.ts; every accumulator of the codes 1..127
// fits int16 (checked over all codes by src/multirange/params.ts, which otherwise calls the scalar kernel).
// Any length >= 0, any alignment, in place allowed. Tail (length % 16): through the scratch bytes of the block, so
// nothing outside [input, input+length) is read or outside [output, output+length) written.
// Reference: src/multirange/multirange-js.ts (multiRangeReference), matched exactly.
import {
  LEVEL1, LEVEL2_BASE, LEVEL2_DELTA, LEVEL3, LEVEL4, SLOPE_LO, SLOPE_HI, CONST_LO, CONST_HI, MANTISSA_POWER,
  CLAMP_LOW16, CLAMP_HIGH16, PRE16, POST16, SCRATCH,
} from './layout';

/** Interleaves low and high bytes into 16-bit lanes: lanes 0-7 (`high` false) or 8-15 (`high` true). */
@inline
function interleave16(lo: v128, hi: v128, high: bool): v128 {
  return high
    ? i8x16.shuffle(lo, hi, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31)
    : i8x16.shuffle(lo, hi, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}

/**
 * Segment 0..15 of 16 biased mantissa bytes: one compare per level, each adding a bit b = 2b + (m > threshold)
 * (written 2b - mask, the mask being 0 or -1). Level 1 compares with t_8, level 2 with t_4 or t_12 (base plus a
 * masked delta), level 3 with LEVEL3[b] = t_(4b+2) (b = 2 bits), level 4 with LEVEL4[b] = t_(2b+1) (b = 3 bits).
 */
@inline
function mantissaSegment(m: v128, params: usize): v128 {
  const upper = i8x16.gt_s(m, v128.load(params, LEVEL1));
  const second = i8x16.gt_s(m, i8x16.add(v128.load(params, LEVEL2_BASE), v128.and(upper, v128.load(params, LEVEL2_DELTA))));
  const oneBit = i8x16.abs(upper);
  const twoBits = i8x16.sub(i8x16.add(oneBit, oneBit), second);
  const threeBits = i8x16.sub(i8x16.add(twoBits, twoBits), i8x16.gt_s(m, i8x16.swizzle(v128.load(params, LEVEL3), twoBits)));
  return i8x16.sub(i8x16.add(threeBits, threeBits), i8x16.gt_s(m, i8x16.swizzle(v128.load(params, LEVEL4), threeBits)));
}

/** 16 outputs for the 16 codes at `source`; `general` selects the clamping requantisation (a constant). */
@inline
function vector(source: usize, params: usize, general: bool): v128 {
  const q = v128.load(source);
  const highNibble = i8x16(0, 4, 5, 5, 6, 6, 6, 6, 0, 0, 0, 0, 0, 0, 0, 0);
  const lowNibble = i8x16(0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
  const leading = i8x16.max_u(i8x16.swizzle(highNibble, i8x16.shr_u(q, 4)),
    i8x16.swizzle(lowNibble, v128.and(q, i8x16.splat(15))));
  const power = i8x16.swizzle(v128.load(params, MANTISSA_POWER), leading);
  const m0 = i16x8.extmul_low_i8x16_u(q, power);
  const m1 = i16x8.extmul_high_i8x16_u(q, power);
  const segment = mantissaSegment(v128.xor(i8x16.narrow_i16x8_u(m0, m1), i8x16.splat(-128)), params);
  const kLo = i8x16.swizzle(v128.load(params, SLOPE_LO), segment);
  const kHi = i8x16.swizzle(v128.load(params, SLOPE_HI), segment);
  const cLo = i8x16.swizzle(v128.load(params, CONST_LO), segment);
  const cHi = i8x16.swizzle(v128.load(params, CONST_HI), segment);
  let acc0 = i16x8.add(i16x8.mul(m0, interleave16(kLo, kHi, false)), interleave16(cLo, cHi, false));
  let acc1 = i16x8.add(i16x8.mul(m1, interleave16(kLo, kHi, true)), interleave16(cLo, cHi, true));
  const doubled = i8x16.add(leading, leading);
  const doubledPlusOne = v128.or(doubled, i8x16.splat(1));
  const pairs0 = interleave16(doubled, doubledPlusOne, false);
  const pairs1 = interleave16(doubled, doubledPlusOne, true);
  if (general) {
    const low = v128.load(params, CLAMP_LOW16);
    const high = v128.load(params, CLAMP_HIGH16);
    const pre = v128.load(params, PRE16);
    acc0 = i16x8.mul(i16x8.max_s(i16x8.min_s(acc0, i8x16.swizzle(high, pairs0)), i8x16.swizzle(low, pairs0)),
      i8x16.swizzle(pre, pairs0));
    acc1 = i16x8.mul(i16x8.max_s(i16x8.min_s(acc1, i8x16.swizzle(high, pairs1)), i8x16.swizzle(low, pairs1)),
      i8x16.swizzle(pre, pairs1));
  }
  const post = v128.load(params, POST16);
  const result = i8x16.narrow_i16x8_s(i16x8.q15mulr_sat_s(acc0, i8x16.swizzle(post, pairs0)),
    i16x8.q15mulr_sat_s(acc1, i8x16.swizzle(post, pairs1)));
  return v128.bitselect(result, i8x16.splat(127), i8x16.gt_s(q, i8x16.splat(0)));
}

@inline
function loop(input: usize, output: usize, length: usize, params: usize, general: bool): void {
  let i: usize = 0;
  for (; i + 32 <= length; i += 32) {
    const first = vector(input + i, params, general);
    const second = vector(input + i + 16, params, general);
    v128.store(output + i, first);
    v128.store(output + i, second, 16);
  }
  for (; i + 16 <= length; i += 16) v128.store(output + i, vector(input + i, params, general));
  if (i < length) {
    const count = length - i;
    const scratch = params + SCRATCH;
    memory.copy(scratch, input + i, count);
    v128.store(scratch, vector(scratch, params, general), 16);
    memory.copy(output + i, scratch + 16, count);
  }
}

/**
 * int8 outputs of `length` codes from `input` to `output` (may be the same address). `general` = 0 when every
 * per-L shift is a right shift of at least 1 bit, else 1.
 */
export function pwl_multirange__simd128(input: usize, output: usize, length: i32, params: usize, general: i32): void {
  if (general != 0) loop(input, output, <usize>length, params, true);
  else loop(input, output, <usize>length, params, false);
}
