// Default-mode fit (issue 5): refit vs the official secant coefficients, the GA against the exact DP (a lower bound)
// and an independent exact solve, the acceptance inequalities against ../shared/reference, coefficient formats,
// determinism, tiers, weights, errors, abort and progress. The kernels of the fitness are compared with their JS
// baselines on every tier.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { errorStats, int8GridPoints } from '../src/evaluate/table-error.js';
import { fitTable, type FitOptions, type FitProgress } from '../src/fit/fit-table.js';
import { getPreset, PRESET_NAMES } from '../src/fit/presets.js';
import { secantCoefficients } from '../src/fit/secant.js';
import { trainerGrid } from '../src/fit/trainer-grid.js';
import { getFunction } from '../src/functions/registry.js';
import { breakpointCostJs } from '../src/kernels/pwl-breakpoint-cost-js.js';
import { candidateBreakpoints, solveExact } from '../src/optimize/dp.js';
import { refitSegments } from '../src/optimize/refit.js';
import { ensureTier, init } from '../src/runtime.js';
import { coefficientFormatViolations, createSegments, Q1_6, type LutTable } from '../src/table/model.js';
import { parseOfficialJson } from '../src/table/official-json.js';
import { createBreakpointFitness } from '../src/fit/breakpoint-fitness.js';
import { buildSegmentCostProblem, solveSegmentCostProblem } from '../src/fit/segment-cost-problem.js';
import { seededRandom } from './support/seeded-random.js';

const SEED = 20240527;
const reference = join(__dirname, '..', '..', 'shared', 'reference');
const figuresPath = join(reference, 'official-figures.json');
const haveReference = existsSync(figuresPath);
if (!haveReference) console.log(`fit-default: ${reference} is absent; the comparisons with the official tables are skipped`);


function expectCode(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GqaLutError);
    expect((error as GqaLutError).code).toBe(code);
    return;
  }
  throw new Error(`expected a GqaLutError ${code}`);
}

function expectFitsFormat(table: LutTable): void {
  expect(coefficientFormatViolations(table), `${table.function} in ${table.format.bits}.${table.format.fracBits}`).toEqual([]);
}

beforeAll(async () => {
  await ensureTier('scalar');
  await init();
});

describe('kernels of the default-mode fitness match their JS baselines on every tier', () => {
  const fn = getFunction('gelu');
  for (const [grid, d] of [['int8-grid', 6], ['trainer-grid', 4], ['int8-grid', 2]] as const) {
    it(`gelu ${grid} d = ${d}: cost matrix, DP and population costs (seed ${SEED})`, () => {
      const input = { fn, d, grid, range: [-4, 4] as const, searchRange: [-4, 4] as const, format: Q1_6, errorMeasure: 'mse' as const };
      const js = buildSegmentCostProblem({ ...input, tier: 'js' });
      const random = seededRandom(SEED + d);
      const rows = 200;
      const genes = new Int32Array(rows * 7);
      for (let r = 0; r < rows; r++) {
        const row = Array.from({ length: 7 }, () => Math.floor(random() * js.unitToBoundary.length) - 3).sort((a, b) => a - b);
        genes.set(row, r * 7);
      }
      const expected = new Float64Array(rows);
      breakpointCostJs({ cost: js.cost, count: js.count, unitToBoundary: js.unitToBoundary, objective: js.kernelObjective }, genes, rows, 7, expected);
      for (const tier of ['simd', 'scalar'] as const) {
        const wasm = buildSegmentCostProblem({ ...input, tier });
        expect(wasm.cost).toEqual(js.cost);
        expect(solveSegmentCostProblem(wasm, 8, tier)).toEqual(solveSegmentCostProblem(js, 8, 'js'));
        const out = new Float64Array(rows);
        createBreakpointFitness(wasm, 7, tier).evaluate(genes, rows, out);
        expect(out).toEqual(expected);
      }
    });
  }
});

describe(`lattice refit is never worse than the rounded secant on the same breakpoints (seed ${SEED})`, () => {
  it('random breakpoints of gelu, silu and exp, both grids', () => {
    const random = seededRandom(SEED);
    for (const name of ['gelu', 'silu', 'exp']) {
      const fn = getFunction(name);
      for (let trial = 0; trial < 20; trial++) {
        const d = Math.floor(random() * 7);
        const [lo, hi] = fn.range;
        const breakpoints = Array.from({ length: 7 }, () => Math.round((lo + random() * (hi - lo)) * 2 ** d) / 2 ** d).sort((a, b) => a - b);
        const { slopes, intercepts } = secantCoefficients([fn.outerEnds[0], ...breakpoints, fn.outerEnds[1]], fn);
        const secant = createSegments({ breakpoints, slopes, intercepts });
        for (const xs of [trainerGrid(lo, hi), int8GridPoints(d, fn.range)]) {
          const fs = Array.from(xs, fn.evaluate);
          const refitted = refitSegments({ xs, fs, breakpoints, format: { bits: 12, fracBits: 6 } });
          expect(errorStats(refitted, fn.evaluate, xs).mse).toBeLessThanOrEqual(errorStats(secant, fn.evaluate, xs).mse * (1 + 1e-12));
        }
      }
    }
  });

  it.skipIf(!haveReference)('the official tables, every preset and d, in the preset format (skipped without ../shared/reference)', () => {
    for (const name of PRESET_NAMES) {
      const preset = getPreset(name);
      const fn = getFunction(preset.function);
      const official = parseOfficialJson(readFileSync(join(reference, 'official-tables', preset.officialTableFile), 'utf8'));
      for (const [key, segments] of Object.entries(official.byDecimalBits)) {
        for (const xs of [trainerGrid(...preset.xRange), int8GridPoints(Number(key), preset.xRange)]) {
          const fs = Array.from(xs, fn.evaluate);
          const refitted = refitSegments({ xs, fs, breakpoints: segments.breakpoints, format: preset.format });
          expect(errorStats(refitted, fn.evaluate, xs).mse, `${name} d=${key}`).toBeLessThanOrEqual(errorStats(segments, fn.evaluate, xs).mse * (1 + 1e-12));
        }
      }
    }
  });
});

describe('GA against the exact DP', () => {
  for (const [preset, objective] of [['gelu_8', 'int8-grid'], ['exp_16', 'trainer-grid'], ['reci_16', 'int8-grid'], ['sqrt_reci_8', 'trainer-grid']] as const) {
    it(`${preset} ${objective}: DP is a lower bound, the GA is within 10 %, method dp is the optimum`, () => {
      const ga = fitTable({ preset, objective });
      const dp = fitTable({ preset, objective, method: 'dp' });
      const settings = getPreset(preset);
      const fn = getFunction(settings.function);
      ga.searches!.forEach((search, k) => {
        expect(search.objectiveValue).toBeGreaterThanOrEqual(search.optimum * (1 - 1e-9));
        expect(search.gap).toBeLessThanOrEqual(0.1);
        expect(search.gap).toBeGreaterThanOrEqual(0);
        const exact = dp.searches![k];
        expect(exact.gap).toBe(0);
        expect(exact.objectiveValue).toBeCloseTo(search.optimum, 15);
        // An independent path to the same optimum: solveExact on all candidates (no merging of equivalent ones).
        const xs = objective === 'int8-grid' ? int8GridPoints(search.d, settings.xRange) : trainerGrid(...settings.xRange);
        const solved = solveExact({ xs, fs: Array.from(xs, fn.evaluate), entries: settings.entries, candidates: candidateBreakpoints(search.d, settings.searchRange), format: settings.format });
        expect(Math.abs(solved.mse - search.optimum)).toBeLessThanOrEqual(1e-12 * search.optimum + 1e-18);
      });
    });
  }
});

describe.skipIf(!haveReference)('acceptance against official-figures.json (skipped without ../shared/reference)', () => {
  const figures = haveReference ? JSON.parse(readFileSync(figuresPath, 'utf8')) : {};
  for (const preset of ['gelu_16', 'exp_8', 'reci_8', 'sqrt_reci_16']) {
    it(`${preset}: INT8-grid and trainer-grid MSE at most the official, every d`, () => {
      const deployed = fitTable({ preset });
      const paper = fitTable({ preset, objective: 'trainer-grid' });
      deployed.report.forEach((row) => expect(row.int8Grid.mse, `d=${row.d}`).toBeLessThanOrEqual(figures[preset].mse_int8_grid[row.d]));
      paper.report.forEach((row) => expect(row.trainerGrid.mse, `d=${row.d}`).toBeLessThanOrEqual(figures[preset].mse_trainer_grid[row.d]));
      expect(paper.searches![paper.searches!.length - 1].gap).toBeLessThanOrEqual(0.1);
    });
  }
});

describe('coefficient formats', () => {
  it('every preset: the default fit declares the preset format and fits it', () => {
    for (const preset of PRESET_NAMES) {
      const result = fitTable({ preset, method: 'dp' });
      expect(result.table.format).toEqual(getPreset(preset).format);
      expectFitsFormat(result.table);
    }
    expect(getPreset('reci_8').format).toEqual({ bits: 10, fracBits: 6 });
    expect(getPreset('gelu_8').format).toEqual(Q1_6);
  });

  it('GA fits and explicit wider formats fit their format; official reci declares a format that holds it', () => {
    expectFitsFormat(fitTable({ preset: 'sqrt_reci_16' }).table);
    const wide = fitTable({ preset: 'gelu_8', format: { bits: 12, fracBits: 8 }, method: 'dp' });
    expect(wide.table.format).toEqual({ bits: 12, fracBits: 8 });
    expectFitsFormat(wide.table);
    const official = fitTable({ preset: 'reci_8', mode: 'official', generations: 3 });
    expectFitsFormat(official.table);
  });

  it('a format too narrow for the function is a COEFFICIENT_OVERFLOW naming a format that works', () => {
    expect(() => fitTable({ preset: 'reci_8', format: Q1_6 })).toThrow(/at least 9\.6/);
    expectCode(() => fitTable({ preset: 'reci_8', format: Q1_6 }), GqaLutErrorCode.COEFFICIENT_OVERFLOW);
    expectCode(() => fitTable({ function: 'reci', entries: 8, method: 'dp' }), GqaLutErrorCode.COEFFICIENT_OVERFLOW);
    expect(fitTable({ function: 'reci', entries: 8, method: 'dp', format: { bits: 10, fracBits: 6 } }).table.entries).toBe(8);
  });
});

describe('determinism, tiers, weights, measures', () => {
  it('the same seed gives the same table and histories; the JS tier gives the same table as wasm', () => {
    const first = fitTable({ preset: 'silu_8', seed: 7 });
    const second = fitTable({ preset: 'silu_8', seed: 7 });
    expect(second.table).toEqual(first.table);
    expect(second.searches!.map((s) => Array.from(s.history))).toEqual(first.searches!.map((s) => Array.from(s.history)));
    expect(fitTable({ preset: 'silu_8', seed: 7, tier: 'js' }).table).toEqual(first.table);
    expect(fitTable({ preset: 'silu_8', seed: 7, tier: 'scalar' }).table).toEqual(first.table);
  });

  it(`activation weights: samples and the equivalent code counts give the same table; the weighted fit wins on its weights (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const values = Array.from({ length: 5000 }, () => (random() + random() + random() - 1.5) * 1.5);
    const weighted = fitTable({ preset: 'gelu_8', decimalBits: [5, 5], method: 'dp', weights: { values } });
    const codeCounts = new Array<number>(256).fill(0);
    for (const x of values) codeCounts[Math.min(127, Math.max(-128, Math.round(x * 32))) + 128]++;
    expect(fitTable({ preset: 'gelu_8', decimalBits: [5, 5], method: 'dp', weights: { codeCounts } }).table).toEqual(weighted.table);
    const plain = fitTable({ preset: 'gelu_8', decimalBits: [5, 5], method: 'dp' });
    const fn = getFunction('gelu');
    const weightedMse = (table: LutTable) => {
      let sum = 0;
      let total = 0;
      for (const x of int8GridPoints(5, [-4, 4])) {
        const w = codeCounts[Math.round(x * 32) + 128];
        const s = table.byDecimalBits[5];
        const k = s.breakpoints.filter((p) => p <= x).length;
        sum += w * (fn.evaluate(x) - (s.slopes[k] * x + s.intercepts[k])) ** 2;
        total += w;
      }
      return sum / total;
    };
    expect(weighted.searches![0].objectiveValue).toBeCloseTo(weightedMse(weighted.table), 15);
    expect(weightedMse(weighted.table)).toBeLessThanOrEqual(weightedMse(plain.table));
    expect(weightedMse(weighted.table)).toBeLessThan(0.9 * weightedMse(plain.table));
  });

  it('max-abs and relative measures: the DP optimum is the reported measure', () => {
    const minimax = fitTable({ preset: 'gelu_8', errorMeasure: 'max-abs', decimalBits: [4, 4] });
    expect(minimax.searches![0].objectiveValue).toBe(minimax.report[0].int8Grid.maxAbsError);
    expect(minimax.searches![0].gap).toBeLessThanOrEqual(0.1);
    const relative = fitTable({ preset: 'exp_8', errorMeasure: 'relative', method: 'dp', decimalBits: [6, 6] });
    const mse = fitTable({ preset: 'exp_8', method: 'dp', decimalBits: [6, 6] });
    const relativeError = (table: LutTable) => {
      const xs = int8GridPoints(6, [-8, 0]);
      const s = table.byDecimalBits[6];
      return xs.reduce((sum, x) => {
        const k = s.breakpoints.filter((p) => p <= x).length;
        return sum + ((Math.exp(x) - (s.slopes[k] * x + s.intercepts[k])) / Math.exp(x)) ** 2;
      }, 0) / xs.length;
    };
    expect(relative.searches![0].objectiveValue).toBeCloseTo(relativeError(relative.table), 12);
    expect(relativeError(relative.table)).toBeLessThan(relativeError(mse.table));
  });
});

describe('errors, abort and progress', () => {
  const base: FitOptions = { preset: 'gelu_8', decimalBits: [3, 3] };
  it('bad options give coded errors naming what is allowed', () => {
    expect(() => fitTable({ ...base, mode: 'paper' as never })).toThrow(/allowed are default, official/);
    expect(() => fitTable({ ...base, objective: 'grid' as never })).toThrow(/allowed are int8-grid, trainer-grid/);
    expect(() => fitTable({ ...base, method: 'sa' as never })).toThrow(/allowed are ga, dp/);
    expect(() => fitTable({ ...base, errorMeasure: 'mae' as never })).toThrow(/allowed are mse, relative, max-abs/);
    expectCode(() => fitTable({ ...base, format: { bits: 40, fracBits: 6 } }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, weights: { codeCounts: [1, 2, 3] } }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, weights: { values: [0.5], counts: [-1] } }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, weights: { values: [100] }, decimalBits: [3, 3], range: [-1, 1] }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, objective: 'trainer-grid', weights: { values: [0.5] } }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, mode: 'official', method: 'dp' }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, entries: 2 }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, decimalBits: [4, 2] }), GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE);
    expectCode(() => fitTable({ ...base, population: 1 }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, seed: -1 }), GqaLutErrorCode.INVALID_ARGUMENT);
    expectCode(() => fitTable({ ...base, searchRange: [1, 1] }), GqaLutErrorCode.INVALID_RANGE);
    expectCode(() => fitTable({ ...base, preset: 'gelu_9' }), GqaLutErrorCode.UNKNOWN_PRESET);
  });

  it('an aborted signal stops the fit with ABORTED, before or during the search', () => {
    const controller = new AbortController();
    controller.abort();
    expectCode(() => fitTable({ ...base, signal: controller.signal }), GqaLutErrorCode.ABORTED);
    const during = new AbortController();
    let calls = 0;
    expectCode(() => fitTable({ preset: 'gelu_16', generations: 100_000, signal: during.signal, onProgress: () => { if (++calls === 2) during.abort(); } }), GqaLutErrorCode.ABORTED);
    expect(calls).toBe(2);
  });

  it('progress is reported for every d, in default and official mode', () => {
    const seen: FitProgress[] = [];
    fitTable({ preset: 'exp_8', onProgress: (p) => seen.push(p) });
    expect(new Set(seen.map((p) => p.d))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    expect(seen.every((p) => p.mode === 'default' && p.best > 0 && p.generation <= p.generations)).toBe(true);
    const official: FitProgress[] = [];
    fitTable({ preset: 'exp_8', mode: 'official', generations: 5, onProgress: (p) => official.push(p) });
    expect(official.at(-1)).toMatchObject({ mode: 'official', generation: 5, generations: 5 });
  });
});
