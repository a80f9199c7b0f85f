// Byte layout of the parameter block of the multi-range kernels (704 bytes, 64-byte aligned, written by
// src/multirange/params.ts in front of the data of every call; both sides must agree on these offsets).
//
// L = leading-bit position of a positive code q (0..6). Tables "by L" have 8 slots (slot 7 unused).
// SIMD part: mantissa codes m (64..254) are searched as signed bytes m - 128; thresholds t_j = P_j - 129 (so that
// the segment is #{ j : m - 128 > t_j }), padded with 127 (never passed). Search levels (simd128.ts,
// mantissaSegment): level 1 splat t_8; level 2 base splat t_4 and delta (t_12 - t_4) mod 256; level 3 [b] =
// t_(4b+2) for the 2 bits b = 0..3 found so far; level 4 [b] = t_(2b+1) for the 3 bits b = 0..7.
//    0 LEVEL1   16 LEVEL2_BASE   32 LEVEL2_DELTA   48 LEVEL3   64 LEVEL4
//   80 SLOPE_LO / 96 SLOPE_HI      low / high bytes of the 16-bit slopes K (16 segments)
//  112 CONST_LO / 128 CONST_HI     low / high bytes of the 16-bit constants B * 2^6
//  144 MANTISSA_POWER              [L] = 2^(6 - L + p_L) as an unsigned byte (the mantissa multiplier)
//  160 CLAMP_LOW16, 176 CLAMP_HIGH16, 192 PRE16, 208 POST16    8 x i16 by L (requantisation, see simd128.ts)
//  224 SCRATCH                     32 bytes for the tail (16 input bytes, then 16 output bytes)
// Scalar part (int32):
//  256 THRESH32 16 x (P_j - 1), padded with 2^31 - 1      320 SLOPE32 16 x K      384 CONST32 16 x B * 2^6
//  448 MANTISSA_SHIFT32, 480 CLAMP_LOW32, 512 CLAMP_HIGH32, 544 LEFT32, 576 BIAS32, 608 RIGHT32, 640 FRACBITS32
//      8 x i32 by L each

export const LEVEL1: usize = 0;
export const LEVEL2_BASE: usize = 16;
export const LEVEL2_DELTA: usize = 32;
export const LEVEL3: usize = 48;
export const LEVEL4: usize = 64;
export const SLOPE_LO: usize = 80;
export const SLOPE_HI: usize = 96;
export const CONST_LO: usize = 112;
export const CONST_HI: usize = 128;
export const MANTISSA_POWER: usize = 144;
export const CLAMP_LOW16: usize = 160;
export const CLAMP_HIGH16: usize = 176;
export const PRE16: usize = 192;
export const POST16: usize = 208;
export const SCRATCH: usize = 224;
export const THRESH32: usize = 256;
export const SLOPE32: usize = 320;
export const CONST32: usize = 384;
export const MANTISSA_SHIFT32: usize = 448;
export const CLAMP_LOW32: usize = 480;
export const CLAMP_HIGH32: usize = 512;
export const LEFT32: usize = 544;
export const BIAS32: usize = 576;
export const RIGHT32: usize = 608;
export const FRACBITS32: usize = 640;
