/**
 * Exact breakpoint search for a PWL table by dynamic programming, in plain JavaScript: the readable baseline and
 * the specification of the WebAssembly kernel assembly/pwl-dp/scalar.ts, which must choose the same boundaries and
 * report the same cost (within 1e-12 relative; in practice bit for bit, since both do the same float operations).
 *
 * Boundaries: index 0 is -inf, indices 1..m are the m candidate breakpoints in order, index m + 1 is +inf.
 * boundaryPositions[i] is the index of the first point at or above boundary i (0 for -inf, n for +inf), so a
 * segment between boundaries a <= b holds the points [pos[a], pos[b]) and a point equal to a breakpoint goes right.
 *
 * 1. Segment costs: cost(a, b) = the cost of the best lattice line for that slice (0 when empty): sum w e^2 from
 *    searchSquaredErrorLine (objective 0) or max |e| from searchMaxErrorLine (objective 1). For each start a the
 *    slice grows point by point, updating the running moments or hulls, so every cost is O(1) amortised plus the
 *    slope search. The minimax search of a slice starts at the slope chosen for the previous slice of the row. Stored transposed, cost[b * count + a], so that step 2 reads it contiguously.
 * 2. DP over N segments: best[t][b] = min over 1 <= a <= b of combine(best[t-1][a], cost(a, b)), combine = sum
 *    (objective 0) or max (objective 1), best[1][b] = cost(0, b); the answer is the layer-N value at b = m + 1 with
 *    a <= m. Breakpoints are real candidates only; equal breakpoints (empty segments) are allowed. Ties keep the
 *    smallest a. O(N m^2) time.
 */
import { addWeightedPoint, emptyMoments, resetMoments, searchSquaredErrorLine, type CoefficientLattice, type LatticeChoice } from '../optimize/lattice-line.js';
import { addHullPoint, createHulls, searchMaxErrorLine } from '../optimize/minimax-line.js';

/** Objective code of the kernels: sum of weighted squared errors. */
export const PWL_DP_SQUARED_ERROR = 0;
/** Objective code of the kernels: largest absolute error. */
export const PWL_DP_MAX_ERROR = 1;

/** Input of the DP kernels (already validated). */
export interface PwlDpInput {
  /** Points x_j, non-decreasing. */
  readonly xs: Float64Array;
  /** Targets f_j. */
  readonly fs: Float64Array;
  /** Weights of the squared-error search (w, or w / f^2 for relative error); points with weight <= 0 are skipped. */
  readonly weights: Float64Array;
  /** count = m + 2 non-decreasing point indices, [0, pos(candidate 0), ..., pos(candidate m-1), n]; m >= 1. */
  readonly boundaryPositions: Int32Array;
  /** Number of segments N >= 2. */
  readonly entries: number;
  /** Slope and intercept lattice. */
  readonly lattice: CoefficientLattice;
  /** {@link PWL_DP_SQUARED_ERROR} or {@link PWL_DP_MAX_ERROR}. */
  readonly objective: number;
}

/** The segment cost matrix, cost[b * count + a] for boundaries a <= b (entries with a > b are unused). */
export function segmentCostMatrixJs(input: PwlDpInput): Float64Array {
  const { xs, fs, weights, boundaryPositions: pos, lattice, objective } = input;
  const count = pos.length;
  const cost = new Float64Array(count * count);
  const moments = emptyMoments();
  const hulls = createHulls(xs.length);
  const choice: LatticeChoice = { slopeUnits: 0, interceptUnits: 0, cost: 0 };
  for (let start = 0; start < count - 1; start++) {
    if (start > 0 && pos[start] === pos[start - 1]) {
      for (let end = start; end < count; end++) cost[end * count + start] = cost[end * count + start - 1];
      continue;
    }
    resetMoments(moments);
    hulls.upperSize = 0;
    hulls.lowerSize = 0;
    let slopeHint = NaN;
    for (let end = start + 1; end < count; end++) {
      if (pos[end] === pos[end - 1]) {
        cost[end * count + start] = cost[(end - 1) * count + start];
        continue;
      }
      for (let j = pos[end - 1]; j < pos[end]; j++) {
        if (!(weights[j] > 0)) continue;
        if (objective === PWL_DP_SQUARED_ERROR) addWeightedPoint(moments, xs[j], fs[j], weights[j]);
        else addHullPoint(hulls, xs, fs, j);
      }
      if (objective === PWL_DP_SQUARED_ERROR) {
        cost[end * count + start] = searchSquaredErrorLine(moments, lattice, choice).cost;
      } else {
        cost[end * count + start] = searchMaxErrorLine(hulls, xs, fs, lattice, choice, slopeHint).cost;
        slopeHint = hulls.upperSize >= 2 ? choice.slopeUnits : NaN;
      }
    }
  }
  return cost;
}

/**
 * Step 2 on a given cost matrix: writes the N + 1 chosen boundaries (0, N - 1 candidate boundaries in 1..m, m + 1)
 * to `chosen` and returns the optimal total (sum or max of the segment costs).
 */
export function chooseBoundariesJs(cost: Float64Array, count: number, entries: number, objective: number, chosen: Int32Array): number {
  const last = count - 1;
  let previous = new Float64Array(count);
  let current = new Float64Array(count);
  const argument = new Int32Array((entries + 1) * count);
  for (let b = 1; b < last; b++) previous[b] = cost[b * count];
  for (let layer = 2; layer <= entries; layer++) {
    const first = layer === entries ? last : 1;
    const final = layer === entries ? last : last - 1;
    for (let b = first; b <= final; b++) {
      const row = b * count;
      const highestStart = b < last ? b : last - 1;
      let best = Infinity;
      let bestStart = 1;
      for (let a = 1; a <= highestStart; a++) {
        const segment = cost[row + a];
        const total = objective === PWL_DP_SQUARED_ERROR ? previous[a] + segment : previous[a] > segment ? previous[a] : segment;
        if (total < best) {
          best = total;
          bestStart = a;
        }
      }
      current[b] = best;
      argument[layer * count + b] = bestStart;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  chosen[entries] = last;
  for (let layer = entries; layer >= 2; layer--) chosen[layer - 1] = argument[layer * count + chosen[layer]];
  chosen[0] = 0;
  return previous[last];
}

/** Steps 1 and 2: the chosen boundaries go to `chosen` (length N + 1); returns the optimal total cost. */
export function pwlDpJs(input: PwlDpInput, chosen: Int32Array): number {
  const cost = segmentCostMatrixJs(input);
  return chooseBoundariesJs(cost, input.boundaryPositions.length, input.entries, input.objective, chosen);
}
