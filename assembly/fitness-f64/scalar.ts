// fitness_f64__scalar: population fitness of the official GQA-LUT trainer, scalar f64 (no v128).
//
// Operation: for each of `count` candidate tables, the mean over the grid of (y[j] - (k_s * x[j] + b_s))^2, where
//   segment s of grid point j is the number of breakpoints <= x[j] (ties go right; the last segment takes the rest).
//   The grid is ascending, so each segment is one contiguous slice, found by an interpolation guess
//   corrected on the actual grid values (grid-search.ts).
// Types: x, y: f64[gridLength]; params: f64[count * (3 * entries - 1)], per candidate [entries-1 breakpoints
//   (clipped to the outer ends, non-decreasing), entries slopes, entries intercepts]; out: f64[count].
// Preconditions: gridLength >= 1, x ascending, entries >= 1, no NaN breakpoint; pointers 8-byte aligned; out does
//   not overlap the inputs. No allocation, no over-read, each out[c] written once.
// Rounding: k * x + b and the residual are rounded exactly like the reference (separate mul and add, no FMA); only
//   the order of the final summation differs (4 partial sums), so results agree within 1e-12 relative.
// Reference: fitnessJs in src/kernels/fitness-js.ts.
import { firstIndexAtOrAbove, gridPointsPerUnit } from './grid-search';

/** Sum of squared residuals of one segment over x[start..end), four independent partial sums. */
// @ts-ignore: decorator
@inline
function segmentSquaredError(xPtr: usize, yPtr: usize, start: i32, end: i32, slope: f64, intercept: f64): f64 {
  let sum0: f64 = 0;
  let sum1: f64 = 0;
  let sum2: f64 = 0;
  let sum3: f64 = 0;
  let j = start;
  for (; j + 4 <= end; j += 4) {
    const offset = <usize>j << 3;
    const e0 = load<f64>(yPtr + offset) - (slope * load<f64>(xPtr + offset) + intercept);
    const e1 = load<f64>(yPtr + offset, 8) - (slope * load<f64>(xPtr + offset, 8) + intercept);
    const e2 = load<f64>(yPtr + offset, 16) - (slope * load<f64>(xPtr + offset, 16) + intercept);
    const e3 = load<f64>(yPtr + offset, 24) - (slope * load<f64>(xPtr + offset, 24) + intercept);
    sum0 += e0 * e0;
    sum1 += e1 * e1;
    sum2 += e2 * e2;
    sum3 += e3 * e3;
  }
  for (; j < end; j++) {
    const offset = <usize>j << 3;
    const e = load<f64>(yPtr + offset) - (slope * load<f64>(xPtr + offset) + intercept);
    sum0 += e * e;
  }
  return (sum0 + sum1) + (sum2 + sum3);
}

/** Writes the grid MSE of each of `count` candidate tables to out (see the header for the layout). */
export function fitness_f64__scalar(xPtr: usize, yPtr: usize, gridLength: i32, paramsPtr: usize, count: i32,
  entries: i32, outPtr: usize): void {
  const breakpointCount = entries - 1;
  const stride = <usize>(3 * entries - 1) << 3;
  const x0 = load<f64>(xPtr);
  const pointsPerUnit = gridPointsPerUnit(xPtr, gridLength);
  for (let candidate = 0; candidate < count; candidate++) {
    const breakpoints = paramsPtr + <usize>candidate * stride;
    const slopes = breakpoints + (<usize>breakpointCount << 3);
    const intercepts = slopes + (<usize>entries << 3);
    let sum: f64 = 0;
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const end = segment < breakpointCount
        ? firstIndexAtOrAbove(xPtr, start, gridLength, load<f64>(breakpoints + (<usize>segment << 3)),
          x0, pointsPerUnit)
        : gridLength;
      const slope = load<f64>(slopes + (<usize>segment << 3));
      const intercept = load<f64>(intercepts + (<usize>segment << 3));
      sum += segmentSquaredError(xPtr, yPtr, start, end, slope, intercept);
      start = end;
    }
    store<f64>(outPtr + (<usize>candidate << 3), sum / <f64>gridLength);
  }
}
