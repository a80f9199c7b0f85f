// fitness_f64__simd128: population fitness of the official GQA-LUT trainer, f64x2 SIMD, 4 points per iteration.
//
// Operation: for each of `count` candidate tables, the mean over the grid of (y[j] - (k_s * x[j] + b_s))^2, where
//   segment s of grid point j is the number of breakpoints <= x[j] (ties go right; the last segment takes the rest).
//   The grid is ascending, so segment s is the slice [start_s, end_s) with end_s = first j with x[j] >= p_s (the
//   s-th breakpoint), found by an interpolation guess corrected on the actual grid values (grid-search.ts).
// Types: x, y: f64[gridLength]; params: f64[count * (3 * entries - 1)], per candidate [entries-1 breakpoints
//   (clipped to the outer ends, non-decreasing), entries slopes, entries intercepts]; out: f64[count].
// Preconditions: gridLength >= 1, x ascending and finite, entries >= 1, no NaN breakpoint; pointers 8-byte aligned
//   (16-byte alignment of x and y is faster, not needed); out does not overlap the inputs. No allocation.
// Over-read: x and y are read up to index gridLength + 3; those 4 padding points must hold x = +Infinity (any y):
//   the tail masks by x < next breakpoint, and +Infinity is never below it.
// Loop per segment: 2 vectors (4 points) per iteration into 2 accumulators, then one 4-point tail that always runs,
//   masked lane by lane with x < p_s (so short segments cost no extra branches). Lanes hold points j, j+1:
//     acc = [sum over even offsets, sum over odd offsets]; the accumulators live across the segments of a candidate
//   and are reduced once per candidate. (Measured on gelu_8/gelu_16, population 50: faster than 8-point tiles with
//   4 accumulators, 2-point tiles, all-masked tiles, or scalar tails.)
// Rounding: k * x + b and the residual are rounded exactly like the reference (separate mul and add, no FMA); a
//   masked lane contributes +0.0 (bitwise and); only the summation order differs, so results agree within 1e-12
//   relative.
// Reference: fitnessJs in src/kernels/fitness-js.ts.
import { firstIndexAtOrAbove, gridPointsPerUnit } from './grid-search';

/** Squared residuals (y - (k * x + b))^2 of the two points at byte offset `offset` of x and y. */
// @ts-ignore: decorator
@inline
function squaredResiduals(xPtr: usize, yPtr: usize, offset: usize, slope: v128, intercept: v128): v128 {
  const x = v128.load(xPtr + offset);
  const residual = f64x2.sub(v128.load(yPtr + offset), f64x2.add(f64x2.mul(slope, x), intercept));
  return f64x2.mul(residual, residual);
}

/** The same, with the lanes whose x is not below `limit` set to +0.0. */
// @ts-ignore: decorator
@inline
function squaredResidualsBelow(xPtr: usize, yPtr: usize, offset: usize, slope: v128, intercept: v128, limit: v128): v128 {
  const x = v128.load(xPtr + offset);
  const residual = f64x2.sub(v128.load(yPtr + offset), f64x2.add(f64x2.mul(slope, x), intercept));
  return v128.and(f64x2.mul(residual, residual), f64x2.lt(x, limit));
}

/** Writes the grid MSE of each of `count` candidate tables to out (see the header for the layout). */
export function fitness_f64__simd128(xPtr: usize, yPtr: usize, gridLength: i32, paramsPtr: usize, count: i32,
  entries: i32, outPtr: usize): void {
  const breakpointCount = entries - 1;
  const stride = <usize>(3 * entries - 1) << 3;
  const x0 = load<f64>(xPtr);
  const pointsPerUnit = gridPointsPerUnit(xPtr, gridLength);
  for (let candidate = 0; candidate < count; candidate++) {
    const breakpoints = paramsPtr + <usize>candidate * stride;
    const slopes = breakpoints + (<usize>breakpointCount << 3);
    const intercepts = slopes + (<usize>entries << 3);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const isLast = segment == breakpointCount;
      const next = isLast ? Infinity : load<f64>(breakpoints + (<usize>segment << 3));
      const end = isLast ? gridLength : firstIndexAtOrAbove(xPtr, start, gridLength, next, x0, pointsPerUnit);
      const slope = v128.load64_splat(slopes + (<usize>segment << 3));
      const intercept = v128.load64_splat(intercepts + (<usize>segment << 3));
      let j = start;
      for (; j + 4 <= end; j += 4) {
        const offset = <usize>j << 3;
        acc0 = f64x2.add(acc0, squaredResiduals(xPtr, yPtr, offset, slope, intercept));
        acc1 = f64x2.add(acc1, squaredResiduals(xPtr, yPtr, offset + 16, slope, intercept));
      }
      // 0..3 points left: one masked 4-point step (reads at most 3 points past end, see Over-read).
      const limit = f64x2.splat(next);
      const offset = <usize>j << 3;
      acc0 = f64x2.add(acc0, squaredResidualsBelow(xPtr, yPtr, offset, slope, intercept, limit));
      acc1 = f64x2.add(acc1, squaredResidualsBelow(xPtr, yPtr, offset + 16, slope, intercept, limit));
      start = end;
    }
    const total = f64x2.add(acc0, acc1);
    const sum = f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
    store<f64>(outPtr + (<usize>candidate << 3), sum / <f64>gridLength);
  }
}
