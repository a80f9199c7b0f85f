// pwl_f32__simd128: piecewise-linear (PWL) function on float32 values, wasm SIMD.
//
// Operation, per element:  segment = #{ j : x >= t_j }                  (t_j float32, sorted; NaN = padding)
//                          y       = fl32(fl32(k[segment] * x) + b[segment])
// The TypeScript side turns each float64 breakpoint into the float32 threshold that gives the same segment as the
// float64 comparison (the smallest float32 >= p for tie rule 'right', the smallest float32 > p for 'left'), so the
// segment is exact; k and b are the coefficients rounded to float32. NaN in gives NaN out (segment 0).
// Types: float32 in and out. Parameter block (256 bytes, written by src/ops/pwl-f32-op.ts):
//     0 THRESHOLDS 16 x f32 (t_1..t_15, NaN padding)   64 SLOPES 16 x f32   128 INTERCEPTS 16 x f32   192 SCRATCH
// Preconditions: capacity = 8 (at most 8 segments) or 16; input and output 4-byte aligned (Float32Array views);
// any length >= 0; in place allowed. Tail (length % 4): through the scratch, nothing outside the arrays touched.
// Reference: src/kernels/pwl-f32-js.ts (pwlF32Reference): equal bit for bit (both round each operation to
// float32); against float64 k*x + b the error is at most 2^-24 * (|k*x| + |k*x + b|) plus one ulp of the result.
//
// Gather: the segment s becomes the byte indices 4s..4s+3 of each lane, and each 16-byte block of 4 coefficients
// is swizzled (an index outside the block reads 0), then the blocks are OR-ed:
//   coefficient = swizzle(block0, 4s+[0,1,2,3]) | swizzle(block1, 4s+[0,1,2,3]-16) | ...
const THRESHOLDS: usize = 0;
const SLOPES: usize = 64;
const INTERCEPTS: usize = 128;
const SCRATCH: usize = 192;

@inline
function gather(params: usize, base: usize, bytes: v128, blocks: i32): v128 {
  let result = v128.or(i8x16.swizzle(v128.load(params + base), bytes),
    i8x16.swizzle(v128.load(params + base, 16), i8x16.sub(bytes, i8x16.splat(16))));
  if (blocks == 4) {
    result = v128.or(result, i8x16.swizzle(v128.load(params + base, 32), i8x16.sub(bytes, i8x16.splat(32))));
    result = v128.or(result, i8x16.swizzle(v128.load(params + base, 48), i8x16.sub(bytes, i8x16.splat(48))));
  }
  return result;
}

/** All-ones lanes where x >= t_j. */
@inline
function atOrAbove(x: v128, params: usize, j: usize): v128 {
  return f32x4.ge(x, v128.load32_splat(params + (j << 2), THRESHOLDS));
}

/**
 * The masks of x >= t_j summed bytewise (binaryen does not unroll loops, so the terms are written out): each byte
 * of a lane then holds -segment, which the gather needs in every byte anyway.
 */
@inline
function minusSegmentInEveryByte(x: v128, params: usize, capacity: i32): v128 {
  let sum = i8x16.add(i8x16.add(atOrAbove(x, params, 0), atOrAbove(x, params, 1)),
    i8x16.add(atOrAbove(x, params, 2), atOrAbove(x, params, 3)));
  sum = i8x16.add(sum, i8x16.add(i8x16.add(atOrAbove(x, params, 4), atOrAbove(x, params, 5)), atOrAbove(x, params, 6)));
  if (capacity == 16) {
    sum = i8x16.add(sum, i8x16.add(i8x16.add(atOrAbove(x, params, 7), atOrAbove(x, params, 8)),
      i8x16.add(atOrAbove(x, params, 9), atOrAbove(x, params, 10))));
    sum = i8x16.add(sum, i8x16.add(i8x16.add(atOrAbove(x, params, 11), atOrAbove(x, params, 12)),
      i8x16.add(atOrAbove(x, params, 13), atOrAbove(x, params, 14))));
  }
  return sum;
}

/** Four results for the four values at `source`. */
@inline
function vector(source: usize, params: usize, capacity: i32): v128 {
  const x = v128.load(source);
  const minusSegment = minusSegmentInEveryByte(x, params, capacity);
  const minusTwice = i8x16.add(minusSegment, minusSegment);
  const bytes = i8x16.sub(i32x4.splat(0x03020100), i8x16.add(minusTwice, minusTwice)); // 4s + [0 1 2 3]
  const blocks = capacity == 8 ? 2 : 4;
  return f32x4.add(f32x4.mul(gather(params, SLOPES, bytes, blocks), x), gather(params, INTERCEPTS, bytes, blocks));
}

@inline
function f32Loop(input: usize, output: usize, length: usize, params: usize, capacity: i32): void {
  const bytes = length << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(output + i, vector(input + i, params, capacity));
  if (i < bytes) f32Tail(input + i, output + i, bytes - i, params, capacity);
}

/** The last 1..3 values through the scratch (a separate function keeps the two loops apart after inlining). */
function f32Tail(input: usize, output: usize, bytes: usize, params: usize, capacity: i32): void {
  const scratch = params + SCRATCH;
  memory.copy(scratch, input, bytes);
  v128.store(scratch, capacity == 8 ? vector(scratch, params, 8) : vector(scratch, params, 16));
  memory.copy(output, scratch, bytes);
}

/** float32 PWL: `length` values from `input` to `output` (may be equal); `capacity` 8 or 16 segments. */
export function pwl_f32__simd128(input: usize, output: usize, length: i32, params: usize, capacity: i32): void {
  if (capacity == 8) f32Loop8(input, output, <usize>length, params);
  else f32Loop16(input, output, <usize>length, params);
}

// One function per capacity: binaryen would merge two inlined copies that differ only in a constant.
function f32Loop8(input: usize, output: usize, length: usize, params: usize): void {
  f32Loop(input, output, length, params, 8);
}

function f32Loop16(input: usize, output: usize, length: usize, params: usize): void {
  f32Loop(input, output, length, params, 16);
}
