/**
 * The population fitness evaluator of the genetic algorithm: the official GQA-LUT trainer's mean squared error of
 * many candidate tables at once, on the tier chosen at init (wasm SIMD, wasm scalar or the pure-JS baseline).
 *
 * Official fitness of one candidate (N entries, N-1 sorted genes): splits = [lo_end, genes..., hi_end]; per pair of
 * consecutive splits the secant slope and intercept rounded half-to-even to multiples of 2^-6 (zero-width pair: 0,
 * 0); the grid is NumPy `arange(x_lo, x_hi, 0.01)`; the segment of x is the number of splits (clipped to
 * [lo_end, hi_end]) that are <= x, minus 1, capped at N-1; the fitness is the mean of (f(x) - (k x + b))^2.
 *
 * The grid and f on it are computed once per evaluator. Each evaluate() packs the splits and f at them, and makes one
 * kernel call for the whole population. f at the genes is computed in TypeScript (f is a JavaScript function), except
 * on the wasm tiers for the built-ins whose reference the kernels carry bit for bit (gelu, hswish, reci, sqrt_reci;
 * see functions/reference-ids.ts): there the kernel computes it, with the same bits. The kernel (every tier, the JS
 * baseline included) computes the rounded secants, the segments and the squared
 * residuals, and sums them in NumPy's pairwise order, so every tier gives the same bits, equal to NumPy's `np.mean`
 * for the same f values. A gene where f is not finite (outside the function's domain) gives a NaN or infinite fitness, as in the
 * official trainer.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import type { NonlinearFunction } from '../functions/registry.js';
import { referenceId } from '../functions/reference-ids.js';
import { fitnessJs, fitnessParamsStride } from '../kernels/fitness-js.js';
import { resolveTier, type Tier } from '../runtime.js';
import { MAX_ARENA_BYTES, wasmModule, type WasmModule } from '../wasm/loader.js';
import { checkFracBits } from './secant.js';
import { trainerGrid } from './trainer-grid.js';

/** The fitting problem: which function, on which grid, with which outer segment ends and table size. */
export interface FitnessProblem {
  /** The function to approximate (float64 reference). */
  fn: NonlinearFunction;
  /** Grid range [x_lo, x_hi): the grid is NumPy arange(x_lo, x_hi, 0.01). */
  xRange: readonly [number, number];
  /** Outer split ends [lo_end, hi_end] (the official neg_inf / pos_inf); must enclose xRange. */
  outerEnds: readonly [number, number];
  /** Number of table entries N (segments), 2..16; a candidate has N-1 genes. */
  entries: number;
  /** Fractional bits of slopes and intercepts; default 6 (multiples of 2^-6). */
  coefficientFracBits?: number;
}

/** Evaluates the official fitness of whole populations on one tier. */
export interface FitnessEvaluator {
  /** The kernel tier this evaluator runs on. */
  readonly tier: Tier;
  /** The problem it was made for. */
  readonly problem: FitnessProblem;
  /**
   * genes: count rows of (entries-1) genes, each row already sorted ascending; writes the official MSE of each row
   * into out (allocated if absent) and returns it.
   */
  evaluate(genes: Float64Array, count: number, out?: Float64Array): Float64Array;
}

/** Smallest and largest number of table entries the evaluator accepts. */
export const FITNESS_ENTRIES_RANGE: readonly [number, number] = [2, 16];

const ALIGN = 64;
const alignUp = (bytes: number): number => Math.ceil(bytes / ALIGN) * ALIGN;
/** Points past the grid end that the SIMD kernel may read (x, y) and write (squares) in a segment's last step. */
const GRID_PADDING_POINTS = 4;
/** Scratch doubles of either wasm kernel: the squares (padded) and the candidate's slopes and intercepts. */
const scratchDoubles = (gridLength: number, entries: number): number => gridLength + GRID_PADDING_POINTS + 2 * entries;

function checkPair(what: string, pair: readonly [number, number]): void {
  if (!Array.isArray(pair) || pair.length !== 2 || !Number.isFinite(pair[0]) || !Number.isFinite(pair[1]) || !(pair[0] < pair[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `${what} must be two finite numbers [lo, hi] with lo < hi, got ${JSON.stringify(pair)}`);
  }
}

function checkProblem(problem: FitnessProblem): void {
  if (!problem || typeof problem.fn?.evaluate !== 'function') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'problem.fn must be a NonlinearFunction with an evaluate(x) method');
  }
  checkPair('problem.xRange', problem.xRange);
  checkPair('problem.outerEnds', problem.outerEnds);
  if (problem.outerEnds[0] > problem.xRange[0] || problem.outerEnds[1] < problem.xRange[1]) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `problem.outerEnds [${problem.outerEnds}] must enclose problem.xRange [${problem.xRange}]`);
  }
  const [minEntries, maxEntries] = FITNESS_ENTRIES_RANGE;
  if (!Number.isInteger(problem.entries) || problem.entries < minEntries || problem.entries > maxEntries) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `problem.entries must be an integer ${minEntries}..${maxEntries}, got ${problem.entries}`);
  }
  checkFracBits(problem.coefficientFracBits ?? 6);
}

/** f at each point; every value must be finite. */
function evaluateFinite(fn: NonlinearFunction, points: ArrayLike<number>): Float64Array {
  const values = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const value = fn.evaluate(points[i]);
    if (!Number.isFinite(value)) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `function '${fn.name}' is ${value} at x = ${points[i]}; it must be finite on the grid and at the outer ends`);
    }
    values[i] = value;
  }
  return values;
}

/** Runs the packed candidate block through one wasm kernel call (or a few, if it does not fit the arena). */
function evaluateOnWasm(module: WasmModule, x: Float64Array, y: Float64Array, candidates: Float64Array, count: number,
  entries: number, scale: number, functionId: number, out: Float64Array): void {
  const kernel = module.kernel('fitness_f64');
  const stride = fitnessParamsStride(entries);
  const paddedLength = x.length + GRID_PADDING_POINTS;
  const gridBytes = alignUp(paddedLength * 8);
  const scratchBytes = alignUp(scratchDoubles(x.length, entries) * 8);
  const rowsPerCall = Math.max(1, Math.min(count, Math.floor((MAX_ARENA_BYTES - 2 * gridBytes - scratchBytes - ALIGN) / ((stride + 1) * 8))));
  for (let first = 0; first < count; first += rowsPerCall) {
    const rows = Math.min(rowsPerCall, count - first);
    const candidatesBytes = alignUp(rows * stride * 8);
    const base = module.reserve(2 * gridBytes + scratchBytes + candidatesBytes + rows * 8);
    // Views only after reserve() (growth detaches older ones); the grid is copied each call since other
    // operations share the arena (~0.3 us, under 1 % of a call). Layout: x, y (each padded), scratch, candidates, out.
    const xPtr = base;
    const yPtr = xPtr + gridBytes;
    const scratchPtr = yPtr + gridBytes;
    const candidatesPtr = scratchPtr + scratchBytes;
    const outPtr = candidatesPtr + candidatesBytes;
    module.f64(xPtr, paddedLength).fill(0, x.length).set(x);
    module.f64(yPtr, paddedLength).fill(0, y.length).set(y);
    module.f64(candidatesPtr, rows * stride).set(candidates.subarray(first * stride, (first + rows) * stride));
    kernel(xPtr, yPtr, x.length, candidatesPtr, rows, entries, scale, scratchPtr, outPtr, functionId);
    out.set(module.f64(outPtr, rows), first);
  }
}

/**
 * Creates an evaluator of the official GQA-LUT fitness for one problem. The grid and f on it are computed here,
 * once.
 *
 * @param problem the function, grid range, outer ends and table size.
 * @param options.tier kernel tier; default: the one chosen by `init()` (a wasm tier must have been loaded).
 * @throws GqaLutError INVALID_ARGUMENT / INVALID_RANGE / NON_FINITE for a bad problem (f must be finite on the grid
 *   and at the outer ends), NOT_INITIALIZED when the tier's kernels are not loaded. The evaluator's `evaluate` throws
 *   INVALID_ARGUMENT (genes not a Float64Array, bad count), WRONG_LENGTH (fewer than count * (entries-1) genes),
 *   INVALID_LENGTH (out shorter than count), NON_FINITE (a NaN or infinite gene), UNSORTED_BREAKPOINTS (a row not
 *   ascending).
 */
export function createFitnessEvaluator(problem: FitnessProblem, options: { tier?: Tier } = {}): FitnessEvaluator {
  checkProblem(problem);
  const tier = resolveTier(options.tier);
  const module = tier === 'js' ? undefined : wasmModule(tier);
  const { fn, entries } = problem;
  const scale = 2 ** (problem.coefficientFracBits ?? 6);
  const [lowEnd, highEnd] = problem.outerEnds;
  const x = trainerGrid(problem.xRange[0], problem.xRange[1]);
  const y = evaluateFinite(fn, x);
  const geneCount = entries - 1;
  const stride = fitnessParamsStride(entries);
  const [lowValue, highValue] = evaluateFinite(fn, [lowEnd, highEnd]);
  // Non-zero: the wasm kernel computes f at the genes itself (bit-identical), so packRow leaves those slots alone.
  const functionId = module ? referenceId(fn) : 0;
  let candidates = new Float64Array(0);

  /**
   * Packs row `row` of genes into the candidate block: the splits [lo_end, genes..., hi_end], then f at each (at the
   * genes only when the kernel does not compute it).
   */
  function packRow(genes: Float64Array, row: number): void {
    const geneAt = row * geneCount;
    const splitsAt = row * stride;
    const valuesAt = splitsAt + entries + 1;
    candidates[splitsAt] = lowEnd;
    candidates[splitsAt + entries] = highEnd;
    candidates[valuesAt] = lowValue;
    candidates[valuesAt + entries] = highValue;
    let previous = -Infinity;
    for (let i = 0; i < geneCount; i++) {
      const gene = genes[geneAt + i];
      if (!Number.isFinite(gene)) {
        throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `gene ${i} of row ${row} is ${gene}; genes must be finite`);
      }
      if (gene < previous) {
        throw new GqaLutError(GqaLutErrorCode.UNSORTED_BREAKPOINTS, `row ${row} is not sorted ascending (gene ${i} = ${gene} < ${previous}); sort each row first`);
      }
      previous = gene;
      candidates[splitsAt + 1 + i] = gene;
      if (functionId === 0) candidates[valuesAt + 1 + i] = fn.evaluate(gene);
    }
  }

  return {
    tier,
    problem,
    evaluate(genes: Float64Array, count: number, out?: Float64Array): Float64Array {
      if (!(genes instanceof Float64Array)) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'genes must be a Float64Array of count rows of (entries-1) genes');
      }
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `count must be a non-negative integer, got ${count}`);
      }
      if (genes.length < count * geneCount) {
        throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${count} rows of ${geneCount} genes need ${count * geneCount} values, got ${genes.length}`);
      }
      if (out !== undefined && (!(out instanceof Float64Array) || out.length < count)) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `out must be a Float64Array of at least ${count} elements`);
      }
      const result = out ?? new Float64Array(count);
      if (count === 0) return result;
      if (candidates.length < count * stride) candidates = new Float64Array(count * stride);
      for (let row = 0; row < count; row++) packRow(genes, row);
      if (module) evaluateOnWasm(module, x, y, candidates, count, entries, scale, functionId, result);
      else fitnessJs(x, y, candidates, count, entries, scale, result);
      return result;
    },
  };
}

/**
 * The official fitness of one candidate: its N-1 genes (any order; a sorted copy is used, as the official trainer
 * sorts before evaluating). Builds a throw-away evaluator, so prefer {@link createFitnessEvaluator} in loops.
 *
 * @param options.tier kernel tier; default 'js' (needs no init()).
 */
export function officialMse(genes: readonly number[], problem: FitnessProblem, options: { tier?: Tier } = {}): number {
  const evaluator = createFitnessEvaluator(problem, { tier: options.tier ?? 'js' });
  if (!Array.isArray(genes) || genes.length !== problem.entries - 1) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `a candidate of a ${problem.entries}-entry table has ${problem.entries - 1} genes, got ${Array.isArray(genes) ? genes.length : typeof genes}`);
  }
  const sorted = Float64Array.from(genes).sort();
  return evaluator.evaluate(sorted, 1)[0];
}
