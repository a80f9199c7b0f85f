/**
 * The PWL function on float32 values, written out plainly in JavaScript: the specification of the float32 wasm
 * kernels (assembly/pwl-f32/) and the kernel of the 'js' tier.
 *
 * - segment(x) = the number of breakpoints p_i <= x (tie rule 'right') or p_i < x ('left'), compared exactly (the
 *   float32 x against the float64 breakpoint). NaN belongs to segment 0 (every comparison is false).
 * - y = fl32(fl32(k_s * x) + b_s), with k_s and b_s the coefficients rounded to float32: each operation rounded to
 *   float32, as float32 hardware does (no fused multiply-add).
 */
import type { TieRule } from './pwl-s8-js.js';

/** A PWL table prepared for float32 evaluation. */
export interface Float32PwlTable {
  /** N-1 breakpoints (float64), non-decreasing. */
  readonly breakpoints: readonly number[];
  /** N slopes rounded to float32. */
  readonly slopes: Float32Array;
  /** N intercepts rounded to float32. */
  readonly intercepts: Float32Array;
  /** Tie rule of the segment search. */
  readonly tieRule: TieRule;
}

/** The PWL function of `input` into `output` (same length; may be the same array). */
export function pwlF32Reference(input: Float32Array, output: Float32Array, table: Float32PwlTable): void {
  const { breakpoints, slopes, intercepts } = table;
  const right = table.tieRule === 'right';
  for (let i = 0; i < input.length; i++) {
    const x = input[i];
    let segment = 0;
    for (let j = 0; j < breakpoints.length; j++) {
      segment += right ? +(breakpoints[j] <= x) : +(breakpoints[j] < x); // no branch to mispredict
    }
    // The product of two float32 values is exact in float64, and a float64 sum of two float32 values rounded to
    // float32 equals the float32 sum: these two roundings are exactly float32 arithmetic.
    output[i] = Math.fround(Math.fround(slopes[segment] * x) + intercepts[segment]);
  }
}
