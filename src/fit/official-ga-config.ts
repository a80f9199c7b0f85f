/**
 * Settings of the official-mode genetic algorithm ({@link runOfficialGa} in official-ga.ts) and their validation.
 * Every official preset (presets.ts) is a valid config as it is: `runOfficialGa({ ...getPreset('gelu_8') })`.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import type { NonlinearFunction } from '../functions/registry.js';
import type { Tier } from '../runtime.js';

/** Progress report of a running fit. */
export interface OfficialGaProgress {
  /** Generations done (1..generations). */
  readonly generation: number;
  /** Generations in all. */
  readonly generations: number;
  /** Lowest MSE seen in any generation so far. */
  readonly bestMse: number;
  /** Fitness evaluations so far. */
  readonly evaluations: number;
  /** Milliseconds since the first generation started. */
  readonly elapsedMs: number;
}

/** Settings of an official-mode fit. Defaults are the official trainer's. */
export interface OfficialGaConfig {
  /** The function: a registry name ('gelu', 'exp', ...) or a {@link NonlinearFunction}. */
  readonly function: string | NonlinearFunction;
  /** Number of table entries N, 3..16 (N-1 genes; the two-point crossover needs at least 2). */
  readonly entries: number;
  /** Fitness grid range [x_lo, x_hi). */
  readonly xRange: readonly [number, number];
  /** Outer split ends [lo_end, hi_end]; default: the function's `outerEnds`. */
  readonly outerEnds?: readonly [number, number];
  /** Range genes are drawn from and clipped to; default: xRange. */
  readonly searchRange?: readonly [number, number];
  /** Decimal bits [lo, hi] of the rounding mutation and of the output tables (d = lo..hi); default [0, 6]. */
  readonly decimalBits?: readonly [number, number];
  /** The official `--mutate` switch; default true. */
  readonly roundingMutation?: boolean;
  /** Offset of the first rounding band; default 0 (the presets carry the official values). */
  readonly mutationOffset?: number;
  /** Population size; default 50. */
  readonly population?: number;
  /** Generations; default 500. */
  readonly generations?: number;
  /** Tournament size; default 3. */
  readonly tournamentSize?: number;
  /** Probability of crossing each consecutive pair; default 0.7. */
  readonly crossoverProbability?: number;
  /** Probability of mutating each individual; default 0.2. */
  readonly mutationProbability?: number;
  /** Seed of both random streams (Python `random.seed`, NumPy `np.random.seed`), 0..2^32-1; default 42. */
  readonly seed?: number;
  /** Fractional bits of slopes and intercepts; default 6. */
  readonly coefficientFracBits?: number;
  /** Kernel tier of the fitness; default: the one chosen by init(). */
  readonly tier?: Tier;
  /** Called with progress at most every `progressEveryGenerations` generations or `progressIntervalMs`, and at the end. */
  readonly onProgress?: (progress: OfficialGaProgress) => void;
  /** Generations between progress reports; default 50. */
  readonly progressEveryGenerations?: number;
  /** Milliseconds after which a progress report is due even within `progressEveryGenerations`; default 100. */
  readonly progressIntervalMs?: number;
  /**
   * Called after the initial evaluation (generation 0) and after every generation with the population's genes
   * (rows of entries-1) and fitness. The arrays are the trainer's own buffers: read them during the call only.
   */
  readonly onGeneration?: (generation: number, genes: Float64Array, fitness: Float64Array) => void;
  /** Checked before every generation; when aborted the fit throws GqaLutError ABORTED. */
  readonly signal?: AbortSignal;
}

/** The validated numeric settings, defaults filled in. */
export interface OfficialGaSettings {
  readonly searchRange: readonly [number, number];
  readonly decimalBits: readonly [number, number];
  readonly roundingMutation: boolean;
  readonly mutationOffset: number;
  readonly populationSize: number;
  readonly generations: number;
  readonly tournamentSize: number;
  readonly crossoverProbability: number;
  readonly mutationProbability: number;
  readonly seed: number;
  readonly coefficientFracBits: number;
  readonly progressEveryGenerations: number;
  readonly progressIntervalMs: number;
}

function invalid(message: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, message);
}

function integerIn(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) invalid(`${name} must be an integer from ${low} to ${high}, got ${value}`);
  return value;
}

function probability(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) invalid(`${name} must be a probability in [0, 1], got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0)) invalid(`${name} must be a number >= 0, got ${value}`);
  return value;
}

function range(name: string, value: readonly [number, number]): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !Number.isFinite(value[0]) || !Number.isFinite(value[1]) || !(value[0] < value[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `${name} must be two finite numbers [lo, hi] with lo < hi, got ${JSON.stringify(value)}`);
  }
  return [value[0], value[1]];
}

/** Validates a config and fills in the defaults. */
export function checkOfficialGaConfig(config: OfficialGaConfig): OfficialGaSettings {
  if (config === null || typeof config !== 'object') invalid('the official GA needs a config object');
  integerIn('entries', config.entries, 3, 16);
  const xRange = range('xRange', config.xRange);
  const decimalBits = config.decimalBits ?? [0, 6];
  if (!Array.isArray(decimalBits) || decimalBits.length !== 2) invalid(`decimalBits must be [lo, hi], got ${JSON.stringify(decimalBits)}`);
  integerIn('decimalBits[0]', decimalBits[0], 0, 15);
  integerIn('decimalBits[1]', decimalBits[1], decimalBits[0], 15);
  const roundingMutation = config.roundingMutation ?? true;
  if (typeof roundingMutation !== 'boolean') invalid(`roundingMutation must be true or false, got ${String(roundingMutation)}`);
  return {
    searchRange: range('searchRange', config.searchRange ?? xRange),
    decimalBits: [decimalBits[0], decimalBits[1]],
    roundingMutation,
    mutationOffset: integerIn('mutationOffset', config.mutationOffset ?? 0, 0, 15),
    populationSize: integerIn('population', config.population ?? 50, 1, 100_000),
    generations: integerIn('generations', config.generations ?? 500, 0, 10_000_000),
    tournamentSize: integerIn('tournamentSize', config.tournamentSize ?? 3, 1, 1000),
    crossoverProbability: probability('crossoverProbability', config.crossoverProbability ?? 0.7),
    mutationProbability: probability('mutationProbability', config.mutationProbability ?? 0.2),
    seed: integerIn('seed', config.seed ?? 42, 0, 0xffffffff),
    coefficientFracBits: integerIn('coefficientFracBits', config.coefficientFracBits ?? 6, 0, 30),
    progressEveryGenerations: integerIn('progressEveryGenerations', config.progressEveryGenerations ?? 50, 1, Number.MAX_SAFE_INTEGER),
    progressIntervalMs: nonNegative('progressIntervalMs', config.progressIntervalMs ?? 100),
  };
}
