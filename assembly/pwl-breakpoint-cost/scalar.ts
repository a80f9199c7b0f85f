// pwl_breakpoint_cost_f64__scalar: the GA fitness of the default-mode fit, scalar f64. For each of `rows` candidate
//   breakpoint sets, the total cost of the table whose segments are refitted on the coefficient lattice, read from
//   the segment cost matrix that pwl_dp_costs_f64__scalar (assembly/pwl-dp/scalar.ts) filled once per problem.
//
// Operation: row r holds geneCount genes g, each an i32 position on the 2^-d grid counted from the first candidate
//   multiple (unit 0). A gene is clamped to [0, unitCount - 1] and mapped to its boundary index
//   b = map[g] (1..m: the candidate that sends the same points to the right). With b_0 = 0 (-inf) and
//   b_N = count - 1 (+inf), N = geneCount + 1:
//     objective 0 (sum of squared errors): out[r] = sum over i of cost(b_i, b_{i+1})
//     objective 1 (largest absolute error): out[r] = max over i of cost(b_i, b_{i+1})
//   where cost(a, b) = cost[b * count + a] (the transposed layout of the DP kernel).
// Types: cost f64[count * count]; map i32[unitCount], non-decreasing, values in 1..count-2; genes i32[rows * geneCount];
//   out f64[rows].
// Preconditions: each row's genes non-decreasing (the map is monotone, so the boundaries are too); count >= 3;
//   geneCount >= 1; 8-byte aligned pointers for f64, 4-byte for i32. No allocation, no writes outside out.
// Cost: O(rows * geneCount) loads; the matrix is random-accessed (count^2 * 8 bytes, e.g. 2.1 MB for count 515).
// Reference: breakpointCostJs in src/kernels/pwl-breakpoint-cost-js.ts; same additions in the same order.

/** Boundary index of gene `unit` (clamped to the map). */
// @ts-ignore: decorator
@inline
function boundaryOf(mapPtr: usize, unitCount: i32, unit: i32): i32 {
  const clamped = unit < 0 ? 0 : unit >= unitCount ? unitCount - 1 : unit;
  return load<i32>(mapPtr + (<usize>clamped << 2));
}

/** Writes the total segment cost of each row of genes to out (see the header). */
export function pwl_breakpoint_cost_f64__scalar(costPtr: usize, count: i32, mapPtr: usize, unitCount: i32,
  genesPtr: usize, rows: i32, geneCount: i32, objective: i32, outPtr: usize): void {
  const last = count - 1;
  for (let row = 0; row < rows; row++) {
    const genes = genesPtr + (<usize>(row * geneCount) << 2);
    let previous = 0;
    let total: f64 = 0;
    for (let i = 0; i <= geneCount; i++) {
      const next = i < geneCount ? boundaryOf(mapPtr, unitCount, load<i32>(genes + (<usize>i << 2))) : last;
      const segment = load<f64>(costPtr + ((<usize>next * count + previous) << 3));
      if (objective == 0) total += segment;
      else if (segment > total) total = segment;
      previous = next;
    }
    store<f64>(outPtr + (<usize>row << 3), total);
  }
}
