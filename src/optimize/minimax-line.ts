/**
 * The best minimax line on the coefficient lattice for one segment: slope k and intercept b, multiples of
 * 2^-fracBits inside the format's range, minimising max_j |f_j - k x_j - b|.
 *
 * Exact method:
 * - For a slope k let high(k) = max_j (f_j - k x_j) and low(k) = min_j (f_j - k x_j). The error of (k, b) is
 *   max(high - b, b - low): a "V" in b around the middle m(k) = (high + low) / 2, so the best lattice b for k is
 *   the lattice point nearest m(k), clamped to the range.
 * - high(k) is the support function of the upper convex hull of the points and low(k) that of the lower hull; both
 *   hulls are kept incrementally while points are added in x order, and each query is a binary search along a hull.
 * - The best error with b anywhere in the range, L(k) = max(high - c, c - low) with c = m(k) clamped to the range,
 *   is convex in k (a partial minimum of a convex function) and a lower bound of the lattice error at k. The
 *   slopes are visited outward from a start slope, and a direction stops once L is non-decreasing along it (by
 *   convexity it then stays so) and at or above the best lattice error found. That is exact from any start; the
 *   start is a caller's hint (the DP passes the slope of the previous, one point shorter, slice) or else the
 *   lattice minimiser of L, found by binary search on L(k+1) - L(k). Exact up to float rounding of L; ties keep
 *   the first slope visited, so the error does not depend on the start but the chosen line can.
 * - Degenerate slices as in lattice-line.ts: no point gives k = b = 0 at error 0; points that all share one x use
 *   {@link constantXChoice}.
 *
 * The readable specification of the WebAssembly port in assembly/pwl-dp/ (same operations, same order).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { lineInputs, constantXChoice, nearestUnits, type CoefficientLattice, type LatticeChoice, type LatticeLineOptions } from './lattice-line.js';

/** Upper and lower convex hulls of the points of a slice (indices into xs and fs); mutable. */
export interface SliceHulls {
  /** Indices of the upper hull's vertices, x ascending, in [0, upperSize). */
  readonly upper: Int32Array;
  /** Indices of the lower hull's vertices, x ascending, in [0, lowerSize). */
  readonly lower: Int32Array;
  /** Vertices on the upper hull. */
  upperSize: number;
  /** Vertices on the lower hull. */
  lowerSize: number;
}

/** Empty hulls for up to `capacity` points. */
export function createHulls(capacity: number): SliceHulls {
  return { upper: new Int32Array(capacity), lower: new Int32Array(capacity), upperSize: 0, lowerSize: 0 };
}

/**
 * Adds point `index` to both hulls (Andrew's monotone chain). Points must arrive in non-decreasing x; of points with
 * equal x the upper hull keeps the highest f and the lower hull the lowest.
 */
export function addHullPoint(hulls: SliceHulls, xs: ArrayLike<number>, fs: ArrayLike<number>, index: number): void {
  const x = xs[index];
  const f = fs[index];
  for (let side = 0; side < 2; side++) {
    const stack = side === 0 ? hulls.upper : hulls.lower;
    const sign = side === 0 ? 1 : -1;
    let size = side === 0 ? hulls.upperSize : hulls.lowerSize;
    let keep = true;
    if (size > 0 && xs[stack[size - 1]] === x) {
      if (sign * (f - fs[stack[size - 1]]) > 0) size--;
      else keep = false;
    }
    while (keep && size >= 2) {
      const origin = stack[size - 2];
      const last = stack[size - 1];
      const turn = (xs[last] - xs[origin]) * (f - fs[origin]) - (fs[last] - fs[origin]) * (x - xs[origin]);
      if (sign * turn >= 0) size--;
      else break;
    }
    if (keep) stack[size++] = index;
    if (side === 0) hulls.upperSize = size;
    else hulls.lowerSize = size;
  }
}

/** max_j (f_j - slope x_j) over the slice, from its upper hull (at least one vertex). */
export function upperMaximum(hulls: SliceHulls, xs: ArrayLike<number>, fs: ArrayLike<number>, slope: number): number {
  const stack = hulls.upper;
  let low = 0;
  let high = hulls.upperSize - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    const here = stack[middle];
    const next = stack[middle + 1];
    if (fs[next] - slope * xs[next] <= fs[here] - slope * xs[here]) high = middle;
    else low = middle + 1;
  }
  return fs[stack[low]] - slope * xs[stack[low]];
}

/** min_j (f_j - slope x_j) over the slice, from its lower hull (at least one vertex). */
export function lowerMinimum(hulls: SliceHulls, xs: ArrayLike<number>, fs: ArrayLike<number>, slope: number): number {
  const stack = hulls.lower;
  let low = 0;
  let high = hulls.lowerSize - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    const here = stack[middle];
    const next = stack[middle + 1];
    if (fs[next] - slope * xs[next] >= fs[here] - slope * xs[here]) high = middle;
    else low = middle + 1;
  }
  return fs[stack[low]] - slope * xs[stack[low]];
}

/** Scratch of one slope evaluation. */
const evaluation = { cost: 0, bound: 0, interceptUnits: 0 };

/** Lattice error (best lattice b) and lower bound L at slope `units`; results in {@link evaluation}. */
function evaluateSlope(hulls: SliceHulls, xs: ArrayLike<number>, fs: ArrayLike<number>, lattice: CoefficientLattice, units: number): void {
  const slope = units * lattice.step;
  const high = upperMaximum(hulls, xs, fs, slope);
  const low = lowerMinimum(hulls, xs, fs, slope);
  const middle = 0.5 * (high + low);
  const interceptUnits = nearestUnits(middle, lattice);
  const intercept = interceptUnits * lattice.step;
  const interceptMin = lattice.minUnits * lattice.step;
  const interceptMax = lattice.maxUnits * lattice.step;
  const clamped = middle < interceptMin ? interceptMin : middle > interceptMax ? interceptMax : middle;
  evaluation.cost = high - intercept > intercept - low ? high - intercept : intercept - low;
  evaluation.bound = high - clamped > clamped - low ? high - clamped : clamped - low;
  evaluation.interceptUnits = interceptUnits;
}

/**
 * The exact best minimax lattice line for the slice whose hulls are given (see the module comment). Writes the line
 * and its error max |f - k x - b| (as computed from the hulls) to `out` and returns `out`. `startUnits` (slope
 * units, clamped to the lattice) is where the search starts; NaN (the default) starts at the minimiser of L.
 */
export function searchMaxErrorLine(hulls: SliceHulls, xs: ArrayLike<number>, fs: ArrayLike<number>, lattice: CoefficientLattice, out: LatticeChoice, startUnits = NaN): LatticeChoice {
  out.slopeUnits = 0;
  out.interceptUnits = 0;
  out.cost = 0;
  if (hulls.upperSize === 0) return out;
  if (hulls.upperSize === 1) {
    const target = 0.5 * (fs[hulls.upper[0]] + fs[hulls.lower[0]]);
    constantXChoice(target, xs[hulls.upper[0]], lattice, out);
    evaluateSlope(hulls, xs, fs, lattice, out.slopeUnits);
    out.interceptUnits = evaluation.interceptUnits;
    out.cost = evaluation.cost;
    return out;
  }
  let low = lattice.minUnits;
  let high = lattice.maxUnits;
  if (startUnits === startUnits) {
    low = startUnits < low ? low : startUnits > high ? high : startUnits;
    high = low;
  }
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    evaluateSlope(hulls, xs, fs, lattice, middle + 1);
    const boundAbove = evaluation.bound;
    evaluateSlope(hulls, xs, fs, lattice, middle);
    if (boundAbove >= evaluation.bound) high = middle;
    else low = middle + 1;
  }
  let best = Infinity;
  let startBound = Infinity;
  for (let direction = 1; direction >= -1; direction -= 2) {
    let previousBound = direction > 0 ? Infinity : startBound;
    for (let units = direction > 0 ? low : low - 1; units >= lattice.minUnits && units <= lattice.maxUnits; units += direction) {
      evaluateSlope(hulls, xs, fs, lattice, units);
      if (evaluation.cost < best) {
        best = evaluation.cost;
        out.slopeUnits = units;
        out.interceptUnits = evaluation.interceptUnits;
      }
      if (units === low) startBound = evaluation.bound;
      if (evaluation.bound >= best && evaluation.bound >= previousBound) break;
      previousBound = evaluation.bound;
    }
  }
  out.cost = best;
  return out;
}

/** A minimax line on the lattice and its error over the slice. */
export interface FittedMaxErrorLine {
  /** Slope, a multiple of 2^-fracBits inside the format's range. */
  readonly slope: number;
  /** Intercept, a multiple of 2^-fracBits inside the format's range. */
  readonly intercept: number;
  /** max |f - slope x - intercept| over the slice's points with a positive weight, computed directly. */
  readonly maxAbsError: number;
  /** Points of the slice with a positive weight. */
  readonly points: number;
}

/**
 * The exact minimax line on the coefficient lattice for the slice [start, end) of the points, which must have
 * non-decreasing x there. Weights only mask: points with weight 0 are ignored. An empty slice gives 0, 0, error 0.
 *
 * @throws GqaLutError for non-finite values, mismatched lengths, negative weights, unsorted x or a bad slice.
 */
export function bestMaxErrorLatticeLine(xs: ArrayLike<number>, fs: ArrayLike<number>, options: LatticeLineOptions = {}): FittedMaxErrorLine {
  const { x, f, w, lattice, start, end } = lineInputs(xs, fs, options);
  const hulls = createHulls(end - start);
  let points = 0;
  for (let j = start; j < end; j++) {
    if (w[j] < 0) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `weights[${j}] = ${w[j]} is negative; weights must be >= 0`);
    if (j > start && x[j] < x[j - 1]) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `xs must be non-decreasing in the slice, but xs[${j - 1}] > xs[${j}]`);
    if (w[j] === 0) continue;
    addHullPoint(hulls, x, f, j);
    points++;
  }
  const choice = searchMaxErrorLine(hulls, x, f, lattice, { slopeUnits: 0, interceptUnits: 0, cost: 0 });
  const slope = choice.slopeUnits * lattice.step;
  const intercept = choice.interceptUnits * lattice.step;
  let maxAbsError = 0;
  for (let j = start; j < end; j++) {
    if (w[j] > 0) maxAbsError = Math.max(maxAbsError, Math.abs(f[j] - (slope * x[j] + intercept)));
  }
  return { slope, intercept, maxAbsError, points };
}
