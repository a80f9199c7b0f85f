/**
 * The default-mode search: a memetic genetic algorithm over breakpoints on the 2^-d grid, on the exact refitted
 * objective (the fitness reads the per-d segment cost matrix in one kernel call per population, see
 * breakpoint-fitness.ts).
 *
 * Genes are grid positions (multiples of 2^-d, counted from the first in the search range), each row sorted, drawn
 * among the candidates that separate different points. The run is a sequence of epochs. In an epoch, each
 * generation keeps the `elite` best unchanged, picks the others by tournament (size 3), crosses consecutive pairs
 * (two-point, probability 0.7, as the official GA) and mutates half of them gene by gene with
 * - the rounding mutation of the official GA: snap the gene to a coarser grid 2^-j, j drawn from [lowest d, d - 1];
 * - Gaussian noise of standard deviation 0.2 (in x, as the official GA), rounded to the grid;
 * - a step of one grid position left or right.
 * Whenever the population's best beats the epoch's best it is polished in place (Lamarckian local search):
 * each breakpoint in turn is tried at every other candidate position (one kernel call for all of them) and the best
 * move is kept while it lowers the cost. After `restartAfter` generations without improvement a new epoch starts
 * from a freshly drawn population; the best table of all epochs (the hall of fame) is the result.
 *
 * Measured on the 11 presets x every d x 3 seeds, 150 generations (mean / worst gap to the DP optimum, int8-grid
 * and trainer-grid): the official scheme on this fitness 13.2 % / 248 % and 10.1 % / 81 %; with relocation polish
 * 1.9 % / 36 % and 1.5 % / 39 %; with fresh-epoch restarts (this design) 0.17 % / 5.5 % and 0.12 % / 3.1 %.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { NumpyRandomState } from '../random/numpy-random.js';
import type { BreakpointFitness } from './breakpoint-fitness.js';
import { roundHalfEven } from './secant.js';

/** Tuning of {@link runBreakpointGa}; the defaults are the measured ones of the module comment. */
export interface BreakpointGaSettings {
  /** Individuals; default 64. */
  readonly population: number;
  /** Generations (restarts included); default 150. */
  readonly generations: number;
  /** Best individuals copied unchanged into the next generation of an epoch; default 1. */
  readonly elite: number;
  /** Generations without improvement before a new epoch (0: never); default 10. */
  readonly restartAfter: number;
  /** Lamarckian relocation polish of each epoch's improving best; default true. */
  readonly polish: boolean;
  /** Seed of the random stream (0..2^32-1). */
  readonly seed: number;
}

/** Default tuning (without the seed). */
export const BREAKPOINT_GA_DEFAULTS: Omit<BreakpointGaSettings, 'seed'> = Object.freeze({
  population: 64, generations: 150, elite: 1, restartAfter: 10, polish: true,
});

/** The search space of one d. */
export interface BreakpointSpace {
  /** Breakpoints per table (entries - 1). */
  readonly geneCount: number;
  /** 2^d times the first grid value (to round genes to coarser grids in absolute terms). */
  readonly firstUnit: number;
  /** Decimal bits of this search and the lowest of the fit (rounding mutation targets 2^-j, j in [low, d - 1]). */
  readonly d: number;
  readonly lowestD: number;
  /** Boundary index of every grid position and the kept position of every boundary (for the polish). */
  readonly unitToBoundary: Int32Array;
  readonly boundaryUnits: Int32Array;
}

/** What {@link runBreakpointGa} returns. */
export interface BreakpointGaResult {
  /** Best genes found (grid positions, sorted). */
  readonly genes: Int32Array;
  /** Their raw cost (as the fitness computes it). */
  readonly cost: number;
  /** Candidates evaluated, polish included. */
  readonly evaluations: number;
  /** Best raw cost of all epochs after each generation (index 0: the initial population). */
  readonly history: Float64Array;
}

/** Hooks: called after each generation (may run user code), and the abort signal checked before each one. */
export interface BreakpointGaHooks {
  /** After generation 0 (the initial population) and each later one: the best raw cost so far, evaluations so far. */
  readonly onGeneration?: (generation: number, bestCost: number, evaluations: number) => void;
  /** When aborted, the search throws GqaLutError ABORTED before the next generation. */
  readonly signal?: AbortSignal;
}

/** Tournament size (the official 3). */
const TOURNAMENT_SIZE = 3;
/** Probability of crossing each pair of offspring (the official 0.7). */
const CROSSOVER_PROBABILITY = 0.7;
/** Probability of mutating an offspring. */
const MUTATION_PROBABILITY = 0.5;

/** Sorts genes[at .. at+length) ascending (insertion sort: rows are short and nearly sorted). */
function sortRow(genes: Int32Array, at: number, length: number): void {
  for (let i = at + 1; i < at + length; i++) {
    const value = genes[i];
    let k = i - 1;
    while (k >= at && genes[k] > value) { genes[k + 1] = genes[k]; k--; }
    genes[k + 1] = value;
  }
}

/** Two-point crossover of rows `first` and `second` (as DEAP cxTwoPoint: genes c1 .. c2-1 are exchanged). */
function crossTwoPoint(random: NumpyRandomState, genes: Int32Array, first: number, second: number, geneCount: number): void {
  let point1 = 1 + Math.floor(random.randomSample() * geneCount);
  let point2 = 1 + Math.floor(random.randomSample() * (geneCount - 1));
  if (point2 >= point1) point2 += 1;
  else [point1, point2] = [point2, point1];
  for (let i = point1; i < point2; i++) {
    const swap = genes[first * geneCount + i];
    genes[first * geneCount + i] = genes[second * geneCount + i];
    genes[second * geneCount + i] = swap;
  }
}

/** Mutates one row gene by gene (see the module comment); clamps and sorts it. */
function mutateRow(random: NumpyRandomState, genes: Int32Array, at: number, space: BreakpointSpace): void {
  const { geneCount, firstUnit, d, lowestD } = space;
  const lowUnit = space.boundaryUnits[1];
  const highUnit = space.boundaryUnits[space.boundaryUnits.length - 2];
  const noiseUnits = 0.2 * 2 ** d;
  for (let i = at; i < at + geneCount; i++) {
    const p = random.randomSample();
    let unit = genes[i];
    if (p < 0.15 && d > lowestD) {
      const j = lowestD + Math.floor(random.randomSample() * (d - lowestD));
      const step = 2 ** (d - j);
      unit = roundHalfEven((firstUnit + unit) / step) * step - firstUnit;
    } else if (p < 0.3) {
      unit += Math.round(random.normal(0, noiseUnits));
    } else if (p < 0.4) {
      unit += random.randomSample() < 0.5 ? -1 : 1;
    }
    genes[i] = unit < lowUnit ? lowUnit : unit > highUnit ? highUnit : unit;
  }
  sortRow(genes, at, geneCount);
}

/** Draws a row uniformly among the kept candidate positions, sorted. */
function randomRow(random: NumpyRandomState, genes: Int32Array, at: number, space: BreakpointSpace): void {
  const kept = space.boundaryUnits;
  for (let i = at; i < at + space.geneCount; i++) genes[i] = kept[1 + Math.floor(random.randomSample() * (kept.length - 2))];
  sortRow(genes, at, space.geneCount);
}

/** Row indices sorted by cost, ascending (stable). */
function ranking(costs: Float64Array, size: number): number[] {
  return Array.from({ length: size }, (_, i) => i).sort((a, b) => costs[a] - costs[b] || a - b);
}

/**
 * Relocation polish of `best` in place (see the module comment): for each breakpoint in turn, every other position of the
 * grid (one kernel call for all of them), keeping the best if it lowers the cost; sweeps until none does. Returns
 * the new cost and the evaluations spent.
 */
function polish(best: Int32Array, bestCost: number, space: BreakpointSpace, fitness: BreakpointFitness): { cost: number; evaluations: number } {
  const { geneCount, boundaryUnits } = space;
  const positions = boundaryUnits.length - 2;
  const rows = new Int32Array(positions * geneCount);
  const costs = new Float64Array(positions);
  const rest = new Int32Array(geneCount - 1);
  let evaluations = 0;
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < geneCount; i++) {
      rest.set(best.subarray(0, i));
      rest.set(best.subarray(i + 1), i);
      let insertAt = 0;
      for (let k = 0; k < positions; k++) {
        const unit = boundaryUnits[k + 1];
        while (insertAt < rest.length && rest[insertAt] < unit) insertAt++;
        const at = k * geneCount;
        rows.set(rest.subarray(0, insertAt), at);
        rows[at + insertAt] = unit;
        rows.set(rest.subarray(insertAt), at + insertAt + 1);
      }
      fitness.evaluate(rows, positions, costs);
      evaluations += positions;
      let pick = -1;
      for (let k = 0; k < positions; k++) if (costs[k] < (pick < 0 ? bestCost : costs[pick])) pick = k;
      if (pick >= 0) {
        best.set(rows.subarray(pick * geneCount, (pick + 1) * geneCount));
        bestCost = costs[pick];
        improved = true;
      }
    }
  }
  return { cost: bestCost, evaluations };
}

/** One generation's selection and variation: elite copies, tournament picks, crossover, mutation. */
function breed(random: NumpyRandomState, genes: Int32Array, costs: Float64Array, offspring: Int32Array, offspringCosts: Float64Array,
  elite: number, space: BreakpointSpace): void {
  const geneCount = space.geneCount;
  const size = costs.length;
  const order = ranking(costs, size);
  for (let k = 0; k < elite; k++) {
    offspring.set(genes.subarray(order[k] * geneCount, (order[k] + 1) * geneCount), k * geneCount);
    offspringCosts[k] = costs[order[k]];
  }
  for (let k = elite; k < size; k++) {
    let pick = Math.floor(random.randomSample() * size);
    for (let t = 1; t < TOURNAMENT_SIZE; t++) {
      const other = Math.floor(random.randomSample() * size);
      if (costs[other] < costs[pick]) pick = other;
    }
    offspring.set(genes.subarray(pick * geneCount, (pick + 1) * geneCount), k * geneCount);
  }
  for (let k = elite + 1; k < size; k += 2) {
    if (geneCount >= 2 && random.randomSample() < CROSSOVER_PROBABILITY) crossTwoPoint(random, offspring, k - 1, k, geneCount);
  }
  for (let k = elite; k < size; k++) {
    if (random.randomSample() < MUTATION_PROBABILITY) mutateRow(random, offspring, k * geneCount, space);
    else sortRow(offspring, k * geneCount, geneCount);
  }
}

/**
 * Runs the search on one d. Synchronous; deterministic for a given seed.
 *
 * @throws GqaLutError ABORTED when the signal fires (checked before every generation).
 */
export function runBreakpointGa(space: BreakpointSpace, fitness: BreakpointFitness, settings: BreakpointGaSettings, hooks: BreakpointGaHooks = {}): BreakpointGaResult {
  const { population: size, generations } = settings;
  const geneCount = space.geneCount;
  const elite = Math.min(settings.elite, size);
  const random = new NumpyRandomState(settings.seed);
  let genes = new Int32Array(size * geneCount);
  let offspring = new Int32Array(size * geneCount);
  let costs = new Float64Array(size);
  let offspringCosts = new Float64Array(size);
  const history = new Float64Array(generations + 1);
  const best = new Int32Array(geneCount);
  let bestCost = Infinity;
  let epochBestCost = Infinity;
  let stalled = 0;
  let evaluations = 0;
  /** Draws a whole new population (the start of an epoch). */
  const drawPopulation = (target: Int32Array, targetCosts: Float64Array): void => {
    for (let row = 0; row < size; row++) randomRow(random, target, row * geneCount, space);
    fitness.evaluate(target, size, targetCosts);
    evaluations += size;
    epochBestCost = Infinity;
  };
  /** Polishes the population's best when it beats the epoch's best (in place), and updates the hall of fame. */
  const keepBest = (): boolean => {
    const top = ranking(costs, size)[0];
    if (!(costs[top] < epochBestCost)) return false;
    const row = genes.subarray(top * geneCount, (top + 1) * geneCount);
    if (settings.polish) {
      const polished = polish(row, costs[top], space, fitness);
      costs[top] = polished.cost;
      evaluations += polished.evaluations;
    }
    epochBestCost = costs[top];
    if (epochBestCost < bestCost) {
      bestCost = epochBestCost;
      best.set(row);
    }
    return true;
  };
  drawPopulation(genes, costs);
  keepBest();
  history[0] = bestCost;
  hooks.onGeneration?.(0, bestCost, evaluations);
  for (let generation = 1; generation <= generations; generation++) {
    if (hooks.signal?.aborted) throw new GqaLutError(GqaLutErrorCode.ABORTED, `fit aborted at d = ${space.d}, generation ${generation}`);
    if (settings.restartAfter > 0 && stalled >= settings.restartAfter) {
      drawPopulation(offspring, offspringCosts);
      stalled = 0;
    } else {
      breed(random, genes, costs, offspring, offspringCosts, elite, space);
      fitness.evaluate(offspring.subarray(elite * geneCount), size - elite, offspringCosts.subarray(elite));
      evaluations += size - elite;
    }
    [genes, offspring] = [offspring, genes];
    [costs, offspringCosts] = [offspringCosts, costs];
    stalled = keepBest() ? 0 : stalled + 1;
    history[generation] = bestCost;
    hooks.onGeneration?.(generation, bestCost, evaluations);
  }
  return { genes: best, cost: bestCost, evaluations, history };
}
