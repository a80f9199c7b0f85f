/**
 * "Official mode": the genetic algorithm of the official GQA-LUT trainer (DEAP 1.3 `eaSimple`), emulated exactly,
 * random streams included, so that a preset reproduces the official table bit for bit.
 *
 * Each generation: tournament selection of the whole population (size 3, first wins ties), clones, crossover coins
 * for all consecutive pairs first (two-point crossover), then one mutation coin per individual, re-evaluation of
 * the crossed or mutated individuals only (every evaluation sorts the individual's genes in place), and the
 * offspring replace the population (no elitism). The result is the first individual of the final population with
 * the lowest fitness. Python's `random` (seeded through init_by_array) drives selection, the coins and the crossover
 * points; NumPy's legacy generator (init_genrand) drives the initial genes and the mutation.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { getFunction, type NonlinearFunction } from '../functions/registry.js';
import { NumpyRandomState } from '../random/numpy-random.js';
import { PythonRandom } from '../random/python-random.js';
import type { Tier } from '../runtime.js';
import { createLutTable, type LutTable } from '../table/model.js';
import { createFitnessEvaluator } from './fitness.js';
import { checkOfficialGaConfig, type OfficialGaConfig } from './official-ga-config.js';
import { crossTwoPoint, mutateOfficial, selectByTournament, sortRowStable } from './official-operators.js';
import { roundToMultiple, secantCoefficients } from './secant.js';

export type { OfficialGaConfig, OfficialGaProgress } from './official-ga-config.js';

/** What {@link runOfficialGa} returns. */
export interface OfficialGaResult {
  /** The best individual's genes (float breakpoints, ascending): the first lowest-MSE one of the final population. */
  readonly bestGenes: number[];
  /** Its official fitness (MSE on the trainer grid, float coefficients and float breakpoints). */
  readonly bestFitness: number;
  /** Number of fitness evaluations (individuals evaluated), initial population included. */
  readonly evaluations: number;
  /** Lowest MSE of the population after each generation; index 0 is the initial population (generations + 1 values). */
  readonly history: Float64Array;
  /**
   * The output table: slopes and intercepts by the rounded secant rule through [lo_end, bestGenes..., hi_end], and
   * for each d of the decimal-bit range the breakpoints rounded half-to-even to multiples of 2^-d (NumPy style:
   * -0.3 rounds to -0.0). The coefficients are the same for every d.
   */
  readonly table: LutTable;
  /** The kernel tier the fitness ran on. */
  readonly tier: Tier;
}

function resolveFunction(fn: string | NonlinearFunction): NonlinearFunction {
  return typeof fn === 'string' ? getFunction(fn) : fn;
}

function throwIfAborted(signal: AbortSignal | undefined, generation: number): void {
  if (signal?.aborted) {
    throw new GqaLutError(GqaLutErrorCode.ABORTED, `official-mode fit aborted before generation ${generation}`);
  }
}

/** Copies row `from` of `source` to row `to` of `target` (rows of `length`; no subarray views, so no garbage). */
function copyRow(source: Float64Array, from: number, target: Float64Array, to: number, length: number): void {
  const sourceAt = from * length;
  const targetAt = to * length;
  for (let i = 0; i < length; i++) target[targetAt + i] = source[sourceAt + i];
}

/** Index of the first lowest value (the official `selBest` and the tournament both keep the first of equals). */
function firstLowest(values: Float64Array, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (values[i] < values[best]) best = i;
  return best;
}

/**
 * The output table of the official trainer from the best float genes: the split list [lo_end, genes..., hi_end]
 * sorted stably (as Python's `sort`), the secant coefficients through it, and the breakpoints per d.
 */
export function officialOutputTable(fn: NonlinearFunction, genes: readonly number[], outerEnds: readonly [number, number],
  decimalBits: readonly [number, number], coefficientFracBits = 6): LutTable {
  const splits = [outerEnds[0], ...genes, outerEnds[1]].sort((a, b) => (a < b ? -1 : b < a ? 1 : 0));
  const { slopes, intercepts } = secantCoefficients(splits, fn, coefficientFracBits);
  const byDecimalBits: Record<number, { breakpoints: number[]; slopes: number[]; intercepts: number[] }> = {};
  for (let d = decimalBits[0]; d <= decimalBits[1]; d++) {
    const breakpoints = splits.slice(1, -1).map((split) => roundToMultiple(split, d));
    byDecimalBits[d] = { breakpoints, slopes: [...slopes], intercepts: [...intercepts] };
  }
  return createLutTable({ function: fn.name, byDecimalBits, format: { bits: coefficientFracBits + 2, fracBits: coefficientFracBits } });
}

/**
 * Runs the official trainer's genetic algorithm. Synchronous: call and await `init()` first (the fitness runs on
 * the chosen kernel tier). The signal is checked before every generation (it can be aborted from `onProgress`).
 *
 * @example
 *   await init();
 *   const { table } = runOfficialGa({ ...getPreset('gelu_8') });
 * @throws GqaLutError INVALID_ARGUMENT / INVALID_RANGE for bad settings, ABORTED when the signal fires,
 *   NOT_INITIALIZED before init().
 */
export function runOfficialGa(config: OfficialGaConfig): OfficialGaResult {
  const settings = checkOfficialGaConfig(config);
  const fn = resolveFunction(config.function);
  const outerEnds = config.outerEnds ?? fn.outerEnds;
  const { populationSize, generations, tournamentSize, crossoverProbability, mutationProbability } = settings;
  const geneCount = config.entries - 1;
  const [searchLow, searchHigh] = settings.searchRange;
  const evaluator = createFitnessEvaluator(
    { fn, xRange: config.xRange, outerEnds, entries: config.entries, coefficientFracBits: settings.coefficientFracBits },
    { tier: config.tier },
  );
  const python = new PythonRandom(settings.seed);
  const numpy = new NumpyRandomState(settings.seed);

  let population = new Float64Array(populationSize * geneCount);
  let fitness = new Float64Array(populationSize);
  let offspring = new Float64Array(populationSize * geneCount);
  let offspringFitness = new Float64Array(populationSize);
  const changed = new Uint8Array(populationSize);
  const chosen = new Int32Array(populationSize);
  const pendingRows = new Int32Array(populationSize);
  const pendingGenes = new Float64Array(populationSize * geneCount);
  const pendingFitness = new Float64Array(populationSize);
  const history = new Float64Array(generations + 1);

  /** Sorts the flagged rows of `genes` in place and evaluates them with one evaluator call. */
  const evaluateChanged = (genes: Float64Array, scores: Float64Array, flags: Uint8Array): number => {
    let count = 0;
    for (let row = 0; row < populationSize; row++) {
      if (!flags[row]) continue;
      sortRowStable(genes, row * geneCount, geneCount);
      copyRow(genes, row, pendingGenes, count, geneCount);
      pendingRows[count++] = row;
    }
    evaluator.evaluate(pendingGenes, count, pendingFitness);
    for (let k = 0; k < count; k++) scores[pendingRows[k]] = pendingFitness[k];
    return count;
  };

  for (let i = 0; i < population.length; i++) population[i] = numpy.uniform(searchLow, searchHigh);
  changed.fill(1);
  let evaluations = evaluateChanged(population, fitness, changed);
  history[0] = fitness[firstLowest(fitness, populationSize)];
  config.onGeneration?.(0, population, fitness);
  let bestSoFar = history[0];
  const startedAt = performance.now();
  let reportedAt = startedAt;
  let reportedGeneration = 0;

  for (let generation = 1; generation <= generations; generation++) {
    throwIfAborted(config.signal, generation);
    selectByTournament(python, fitness, populationSize, tournamentSize, chosen, populationSize);
    for (let k = 0; k < populationSize; k++) {
      copyRow(population, chosen[k], offspring, k, geneCount);
      offspringFitness[k] = fitness[chosen[k]];
    }
    changed.fill(0);
    for (let i = 1; i < populationSize; i += 2) {
      if (python.random() < crossoverProbability) {
        crossTwoPoint(python, offspring, i - 1, i, geneCount);
        changed[i - 1] = 1;
        changed[i] = 1;
      }
    }
    for (let i = 0; i < populationSize; i++) {
      if (python.random() < mutationProbability) {
        mutateOfficial(numpy, offspring, i, geneCount, settings);
        changed[i] = 1;
      }
    }
    evaluations += evaluateChanged(offspring, offspringFitness, changed);
    const previousGenes = population;
    population = offspring;
    offspring = previousGenes;
    const previousFitness = fitness;
    fitness = offspringFitness;
    offspringFitness = previousFitness;

    const generationBest = fitness[firstLowest(fitness, populationSize)];
    history[generation] = generationBest;
    if (generationBest < bestSoFar) bestSoFar = generationBest;
    config.onGeneration?.(generation, population, fitness);
    if (config.onProgress) {
      const now = performance.now();
      if (generation === generations || generation - reportedGeneration >= settings.progressEveryGenerations
        || now - reportedAt >= settings.progressIntervalMs) {
        reportedAt = now;
        reportedGeneration = generation;
        config.onProgress({ generation, generations, bestMse: bestSoFar, evaluations, elapsedMs: now - startedAt });
      }
    }
  }

  const best = firstLowest(fitness, populationSize);
  const bestGenes = Array.from(population.subarray(best * geneCount, (best + 1) * geneCount));
  return {
    bestGenes,
    bestFitness: fitness[best],
    evaluations,
    history,
    table: officialOutputTable(fn, bestGenes, outerEnds, settings.decimalBits, settings.coefficientFracBits),
    tier: evaluator.tier,
  };
}
