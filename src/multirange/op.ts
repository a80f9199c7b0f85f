/**
 * The multi-range INT8 operator for reci and sqrt_reci: synchronous after `await init()`. Semantics (range
 * reduction, accumulator, the one rounding shift, the q <= 0 policy) are those of ./multirange-js.ts.
 *
 * ```ts
 * await init();
 * const { table } = fitMultiRange({ function: 'reci', entries: 8, inputFracBits: 4 });
 * const reciprocal = createMultiRangeOp(table, { inputFracBits: 4, outputFracBits: 3 });
 * reciprocal.run(codes, out);                      // int8 -> int8, 1/x at scale 2^-3
 * reciprocal.runWide(codes, accumulators, exps);   // y = accumulators[i] * 2^-exps[i], no rounding
 * ```
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { resolveTier, type Tier } from '../runtime.js';
import { wasmModule } from '../wasm/loader.js';
import { needsInputCopy, streamThroughArena } from '../ops/arena-stream.js';
import { checkChunkElements, checkRunArrays } from '../ops/op-checks.js';
import { createMultiRangeTable, type MultiRangeTable } from './table.js';
import { planMultiRange, MULTI_RANGE_PARAMS_BYTES } from './params.js';
import { multiRangeReference, multiRangeWideReference, outputOfCode, type IntegerMultiRangeTable } from './multirange-js.js';
import { describeSubRanges, type SubRange } from './sub-ranges.js';

/** What happens to codes q <= 0 (outside the domain): see the module comment of ./multirange-js.ts. */
export type NonPositivePolicy = 'saturate' | 'reject';

/** Options of {@link createMultiRangeOp}. */
export interface MultiRangeOpOptions {
  /** d: the input codes q stand for q * 2^-d. Integer 0..15. */
  readonly inputFracBits: number;
  /** eo: the int8 output codes stand for y * 2^-eo. Integer 0..15. */
  readonly outputFracBits: number;
  /** Codes q <= 0: 'saturate' (default: int8 output 127, wide output (2^31 - 1, 0)) or 'reject' (INVALID_ARGUMENT). */
  readonly nonPositive?: NonPositivePolicy;
  /** Kernel tier; default: the one `init()` chose. */
  readonly tier?: Tier;
  /** Elements per chunk streamed through the wasm arena (advanced; default 32768). */
  readonly chunkElements?: number;
}

/** How an op computes. */
export interface MultiRangeOpInfo {
  /** The tier the op runs on. */
  readonly tier: Tier;
  /**
   * Kernel of {@link MultiRangeOp.run}: 'simd-right' / 'simd-general' (16-bit SIMD; 'general' when some shift is a
   * left shift or zero), 'scalar' (also on the SIMD tier when an accumulator exceeds 16 bits) or 'js'.
   */
  readonly path: 'simd-right' | 'simd-general' | 'scalar' | 'js';
  /** d. */
  readonly inputFracBits: number;
  /** eo. */
  readonly outputFracBits: number;
  /** The q <= 0 policy. */
  readonly nonPositive: NonPositivePolicy;
  /** Shift A - eo from accumulator to int8 output by leading bit L = 0..6 (negative: left shift). */
  readonly shifts: readonly number[];
  /** Exact smallest and largest accumulator over the codes 1..127 (units of 2^-(F+6) of the mantissa table). */
  readonly accumulatorRange: readonly [number, number];
  /** The sub-ranges the INT8 codes 1..127 fall into, with their scales. */
  readonly subRanges: readonly SubRange[];
  /** The integer table. */
  readonly table: IntegerMultiRangeTable;
}

/** A multi-range operator bound to one table, scales and tier. */
export interface MultiRangeOp {
  /** How the op computes. */
  readonly info: MultiRangeOpInfo;
  /**
   * f(x) of every code as int8 at scale 2^-eo into `output` (same length; may be the same array or views into any
   * buffer). Returns `output`. Errors: INVALID_ARGUMENT (not Int8Array; or a code <= 0 under 'reject', before
   * anything is written), INVALID_LENGTH.
   */
  run(input: Int8Array, output: Int8Array): Int8Array;
  /**
   * The exact wide outputs: accumulators[i] * 2^-fracBits[i] = f(x_i) as approximated by the table, unrounded. The
   * three arrays have the same length; the outputs may overlap neither each other nor the input (a copy of an
   * overlapping input is taken). Errors: INVALID_ARGUMENT (types; a code <= 0 under 'reject'), INVALID_LENGTH.
   */
  runWide(input: Int8Array, accumulators: Int32Array, fracBits: Int8Array): void;
  /** The 256 int8 outputs by code (index q + 128), computed by the reference semantics (a fresh array). */
  lookupTable(): Int8Array;
}

function checkScale(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 15) {
    throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `${name} must be an integer from 0 to 15, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkPolicy(value: unknown): NonPositivePolicy {
  if (value === undefined) return 'saturate';
  if (value === 'saturate' || value === 'reject') return value;
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `nonPositive must be 'saturate' (codes <= 0 give 127, the default) or 'reject', got ${JSON.stringify(value)}`);
}

function rejectNonPositive(input: Int8Array): void {
  for (let i = 0; i < input.length; i++) {
    if (input[i] <= 0) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `input[${i}] = ${input[i]} is not a positive code; this op rejects codes <= 0 (nonPositive: 'reject')`);
    }
  }
}

const isInt8 = (value: unknown): boolean => value instanceof Int8Array;
const isInt32 = (value: unknown): boolean => value instanceof Int32Array;

/**
 * Creates the multi-range operator of a table (validated again here) for input scale 2^-inputFracBits and output
 * scale 2^-outputFracBits. Errors: every code of `createMultiRangeTable`, DECIMAL_BITS_OUT_OF_RANGE (scales),
 * INVALID_ARGUMENT (options), NOT_INITIALIZED (the tier is not loaded: `await init()` first).
 */
export function createMultiRangeOp(table: MultiRangeTable, options: MultiRangeOpOptions): MultiRangeOp {
  if (options === null || typeof options !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'createMultiRangeOp needs options { inputFracBits, outputFracBits }');
  }
  const checked = createMultiRangeTable(table);
  const d = checkScale('inputFracBits', options.inputFracBits);
  const eo = checkScale('outputFracBits', options.outputFracBits);
  const nonPositive = checkPolicy(options.nonPositive);
  const chunk = checkChunkElements(options.chunkElements);
  const tier = resolveTier(options.tier);
  const plan = planMultiRange(checked, d, eo);
  const integer = plan.table;
  const useSimd = tier === 'simd' && plan.fits16;
  const path: MultiRangeOpInfo['path'] = tier === 'js' ? 'js' : useSimd ? `simd-${plan.shiftMode}` : 'scalar';
  let runKernel: ((input: Int8Array, output: Int8Array) => void) | undefined;
  let wideKernel: ((input: Int8Array, accumulators: Int32Array, fracBits: Int8Array) => void) | undefined;
  if (tier !== 'js') {
    const module = wasmModule(tier);
    const general = plan.shiftMode === 'general' ? 1 : 0;
    const kernel = useSimd ? module.kernel('pwl_multirange', 'simd128') : module.kernel('pwl_multirange', 'scalar');
    const call = useSimd
      ? (i: number, o: number, n: number, p: number) => kernel(i, o, n, p, general)
      : (i: number, o: number, n: number, p: number) => kernel(i, o, n, p);
    runKernel = (input, output) => streamThroughArena(module, plan.params, input, output, chunk, call);
    const wide = module.kernel('pwl_multirange_wide', 'scalar');
    wideKernel = (input, accumulators, fracBits) => {
      const count = Math.min(input.length, chunk);
      const paramsPtr = module.reserve(MULTI_RANGE_PARAMS_BYTES + count * 6); // params, int32 accumulators, codes, exponents
      const accPtr = paramsPtr + MULTI_RANGE_PARAMS_BYTES;
      const inputPtr = accPtr + count * 4;
      const fracPtr = inputPtr + count;
      module.i8(paramsPtr, MULTI_RANGE_PARAMS_BYTES).set(plan.params);
      for (let start = 0; start < input.length; start += count) {
        const n = Math.min(count, input.length - start);
        module.i8(inputPtr, n).set(input.subarray(start, start + n));
        wide(inputPtr, accPtr, fracPtr, n, paramsPtr);
        accumulators.set(module.i32(accPtr, n), start);
        fracBits.set(module.i8(fracPtr, n), start);
      }
    };
  }
  const info: MultiRangeOpInfo = Object.freeze({
    tier, path, inputFracBits: d, outputFracBits: eo, nonPositive, shifts: Object.freeze([...plan.shifts]),
    accumulatorRange: Object.freeze([...plan.accumulatorRange]) as readonly [number, number],
    subRanges: describeSubRanges(checked, d),
    table: Object.freeze({ ...integer, breakpoints: Object.freeze([...integer.breakpoints]),
      slopes: Object.freeze([...integer.slopes]), intercepts: Object.freeze([...integer.intercepts]) }),
  });
  return {
    info,
    run(input, output) {
      checkRunArrays(input, output, 'Int8Array', 'Int8Array', isInt8, isInt8);
      if (nonPositive === 'reject') rejectNonPositive(input);
      if (runKernel) runKernel(input, output);
      else multiRangeReference(needsInputCopy(input, output) ? input.slice() : input, output, integer, eo);
      return output;
    },
    runWide(input, accumulators, fracBits) {
      checkRunArrays(input, accumulators, 'Int8Array', 'Int32Array', isInt8, isInt32);
      checkRunArrays(input, fracBits, 'Int8Array', 'Int8Array', isInt8, isInt8);
      if (accumulators.buffer === fracBits.buffer && needsInputCopy(accumulators, fracBits)) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'accumulators and fracBits must not overlap');
      }
      if (nonPositive === 'reject') rejectNonPositive(input);
      const source = needsInputCopy(input, accumulators) || needsInputCopy(input, fracBits) ? input.slice() : input;
      if (input.length === 0) return;
      if (wideKernel) wideKernel(source, accumulators, fracBits);
      else multiRangeWideReference(source, accumulators, fracBits, integer);
    },
    lookupTable() {
      const result = new Int8Array(256);
      for (let q = -128; q <= 127; q++) result[q + 128] = outputOfCode(integer, q, eo);
      return result;
    },
  };
}
