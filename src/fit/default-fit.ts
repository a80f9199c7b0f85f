/**
 * The default-mode fit: for each d, the table for input scale 2^-d searched on the deployed objective. Per d:
 * 1. the points, candidates and segment cost matrix (segment-cost-problem.ts, one DP-kernel call);
 * 2. the exact optimum by DP on that matrix (always: it is cheap, and the GA's gap to it is reported);
 * 3. method 'ga': the GA (breakpoint-ga.ts) whose fitness reads the same matrix; method 'dp': the optimum itself;
 * 4. the lines of the chosen breakpoints refitted on the coefficient lattice of the declared format.
 * The coefficients differ per d (the table model allows it), unlike the official tables.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import type { Tier } from '../runtime.js';
import { createLutTable, type LutTable, type PwlSegments } from '../table/model.js';
import { createBreakpointFitness } from './breakpoint-fitness.js';
import { BREAKPOINT_GA_DEFAULTS, runBreakpointGa, type BreakpointGaSettings } from './breakpoint-ga.js';
import type { DecimalBitsSearch, FitProgress, ResolvedFitSettings } from './fit-options.js';
import { checkFormatHoldsSensibleTable } from './format-check.js';
import { buildSegmentCostProblem, normalizedCost, solveSegmentCostProblem, tableOfGenes, type SegmentCostProblemInput } from './segment-cost-problem.js';

/** Run-time settings of {@link runDefaultFit}. */
export interface DefaultFitRun {
  readonly tier: Tier;
  readonly seed?: number;
  readonly generations?: number;
  readonly population?: number;
  readonly onProgress?: (progress: FitProgress) => void;
  readonly signal?: AbortSignal;
}

/** What {@link runDefaultFit} returns. */
export interface DefaultFitOutcome {
  readonly table: LutTable;
  readonly searches: DecimalBitsSearch[];
  readonly evaluations: number;
}

/** Milliseconds between progress reports inside a search. */
const PROGRESS_INTERVAL_MS = 100;

function integerIn(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${name} must be an integer from ${low} to ${high}, got ${value}`);
  }
  return value;
}

/** The GA settings of one d: the caller's numbers, the defaults, and a seed derived from the fit's seed and d. */
function gaSettings(run: DefaultFitRun, d: number): BreakpointGaSettings {
  const seed = integerIn('seed', run.seed ?? 42, 0, 0xffffffff);
  return {
    ...BREAKPOINT_GA_DEFAULTS,
    population: integerIn('population', run.population ?? BREAKPOINT_GA_DEFAULTS.population, 4, 100_000),
    generations: integerIn('generations', run.generations ?? BREAKPOINT_GA_DEFAULTS.generations, 0, 1_000_000),
    seed: (seed + Math.imul(d, 0x9e3779b1)) >>> 0,
  };
}

/** Relative differences below this are rounding noise between two sums over the same residuals. */
const GAP_NOISE = 1e-9;

/** Ratio - 1 of a value to the optimum (0 when both are 0, or when they differ by rounding noise only). */
function gapOf(value: number, optimum: number): number {
  if (Math.abs(value - optimum) <= GAP_NOISE * Math.abs(optimum)) return 0;
  return optimum > 0 ? value / optimum - 1 : Infinity;
}

/** Fits every d of the settings (see the module comment). Synchronous. */
export function runDefaultFit(settings: ResolvedFitSettings, run: DefaultFitRun): DefaultFitOutcome {
  const { fn, entries, decimalBits } = settings;
  const startedAt = performance.now();
  gaSettings(run, decimalBits[0]);
  const byDecimalBits: Record<number, PwlSegments> = {};
  const searches: DecimalBitsSearch[] = [];
  let evaluations = 0;
  for (let d = decimalBits[0]; d <= decimalBits[1]; d++) {
    if (run.signal?.aborted) throw new GqaLutError(GqaLutErrorCode.ABORTED, `fit aborted before d = ${d}`);
    const input: SegmentCostProblemInput = {
      fn, d, grid: settings.grid, range: settings.range, searchRange: settings.searchRange, format: settings.format,
      errorMeasure: settings.errorMeasure, weights: settings.weights, tier: run.tier,
    };
    const problem = buildSegmentCostProblem(input);
    const dpStarted = performance.now();
    const exact = solveSegmentCostProblem(problem, entries, run.tier);
    const exactTable = tableOfGenes(problem, exact.genes);
    const dpMs = problem.costMs + performance.now() - dpStarted;
    const optimum = exactTable.errors.objectiveValue;
    if (settings.checkFormat && d === decimalBits[1]) checkFormatHoldsSensibleTable(input, entries, optimum);
    let chosen = exactTable;
    let history = new Float64Array(0);
    let searchEvaluations = 0;
    const searchStarted = performance.now();
    if (settings.method === 'ga') {
      const ga = gaSettings(run, d);
      const fitness = createBreakpointFitness(problem, entries - 1, run.tier);
      let reportedAt = performance.now();
      const report = (generation: number, best: number, done: number) => {
        run.onProgress?.({ mode: 'default', d, generation, generations: ga.generations, best: normalizedCost(problem, best), evaluations: evaluations + done, elapsedMs: performance.now() - startedAt });
        fitness.invalidate();
      };
      const result = runBreakpointGa({
        geneCount: entries - 1, firstUnit: problem.firstUnit, d, lowestD: decimalBits[0],
        unitToBoundary: problem.unitToBoundary, boundaryUnits: problem.boundaryUnits,
      }, fitness, ga, {
        signal: run.signal,
        onGeneration: run.onProgress && ((generation, best, done) => {
          const now = performance.now();
          if (now - reportedAt < PROGRESS_INTERVAL_MS) return;
          reportedAt = now;
          report(generation, best, done);
        }),
      });
      chosen = tableOfGenes(problem, result.genes);
      history = result.history.map((cost) => normalizedCost(problem, cost));
      searchEvaluations = result.evaluations;
      if (run.onProgress) report(ga.generations, result.cost, result.evaluations);
    } else {
      run.onProgress?.({ mode: 'default', d, generation: 0, generations: 0, best: optimum, evaluations, elapsedMs: performance.now() - startedAt });
    }
    evaluations += searchEvaluations;
    byDecimalBits[d] = chosen.segments;
    searches.push({
      d, points: problem.points.xs.length, candidates: problem.count - 2, objectiveValue: chosen.errors.objectiveValue, optimum,
      gap: gapOf(chosen.errors.objectiveValue, optimum), evaluations: searchEvaluations, history, dpMs,
      searchMs: settings.method === 'ga' ? performance.now() - searchStarted : 0,
    });
  }
  const table = createLutTable({ function: fn.name, byDecimalBits, format: settings.format });
  return { table, searches, evaluations };
}
