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

/** #{ j : x >= t_j } per lane, written out (binaryen does not unroll loops): the masks are -1, so subtract them. */
@inline
function countAtOrAbove(x: v128, params: usize, capacity: i32): v128 {
  let sum = i32x4.add(i32x4.add(atOrAbove(x, params, 0), atOrAbove(x, params, 1)),
    i32x4.add(atOrAbove(x, params, 2), atOrAbove(x, params, 3)));
  sum = i32x4.add(sum, i32x4.add(i32x4.add(atOrAbove(x, params, 4), atOrAbove(x, params, 5)), atOrAbove(x, params, 6)));
  if (capacity == 16) {
    sum = i32x4.add(sum, i32x4.add(i32x4.add(atOrAbove(x, params, 7), atOrAbove(x, params, 8)),
      i32x4.add(atOrAbove(x, params, 9), atOrAbove(x, params, 10))));
    sum = i32x4.add(sum, i32x4.add(i32x4.add(atOrAbove(x, params, 11), atOrAbove(x, params, 12)),
      i32x4.add(atOrAbove(x, params, 13), atOrAbove(x, params, 14))));
  }
  return i32x4.sub(i32x4.splat(0), sum);
}

/** Four results for the four values at `source`. */
@inline
function vector(source: usize, params: usize, capacity: i32): v128 {
  const x = v128.load(source);
  const segment = countAtOrAbove(x, params, capacity);
  const bytes = i32x4.add(i32x4.shl(segment, 2), i32x4.splat(0x03020100));
  const blocks = capacity == 8 ? 2 : 4;
  return f32x4.add(f32x4.mul(gather(params, SLOPES, bytes, blocks), x), gather(params, INTERCEPTS, bytes, blocks));
}

@inline
function f32Loop(input: usize, output: usize, length: usize, params: usize, capacity: i32): void {
  const bytes = length << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(output + i, vector(input + i, params, capacity));
  if (i < bytes) {
    const scratch = params + SCRATCH;
    memory.copy(scratch, input + i, bytes - i);
    v128.store(scratch, vector(scratch, params, capacity));
    memory.copy(output + i, scratch, bytes - i);
  }
}

/** float32 PWL: `length` values from `input` to `output` (may be equal); `capacity` 8 or 16 segments. */
export function pwl_f32__simd128(input: usize, output: usize, length: i32, params: usize, capacity: i32): void {
  if (capacity == 8) f32Loop(input, output, <usize>length, params, 8);
  else f32Loop(input, output, <usize>length, params, 16);
}
