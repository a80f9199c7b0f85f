// pwl_f32__scalar: piecewise-linear (PWL) function on float32 values, one value at a time, no SIMD.
//
// Operation, per element:  segment = #{ j < count : x >= t_j }   (branch-free count over the thresholds)
//                          y       = fl32(fl32(k[segment] * x) + b[segment])
// Types: float32 in and out; the parameter block is the one of ./simd128.ts (thresholds, slopes, intercepts, as
// float32, written by src/ops/pwl-f32-op.ts). NaN in gives NaN out.
// Preconditions: count = number of thresholds (0..15); input and output 4-byte aligned; any length >= 0; in place
// allowed (each value is read before its result is written); no access outside the arrays.
// Reference: src/kernels/pwl-f32-js.ts (pwlF32Reference), equal bit for bit.
const THRESHOLDS: usize = 0;
const SLOPES: usize = 64;
const INTERCEPTS: usize = 128;

/** float32 PWL: `length` values from `input` to `output` (may be equal), `count` thresholds. */
export function pwl_f32__scalar(input: usize, output: usize, length: i32, params: usize, count: i32): void {
  const end = <usize>length << 2;
  const thresholdsEnd = params + (<usize>count << 2);
  for (let i: usize = 0; i < end; i += 4) {
    const x = load<f32>(input + i);
    let segment: usize = 0;
    for (let t = params; t < thresholdsEnd; t += 4) segment += <usize>(x >= load<f32>(t, THRESHOLDS));
    const offset = params + (segment << 2);
    store<f32>(output + i, load<f32>(offset, SLOPES) * x + load<f32>(offset, INTERCEPTS));
  }
}
