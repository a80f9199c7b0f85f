// fitness_f64__simd128: population fitness of the official GQA-LUT trainer, f64x2 SIMD.
//
// Operation: for each of `count` candidate tables, NumPy's np.mean((y - (k_s * x + b_s)) ** 2) over the grid, where
//   segment s of grid point j is the number of breakpoints <= x[j] (ties go right; the last segment takes the rest).
//   The grid is ascending, so segment s is the slice [start_s, end_s) with end_s = first j with x[j] >= p_s, found
//   by an interpolation guess corrected on the actual grid values (grid-search.ts).
//   Pass 1 writes the squared residual of every grid point to `squares`, 4 points (2 vectors) per step; pass 2 sums
//   them in NumPy's pairwise order, its 8 partial sums r0..r7 held as 4 vectors [r0 r1] [r2 r3] [r4 r5] [r6 r7]
//   (value i of a block goes to r[i % 8], i.e. vector (i % 8) / 2, lane i % 2). The result is bit-identical to
//   NumPy's and to the JS baseline, so equal squared residuals give equal fitness whatever the segments are.
// Types: x, y: f64[gridLength]; params: f64[count * (3 * entries - 1)], per candidate [entries-1 breakpoints
//   (clipped to the outer ends, non-decreasing), entries slopes, entries intercepts]; squares: f64[gridLength + 3]
//   scratch; out: f64[count].
// Preconditions: gridLength >= 1, x ascending and finite, entries >= 1, no NaN breakpoint; pointers 8-byte aligned
//   (16-byte alignment of squares is faster); squares and out overlap nothing else. No allocation.
// Over-read / over-write: a segment's last step may run up to 3 points past its end: x and y are read and squares
//   written up to index gridLength + 2 (any values there; the next segment rewrites the squares it overlapped).
// Rounding: k * x + b, the residual and its square are separate IEEE operations (no FMA), as in NumPy.
// Measured (gelu_8 / gelu_16, population 50, 800 points; bench/fitness.bench.mjs): 0.32 / 0.41 us per candidate,
//   of which ~0.09 us is pass 2. A single pass accumulating per slice was 20-30 % faster but its sum depended on
//   where the segments start, which changed the official GA's tournament on exp_16. Tiles of 4 points beat 2 and 8.
// Reference: fitnessJs in src/kernels/fitness-js.ts (equal bit for bit).
import { firstIndexAtOrAbove, gridPointsPerUnit } from './grid-search';

/** NumPy's pairwise sum of `length` f64 at `ptr`, the 8 partial sums in 4 vectors. */
function pairwiseSumSimd(ptr: usize, length: i32): f64 {
  if (length < 8) {
    let sum: f64 = 0;
    for (let i = 0; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  if (length <= 128) {
    let r01 = v128.load(ptr), r23 = v128.load(ptr, 16), r45 = v128.load(ptr, 32), r67 = v128.load(ptr, 48);
    const blocked = length - (length & 7);
    let i = 8;
    for (; i < blocked; i += 8) {
      const at = ptr + (<usize>i << 3);
      r01 = f64x2.add(r01, v128.load(at));
      r23 = f64x2.add(r23, v128.load(at, 16));
      r45 = f64x2.add(r45, v128.load(at, 32));
      r67 = f64x2.add(r67, v128.load(at, 48));
    }
    let sum = ((f64x2.extract_lane(r01, 0) + f64x2.extract_lane(r01, 1)) + (f64x2.extract_lane(r23, 0) + f64x2.extract_lane(r23, 1)))
      + ((f64x2.extract_lane(r45, 0) + f64x2.extract_lane(r45, 1)) + (f64x2.extract_lane(r67, 0) + f64x2.extract_lane(r67, 1)));
    for (; i < length; i++) sum += load<f64>(ptr + (<usize>i << 3));
    return sum;
  }
  const half = (length >> 1) - ((length >> 1) & 7);
  return pairwiseSumSimd(ptr, half) + pairwiseSumSimd(ptr + (<usize>half << 3), length - half);
}

/** Squared residuals (y - (k * x + b))^2 of the two points at byte offset `offset` of x and y. */
// @ts-ignore: decorator
@inline
function squaredResiduals(xPtr: usize, yPtr: usize, offset: usize, slope: v128, intercept: v128): v128 {
  const x = v128.load(xPtr + offset);
  const residual = f64x2.sub(v128.load(yPtr + offset), f64x2.add(f64x2.mul(slope, x), intercept));
  return f64x2.mul(residual, residual);
}

/** Writes the grid MSE of each of `count` candidate tables to out (see the header for the layout). */
export function fitness_f64__simd128(xPtr: usize, yPtr: usize, gridLength: i32, paramsPtr: usize, count: i32,
  entries: i32, squaresPtr: usize, outPtr: usize): void {
  const breakpointCount = entries - 1;
  const stride = <usize>(3 * entries - 1) << 3;
  const x0 = load<f64>(xPtr);
  const pointsPerUnit = gridPointsPerUnit(xPtr, gridLength);
  for (let candidate = 0; candidate < count; candidate++) {
    const breakpoints = paramsPtr + <usize>candidate * stride;
    const slopes = breakpoints + (<usize>breakpointCount << 3);
    const intercepts = slopes + (<usize>entries << 3);
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const end = segment < breakpointCount
        ? firstIndexAtOrAbove(xPtr, start, gridLength, load<f64>(breakpoints + (<usize>segment << 3)), x0, pointsPerUnit)
        : gridLength;
      const slope = v128.load64_splat(slopes + (<usize>segment << 3));
      const intercept = v128.load64_splat(intercepts + (<usize>segment << 3));
      for (let j = start; j < end; j += 4) {
        const offset = <usize>j << 3;
        v128.store(squaresPtr + offset, squaredResiduals(xPtr, yPtr, offset, slope, intercept));
        v128.store(squaresPtr + offset, squaredResiduals(xPtr, yPtr, offset + 16, slope, intercept), 16);
      }
      start = end;
    }
    store<f64>(outPtr + (<usize>candidate << 3), pairwiseSumSimd(squaresPtr, gridLength) / <f64>gridLength);
  }
}
