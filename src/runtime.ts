/**
 * Package initialisation: the one async step. After `await init()` every compute call is synchronous.
 */
import { GqaLutError, GqaLutErrorCode } from './errors.js';
import { loadWasm, simdAvailable, wasmAvailable, TIERS, type Tier, type WasmSource } from './wasm/loader.js';

export type { Tier, WasmSource } from './wasm/loader.js';
export { TIERS } from './wasm/loader.js';

/** Options of {@link init}. */
export interface InitOptions {
  /**
   * Force a tier instead of the fastest available: 'simd' (WebAssembly SIMD), 'scalar' (WebAssembly without SIMD)
   * or 'js' (the pure-JS baseline). Default: the environment variable GQA_LUT_TIER when set (Node), else 'simd'
   * where the engine validates the SIMD module, else 'scalar' where it has WebAssembly, else 'js'.
   */
  tier?: Tier;
  /** A precompiled module, bytes or URL to use instead of the inlined module of the chosen wasm tier. */
  module?: WasmSource;
}

let defaultTier: Tier | undefined;

function environmentTier(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.GQA_LUT_TIER || undefined;
}

/** Checks that a value is a tier name. */
export function parseTier(value: unknown): Tier {
  if (typeof value === 'string' && (TIERS as readonly string[]).includes(value)) return value as Tier;
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `unknown tier ${JSON.stringify(value)}: allowed are ${TIERS.join(', ')}`);
}

/** The fastest tier this engine supports. */
export function bestTier(): Tier {
  if (!wasmAvailable()) return 'js';
  return simdAvailable() ? 'simd' : 'scalar';
}

/**
 * Loads the kernels of the chosen tier and makes it the default for every compute call that does not name one.
 * Resolves to the tier in use. Calling it again with another tier switches the default.
 */
export async function init(options: InitOptions = {}): Promise<Tier> {
  const requested = options.tier ?? environmentTier();
  const tier = requested === undefined ? bestTier() : parseTier(requested);
  await ensureTier(tier, options.module);
  defaultTier = tier;
  return tier;
}

/** Loads a tier without changing the default (benchmarks and tests use it to run tiers side by side). */
export async function ensureTier(tier: Tier, module?: WasmSource): Promise<void> {
  if (tier !== 'js') await loadWasm(tier, module);
}

/** The tier that {@link init} chose, or a NOT_INITIALIZED error. */
export function currentTier(): Tier {
  if (defaultTier === undefined) {
    throw new GqaLutError(GqaLutErrorCode.NOT_INITIALIZED, 'call and await init() before computing');
  }
  return defaultTier;
}

/** Resolves an optional tier argument to a concrete tier (the default one when absent). */
export function resolveTier(tier?: Tier): Tier {
  return tier === undefined ? currentTier() : parseTier(tier);
}
