/**
 * Population fitness of the official GQA-LUT trainer, in plain JavaScript: the readable baseline and the
 * specification that the WebAssembly kernels (assembly/fitness-f64/) must match within 1e-12 relative.
 *
 * For each candidate the table has N entries: N-1 breakpoints (already clipped to the outer ends and sorted
 * ascending), N slopes and N intercepts. A grid point x belongs to segment s when exactly s breakpoints are <= x
 * (x equal to a breakpoint goes to the right segment; the last segment takes everything from the last breakpoint
 * on). Because the grid is ascending, each segment is one contiguous slice of it (see firstIndexAtOrAbove). The
 * fitness is the mean over the grid of (y - (slope * x + intercept))^2, in float64, with no fused multiply-add.
 */

/** Doubles per candidate in the parameter block: N-1 breakpoints, then N slopes, then N intercepts. */
export function fitnessParamsStride(entries: number): number {
  return 3 * entries - 1;
}

/**
 * Index of the first grid point at or above `value` in `x[from..x.length)` (x ascending), or `x.length`.
 * This is where the segment starting at breakpoint `value` begins (ties go right).
 *
 * The trainer grid is nearly uniform, so the index is guessed by linear interpolation, ceil((value - x[0]) *
 * pointsPerUnit) with pointsPerUnit = (x.length - 1) / (x[x.length - 1] - x[0]), and then corrected by walking over
 * the actual grid values. The walk makes the result exact for any ascending grid; on the trainer grid it takes 0 or
 * 1 steps, where a binary search would take ~10 poorly predicted branches.
 */
export function firstIndexAtOrAbove(x: Float64Array, from: number, value: number, pointsPerUnit: number): number {
  const estimate = Math.ceil((value - x[0]) * pointsPerUnit);
  let index = Math.min(Math.max(estimate, from), x.length);
  while (index > from && x[index - 1] >= value) index--;
  while (index < x.length && x[index] < value) index++;
  return index;
}

/** The pointsPerUnit of {@link firstIndexAtOrAbove} for a grid (0 for a single point). */
export function gridPointsPerUnit(x: Float64Array): number {
  const span = x[x.length - 1] - x[0];
  return x.length > 1 && span > 0 ? (x.length - 1) / span : 0;
}

/**
 * Mean squared error of each candidate table over the grid.
 *
 * @param x grid points, ascending (see `trainerGrid`); at least one.
 * @param y the function's float64 values at the grid points, same length as `x`.
 * @param params `count` blocks of {@link fitnessParamsStride}(entries) doubles: clipped sorted breakpoints, slopes,
 *   intercepts.
 * @param count number of candidates.
 * @param entries N, the number of segments per table (>= 1).
 * @param out receives the MSE of candidate c at `out[c]`.
 */
export function fitnessJs(x: Float64Array, y: Float64Array, params: Float64Array, count: number, entries: number,
  out: Float64Array): void {
  const gridLength = x.length;
  const stride = fitnessParamsStride(entries);
  const breakpointCount = entries - 1;
  const pointsPerUnit = gridPointsPerUnit(x);
  for (let candidate = 0; candidate < count; candidate++) {
    const base = candidate * stride;
    const slopesAt = base + breakpointCount;
    const interceptsAt = slopesAt + entries;
    let sum = 0;
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      const end = segment < breakpointCount ? firstIndexAtOrAbove(x, start, params[base + segment], pointsPerUnit) : gridLength;
      const slope = params[slopesAt + segment];
      const intercept = params[interceptsAt + segment];
      for (let j = start; j < end; j++) {
        const error = y[j] - (slope * x[j] + intercept);
        sum += error * error;
      }
      start = end;
    }
    out[candidate] = sum / gridLength;
  }
}
