/**
 * The one module of the package that touches `WebAssembly`. It decodes the inlined modules (or takes a module,
 * bytes or URL from the caller), instantiates them, owns their memory arena and hands out fresh typed-array views.
 *
 * Memory discipline: views over `memory.buffer` are created per call by {@link WasmModule.f64} and friends and must
 * not be kept across a call to {@link WasmModule.reserve}, which can grow the memory (growth detaches old views).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { SIMD_WASM_BASE64 } from './generated/simd.js';
import { SCALAR_WASM_BASE64 } from './generated/scalar.js';

/** Kernel tiers: WebAssembly with SIMD, WebAssembly without SIMD, and the readable pure-JS baseline. */
export type Tier = 'simd' | 'scalar' | 'js';
/** The two WebAssembly tiers. */
export type WasmTier = Exclude<Tier, 'js'>;
/** Every tier, fastest first. */
export const TIERS: readonly Tier[] = ['simd', 'scalar', 'js'];

/** Instruction-set suffix of an exported kernel name. */
export type KernelIsa = 'simd128' | 'scalar';

/** Where a WebAssembly module comes from: a compiled module, its bytes, or a URL to fetch. */
export type WasmSource = WebAssembly.Module | BufferSource | URL | string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type KernelFunction = (...args: number[]) => any;

const PAGE = 65536;
const ARENA_ALIGN = 64;
/** Largest arena the package will grow to (bytes); larger work is streamed through it in chunks. */
export const MAX_ARENA_BYTES = 256 * 1024 * 1024;

/** An instantiated kernel module with its memory arena. */
export interface WasmModule {
  /** Which build this is. */
  readonly tier: WasmTier;
  /** Byte address where the arena (free memory after the module's static data) starts; 64-byte aligned. */
  readonly arenaBase: number;
  /**
   * Returns the exported kernel `${name}__${isa}` of this build, or throws. `isa` defaults to the build's own
   * (simd128 or scalar); pass 'scalar' for a kernel that has no SIMD variant (the SIMD build exports both).
   */
  kernel(name: string, isa?: KernelIsa): KernelFunction;
  /** True when this build exports the kernel `${name}__${isa}` (isa as in {@link WasmModule.kernel}). */
  hasKernel(name: string, isa?: KernelIsa): boolean;
  /** Makes sure `bytes` bytes are available from {@link arenaBase}; may grow (and so detach) the memory. */
  reserve(bytes: number): number;
  /** A fresh Float64Array view of `length` elements at byte address `ptr`. */
  f64(ptr: number, length: number): Float64Array;
  /** A fresh Float32Array view of `length` elements at byte address `ptr`. */
  f32(ptr: number, length: number): Float32Array;
  /** A fresh Int32Array view of `length` elements at byte address `ptr`. */
  i32(ptr: number, length: number): Int32Array;
  /** A fresh Int16Array view of `length` elements at byte address `ptr`. */
  i16(ptr: number, length: number): Int16Array;
  /** A fresh Int8Array view of `length` elements at byte address `ptr`. */
  i8(ptr: number, length: number): Int8Array;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let simdBytes: Uint8Array<ArrayBuffer> | undefined;
let simdSupported: boolean | undefined;

/** The inlined module bytes of a tier (decoded once for SIMD, since the probe needs them). */
function inlinedBytes(tier: WasmTier): Uint8Array<ArrayBuffer> {
  if (tier === 'simd') return (simdBytes ??= decodeBase64(SIMD_WASM_BASE64));
  return decodeBase64(SCALAR_WASM_BASE64);
}

/**
 * True when this engine can run the SIMD build. The probe is `WebAssembly.validate` on the SIMD module itself, so
 * it tests exactly the instructions the kernels use.
 */
export function simdAvailable(): boolean {
  if (simdSupported === undefined) {
    simdSupported = typeof WebAssembly === 'object' && WebAssembly.validate(inlinedBytes('simd'));
  }
  return simdSupported;
}

/** True when this engine has WebAssembly at all. */
export function wasmAvailable(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) {
      throw new GqaLutError(GqaLutErrorCode.TIER_UNAVAILABLE, `could not fetch the wasm module at ${String(source)}: HTTP ${response.status}`);
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

function wrap(tier: WasmTier, instance: WebAssembly.Instance): WasmModule {
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports.memory as WebAssembly.Memory;
  const heapBase = (exports.heap_base as () => number)();
  const arenaBase = Math.ceil(heapBase / ARENA_ALIGN) * ARENA_ALIGN;
  const ownIsa: KernelIsa = tier === 'simd' ? 'simd128' : 'scalar';
  const cache = new Map<string, KernelFunction>();
  return {
    tier,
    arenaBase,
    hasKernel: (name, isa = ownIsa) => typeof exports[`${name}__${isa}`] === 'function',
    kernel(name, isa = ownIsa) {
      const exportName = `${name}__${isa}`;
      let fn = cache.get(exportName);
      if (!fn) {
        const found = exports[exportName];
        if (typeof found !== 'function') {
          throw new GqaLutError(GqaLutErrorCode.TIER_UNAVAILABLE, `the ${tier} build has no kernel ${exportName}`);
        }
        fn = found as KernelFunction;
        cache.set(exportName, fn);
      }
      return fn;
    },
    reserve(bytes) {
      if (!(bytes >= 0) || bytes > MAX_ARENA_BYTES) {
        throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `cannot reserve ${bytes} bytes of wasm memory (at most ${MAX_ARENA_BYTES})`);
      }
      const needed = arenaBase + bytes;
      const have = memory.buffer.byteLength;
      if (needed > have) memory.grow(Math.ceil((needed - have) / PAGE));
      return arenaBase;
    },
    f64: (ptr, length) => new Float64Array(memory.buffer, ptr, length),
    f32: (ptr, length) => new Float32Array(memory.buffer, ptr, length),
    i32: (ptr, length) => new Int32Array(memory.buffer, ptr, length),
    i16: (ptr, length) => new Int16Array(memory.buffer, ptr, length),
    i8: (ptr, length) => new Int8Array(memory.buffer, ptr, length),
  };
}

const loaded = new Map<WasmTier, Promise<WasmModule>>();
const ready = new Map<WasmTier, WasmModule>();

/**
 * Compiles and instantiates the module of a WebAssembly tier, once; later calls return the same module.
 * `source` overrides the inlined module (for strict-CSP pages and edge runtimes that forbid compiling from bytes
 * made at run time, pass a precompiled `WebAssembly.Module`).
 */
export function loadWasm(tier: WasmTier, source?: WasmSource): Promise<WasmModule> {
  let pending = loaded.get(tier);
  if (!pending) {
    pending = (async () => {
      if (!wasmAvailable()) {
        throw new GqaLutError(GqaLutErrorCode.TIER_UNAVAILABLE, 'this engine has no WebAssembly; use tier "js"');
      }
      if (tier === 'simd' && source === undefined && !simdAvailable()) {
        throw new GqaLutError(GqaLutErrorCode.TIER_UNAVAILABLE, 'this engine has no WebAssembly SIMD; use tier "scalar" or "js"');
      }
      const module = await compile(source ?? inlinedBytes(tier));
      const instance = await WebAssembly.instantiate(module, {});
      const wrapped = wrap(tier, instance);
      ready.set(tier, wrapped);
      return wrapped;
    })();
    pending.catch(() => loaded.delete(tier));
    loaded.set(tier, pending);
  }
  return pending;
}

/** The module of a tier if {@link loadWasm} has finished for it, else a NOT_INITIALIZED error. */
export function wasmModule(tier: WasmTier): WasmModule {
  const module = ready.get(tier);
  if (!module) {
    throw new GqaLutError(GqaLutErrorCode.NOT_INITIALIZED, `the ${tier} kernels are not loaded: call and await init({ tier: '${tier}' }) first`);
  }
  return module;
}
