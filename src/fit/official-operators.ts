/**
 * The genetic operators of the official GQA-LUT trainer (DEAP 1.3 `selTournament`, `cxTwoPoint` and the trainer's
 * own mutation), on a population stored as rows of a Float64Array, drawing from the same random streams in the
 * same order as the Python original, so that a run reproduces it bit for bit. See docs section 3.
 */
import { roundHalfEven } from './secant.js';
import type { NumpyRandomState } from '../random/numpy-random.js';
import type { PythonRandom } from '../random/python-random.js';

/** What the mutation needs to know about the problem. */
export interface OfficialMutationSettings {
  /** Genes are clipped to [lo, hi]. */
  readonly searchRange: readonly [number, number];
  /** Decimal bits [lo, hi] of the rounding mutation. */
  readonly decimalBits: readonly [number, number];
  /** The official `--mutate` switch: rounding mutation (true) or Gaussian noise only (false). */
  readonly roundingMutation: boolean;
  /** First band of the rounding mutation is j = lo + offset. */
  readonly mutationOffset: number;
}

/**
 * Python's `min(max(value, low), high)`: `max` keeps its first argument unless the second is strictly greater and
 * `min` keeps its first unless the second is strictly smaller, so the sign of a zero value is kept (Math.min and
 * Math.max would turn min(-0, 0) and max(-0, 0) into other zeros).
 */
export function pythonClip(value: number, low: number, high: number): number {
  const raised = low > value ? low : value;
  return high < raised ? high : raised;
}

/**
 * Python's `round(x)` for a float: the nearest integer, ties to even, returned as an int, so a value that rounds
 * to zero gives +0 (round(-0.3) is 0, and 0 / 2**j is 0.0), unlike NumPy's np.round, which keeps -0.0.
 */
export function pythonRound(x: number): number {
  return roundHalfEven(x) + 0;
}

/**
 * Tournament selection (DEAP `selTournament`): for each of `count` picks, `tournamentSize` uniform draws
 * (`random.choice`) from the population in order; the winner is the first of them with the lowest fitness.
 * Writes the winners' row indices to `chosen`.
 */
export function selectByTournament(python: PythonRandom, fitness: Float64Array, populationSize: number,
  tournamentSize: number, chosen: Int32Array, count: number): void {
  for (let pick = 0; pick < count; pick++) {
    let best = python.randbelow(populationSize);
    for (let draw = 1; draw < tournamentSize; draw++) {
      const aspirant = python.randbelow(populationSize);
      if (fitness[aspirant] < fitness[best]) best = aspirant;
    }
    chosen[pick] = best;
  }
}

/**
 * Two-point crossover (DEAP `cxTwoPoint`) of rows `first` and `second` (each `geneCount` >= 2 genes):
 * c1 = randint(1, n), c2 = randint(1, n - 1); if c2 >= c1 then c2 += 1, else swap them; genes c1 .. c2-1 are
 * exchanged.
 */
export function crossTwoPoint(python: PythonRandom, genes: Float64Array, first: number, second: number, geneCount: number): void {
  let point1 = python.randint(1, geneCount);
  let point2 = python.randint(1, geneCount - 1);
  if (point2 >= point1) {
    point2 += 1;
  } else {
    const swap = point1;
    point1 = point2;
    point2 = swap;
  }
  const firstAt = first * geneCount;
  const secondAt = second * geneCount;
  for (let i = point1; i < point2; i++) {
    const swap = genes[firstAt + i];
    genes[firstAt + i] = genes[secondAt + i];
    genes[secondAt + i] = swap;
  }
}

/**
 * The official mutation of row `row`, gene by gene.
 *
 * Rounding mutation on: for j = lo + offset .. hi, draw p = random(); if 0.05 j <= p < 0.05 (j + 1) (products in
 * float64, as the original computes them) the gene becomes Python round(gene * 2^(lo + j)) / 2^(lo + j), clipped;
 * else if p >= 0.9 it gets normal(0, 0.2) added. The gene is clipped after the j loop. (The scale is 2^(lo + j),
 * not 2^j: the original adds lo twice, which matters only when lo > 0.)
 *
 * Rounding mutation off: each gene, when random() >= 0.9, gets normal(0, 0.2) added and is clipped.
 */
export function mutateOfficial(numpy: NumpyRandomState, genes: Float64Array, row: number, geneCount: number,
  settings: OfficialMutationSettings): void {
  const [low, high] = settings.searchRange;
  const [lowBits, highBits] = settings.decimalBits;
  const at = row * geneCount;
  for (let i = at; i < at + geneCount; i++) {
    if (!settings.roundingMutation) {
      if (numpy.randomSample() >= 0.9) genes[i] = pythonClip(genes[i] + numpy.normal(0, 0.2), low, high);
      continue;
    }
    let gene = genes[i];
    for (let j = lowBits + settings.mutationOffset; j <= highBits; j++) {
      const p = numpy.randomSample();
      if (p >= 0.05 * j && p < 0.05 * (j + 1)) {
        const scale = 2 ** (lowBits + j);
        gene = pythonClip(pythonRound(gene * scale) / scale, low, high);
      } else if (p >= 0.9) {
        gene += numpy.normal(0, 0.2);
      }
    }
    genes[i] = pythonClip(gene, low, high);
  }
}

/**
 * Sorts genes[start .. start+length) ascending in place, stably with `<` like Python's `list.sort()` (so +0 and
 * -0 keep their order; TypedArray.prototype.sort would put -0 first). Insertion sort: rows are short and nearly
 * sorted (every stored row was sorted by its last evaluation).
 */
export function sortRowStable(genes: Float64Array, start: number, length: number): void {
  for (let i = start + 1; i < start + length; i++) {
    const value = genes[i];
    let k = i - 1;
    while (k >= start && value < genes[k]) {
      genes[k + 1] = genes[k];
      k--;
    }
    genes[k + 1] = value;
  }
}
