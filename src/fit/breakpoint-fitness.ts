/**
 * The population fitness of the default-mode GA: for many candidate breakpoint sets at once, the objective of the
 * table refitted on them, read from the per-d segment cost matrix (one kernel call per population). Runs the
 * WebAssembly kernel pwl_breakpoint_cost_f64__scalar (both wasm tiers; it is table look-ups that SIMD lanes do
 * not help) or its pure-JS baseline.
 *
 * The matrix and the grid map are uploaded to the wasm arena once and reused while nothing else uses the arena.
 * The GA is synchronous, so only a callback into user code (progress) can run other kernels in between: call
 * {@link BreakpointFitness.invalidate} after one, and the next evaluate() uploads again.
 */
import { breakpointCostJs } from '../kernels/pwl-breakpoint-cost-js.js';
import type { Tier } from '../runtime.js';
import { wasmModule, type WasmModule } from '../wasm/loader.js';
import type { SegmentCostProblem } from './segment-cost-problem.js';

/** Evaluates candidate breakpoint sets of one per-d problem. */
export interface BreakpointFitness {
  /** The tier the kernel runs on. */
  readonly tier: Tier;
  /**
   * rows rows of geneCount genes (grid positions, each row non-decreasing): writes each row's raw cost (sum of
   * weighted squared errors, or the largest absolute error) to out[0..rows).
   */
  evaluate(genes: Int32Array, rows: number, out: Float64Array): void;
  /** Marks the uploaded matrix as overwritten (after any callback that may have run other kernels). */
  invalidate(): void;
}

const ALIGN = 64;
const alignUp = (bytes: number): number => Math.ceil(bytes / ALIGN) * ALIGN;

/** Creates the fitness of `problem` for candidates of `geneCount` genes on `tier`. */
export function createBreakpointFitness(problem: SegmentCostProblem, geneCount: number, tier: Tier): BreakpointFitness {
  const { cost, count, unitToBoundary, kernelObjective } = problem;
  if (tier === 'js') {
    const input = { cost, count, unitToBoundary, objective: kernelObjective };
    return { tier, evaluate: (genes, rows, out) => breakpointCostJs(input, genes, rows, geneCount, out), invalidate() {} };
  }
  const module: WasmModule = wasmModule(tier);
  const kernel = module.kernel('pwl_breakpoint_cost_f64', 'scalar');
  const mapOffset = alignUp(cost.length * 8);
  const genesOffset = mapOffset + alignUp(unitToBoundary.length * 4);
  let uploaded = false;
  let capacityRows = 0;
  return {
    tier,
    evaluate(genes, rows, out) {
      const outOffset = genesOffset + alignUp(rows * geneCount * 4);
      if (rows > capacityRows) {
        module.reserve(outOffset + rows * 8);
        capacityRows = rows;
      }
      const base = module.arenaBase;
      if (!uploaded) {
        module.f64(base, cost.length).set(cost);
        module.i32(base + mapOffset, unitToBoundary.length).set(unitToBoundary);
        uploaded = true;
      }
      module.i32(base + genesOffset, rows * geneCount).set(genes.subarray(0, rows * geneCount));
      kernel(base, count, base + mapOffset, unitToBoundary.length, base + genesOffset, rows, geneCount, kernelObjective, base + outOffset);
      out.set(module.f64(base + outOffset, rows));
    },
    invalidate() {
      uploaded = false;
    },
  };
}
