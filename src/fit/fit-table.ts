/**
 * `fitTable`: the one entry point of fitting, used by the CLI and the browser. It resolves a preset or explicit
 * settings, runs the chosen method, and evaluates the result on both grids.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { evaluateTable, type DecimalBitsReport } from '../evaluate/table-error.js';
import { getFunction, type NonlinearFunction } from '../functions/registry.js';
import type { LutTable } from '../table/model.js';
import type { Tier } from '../runtime.js';
import { runOfficialGa, type OfficialGaProgress } from './official-ga.js';
import { getPreset } from './presets.js';

/** Fitting methods. 'official': the official trainer's GA, reproduced bit for bit. */
export type FitMode = 'official';
/** Every fitting method. */
export const FIT_MODES: readonly FitMode[] = ['official'];

/** Options of {@link fitTable}. Give a preset, or a function with its entries and range. */
export interface FitOptions {
  /** An official target (gelu_8, ..., sqrt_reci_16): its settings are the defaults of everything below. */
  preset?: string;
  /** Function name or definition (required without a preset). */
  function?: string | NonlinearFunction;
  /** Number of entries 3..16 (required without a preset). */
  entries?: number;
  /** Approximation range [lo, hi) (default: the preset's, else the function's). */
  range?: readonly [number, number];
  /** Range breakpoints are searched in (default: the preset's, else the range). */
  searchRange?: readonly [number, number];
  /** Decimal bits [lo, hi]: one table per d (default: the preset's, else [0, 6]). */
  decimalBits?: readonly [number, number];
  /** Method; default 'official'. */
  mode?: FitMode;
  /** Seed of the random streams; default 42. */
  seed?: number;
  /** GA generations; default 500. */
  generations?: number;
  /** GA population; default 50. */
  population?: number;
  /** Kernel tier; default: init()'s. */
  tier?: Tier;
  /** Progress callback (at most every ~100 ms). */
  onProgress?: (progress: OfficialGaProgress) => void;
  /** Cancels the fit (checked every generation). */
  signal?: AbortSignal;
}

/** What {@link fitTable} returns. */
export interface FitResult {
  /** The fitted table. */
  readonly table: LutTable;
  /** Its errors per d on the trainer grid and the INT8 grid (tie rule 'right'). */
  readonly report: DecimalBitsReport[];
  /** Method used. */
  readonly mode: FitMode;
  /** The settings the fit ran with. */
  readonly settings: {
    readonly function: string;
    readonly entries: number;
    readonly range: readonly [number, number];
    readonly searchRange: readonly [number, number];
    readonly decimalBits: readonly [number, number];
    readonly preset?: string;
  };
  /** Fitness evaluations. */
  readonly evaluations: number;
  /** Best MSE after each generation (index 0: initial population). */
  readonly history: Float64Array;
  /** Wall time of the fit in milliseconds (evaluation of the report excluded). */
  readonly wallMs: number;
  /** Tier the fitness ran on. */
  readonly tier: Tier;
}

/** Fits a table. Synchronous: call and await `init()` first. */
export function fitTable(options: FitOptions): FitResult {
  const preset = options.preset !== undefined ? getPreset(options.preset) : undefined;
  const fnInput = options.function ?? preset?.function;
  if (fnInput === undefined) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'give a preset or a function (with entries and a range)');
  }
  const fn = typeof fnInput === 'string' ? getFunction(fnInput) : fnInput;
  const entries = options.entries ?? preset?.entries;
  if (entries === undefined) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `give the number of entries (3 to 16) for ${fn.name}`);
  }
  const range = options.range ?? preset?.xRange ?? fn.range;
  const searchRange = options.searchRange ?? preset?.searchRange ?? range;
  const decimalBits = options.decimalBits ?? preset?.decimalBits ?? [0, 6];
  const mode = options.mode ?? 'official';
  if (!FIT_MODES.includes(mode)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `unknown mode ${JSON.stringify(mode)}: allowed are ${FIT_MODES.join(', ')}`);
  }
  const started = performance.now();
  const result = runOfficialGa({
    function: fn,
    entries,
    xRange: range,
    searchRange,
    decimalBits,
    outerEnds: preset?.outerEnds ?? fn.outerEnds,
    roundingMutation: preset?.roundingMutation ?? true,
    mutationOffset: preset?.mutationOffset ?? 0,
    seed: options.seed,
    generations: options.generations,
    population: options.population,
    tier: options.tier,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const wallMs = performance.now() - started;
  return {
    table: result.table,
    report: evaluateTable(result.table, { function: fn, range }),
    mode,
    settings: { function: fn.name, entries, range, searchRange, decimalBits, preset: preset?.name },
    evaluations: result.evaluations,
    history: result.history,
    wallMs,
    tier: result.tier,
  };
}
