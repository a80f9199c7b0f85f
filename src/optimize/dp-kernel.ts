/**
 * Runs the exact-DP kernel on a tier: the pure-JS baseline (src/kernels/pwl-dp-js.ts) or the WebAssembly kernel
 * pwl_dp_f64__scalar (assembly/pwl-dp/scalar.ts). Both tiers of WebAssembly run the scalar kernel: it is branchy
 * slope searches and a min-plus DP that the f64x2 lanes do not speed up (the SIMD build exports it too).
 * Also the two steps apart (the cost matrix, then the DP on it), which the default-mode fit shares between the DP
 * and the GA. Inputs are validated by the caller (src/optimize/dp.ts, src/fit/segment-cost-problem.ts).
 */
import { chooseBoundariesJs, pwlDpJs, segmentCostMatrixJs, type PwlDpInput } from '../kernels/pwl-dp-js.js';
import { wasmModule, type Tier } from '../wasm/loader.js';

/** Bytes rounded up to a multiple of 8. */
function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/**
 * Scratch bytes the WebAssembly kernel needs for `points` points, `boundaryCount` boundaries (candidates + 2) and
 * `entries` segments: the cost matrix, two DP layers, the argmin table and two hull stacks.
 */
export function pwlDpScratchBytes(points: number, boundaryCount: number, entries: number): number {
  return boundaryCount * boundaryCount * 8 + 2 * boundaryCount * 8 + align8((entries + 1) * boundaryCount * 4) + 2 * align8(points * 4);
}

/** The chosen boundaries (N + 1 indices: 0, N - 1 candidate boundaries in 1..m, m + 1) and the optimal cost. */
export interface PwlDpResult {
  /** Boundary indices; boundary i >= 1 is candidate i - 1. */
  readonly chosen: Int32Array;
  /** Optimal total cost as the kernel computed it (sum of segment costs, or their max). */
  readonly cost: number;
}

/** Runs the DP on `tier` (its module must be loaded: `await init({ tier })` or `ensureTier`). */
export function runPwlDp(input: PwlDpInput, tier: Tier): PwlDpResult {
  const chosen = new Int32Array(input.entries + 1);
  if (tier === 'js') return { chosen, cost: pwlDpJs(input, chosen) };
  const module = wasmModule(tier);
  const kernel = module.kernel('pwl_dp_f64', 'scalar');
  const n = input.xs.length;
  const count = input.boundaryPositions.length;
  const xOffset = 0;
  const fOffset = xOffset + n * 8;
  const wOffset = fOffset + n * 8;
  const positionsOffset = wOffset + n * 8;
  const chosenOffset = positionsOffset + align8(count * 4);
  const scratchOffset = chosenOffset + align8((input.entries + 1) * 4);
  const base = module.reserve(scratchOffset + pwlDpScratchBytes(n, count, input.entries));
  module.f64(base + xOffset, n).set(input.xs);
  module.f64(base + fOffset, n).set(input.fs);
  module.f64(base + wOffset, n).set(input.weights);
  module.i32(base + positionsOffset, count).set(input.boundaryPositions);
  const { step, minUnits, maxUnits } = input.lattice;
  const cost = kernel(base + xOffset, base + fOffset, base + wOffset, n, base + positionsOffset, count, input.entries,
    step, minUnits, maxUnits, input.objective, base + scratchOffset, base + chosenOffset) as number;
  chosen.set(module.i32(base + chosenOffset, input.entries + 1));
  return { chosen, cost };
}

/** The segment cost matrix alone (step 1 of the DP), cost[b * count + a], computed on `tier`; a new JS array. */
export function computeSegmentCostMatrix(input: Omit<PwlDpInput, 'entries'>, tier: Tier): Float64Array {
  if (tier === 'js') return segmentCostMatrixJs({ ...input, entries: 2 });
  const module = wasmModule(tier);
  const kernel = module.kernel('pwl_dp_costs_f64', 'scalar');
  const n = input.xs.length;
  const count = input.boundaryPositions.length;
  const fOffset = n * 8;
  const wOffset = fOffset + n * 8;
  const positionsOffset = wOffset + n * 8;
  const costOffset = positionsOffset + align8(count * 4);
  const hullOffset = costOffset + count * count * 8;
  const base = module.reserve(hullOffset + 2 * align8(n * 4));
  module.f64(base, n).set(input.xs);
  module.f64(base + fOffset, n).set(input.fs);
  module.f64(base + wOffset, n).set(input.weights);
  module.i32(base + positionsOffset, count).set(input.boundaryPositions);
  // The kernel writes the entries a <= b only; zero the rest so the copy does not depend on earlier arena contents.
  module.f64(base + costOffset, count * count).fill(0);
  const { step, minUnits, maxUnits } = input.lattice;
  kernel(base, base + fOffset, base + wOffset, n, base + positionsOffset, count, step, minUnits, maxUnits,
    input.objective, base + costOffset, base + hullOffset);
  return module.f64(base + costOffset, count * count).slice();
}

/**
 * Step 2 of the DP on a cost matrix from {@link computeSegmentCostMatrix}: the N + 1 chosen boundaries and the
 * optimal total (sum or max of segment costs, by `objective`), on `tier`.
 */
export function chooseOptimalBoundaries(cost: Float64Array, count: number, entries: number, objective: number, tier: Tier): PwlDpResult {
  const chosen = new Int32Array(entries + 1);
  if (tier === 'js') return { chosen, cost: chooseBoundariesJs(cost, count, entries, objective, chosen) };
  const module = wasmModule(tier);
  const kernel = module.kernel('pwl_dp_choose_f64', 'scalar');
  const chosenOffset = count * count * 8;
  const scratchOffset = chosenOffset + align8((entries + 1) * 4);
  const base = module.reserve(scratchOffset + count * 16 + align8((entries + 1) * count * 4));
  module.f64(base, count * count).set(cost);
  const total = kernel(base, count, entries, objective, base + scratchOffset, base + chosenOffset) as number;
  chosen.set(module.i32(base + chosenOffset, entries + 1));
  return { chosen, cost: total };
}
