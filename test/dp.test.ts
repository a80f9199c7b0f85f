// The exact solver and the per-segment lattice refit, on every tier, against independent oracles: brute-force
// enumeration of the whole coefficient lattice for one segment, brute force over every breakpoint combination for
// small tables, the JS baseline kernel for the WebAssembly kernels, and the official gelu_8 table.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init, type Tier } from '../src/runtime.js';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { getFunction } from '../src/functions/registry.js';
import { errorStats, int8GridPoints } from '../src/evaluate/table-error.js';
import { trainerGrid } from '../src/fit/trainer-grid.js';
import { parseOfficialJson } from '../src/table/official-json.js';
import { formatBounds, Q1_6, type CoefficientFormat, type PwlSegments } from '../src/table/model.js';
import { bestLatticeLine } from '../src/optimize/lattice-line.js';
import { bestMaxErrorLatticeLine } from '../src/optimize/minimax-line.js';
import { refitSegments } from '../src/optimize/refit.js';
import { candidateBreakpoints, solveExact, type ExactProblem } from '../src/optimize/dp.js';
import type { FitObjective } from '../src/optimize/points.js';
import { seededRandom } from './support/seeded-random.js';

const SEED = 0x0d9_2024;
const TIERS: readonly Tier[] = ['simd', 'scalar', 'js'];
const officialGelu = join(__dirname, '..', '..', 'shared', 'reference', 'official-tables', 'gelu_pwl_7.json');


/** A random small segment problem: ascending x (sometimes repeated or all equal), targets, optional weights. */
function randomSegment(random: () => number): { xs: number[]; fs: number[]; weights?: number[] } {
  const n = Math.floor(random() * 9);
  const kind = random();
  const center = (random() - 0.5) * 6;
  const xs = Array.from({ length: n }, () => (kind < 0.15 ? center : center + (random() - 0.5) * (kind < 0.3 ? 0.05 : 3)));
  xs.sort((a, b) => a - b);
  const slope = (random() - 0.5) * 6;
  const offset = (random() - 0.5) * 6;
  const fs = xs.map((x) => slope * x + offset + (random() - 0.5) * 0.5 + 0.3 * x * x * (kind > 0.7 ? 1 : 0));
  return random() < 0.5 ? { xs, fs } : { xs, fs, weights: xs.map(() => (random() < 0.15 ? 0 : random() * 3)) };
}

/** Every (k, b) of the format's lattice: the least sum w e^2 and the least max |e| (w > 0), with their argmins. */
function bruteForceLines(xs: number[], fs: number[], weights: number[] | undefined, format: CoefficientFormat) {
  const { min, max, step } = formatBounds(format);
  const squared = { cost: Infinity, second: Infinity, slope: 0, intercept: 0 };
  const minimax = { cost: Infinity };
  for (let k = min; k <= max; k += step) {
    for (let b = min; b <= max; b += step) {
      let sse = 0;
      let worst = 0;
      for (let j = 0; j < xs.length; j++) {
        const w = weights ? weights[j] : 1;
        const e = fs[j] - (k * xs[j] + b);
        sse += w * e * e;
        if (w > 0) worst = Math.max(worst, Math.abs(e));
      }
      if (sse < squared.cost) Object.assign(squared, { second: squared.cost, cost: sse, slope: k, intercept: b });
      else if (sse < squared.second) squared.second = sse;
      minimax.cost = Math.min(minimax.cost, worst);
    }
  }
  return { squared, minimax };
}

function expectOnLattice(segments: PwlSegments, format: CoefficientFormat): void {
  const { min, max, step } = formatBounds(format);
  for (const v of [...segments.slopes, ...segments.intercepts]) {
    expect(Number.isInteger(v / step), `${v} is a multiple of ${step}`).toBe(true);
    expect(v >= min && v <= max, `${v} in [${min}, ${max}]`).toBe(true);
  }
}

function expectCloseRelative(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(expected), 1e-300), `${what}: ${actual} vs ${expected}`).toBe(true);
}

/** Brute force over every non-decreasing choice of N - 1 of the candidates, each refitted; the best objective. */
function bruteForceTable(problem: ExactProblem): number {
  const m = problem.candidates.length;
  const chosen = new Array<number>(problem.entries - 1).fill(0);
  let best = Infinity;
  for (;;) {
    const breakpoints = chosen.map((i) => problem.candidates[i]);
    const segments = refitSegments({ ...problem, breakpoints });
    best = Math.min(best, objectiveOf(segments, problem));
    let position = chosen.length - 1;
    while (position >= 0 && chosen[position] === m - 1) position--;
    if (position < 0) return best;
    chosen[position]++;
    for (let i = position + 1; i < chosen.length; i++) chosen[i] = chosen[position];
  }
}

/** The objective of a table on a problem's points, computed here from scratch (segment = breakpoints <= x). */
function objectiveOf(segments: PwlSegments, problem: ExactProblem): number {
  let sum = 0;
  let total = 0;
  let worst = 0;
  for (let j = 0; j < problem.xs.length; j++) {
    const x = problem.xs[j];
    const f = problem.fs[j];
    const w = problem.weights ? problem.weights[j] : 1;
    const s = segments.breakpoints.filter((p) => p <= x).length;
    const e = f - (segments.slopes[s] * x + segments.intercepts[s]);
    total += w;
    sum += problem.objective === 'relative' ? (w * e * e) / (f * f) : w * e * e;
    if (w > 0) worst = Math.max(worst, Math.abs(e));
  }
  return problem.objective === 'max-abs' ? worst : sum / total;
}

describe(`lattice line vs brute force over the whole lattice (seed ${SEED})`, () => {
  const formats: CoefficientFormat[] = [{ bits: 5, fracBits: 2 }, { bits: 6, fracBits: 4 }, { bits: 4, fracBits: 1 }, Q1_6];
  formats.forEach((format, f) => {
    it(`format ${format.bits} bits / ${format.fracBits} fractional, 40 random segments`, () => {
      const random = seededRandom(SEED + f);
      const problems = format.bits === 8 ? 12 : 40;
      for (let trial = 0; trial < problems; trial++) {
        const { xs, fs, weights } = randomSegment(random);
        const what = `seed ${SEED + f} trial ${trial}: ${JSON.stringify({ xs, fs, weights })}`;
        const brute = bruteForceLines(xs, fs, weights, format);
        const line = bestLatticeLine(xs, fs, { weights, format });
        expectCloseRelative(line.sse, brute.squared.cost, 1e-12, `least squares, ${what}`);
        if (brute.squared.second - brute.squared.cost > 1e-9 * (1 + brute.squared.cost)) {
          expect([line.slope, line.intercept], what).toEqual([brute.squared.slope, brute.squared.intercept]);
        }
        const minimax = bestMaxErrorLatticeLine(xs, fs, { weights, format });
        expectCloseRelative(minimax.maxAbsError, brute.minimax.cost, 1e-12, `minimax, ${what}`);
        expectOnLattice({ breakpoints: [], slopes: [line.slope, minimax.slope], intercepts: [line.intercept, minimax.intercept] }, format);
      }
    });
  });

  it('degenerate slices: empty, one point, all x equal', () => {
    expect(bestLatticeLine([], [])).toEqual({ slope: 0, intercept: 0, sse: 0, points: 0 });
    expect(bestLatticeLine([1, 2], [3, 4], { weights: [0, 0] }).points).toBe(0);
    const one = bestLatticeLine([0.5], [0.3]);
    expect(one.sse).toBeLessThan(1e-30 + (1 / 256) ** 2);
    expect(bestLatticeLine([0.5], [0.3]).sse).toBe(bruteForceLines([0.5], [0.3], undefined, Q1_6).squared.cost);
    const same = bestLatticeLine([2, 2, 2], [1, 1.5, 1.25]);
    expectCloseRelative(same.sse, bruteForceLines([2, 2, 2], [1, 1.5, 1.25], undefined, Q1_6).squared.cost, 1e-12, 'equal x');
    expect(bestMaxErrorLatticeLine([2, 2, 2], [1, 1.5, 1.25]).maxAbsError).toBeCloseTo(0.25, 12);
  });
});

describe('candidates and refit', () => {
  it('candidateBreakpoints gives the multiples of 2^-d in the closed range', () => {
    const c = candidateBreakpoints(6, [-4, 4]);
    expect(c.length).toBe(513);
    expect([c[0], c[1], c[512]]).toEqual([-4, -4 + 1 / 64, 4]);
    expect(Array.from(candidateBreakpoints(1, [-0.7, 1.2]))).toEqual([-0.5, 0, 0.5, 1]);
    expect(() => candidateBreakpoints(6, [1, -1])).toThrow(GqaLutError);
  });

  it('refit: a point on a breakpoint goes right; empty segments copy the line on their left', () => {
    const xs = [0, 1, 2, 3];
    const fs = [0, 1, 5, 7];
    const segments = refitSegments({ xs, fs, breakpoints: [2, 2, 9] });
    expect(segments.slopes[0]).toBe(1);
    expect(segments.intercepts[0]).toBe(0);
    const right = bestLatticeLine([2, 3], [5, 7]);
    expect([segments.slopes[2], segments.intercepts[2]]).toEqual([right.slope, right.intercept]);
    expect(right.slope).toBe(127 / 64);
    expect([segments.slopes[1], segments.intercepts[1]]).toEqual([segments.slopes[0], segments.intercepts[0]]);
    expect([segments.slopes[3], segments.intercepts[3]]).toEqual([segments.slopes[2], segments.intercepts[2]]);
    const leading = refitSegments({ xs, fs, breakpoints: [-5, 2] });
    expect([leading.slopes[0], leading.intercepts[0]]).toEqual([leading.slopes[1], leading.intercepts[1]]);
  });

  it('rejects bad input with clear codes', () => {
    const base = { xs: [0, 1, 2], fs: [1, 2, 3], entries: 2, candidates: [1] };
    const codeOf = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as GqaLutError).code; } return 'none'; };
    expect(codeOf(() => solveExact({ ...base, candidates: [2, 1] }, { tier: 'js' }))).toBe(GqaLutErrorCode.UNSORTED_BREAKPOINTS);
    expect(codeOf(() => solveExact({ ...base, entries: 17 }, { tier: 'js' }))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => solveExact({ ...base, xs: [0, 2, 1] }, { tier: 'js' }))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => solveExact({ ...base, fs: [1, NaN, 3] }, { tier: 'js' }))).toBe(GqaLutErrorCode.NON_FINITE);
    expect(codeOf(() => solveExact({ ...base, weights: [1, -1, 1] }, { tier: 'js' }))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => solveExact({ ...base, objective: 'l1' as FitObjective }, { tier: 'js' }))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(() => solveExact({ ...base, fs: [1, 0, 3], objective: 'relative' }, { tier: 'js' })).toThrow(/f = 0.*xs\[1\] = 1/);
    expect(() => solveExact({ ...base, fs: [1, 0, 3], weights: [1, 0, 1], objective: 'relative' }, { tier: 'js' })).not.toThrow();
  });
});

describe.each(TIERS)('exact solver, tier %s', (tier) => {
  beforeAll(async () => {
    expect(await init({ tier })).toBe(tier);
  });

  const objectives: FitObjective[] = ['mse', 'relative', 'max-abs'];
  it.each(objectives)(`matches brute force over every breakpoint choice (12 candidates, 2-4 entries, seed ${SEED}), %s`, (objective) => {
    const random = seededRandom(SEED ^ objectives.indexOf(objective));
    for (let trial = 0; trial < 6; trial++) {
      const n = 10 + Math.floor(random() * 20);
      const xs = Array.from({ length: n }, () => -2 + 4 * random());
      if (trial % 2 === 1) xs[3] = xs[4] = 0.5;
      xs.sort((a, b) => a - b);
      const fs = xs.map((x) => Math.exp(x) / 2 + (trial % 3) * Math.sin(3 * x));
      const weights = trial % 3 === 2 ? xs.map(() => random()) : undefined;
      const candidates = Array.from({ length: 12 }, (_, i) => -2.25 + 0.375 * i);
      const format = trial === 5 ? { bits: 5, fracBits: 2 } : Q1_6;
      for (let entries = 2; entries <= 4; entries++) {
        const problem: ExactProblem = { xs, fs, weights, entries, candidates, objective, format };
        const solution = solveExact(problem, { tier });
        expect(solution.tier).toBe(tier);
        const what = `${objective} trial ${trial} entries ${entries}`;
        expectCloseRelative(solution.objectiveValue, bruteForceTable(problem), 1e-12, what);
        expectCloseRelative(objectiveOf(solution.segments, problem), solution.objectiveValue, 1e-12, `${what} (recomputed)`);
        expectOnLattice(solution.segments, format);
        for (const p of solution.segments.breakpoints) expect(candidates).toContain(p);
      }
    }
  });

  it('respects a narrow format (4 bits, 2 fractional: quarters in [-2, 1.75]) on reciprocal', () => {
    const format = { bits: 4, fracBits: 2 };
    const xs = trainerGrid(0.5, 4);
    const fs = Array.from(xs, (x) => 1 / x);
    const solution = solveExact({ xs, fs, entries: 6, candidates: candidateBreakpoints(3, [0.5, 4]), format }, { tier });
    expectOnLattice(solution.segments, format);
    expect(solution.segments.intercepts).toContain(1.75);
  });

  if (tier !== 'js') {
    it('agrees with the JS baseline: same breakpoints, cost to 1e-12', () => {
      const gelu = getFunction('gelu').evaluate;
      const exp = getFunction('exp').evaluate;
      const grid = trainerGrid(-4, 4);
      const expGrid = trainerGrid(-8, 0);
      const histogram = Array.from(grid, (x) => Math.exp(-x * x / 2) + 0.01);
      const cases: ExactProblem[] = [
        { xs: grid, fs: Array.from(grid, gelu), entries: 8, candidates: candidateBreakpoints(6, [-4, 4]) },
        { xs: grid, fs: Array.from(grid, gelu), weights: histogram, entries: 16, candidates: candidateBreakpoints(4, [-4, 4]) },
        { xs: grid, fs: Array.from(grid, gelu), entries: 8, candidates: candidateBreakpoints(5, [-4, 4]), objective: 'max-abs' },
        { xs: expGrid, fs: Array.from(expGrid, exp), entries: 8, candidates: candidateBreakpoints(5, [-8, 0]), objective: 'relative' },
        { xs: int8GridPoints(5, [-4, 4]), fs: Array.from(int8GridPoints(5, [-4, 4]), gelu), entries: 16, candidates: int8GridPoints(5, [-4, 4]) },
      ];
      for (const problem of cases) {
        const fast = solveExact(problem, { tier });
        const baseline = solveExact(problem, { tier: 'js' });
        expect(fast.segments).toEqual(baseline.segments);
        expectCloseRelative(fast.searchCost, baseline.searchCost, 1e-12, `${problem.objective ?? 'mse'} search cost`);
        expectCloseRelative(fast.searchCost, problem.objective === 'max-abs' ? fast.maxAbsError
          : problem.objective === 'relative' ? fast.objectiveValue * problem.xs.length : fast.sse, 1e-9, 'search cost vs direct');
      }
    });
  }

  it('objectives: each solution is best at its own objective', () => {
    const xs = trainerGrid(-8, 0);
    const fs = Array.from(xs, Math.exp);
    const problem = { xs, fs, entries: 8, candidates: candidateBreakpoints(4, [-8, 0]) };
    const mse = solveExact({ ...problem, objective: 'mse' }, { tier });
    const relative = solveExact({ ...problem, objective: 'relative' }, { tier });
    const maxAbs = solveExact({ ...problem, objective: 'max-abs' }, { tier });
    expect(mse.mse).toBeLessThanOrEqual(relative.mse);
    expect(mse.mse).toBeLessThanOrEqual(maxAbs.mse);
    expect(relative.objectiveValue).toBeLessThanOrEqual(objectiveOf(mse.segments, { ...problem, objective: 'relative' }));
    expect(maxAbs.maxAbsError).toBeLessThanOrEqual(Math.min(mse.maxAbsError, relative.maxAbsError));
  });

  it.skipIf(!existsSync(officialGelu))('gelu, 8 entries, INT8 grid of d = 4 on [-4, 4]: below the official table', () => {
    const gelu = getFunction('gelu').evaluate;
    const xs = int8GridPoints(4, [-4, 4]);
    const solution = solveExact({ xs, fs: Array.from(xs, gelu), entries: 8, candidates: xs }, { tier });
    const official = parseOfficialJson(readFileSync(officialGelu, 'utf8')).byDecimalBits[4];
    const officialMse = errorStats(official, gelu, xs, 'right').mse;
    expectCloseRelative(errorStats(solution.segments, gelu, xs, 'right').mse, solution.mse, 1e-12, 'evaluator agrees');
    console.log(`gelu_8 d=4 INT8 grid (${tier}): DP mse ${solution.mse.toExponential(4)}, official ${officialMse.toExponential(4)}, ratio official/DP ${(officialMse / solution.mse).toFixed(2)}; breakpoints ${solution.segments.breakpoints.join(', ')}`);
    expect(solution.mse).toBeLessThan(officialMse);
  });
  if (!existsSync(officialGelu)) it.skip(`official table comparison skipped: ${officialGelu} is absent`, () => {});
});
