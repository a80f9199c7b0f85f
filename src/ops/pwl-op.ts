/**
 * INT8 inference with a PWL table: the integer-only operator of GQA-LUT on int8 tensors, synchronous after
 * `await init()`. Semantics (segment rule, accumulator, rounding) are those of src/kernels/pwl-s8-js.ts.
 *
 * ```ts
 * await init();
 * const gelu = createPwlOp(table.byDecimalBits[4], { inputFracBits: 4, outputFracBits: 5 });
 * gelu.run(codes, codes); // in place, any length
 * ```
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { resolveTier, type Tier } from '../runtime.js';
import { wasmModule } from '../wasm/loader.js';
import type { PwlSegments } from '../table/model.js';
import {
  accumulatorOfCode, pwlS8AccumulatorReference, pwlS8Reference, requantise, type IntegerPwlTable, type TieRule,
} from '../kernels/pwl-s8-js.js';
import { checkFracBits, checkTieRule, MAX_OUTPUT_FRAC_BITS, toIntegerTable } from './pwl-s8-table.js';
import { planPwlS8, type PwlS8Plan } from './pwl-s8-params.js';
import { needsInputCopy, streamThroughArena } from './arena-stream.js';
import { checkChunkElements, checkRunArrays } from './op-checks.js';

export type { TieRule } from '../kernels/pwl-s8-js.js';
export { createPwlF32Op, type PwlF32Op, type PwlF32OpOptions } from './pwl-f32-op.js';

/** Options of {@link createPwlOp}. */
export interface PwlOpOptions {
  /** d: the input codes q stand for q * 2^-d. Integer 0..7; the table's breakpoints must be multiples of 2^-d. */
  readonly inputFracBits: number;
  /** e: the output codes stand for y * 2^-e. Integer 0..15. */
  readonly outputFracBits: number;
  /**
   * Segment of a code equal to a breakpoint: 'right' (default; the trainer's rule) or 'left' (the official
   * operator, PyTorch `bucketize(right=False)`).
   */
  readonly tieRule?: TieRule;
  /** Kernel tier; default: the one {@link init} chose. */
  readonly tier?: Tier;
  /** Elements per chunk streamed through the wasm arena (advanced; default 32768). */
  readonly chunkElements?: number;
}

/** How an op computes, and the numbers that decided it. */
export interface PwlOpInfo {
  /** The tier the op runs on. */
  readonly tier: Tier;
  /**
   * Kernel path of {@link PwlOp.run}: 'simd-narrow8' / 'simd-narrow16' (16-bit arithmetic, at most 8 / 16 reachable
   * segments), 'simd-wide' (32-bit: some K*q + C exceeds 16 bits), 'scalar' or 'js'.
   */
  readonly path: 'simd-narrow8' | 'simd-narrow16' | 'simd-wide' | 'scalar' | 'js';
  /** Exact smallest and largest accumulator K*q + B*2^d over all 256 codes, in units of 2^-(6+d). */
  readonly accumulatorRange: readonly [number, number];
  /** 6 + d - e: right shift from accumulator to output (negative: left shift). Rounding: half up. */
  readonly shift: number;
  /** Segments some code can reach. */
  readonly reachableSegments: number;
  /** The table in integer units (breakpoints P = p*2^d, slopes K = k*64, intercepts B = b*64). */
  readonly table: IntegerPwlTable;
  /** e. */
  readonly outputFracBits: number;
}

/** An INT8 PWL operator bound to one table, scales and tier. */
export interface PwlOp {
  /** How the op computes. */
  readonly info: PwlOpInfo;
  /**
   * Applies the operator to every code of `input` and writes `output` (same length; may be the same array, or
   * views into any buffer). Returns `output`. Errors: INVALID_ARGUMENT (not Int8Array), INVALID_LENGTH.
   */
  run(input: Int8Array, output: Int8Array): Int8Array;
  /**
   * Writes the exact accumulators K*q + B*2^d (units of 2^-(6+d)), for callers that fuse the next step. Returns
   * `output`. Errors: INVALID_ARGUMENT (not Int8Array / Int32Array), INVALID_LENGTH.
   */
  runAccumulator(input: Int8Array, output: Int32Array): Int32Array;
  /** The 256 outputs by code, index q + 128, computed by the reference semantics (a fresh array). */
  lookupTable(): Int8Array;
}

const isInt8 = (value: unknown): boolean => value instanceof Int8Array;
const isInt32 = (value: unknown): boolean => value instanceof Int32Array;

type ArenaKernel = (inputPtr: number, outputPtr: number, count: number, paramsPtr: number) => void;

/** The wasm kernels of a plan on a wasm tier, bound to their arguments and streamed through the arena. */
function bindWasmKernels(tier: 'simd' | 'scalar', plan: PwlS8Plan, inputScale: number, chunk: number): {
  run: (input: Int8Array, output: Int8Array) => void;
  accumulate: (input: Int8Array, output: Int32Array) => void;
} {
  const module = wasmModule(tier);
  const params = new Int8Array(plan.params.buffer);
  const accumulatorParams = new Int8Array(plan.accumulatorParams.buffer);
  const { shiftRight, shiftLeft, rounding } = plan;
  let call: ArenaKernel;
  if (tier === 'scalar') {
    const kernel = module.kernel('pwl_s8');
    call = (i, o, n, p) => kernel(i, o, n, p, shiftRight, shiftLeft);
  } else if (plan.path === 'wide') {
    const kernel = module.kernel('pwl_s8_wide');
    call = (i, o, n, p) => kernel(i, o, n, p, inputScale, rounding, shiftRight, shiftLeft);
  } else {
    const kernel = module.kernel('pwl_s8');
    const levels = plan.path === 'narrow8' ? 3 : 4;
    call = (i, o, n, p) => kernel(i, o, n, p, levels, shiftRight);
  }
  const accumulator = module.kernel('pwl_s8_acc');
  const accumulateCall: ArenaKernel = tier === 'scalar'
    ? (i, o, n, p) => accumulator(i, o, n, p)
    : (i, o, n, p) => accumulator(i, o, n, p, inputScale);
  return {
    run: (input, output) => streamThroughArena(module, params, input, output, chunk, call),
    accumulate: (input, output) => streamThroughArena(module, accumulatorParams, input, output, chunk, accumulateCall),
  };
}

/**
 * Creates the INT8 operator of one table ({@link PwlSegments}, breakpoints on the 2^-d grid, slopes and intercepts
 * multiples of 2^-6 with |value| < 512). Validates everything here, so run() only checks its arrays. Errors:
 * the table codes of createSegments, DECIMAL_BITS_OUT_OF_RANGE, COEFFICIENT_OVERFLOW, INVALID_ARGUMENT,
 * NOT_INITIALIZED (the tier is not loaded: `await init()` first).
 */
export function createPwlOp(segments: PwlSegments, options: PwlOpOptions): PwlOp {
  if (options === null || typeof options !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'createPwlOp needs options { inputFracBits, outputFracBits }');
  }
  const tieRule = checkTieRule(options.tieRule);
  const table = toIntegerTable(segments, options.inputFracBits, tieRule);
  const e = checkFracBits('outputFracBits', options.outputFracBits, MAX_OUTPUT_FRAC_BITS);
  const chunk = checkChunkElements(options.chunkElements);
  const tier = resolveTier(options.tier);
  const plan = planPwlS8(table, e);
  const shift = 6 + table.inputFracBits - e;
  const path: PwlOpInfo['path'] = tier === 'js' ? 'js' : tier === 'scalar' ? 'scalar' : `simd-${plan.path}`;
  const wasm = tier === 'js' ? undefined : bindWasmKernels(tier, plan, 2 ** table.inputFracBits, chunk);
  const publicTable: IntegerPwlTable = Object.freeze({ ...table, breakpoints: Object.freeze([...table.breakpoints]),
    slopes: Object.freeze([...table.slopes]), intercepts: Object.freeze([...table.intercepts]) });
  const info: PwlOpInfo = Object.freeze({
    tier, path, accumulatorRange: Object.freeze([...plan.accumulatorRange]) as readonly [number, number], shift,
    reachableSegments: plan.reachableSegments, table: publicTable, outputFracBits: e,
  });
  return {
    info,
    run(input, output) {
      checkRunArrays(input, output, 'Int8Array', 'Int8Array', isInt8, isInt8);
      if (wasm) wasm.run(input, output);
      else pwlS8Reference(needsInputCopy(input, output) ? input.slice() : input, output, table, e);
      return output;
    },
    runAccumulator(input, output) {
      checkRunArrays(input, output, 'Int8Array', 'Int32Array', isInt8, isInt32);
      if (wasm) wasm.accumulate(input, output);
      else pwlS8AccumulatorReference(needsInputCopy(input, output) ? input.slice() : input, output, table);
      return output;
    },
    lookupTable() {
      const result = new Int8Array(256);
      for (let q = -128; q <= 127; q++) result[q + 128] = requantise(accumulatorOfCode(table, q), shift);
      return result;
    },
  };
}
