/**
 * Streams a tensor through the wasm arena: parameter block first, then one chunk of input (and of output, when the
 * element types differ) at a time. Chunks are small enough to stay in the L2 cache between the copy in, the kernel
 * and the copy out, so a tensor of any length costs one pass over the caller's memory.
 */
import type { WasmModule } from '../wasm/loader.js';

/** A typed array the kernels read or write. */
export type KernelArray = Int8Array | Int32Array | Float32Array;

/** Elements per chunk streamed through the arena (the default of the ops; 32 KiB of int8). */
export const DEFAULT_CHUNK_ELEMENTS = 32768;

const ALIGN = 64;

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/** A fresh view of the arena of the same type as `like` (never kept across a reserve()). */
function arenaView<T extends KernelArray>(module: WasmModule, like: T, ptr: number, length: number): T {
  if (like instanceof Int8Array) return module.i8(ptr, length) as T;
  if (like instanceof Int32Array) return module.i32(ptr, length) as T;
  return module.f32(ptr, length) as T;
}

/**
 * True when writing `output` could clobber input not yet read: the arrays share memory and are not the very same
 * elements (exact in-place operation, same offset and element size, is safe).
 */
export function needsInputCopy(input: KernelArray, output: KernelArray): boolean {
  if (input.buffer !== output.buffer) return false;
  if (input.byteOffset === output.byteOffset && input.BYTES_PER_ELEMENT === output.BYTES_PER_ELEMENT) return false;
  return input.byteOffset < output.byteOffset + output.byteLength && output.byteOffset < input.byteOffset + input.byteLength;
}

/**
 * Runs `kernel(inputPtr, outputPtr, count, paramsPtr)` over `input` into `output` (same length, checked by the
 * caller), `chunkElements` at a time. When input and output have the same element size the kernel works in place
 * in the arena. `output` may be `input` itself; other overlapping views are handled by copying the input first.
 */
export function streamThroughArena<I extends KernelArray, O extends KernelArray>(module: WasmModule, params: Int8Array,
  input: I, output: O, chunkElements: number,
  kernel: (inputPtr: number, outputPtr: number, count: number, paramsPtr: number) => void): O {
  const length = input.length;
  if (length === 0) return output;
  const source = needsInputCopy(input, output) ? (input.slice() as I) : input;
  const chunk = Math.min(length, chunkElements);
  const inPlace = input.BYTES_PER_ELEMENT === output.BYTES_PER_ELEMENT;
  const paramsBytes = alignUp(params.length);
  const inputBytes = alignUp(chunk * input.BYTES_PER_ELEMENT);
  const base = module.reserve(paramsBytes + inputBytes + (inPlace ? 0 : chunk * output.BYTES_PER_ELEMENT));
  const inputPtr = base + paramsBytes;
  const outputPtr = inPlace ? inputPtr : inputPtr + inputBytes;
  module.i8(base, params.length).set(params);
  if (length <= chunk) {
    arenaView(module, source, inputPtr, length).set(source);
    kernel(inputPtr, outputPtr, length, base);
    output.set(arenaView(module, output, outputPtr, length));
    return output;
  }
  const inputWindow = arenaView(module, source, inputPtr, chunk);
  const outputWindow = arenaView(module, output, outputPtr, chunk);
  for (let start = 0; start < length; start += chunk) {
    const count = Math.min(chunk, length - start);
    const last = count < chunk;
    (last ? inputWindow.subarray(0, count) : inputWindow).set(source.subarray(start, start + count));
    kernel(inputPtr, outputPtr, count, base);
    output.set((last ? outputWindow.subarray(0, count) : outputWindow), start);
  }
  return output;
}
