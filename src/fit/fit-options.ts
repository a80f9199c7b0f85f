/**
 * Options, results and settings resolution of {@link fitTable} (fit-table.ts): presets, defaults and validation,
 * so that a bad option fails with a coded error naming what is allowed before any work starts.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import type { DecimalBitsReport } from '../evaluate/table-error.js';
import { resolveFunction, type NonlinearFunction } from '../functions/registry.js';
import { FIT_OBJECTIVES, type FitObjective } from '../optimize/points.js';
import { parseTier, type Tier } from '../runtime.js';
import { checkFormat, Q1_6, type CoefficientFormat, type LutTable } from '../table/model.js';
import { checkActivationWeights, type ActivationWeights } from './activation-weights.js';
import { FIT_GRIDS, type FitGrid } from './segment-cost-problem.js';
import { getPreset, type Preset } from './presets.js';

export { FIT_GRIDS, type FitGrid } from './segment-cost-problem.js';
export type { ActivationWeights } from './activation-weights.js';

/**
 * Fitting modes. 'default': per-d tables searched on the deployed objective with refitted lattice coefficients
 * (GA or exact DP). 'official': the official trainer's GA, reproduced bit for bit.
 */
export type FitMode = 'default' | 'official';
/** Every fitting mode, the default first. */
export const FIT_MODES: readonly FitMode[] = ['default', 'official'];
/** Default-mode search methods: 'ga' (genetic algorithm, the default) or 'dp' (exact dynamic programming). */
export type FitMethod = 'ga' | 'dp';
/** Every method, the default first. */
export const FIT_METHODS: readonly FitMethod[] = ['ga', 'dp'];
/** Error measures of the default mode (see FitObjective in optimize/points.ts): 'mse' (default), 'relative', 'max-abs'. */
export type ErrorMeasure = FitObjective;
/** Every error measure, the default first. */
export const ERROR_MEASURES: readonly ErrorMeasure[] = FIT_OBJECTIVES;

/** Progress of a running fit (at most every ~100 ms, and at the end of each d in default mode). */
export interface FitProgress {
  /** The mode running. */
  readonly mode: FitMode;
  /** Decimal bits being searched (default mode only). */
  readonly d?: number;
  /** Generations done of this search (0 for method 'dp'). */
  readonly generation: number;
  /** Generations of this search in all (0 for method 'dp'). */
  readonly generations: number;
  /** Lowest objective value so far: of this d in default mode; official mode: the official trainer-grid MSE. */
  readonly best: number;
  /** Fitness evaluations so far (all d). */
  readonly evaluations: number;
  /** Milliseconds since the fit started. */
  readonly elapsedMs: number;
}

/** Options of {@link fitTable}. Give a preset, or a function with its entries and range. */
export interface FitOptions {
  /** An official target (gelu_8, ..., sqrt_reci_16): its settings are the defaults of everything below. */
  preset?: string;
  /** Function name or definition (required without a preset). */
  function?: string | NonlinearFunction;
  /** Number of entries 3..16 (required without a preset). */
  entries?: number;
  /** Approximation range [lo, hi] (default: the preset's, else the function's). */
  range?: readonly [number, number];
  /** Range breakpoints are searched in (default: the preset's, else the range). */
  searchRange?: readonly [number, number];
  /** Decimal bits [lo, hi]: one table per d (default: the preset's, else [0, 6]). */
  decimalBits?: readonly [number, number];
  /** Mode; default 'default'. */
  mode?: FitMode;
  /** Default mode: the points of the objective; default 'int8-grid' (what the integer kernel computes). */
  objective?: FitGrid;
  /** Default mode: 'ga' (default) or 'dp'. Both report the exact optimum and the GA's gap to it. */
  method?: FitMethod;
  /**
   * Default mode: the error measure; default 'mse'. 'relative' leaves out the points where f = 0 (hswish, gelu and
   * silu at 0, hswish below -3), where it is undefined.
   */
  errorMeasure?: ErrorMeasure;
  /**
   * Default mode: coefficient format of slopes and intercepts; default the preset's (Q1.6 in 8 bits, Q3.6 in
   * 10 bits for reci and sqrt_reci), else Q1.6. An explicit format that cannot hold a sensible table is an error.
   */
  format?: CoefficientFormat;
  /** Default mode, int8-grid objective: activation statistics weighting the INT8 inputs. */
  weights?: ActivationWeights;
  /** Seed of the random streams; default 42. */
  seed?: number;
  /** GA generations; default 500 (official) or 150 (default mode, per d). */
  generations?: number;
  /** GA population; default 50 (official) or 64 (default mode). */
  population?: number;
  /** Kernel tier; default: init()'s. */
  tier?: Tier;
  /** Progress callback (at most every ~100 ms); it may abort through `signal`. */
  onProgress?: (progress: FitProgress) => void;
  /** Cancels the fit (checked every generation): the fit throws GqaLutError ABORTED. */
  signal?: AbortSignal;
}

/** The search of one d in default mode. */
export interface DecimalBitsSearch {
  /** Decimal bits d of this table. */
  readonly d: number;
  /** Points of the objective. */
  readonly points: number;
  /** Distinct candidate breakpoints (multiples of 2^-d in the search range). */
  readonly candidates: number;
  /** Objective value of the returned table (weighted mean for mse and relative, the maximum for max-abs). */
  readonly objectiveValue: number;
  /** Objective value of the exact optimum (DP). */
  readonly optimum: number;
  /** objectiveValue / optimum - 1 (0 for the DP, when both are 0, or when they differ by < 1e-9 relative: rounding). */
  readonly gap: number;
  /** GA fitness evaluations (0 for the DP). */
  readonly evaluations: number;
  /** Best objective value after each GA generation, then after the polish (empty for the DP). */
  readonly history: Float64Array;
  /** Milliseconds for the segment cost matrix plus the DP. */
  readonly dpMs: number;
  /** Milliseconds for the GA (0 for method 'dp'). */
  readonly searchMs: number;
}

/** What {@link fitTable} returns. */
export interface FitResult {
  /** The fitted table; its coefficients fit its declared format. */
  readonly table: LutTable;
  /** Its errors per d on the trainer grid and the INT8 grid (unweighted, tie rule 'right'). */
  readonly report: DecimalBitsReport[];
  /** The mode that ran. */
  readonly mode: FitMode;
  /** The settings the fit ran with (objective, method and error measure: default mode only). */
  readonly settings: {
    readonly function: string;
    readonly entries: number;
    readonly range: readonly [number, number];
    readonly searchRange: readonly [number, number];
    readonly decimalBits: readonly [number, number];
    readonly format: CoefficientFormat;
    readonly preset?: string;
    readonly objective?: FitGrid;
    readonly method?: FitMethod;
    readonly errorMeasure?: ErrorMeasure;
    readonly weighted?: boolean;
  };
  /** Default mode: the search of each d, ascending d. */
  readonly searches?: readonly DecimalBitsSearch[];
  /** Fitness evaluations (all d). */
  readonly evaluations: number;
  /** Official mode: best MSE after each generation. Default mode: the history of the highest d. */
  readonly history: Float64Array;
  /** Wall time of the fit in milliseconds (evaluation of the report excluded). */
  readonly wallMs: number;
  /** The kernel tier the fit ran on. */
  readonly tier: Tier;
}

/** Options resolved against the preset and the defaults, validated. */
export interface ResolvedFitSettings {
  readonly preset?: Preset;
  readonly fn: NonlinearFunction;
  readonly entries: number;
  readonly range: readonly [number, number];
  readonly searchRange: readonly [number, number];
  readonly decimalBits: readonly [number, number];
  readonly mode: FitMode;
  readonly grid: FitGrid;
  readonly method: FitMethod;
  readonly errorMeasure: ErrorMeasure;
  readonly format: CoefficientFormat;
  /** True when the format was not vetted with the preset: the fit checks that it can hold a sensible table. */
  readonly checkFormat: boolean;
  readonly weights?: ActivationWeights;
}

function invalid(message: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, message);
}

function oneOf<T extends string>(what: string, value: unknown, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return invalid(`unknown ${what} ${JSON.stringify(value)}: allowed are ${allowed.join(', ')}`);
}

/** Resolves and validates the options (not the GA numbers, checked where they are used). */
export function resolveFitSettings(options: FitOptions): ResolvedFitSettings {
  if (options === null || typeof options !== 'object') invalid('fitTable needs an options object');
  const preset = options.preset !== undefined ? getPreset(options.preset) : undefined;
  const fnInput = options.function ?? preset?.function;
  if (fnInput === undefined) invalid('give a preset or a function (with entries and a range)');
  const fn = resolveFunction(fnInput);
  const entries = options.entries ?? preset?.entries;
  if (entries === undefined) invalid(`give the number of entries (3 to 16) for ${fn.name}`);
  if (!Number.isInteger(entries) || entries < 3 || entries > 16) invalid(`entries must be an integer from 3 to 16, got ${entries}`);
  const range = options.range ?? preset?.xRange ?? fn.range;
  const decimalBits = options.decimalBits ?? preset?.decimalBits ?? [0, 6];
  if (!Array.isArray(decimalBits) || decimalBits.length !== 2 || !decimalBits.every((d) => Number.isInteger(d) && d >= 0 && d <= 15) || decimalBits[0] > decimalBits[1]) {
    throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `decimalBits must be [lo, hi], integers with 0 <= lo <= hi <= 15, got ${JSON.stringify(decimalBits)}`);
  }
  for (const [what, pair] of [['range', range], ['searchRange', options.searchRange ?? range]] as const) {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(Number.isFinite) || !(pair[0] < pair[1])) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `${what} must be two finite numbers [lo, hi] with lo < hi, got ${JSON.stringify(pair)}`);
    }
  }
  const searchRange = options.searchRange ?? preset?.searchRange ?? range;
  if (searchRange[0] > range[1] || searchRange[1] < range[0]) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `searchRange [${searchRange.join(', ')}] must overlap range [${range.join(', ')}]: breakpoints outside the range cannot split it`);
  }
  const mode = oneOf('mode', options.mode, FIT_MODES);
  if (options.tier !== undefined) parseTier(options.tier);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') invalid(`onProgress must be a function, got ${typeof options.onProgress}`);
  const signal = options.signal as unknown;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof (signal as AbortSignal).aborted !== 'boolean')) {
    invalid(`signal must be an AbortSignal (e.g. new AbortController().signal), got ${signal === null ? 'null' : typeof signal}`);
  }
  if (mode === 'official') {
    const defaultOnly = (['objective', 'method', 'errorMeasure', 'format', 'weights'] as const).filter((key) => options[key] !== undefined);
    if (defaultOnly.length) invalid(`${defaultOnly.join(', ')} ${defaultOnly.length > 1 ? 'apply' : 'applies'} to the default mode only, not to mode 'official'`);
  }
  const grid = oneOf('objective', options.objective, FIT_GRIDS);
  const method = oneOf('method', options.method, FIT_METHODS);
  const errorMeasure = oneOf('errorMeasure', options.errorMeasure, ERROR_MEASURES);
  const format = checkFormat(options.format ?? preset?.format ?? Q1_6);
  const ds = Array.from({ length: decimalBits[1] - decimalBits[0] + 1 }, (_, k) => decimalBits[0] + k);
  if (options.weights !== undefined && grid !== 'int8-grid') invalid(`weights apply to the int8-grid objective only, not to ${grid}`);
  const weights = options.weights === undefined ? undefined : checkActivationWeights(options.weights, ds);
  return {
    preset, fn, entries, range, searchRange, decimalBits: [decimalBits[0], decimalBits[1]],
    mode, grid, method, errorMeasure, format, checkFormat: options.format !== undefined || preset === undefined, weights,
  };
}
