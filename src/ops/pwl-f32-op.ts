/**
 * The PWL function on float32 tensors (for float pipelines and as the float counterpart of the INT8 operator),
 * synchronous after `await init()`. Semantics: src/kernels/pwl-f32-js.ts.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { resolveTier, type Tier } from '../runtime.js';
import { wasmModule } from '../wasm/loader.js';
import { createSegments, type PwlSegments } from '../table/model.js';
import { pwlF32Reference, type Float32PwlTable } from '../kernels/pwl-f32-js.js';
import type { TieRule } from '../kernels/pwl-s8-js.js';
import { checkTieRule } from './pwl-s8-table.js';
import { needsInputCopy, streamThroughArena } from './arena-stream.js';
import { checkChunkElements, checkRunArrays } from './op-checks.js';

/** Options of {@link createPwlF32Op}. */
export interface PwlF32OpOptions {
  /** Segment of a value equal to a breakpoint: 'right' (default) or 'left'. */
  readonly tieRule?: TieRule;
  /** Kernel tier; default: the one `init()` chose. */
  readonly tier?: Tier;
  /** Elements per chunk streamed through the wasm arena (advanced; default 32768). */
  readonly chunkElements?: number;
}

/** A float32 PWL operator bound to one table and tier. */
export interface PwlF32Op {
  /** The tier the op runs on. */
  readonly tier: Tier;
  /** The table as evaluated (coefficients rounded to float32). */
  readonly table: Float32PwlTable;
  /**
   * y = fl32(fl32(k*x) + b) of the segment of each x (NaN stays NaN). `output` has the length of `input` and may
   * be the same array. Returns `output`. Errors: INVALID_ARGUMENT (not Float32Array), INVALID_LENGTH.
   */
  run(input: Float32Array, output: Float32Array): Float32Array;
}

const PARAMS_BYTES = 256;
const THRESHOLDS = 0, SLOPES = 16, INTERCEPTS = 32; // float32 indices in the block of assembly/pwl-f32/simd128.ts

const bits = new Float32Array(1);
const bitsAsInt = new Int32Array(bits.buffer);

/** The next float32 above a float32 value (-0 and +0 go to the smallest subnormal; +Infinity stays). */
function nextFloat32Up(value: number): number {
  if (value === Infinity) return value;
  if (value === 0) return 2 ** -149;
  bits[0] = value;
  bitsAsInt[0] += value > 0 ? 1 : -1;
  return bits[0];
}

/**
 * The float32 threshold t with (x >= t) == (x >= p) for every float32 x ('right'), or (x >= t) == (x > p)
 * ('left'): the smallest float32 at or above p, or strictly above p.
 */
export function float32Threshold(p: number, tieRule: TieRule): number {
  const rounded = Math.fround(p);
  if (tieRule === 'right') return rounded < p ? nextFloat32Up(rounded) : rounded;
  return rounded <= p ? nextFloat32Up(rounded) : rounded;
}

function toFloat32(kind: string, values: readonly number[]): Float32Array {
  const result = Float32Array.from(values);
  result.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `${kind} ${i} = ${values[i]} overflows float32`);
    }
  });
  return result;
}

/** Creates the float32 PWL operator of a table (2..16 entries). Errors: the table codes of createSegments, NOT_INITIALIZED. */
export function createPwlF32Op(segments: PwlSegments, options: PwlF32OpOptions = {}): PwlF32Op {
  const checked = createSegments(segments, 'PWL table');
  const tieRule = checkTieRule(options?.tieRule);
  const chunk = checkChunkElements(options?.chunkElements);
  const tier = resolveTier(options?.tier);
  const table: Float32PwlTable = Object.freeze({ // unfrozen breakpoints: V8 reads frozen arrays slowly
    breakpoints: [...checked.breakpoints], slopes: toFloat32('slope', checked.slopes),
    intercepts: toFloat32('intercept', checked.intercepts), tieRule,
  });
  let runKernel: ((input: Float32Array, output: Float32Array) => void) | undefined;
  if (tier !== 'js') {
    const module = wasmModule(tier);
    const block = new Float32Array(PARAMS_BYTES / 4);
    block.fill(NaN, THRESHOLDS, THRESHOLDS + 16); // NaN padding: never passed
    checked.breakpoints.forEach((p, i) => { block[THRESHOLDS + i] = float32Threshold(p, tieRule); });
    block.set(table.slopes, SLOPES);
    block.set(table.intercepts, INTERCEPTS);
    const params = new Int8Array(block.buffer);
    const kernel = module.kernel('pwl_f32');
    const entries = checked.slopes.length;
    const last = tier === 'simd' ? (entries <= 8 ? 8 : 16) : entries - 1; // capacity, or the threshold count
    runKernel = (input, output) => streamThroughArena(module, params, input, output, chunk,
      (i, o, n, p) => kernel(i, o, n, p, last));
  }
  const isFloat32 = (value: unknown): boolean => value instanceof Float32Array;
  return {
    tier,
    table,
    run(input, output) {
      checkRunArrays(input, output, 'Float32Array', 'Float32Array', isFloat32, isFloat32);
      if (runKernel) runKernel(input, output);
      else pwlF32Reference(needsInputCopy(input, output) ? input.slice() : input, output, table);
      return output;
    },
  };
}
