/**
 * Population fitness of the official GQA-LUT trainer, in plain JavaScript: the readable baseline and the
 * specification that the WebAssembly kernels (assembly/fitness-f64/) match bit for bit.
 *
 * Each candidate table of N entries is given by its N + 1 splits [lo_end, genes..., hi_end] (genes sorted
 * ascending, not clipped) and f at those splits. The kernel computes the N secant slopes and intercepts of the
 * consecutive split pairs with the official rounding ({@link writeSecants}: half-to-even to multiples of 1 / scale;
 * zero-width pair: 0, 0), and the N-1 breakpoints, the genes clipped to [lo_end, hi_end]. A grid point x belongs to
 * segment s when exactly s breakpoints are <= x (x equal to a breakpoint goes to the right segment; the last
 * segment takes everything from the last breakpoint on). Because the grid is ascending, each segment is one
 * contiguous slice of it (see firstIndexAtOrAbove).
 *
 * The fitness is NumPy's `np.mean((y - (slope * x + intercept)) ** 2)`: each squared residual is rounded exactly
 * as NumPy rounds it (separate multiply and add, no fused multiply-add), and the squares are summed in NumPy's
 * pairwise order ({@link pairwiseSum}). The result is therefore bit-identical to NumPy's for the same y, and two
 * candidates with the same squared residuals get the same fitness, whatever their segments look like.
 */
import { writeSecants } from '../fit/secant.js';

/** Doubles per candidate in the candidate block: N + 1 splits, then f at each of them. */
export function fitnessParamsStride(entries: number): number {
  return 2 * entries + 2;
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

/** Below this many values NumPy sums one by one; up to PAIRWISE_BLOCK it uses 8 interleaved partial sums. */
const PAIRWISE_BLOCK = 128;

/**
 * Sum of values[from..from+length) in exactly NumPy's order (`pairwise_sum` behind `np.add.reduce` / `np.sum` /
 * `np.mean` on a contiguous float64 array): fewer than 8 values one by one from 0; up to 128 values in 8 partial
 * sums r[k] (value i goes to r[i % 8]) combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the last length % 8
 * values one by one; longer runs split at half the length rounded down to a multiple of 8, each half summed the same
 * way.
 */
export function pairwiseSum(values: Float64Array, from: number, length: number): number {
  if (length < 8) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += values[from + i];
    return sum;
  }
  if (length <= PAIRWISE_BLOCK) {
    let r0 = values[from], r1 = values[from + 1], r2 = values[from + 2], r3 = values[from + 3];
    let r4 = values[from + 4], r5 = values[from + 5], r6 = values[from + 6], r7 = values[from + 7];
    let i = 8;
    for (; i < length - (length % 8); i += 8) {
      const at = from + i;
      r0 += values[at]; r1 += values[at + 1]; r2 += values[at + 2]; r3 += values[at + 3];
      r4 += values[at + 4]; r5 += values[at + 5]; r6 += values[at + 6]; r7 += values[at + 7];
    }
    let sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < length; i++) sum += values[from + i];
    return sum;
  }
  const half = Math.floor(length / 2) - (Math.floor(length / 2) % 8);
  return pairwiseSum(values, from, half) + pairwiseSum(values, from + half, length - half);
}

let squaresScratch = new Float64Array(0);
let slopesScratch = new Float64Array(0);
let interceptsScratch = new Float64Array(0);

/**
 * Mean squared error of each candidate table over the grid.
 *
 * @param x grid points, ascending (see `trainerGrid`); at least one.
 * @param y the function's float64 values at the grid points, same length as `x`.
 * @param candidates `count` blocks of {@link fitnessParamsStride}(entries) doubles: the N + 1 splits [lo_end,
 *   genes ascending..., hi_end] (finite), then f at each split.
 * @param count number of candidates.
 * @param entries N, the number of segments per table (>= 1).
 * @param scale 2^fracBits: slopes and intercepts are rounded to multiples of 1 / scale.
 * @param out receives the MSE of candidate c at `out[c]`.
 */
export function fitnessJs(x: Float64Array, y: Float64Array, candidates: Float64Array, count: number, entries: number,
  scale: number, out: Float64Array): void {
  const gridLength = x.length;
  if (squaresScratch.length < gridLength) squaresScratch = new Float64Array(gridLength);
  if (slopesScratch.length < entries) {
    slopesScratch = new Float64Array(entries);
    interceptsScratch = new Float64Array(entries);
  }
  const squares = squaresScratch;
  const slopes = slopesScratch;
  const intercepts = interceptsScratch;
  const stride = fitnessParamsStride(entries);
  const pointsPerUnit = gridPointsPerUnit(x);
  for (let candidate = 0; candidate < count; candidate++) {
    const splitsAt = candidate * stride;
    const valuesAt = splitsAt + entries + 1;
    writeSecants(candidates, splitsAt, candidates, valuesAt, entries, scale, slopes, 0, intercepts, 0);
    const lowEnd = candidates[splitsAt];
    const highEnd = candidates[splitsAt + entries];
    let start = 0;
    for (let segment = 0; segment < entries; segment++) {
      let end = gridLength;
      if (segment < entries - 1) {
        const split = candidates[splitsAt + segment + 1];
        const breakpoint = split < lowEnd ? lowEnd : split > highEnd ? highEnd : split;
        end = firstIndexAtOrAbove(x, start, breakpoint, pointsPerUnit);
      }
      const slope = slopes[segment];
      const intercept = intercepts[segment];
      for (let j = start; j < end; j++) {
        const residual = y[j] - (slope * x[j] + intercept);
        squares[j] = residual * residual;
      }
      start = end;
    }
    out[candidate] = pairwiseSum(squares, 0, gridLength) / gridLength;
  }
}
