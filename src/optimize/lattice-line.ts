/**
 * The best least-squares line on the coefficient lattice for one segment.
 *
 * Problem: given points x_j, targets f_j and weights w_j >= 0, find a slope k and an intercept b, both multiples of
 * step = 2^-fracBits inside the format's range [min, max] (see `formatBounds`), minimising sum w (f - k x - b)^2.
 *
 * Exact method (branch and bound over the slope):
 * - With weighted centred moments W, mean x, mean f, Sxx, Sxf, Sff of the slice, the cost of (k, b) is
 *   SSEc(k) + W (b - b*(k))^2, where b*(k) = mean f - k mean x and SSEc(k) = Sff - 2 k Sxf + k^2 Sxx.
 * - For a fixed k the cost is a convex quadratic in b, symmetric about b*(k): the best lattice b is the lattice
 *   point nearest b*(k), clamped to the range.
 * - SSEc(k) is a convex quadratic with minimum at k* = Sxf / Sxx and a lower bound of the lattice cost at k, so the
 *   slopes are visited outward from k* (up from ceil, down from floor) and a direction stops when SSEc(k) >= the
 *   best lattice cost found. A second, tighter bound also stops it: L(k) = SSEc(k) + W dist(b*(k), [min, max])^2
 *   (the best cost with b anywhere in the range) is convex in k, so once it is non-decreasing along a direction and
 *   at or above the best cost, no later slope can win. Both bounds are exact; ties keep the first slope visited.
 * - The moments come from a West/Welford running update (no cancellation between large prefix sums). The cost the
 *   search reports is computed from the moments; {@link bestLatticeLine} recomputes the chosen line's SSE directly.
 * - Degenerate slices: no point (or only zero weights) gives k = b = 0 at cost 0; when every x is the same (one
 *   point, or repeated x) the cost depends on k only through the rounding of b, and the slopes are tried in the
 *   order 0, 1, -1, 2, -2, ... (units of step), keeping the first that lands b*(k) nearest a lattice point. That is
 *   exact when the format has at most 2 * {@link CONSTANT_X_SLOPE_RADIUS} + 1 slopes (every format up to 12 bits)
 *   and the best of the slopes with |k| <= radius * step otherwise.
 *
 * The search is the readable specification of the WebAssembly port in assembly/pwl-dp/ (same operations in the
 * same order, so both give the same bits).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { checkFormat, formatBounds, Q1_6, type CoefficientFormat } from '../table/model.js';
import { checkSlice, finiteArray } from './points.js';

/** The lattice of a coefficient format in integer units: a value is units * step, units in [minUnits, maxUnits]. */
export interface CoefficientLattice {
  /** 2^-fracBits. */
  readonly step: number;
  /** 2^fracBits = 1 / step (exact). */
  readonly scale: number;
  /** Smallest value in units of step: -2^(bits-1). */
  readonly minUnits: number;
  /** Largest value in units of step: 2^(bits-1) - 1. */
  readonly maxUnits: number;
}

/** The lattice of a format (default {@link Q1_6}: step 1/64, units -128..127). */
export function coefficientLattice(format: CoefficientFormat = Q1_6): CoefficientLattice {
  const checked = checkFormat(format);
  const { min, max, step } = formatBounds(checked);
  const scale = 2 ** checked.fracBits;
  return Object.freeze({ step, scale, minUnits: min * scale, maxUnits: max * scale });
}

/** Slopes tried on each side of 0 for a slice whose points all share one x (see the module comment). */
export const CONSTANT_X_SLOPE_RADIUS = 2048;

/** Running weighted centred moments of a slice; mutable, updated by {@link addWeightedPoint}. */
export interface SliceMoments {
  /** Sum of weights W. */
  weight: number;
  /** Weighted mean of x. */
  meanX: number;
  /** Weighted mean of f. */
  meanF: number;
  /** Sum of w (x - mean x)^2. */
  sxx: number;
  /** Sum of w (x - mean x)(f - mean f). */
  sxf: number;
  /** Sum of w (f - mean f)^2. */
  sff: number;
}

/** Moments of an empty slice. */
export function emptyMoments(): SliceMoments {
  return { weight: 0, meanX: 0, meanF: 0, sxx: 0, sxf: 0, sff: 0 };
}

/** Empties a moments record in place. */
export function resetMoments(moments: SliceMoments): void {
  moments.weight = 0;
  moments.meanX = 0;
  moments.meanF = 0;
  moments.sxx = 0;
  moments.sxf = 0;
  moments.sff = 0;
}

/** Adds one point (x, f) with weight w > 0 to the moments (West's weighted Welford update). */
export function addWeightedPoint(moments: SliceMoments, x: number, f: number, w: number): void {
  const weight = moments.weight + w;
  const share = w / weight;
  const dx = x - moments.meanX;
  const df = f - moments.meanF;
  const meanX = moments.meanX + share * dx;
  const meanF = moments.meanF + share * df;
  moments.sxx += w * dx * (x - meanX);
  moments.sxf += w * dx * (f - meanF);
  moments.sff += w * df * (f - meanF);
  moments.weight = weight;
  moments.meanX = meanX;
  moments.meanF = meanF;
}

/** A line in lattice units and its cost; mutable, filled in by the searches. */
export interface LatticeChoice {
  /** Slope / step, an integer in [minUnits, maxUnits]. */
  slopeUnits: number;
  /** Intercept / step, an integer in [minUnits, maxUnits]. */
  interceptUnits: number;
  /** Cost of the line as the search computed it. */
  cost: number;
}

/** The lattice units nearest `value` (halves round up), clamped to the lattice range. */
export function nearestUnits(value: number, lattice: CoefficientLattice): number {
  const units = Math.floor(value * lattice.scale + 0.5);
  return units < lattice.minUnits ? lattice.minUnits : units > lattice.maxUnits ? lattice.maxUnits : units;
}

/**
 * For points that all lie at x = x0: the slope (units) whose ideal intercept target - k x0 lies nearest a lattice
 * intercept, tried in the order 0, 1, -1, 2, -2, ... within the range and {@link CONSTANT_X_SLOPE_RADIUS}.
 * Writes the slope and intercept units to `out` and returns |b - (target - k x0)|.
 */
export function constantXChoice(target: number, x0: number, lattice: CoefficientLattice, out: LatticeChoice): number {
  let bestGap = Infinity;
  const radius = x0 === 0 ? 0 : CONSTANT_X_SLOPE_RADIUS;
  for (let r = 0; r <= radius; r++) {
    if (r > lattice.maxUnits && -r < lattice.minUnits) break;
    for (let side = 0; side < 2; side++) {
      const slopeUnits = side === 0 ? r : 0 - r;
      if ((side === 1 && r === 0) || slopeUnits > lattice.maxUnits || slopeUnits < lattice.minUnits) continue;
      const ideal = target - slopeUnits * lattice.step * x0;
      const interceptUnits = nearestUnits(ideal, lattice);
      const gap = Math.abs(interceptUnits * lattice.step - ideal);
      if (gap < bestGap) {
        bestGap = gap;
        out.slopeUnits = slopeUnits;
        out.interceptUnits = interceptUnits;
        if (gap === 0) return 0;
      }
    }
  }
  return bestGap;
}

/**
 * The exact best least-squares lattice line for the slice whose moments are given (see the module comment).
 * Writes the line to `out`, sets `out.cost` to sum w (f - k x - b)^2 as computed from the moments, returns `out`.
 */
export function searchSquaredErrorLine(moments: SliceMoments, lattice: CoefficientLattice, out: LatticeChoice): LatticeChoice {
  const { weight, meanX, meanF, sxx, sxf, sff } = moments;
  const { step, minUnits, maxUnits } = lattice;
  const interceptMin = minUnits * step;
  const interceptMax = maxUnits * step;
  out.slopeUnits = 0;
  out.interceptUnits = 0;
  out.cost = 0;
  if (!(weight > 0)) return out;
  if (!(sxx > 0)) {
    const gap = constantXChoice(meanF, meanX, lattice, out);
    out.cost = sff + weight * gap * gap;
    return out;
  }
  const continuousUnits = (sxf / sxx) * lattice.scale;
  const upStart = Math.max(Math.ceil(continuousUnits), minUnits);
  let downStart = Math.min(Math.floor(continuousUnits), maxUnits);
  if (downStart === upStart) downStart -= 1;
  let best = Infinity;
  for (let direction = 1; direction >= -1; direction -= 2) {
    let previousBound = Infinity;
    for (let units = direction > 0 ? upStart : downStart; units >= minUnits && units <= maxUnits; units += direction) {
      const slope = units * step;
      const continuousCost = sff - 2 * slope * sxf + slope * slope * sxx;
      if (continuousCost >= best) break;
      const idealIntercept = meanF - slope * meanX;
      const interceptUnits = nearestUnits(idealIntercept, lattice);
      const gap = interceptUnits * step - idealIntercept;
      const cost = continuousCost + weight * gap * gap;
      if (cost < best) {
        best = cost;
        out.slopeUnits = units;
        out.interceptUnits = interceptUnits;
      }
      const outside = idealIntercept < interceptMin ? interceptMin - idealIntercept
        : idealIntercept > interceptMax ? idealIntercept - interceptMax : 0;
      const bound = continuousCost + weight * outside * outside;
      if (bound >= best && bound >= previousBound) break;
      previousBound = bound;
    }
  }
  out.cost = best;
  return out;
}

/** Options of {@link bestLatticeLine}. */
export interface LatticeLineOptions {
  /** Weights w_j >= 0, one per point; default all 1. */
  weights?: ArrayLike<number>;
  /** First point of the slice (index, included); default 0. */
  start?: number;
  /** End of the slice (index, excluded); default the number of points. */
  end?: number;
  /** Coefficient format of the slope and intercept; default {@link Q1_6}. */
  format?: CoefficientFormat;
}

/**
 * Checked inputs of a one-segment line fit: finite points, weights (default 1), the lattice of the format and the
 * slice [start, end). Shared by the least-squares and the minimax line.
 */
export function lineInputs(xs: ArrayLike<number>, fs: ArrayLike<number>, options: LatticeLineOptions): {
  x: Float64Array; f: Float64Array; w: Float64Array; lattice: CoefficientLattice; start: number; end: number;
} {
  const x = finiteArray('xs', xs);
  const f = finiteArray('fs', fs, x.length);
  const w = options.weights === undefined ? new Float64Array(x.length).fill(1) : finiteArray('weights', options.weights, x.length);
  const lattice = coefficientLattice(options.format ?? Q1_6);
  const [start, end] = checkSlice(options.start, options.end, x.length);
  return { x, f, w, lattice, start, end };
}

/** A line on the lattice and its error over the slice. */
export interface FittedLine {
  /** Slope, a multiple of 2^-fracBits inside the format's range. */
  readonly slope: number;
  /** Intercept, a multiple of 2^-fracBits inside the format's range. */
  readonly intercept: number;
  /** sum w (f - slope x - intercept)^2 over the slice, computed directly from the points. */
  readonly sse: number;
  /** Points of the slice with a positive weight. */
  readonly points: number;
}

/**
 * The exact least-squares line on the coefficient lattice for the slice [start, end) of the points (x need not be
 * sorted). A slice with no positive weight gets slope = intercept = 0 and sse = 0.
 *
 * @throws GqaLutError for non-finite values, mismatched lengths, negative weights or a bad slice or format.
 */
export function bestLatticeLine(xs: ArrayLike<number>, fs: ArrayLike<number>, options: LatticeLineOptions = {}): FittedLine {
  const { x, f, w, lattice, start, end } = lineInputs(xs, fs, options);
  const moments = emptyMoments();
  let points = 0;
  for (let j = start; j < end; j++) {
    if (w[j] < 0) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `weights[${j}] = ${w[j]} is negative; weights must be >= 0`);
    if (w[j] === 0) continue;
    addWeightedPoint(moments, x[j], f[j], w[j]);
    points++;
  }
  const choice = searchSquaredErrorLine(moments, lattice, { slopeUnits: 0, interceptUnits: 0, cost: 0 });
  const slope = choice.slopeUnits * lattice.step;
  const intercept = choice.interceptUnits * lattice.step;
  let sse = 0;
  for (let j = start; j < end; j++) {
    const residual = f[j] - (slope * x[j] + intercept);
    sse += w[j] * residual * residual;
  }
  return { slope, intercept, sse, points };
}
