// Byte layout of the parameter block, and the search shared by the vector kernels. The block is written by
// src/ops/pwl-s8-params.ts in front of the data for every int8 PWL kernel call (640 bytes, 64-byte aligned).
// Both sides must agree: the TypeScript side mirrors these offsets.
//
// Thresholds t_1 <= ... <= t_15 are int8 (127 = never taken); the segment of a code q is #{ j : q > t_j }.
// "splat" = the same byte in all 16 lanes. Level tables are indexed by the segment bits found so far.
//
// 8-segment narrow kernel (levels = 3; its search yields 2 * segment, to index 16-bit tables directly)
//    0 N8_LEVEL1         splat t_4
//   16 N8_LEVEL2_BASE    splat t_2
//   32 N8_LEVEL2_DELTA   splat (t_6 - t_2) mod 256   (level 2 threshold = base + (mask & delta))
//   48 N8_LEVEL3         [b] = t_(b/2+1) for b in {0, 4, 8, 12}
//   64 N8_SLOPE16        8 x i16 slope K' of each segment (mod 2^16)
//   80 N8_CONST16        8 x i16 constant term C' of each segment (mod 2^16)
// 16-segment search (levels = 4), shared by the 16-segment narrow kernel and the wide kernels; yields the segment
//   96 S16_LEVEL1        splat t_8
//  112 S16_LEVEL2_BASE   splat t_4
//  128 S16_LEVEL2_DELTA  splat (t_12 - t_4) mod 256
//  144 S16_LEVEL3        [b] = t_(4b+2) for b in 0..3   (b = the two bits found so far, as a number)
//  160 S16_LEVEL4        [b] = t_(2b+1) for b in 0..7   (b = the three bits found so far)
//  176 N16_SLOPE_LO/HI, 208 N16_CONST_LO/HI      low / high bytes of K' and C' (16-segment narrow kernel)
//  240 W_SLOPE_LO/HI, 272 W_INTERCEPT_LO/HI      low / high bytes of K and B, int16 (wide kernels)
//  304 SLOPE32  16 x i32 K          368 CONST32  16 x i32 B*2^d + rounding bias     (scalar kernels)
//  432 THRESH32 16 x i32 t_1..t_15 and one padding 127                             (scalar kernels)
//  512 SCRATCH  128 bytes for the tails of the vector kernels (16 input bytes at +0, up to 64 output bytes at +64)

export const N8_LEVEL1: usize = 0;
export const N8_LEVEL2_BASE: usize = 16;
export const N8_LEVEL2_DELTA: usize = 32;
export const N8_LEVEL3: usize = 48;
export const N8_SLOPE16: usize = 64;
export const N8_CONST16: usize = 80;
export const S16_LEVEL1: usize = 96;
export const S16_LEVEL2_BASE: usize = 112;
export const S16_LEVEL2_DELTA: usize = 128;
export const S16_LEVEL3: usize = 144;
export const S16_LEVEL4: usize = 160;
export const N16_SLOPE_LO: usize = 176;
export const N16_SLOPE_HI: usize = 192;
export const N16_CONST_LO: usize = 208;
export const N16_CONST_HI: usize = 224;
export const W_SLOPE_LO: usize = 240;
export const W_SLOPE_HI: usize = 256;
export const W_INTERCEPT_LO: usize = 272;
export const W_INTERCEPT_HI: usize = 288;
export const SLOPE32: usize = 304;
export const CONST32: usize = 368;
export const THRESH32: usize = 432;
export const SCRATCH: usize = 512;

/**
 * Segment of 16 codes by the 16-segment search: four levels of one compare each (i8x16.gt_s is one x86
 * instruction where ge_s would be two). Level 2 picks its threshold by a masked add instead of a swizzle. The bits
 * found so far are kept as a number b and extended by b = 2b - mask (the mask is 0 or -1), which needs no constants.
 */
@inline
export function segment16(q: v128, level1: v128, level2Base: v128, level2Delta: v128, level3: v128, level4: v128): v128 {
  const upper = i8x16.gt_s(q, level1);
  const second = i8x16.gt_s(q, i8x16.add(level2Base, v128.and(upper, level2Delta)));
  const firstBit = i8x16.abs(upper);
  const twoBits = i8x16.sub(i8x16.add(firstBit, firstBit), second);
  const third = i8x16.gt_s(q, i8x16.swizzle(level3, twoBits));
  const threeBits = i8x16.sub(i8x16.add(twoBits, twoBits), third);
  const fourth = i8x16.gt_s(q, i8x16.swizzle(level4, threeBits));
  return i8x16.sub(i8x16.add(threeBits, threeBits), fourth);
}

/** Interleaves low and high bytes into 16-bit lanes: lanes 0-7 (`high` false) or 8-15 (`high` true). */
@inline
export function interleave16(lo: v128, hi: v128, high: bool): v128 {
  return high
    ? i8x16.shuffle(lo, hi, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31)
    : i8x16.shuffle(lo, hi, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}
