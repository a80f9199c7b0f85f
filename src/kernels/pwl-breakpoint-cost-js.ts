/**
 * The GA fitness of the default-mode fit in plain JavaScript: the readable baseline and the specification of the
 * WebAssembly kernel assembly/pwl-breakpoint-cost/scalar.ts (same additions in the same order, so the same bits).
 *
 * A candidate is a non-decreasing list of genes, each a position on the 2^-d grid counted from the first candidate
 * multiple. A gene is clamped to the map and mapped to its boundary index (1..m, see src/fit/segment-cost-problem.ts);
 * with boundary 0 (-inf) before and count - 1 (+inf) after, the cost of the candidate is the sum (squared errors)
 * or the maximum (largest absolute error) of the segment costs cost[b * count + a] of its consecutive boundaries.
 * Since each matrix entry is the cost of the best lattice line of that slice, this is exactly the objective of
 * the table refitted on these breakpoints.
 */
import { PWL_DP_SQUARED_ERROR } from './pwl-dp-js.js';

/** Input of {@link breakpointCostJs} (validated by the caller). */
export interface BreakpointCostInput {
  /** Segment cost matrix, cost[b * count + a] for boundaries a <= b. */
  readonly cost: Float64Array;
  /** Boundaries: candidates + 2. */
  readonly count: number;
  /** Boundary index (1..count-2) of each grid position, non-decreasing. */
  readonly unitToBoundary: Int32Array;
  /** PWL_DP_SQUARED_ERROR (sum of segment costs) or PWL_DP_MAX_ERROR (their maximum). */
  readonly objective: number;
}

/** Writes the cost of each of `rows` rows of `geneCount` genes to out[0..rows). */
export function breakpointCostJs(input: BreakpointCostInput, genes: Int32Array, rows: number, geneCount: number, out: Float64Array): void {
  const { cost, count, unitToBoundary, objective } = input;
  const last = count - 1;
  const unitCount = unitToBoundary.length;
  for (let row = 0; row < rows; row++) {
    const at = row * geneCount;
    let previous = 0;
    let total = 0;
    for (let i = 0; i <= geneCount; i++) {
      let next = last;
      if (i < geneCount) {
        const unit = genes[at + i];
        next = unitToBoundary[unit < 0 ? 0 : unit >= unitCount ? unitCount - 1 : unit];
      }
      const segment = cost[next * count + previous];
      if (objective === PWL_DP_SQUARED_ERROR) total += segment;
      else if (segment > total) total = segment;
      previous = next;
    }
    out[row] = total;
  }
}
