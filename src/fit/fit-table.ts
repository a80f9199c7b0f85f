/**
 * `fitTable`: the one entry point of fitting, used by the CLI and the browser. It resolves a preset or explicit
 * settings (fit-options.ts), runs the chosen mode, and evaluates the result on both grids.
 *
 * - mode 'default' (the default): per-d tables on the deployed objective, exact lattice refit, GA or exact DP
 *   (default-fit.ts); the result reports each d's exact optimum and the GA's gap to it.
 * - mode 'official': the official trainer's GA, bit for bit (official-ga.ts). Its coefficients are never clamped;
 *   the table declares the preset's format, or the smallest 2^-6 format that holds them when that one does not.
 */
import { evaluateTable } from '../evaluate/table-error.js';
import { resolveTier } from '../runtime.js';
import { coefficientFormatViolations, createLutTable, smallestFormatFor, type LutTable } from '../table/model.js';
import { runDefaultFit } from './default-fit.js';
import { resolveFitSettings, type FitOptions, type FitResult, type ResolvedFitSettings } from './fit-options.js';
import { runOfficialGa } from './official-ga.js';

export {
  FIT_MODES, FIT_METHODS, FIT_GRIDS, ERROR_MEASURES,
  type FitMode, type FitMethod, type FitGrid, type ErrorMeasure, type FitOptions, type FitResult, type FitProgress,
  type DecimalBitsSearch, type ActivationWeights,
} from './fit-options.js';

/** The official table re-declared in a format that holds its coefficients (values unchanged, bit for bit). */
function declareHoldingFormat(table: LutTable, settings: ResolvedFitSettings): LutTable {
  const preferred = settings.format;
  const format = coefficientFormatViolations(table, preferred).length === 0 ? preferred : smallestFormatFor(table, preferred.fracBits);
  return createLutTable({ function: table.function, byDecimalBits: table.byDecimalBits, format });
}

/**
 * Fits a table. Synchronous: call and await `init()` first.
 *
 * @example
 *   await init();
 *   const { table, searches } = fitTable({ preset: 'gelu_8' });                  // default mode, INT8-grid MSE
 *   fitTable({ preset: 'reci_8', objective: 'trainer-grid', method: 'dp' });     // the paper's objective, exact
 * @throws GqaLutError INVALID_ARGUMENT / INVALID_RANGE / DECIMAL_BITS_OUT_OF_RANGE / UNKNOWN_PRESET /
 *   UNKNOWN_FUNCTION for bad options, COEFFICIENT_OVERFLOW for an explicit format too narrow for the function,
 *   ABORTED when the signal fires, NOT_INITIALIZED before init().
 */
export function fitTable(options: FitOptions): FitResult {
  const settings = resolveFitSettings(options);
  const tier = resolveTier(options.tier);
  const { fn, entries, range, searchRange, decimalBits, preset, mode } = settings;
  const started = performance.now();
  const common = { function: fn.name, entries, range, searchRange, decimalBits, preset: preset?.name };
  if (mode === 'official') {
    const result = runOfficialGa({
      function: fn, entries, xRange: range, searchRange, decimalBits,
      outerEnds: preset?.outerEnds ?? fn.outerEnds,
      roundingMutation: preset?.roundingMutation ?? true,
      mutationOffset: preset?.mutationOffset ?? 0,
      seed: options.seed, generations: options.generations, population: options.population, tier,
      onProgress: options.onProgress && ((p) => options.onProgress?.({ mode, generation: p.generation, generations: p.generations, best: p.bestMse, evaluations: p.evaluations, elapsedMs: p.elapsedMs })),
      signal: options.signal,
    });
    const wallMs = performance.now() - started;
    const table = declareHoldingFormat(result.table, settings);
    return {
      table, report: evaluateTable(table, { function: fn, range }), mode, settings: { ...common, format: table.format },
      evaluations: result.evaluations, history: result.history, wallMs, tier: result.tier,
    };
  }
  const outcome = runDefaultFit(settings, {
    tier, seed: options.seed, generations: options.generations, population: options.population,
    onProgress: options.onProgress, signal: options.signal,
  });
  const wallMs = performance.now() - started;
  const searches = outcome.searches;
  return {
    table: outcome.table,
    report: evaluateTable(outcome.table, { function: fn, range }),
    mode,
    settings: { ...common, format: settings.format, objective: settings.grid, method: settings.method, errorMeasure: settings.errorMeasure, weighted: settings.weights !== undefined },
    searches,
    evaluations: outcome.evaluations,
    history: searches[searches.length - 1].history,
    wallMs,
    tier,
  };
}
