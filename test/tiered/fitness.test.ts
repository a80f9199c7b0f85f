// The population fitness evaluator on the tier selected by GQA_LUT_TIER, against three independent oracles: the
// hand-written JS baseline kernel (every tier must equal it bit for bit: all sum in NumPy's pairwise order), a naive
// per-point (np.digitize-style) implementation written here (sequential sum, so 1e-12 relative), and values computed
// by NumPy for fixed candidates (bit for bit where our f equals NumPy's).
import { beforeAll, describe, expect, it } from 'vitest';
import { init, GqaLutError, getFunction, trainerGrid, type NonlinearFunction } from '../../src/index.js';
import { createFitnessEvaluator, officialMse, secantCoefficients, roundHalfEven, roundToMultiple, type FitnessProblem } from '../../src/fit.js';
import { fitnessJs, fitnessParamsStride } from '../../src/kernels/fitness-js.js';
import { seededRandom } from '../support/seeded-random.js';

const SEED = 0x5eed_f17;
const TOLERANCE = 1e-12;


function expectSame(actual: number, expected: number, what: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${what}: got ${actual}, expected exactly ${expected} (seed ${SEED})`);
  }
}

function expectClose(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected);
  if (!(error <= TOLERANCE * Math.abs(expected))) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (relative error ${error / Math.abs(expected)}, seed ${SEED})`);
  }
}

function problemOf(name: string, entries: number): FitnessProblem {
  const fn = getFunction(name);
  return { fn, xRange: fn.range, outerEnds: fn.outerEnds, entries };
}

/**
 * The official fitness written point by point, as the trainer does it: np.digitize over the clipped splits
 * (Python's negative index included), its own arange and its own half-to-even rounding.
 */
function naiveMse(fn: NonlinearFunction, xRange: readonly [number, number], ends: readonly [number, number],
  sortedGenes: readonly number[]): number {
  const roundEven = (v: number): number => {
    const floor = Math.floor(v);
    const fraction = v - floor;
    const rounded = fraction < 0.5 ? floor : fraction > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
    return rounded === 0 && (v < 0 || Object.is(v, -0)) ? -0 : rounded;
  };
  const splits = [ends[0], ...sortedGenes, ends[1]];
  const slopes: number[] = [];
  const intercepts: number[] = [];
  for (let s = 0; s + 1 < splits.length; s++) {
    const [a1, a2] = [splits[s], splits[s + 1]];
    const slope = a1 === a2 ? 0 : (fn.evaluate(a2) - fn.evaluate(a1)) / (a2 - a1);
    const intercept = a1 === a2 ? 0 : -a1 * slope + fn.evaluate(a1);
    slopes.push(roundEven(slope * 64) / 64);
    intercepts.push(roundEven(intercept * 64) / 64);
  }
  const clipped = splits.map((s) => Math.min(Math.max(s, ends[0]), ends[1]));
  const length = Math.ceil((xRange[1] - xRange[0]) / 0.01);
  const delta = xRange[0] + 0.01 - xRange[0];
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const x = i === 1 ? xRange[0] + 0.01 : xRange[0] + i * delta;
    let index = clipped.filter((s) => s <= x).length - 1;
    index = Math.min(index, slopes.length - 1);
    if (index < 0) index += slopes.length;
    const error = fn.evaluate(x) - (slopes[index] * x + intercepts[index]);
    sum += error * error;
  }
  return sum / length;
}

/** A population of `count` sorted rows, mostly uniform genes plus rows with ties, duplicates and clipped genes. */
function population(problem: FitnessProblem, count: number, random: () => number): Float64Array {
  const genes = problem.entries - 1;
  const [lo, hi] = problem.xRange;
  const grid = trainerGrid(lo, hi);
  const rows = new Float64Array(count * genes);
  for (let row = 0; row < count; row++) {
    const values: number[] = [];
    for (let i = 0; i < genes; i++) {
      const kind = row % 5 === 4 ? Math.floor(random() * 4) : 0;
      if (kind === 1) values.push(grid[Math.floor(random() * grid.length)]); // exactly on a grid point (tie)
      else if (kind === 2 && i > 0) values.push(values[i - 1]); // zero-width segment
      else if (kind === 3 && Number.isFinite(problem.fn.evaluate(problem.outerEnds[0] - 3))) {
        values.push(random() < 0.5 ? problem.outerEnds[0] - 3 : problem.outerEnds[1] + 3); // outside: clipped
      } else values.push(lo + (hi - lo) * random());
    }
    values.sort((a, b) => a - b);
    rows.set(values, row * genes);
  }
  return rows;
}

/** Candidate block of the kernels (splits [lo_end, genes..., hi_end], then f at them), packed here, not by the evaluator. */
function packedParams(problem: FitnessProblem, rows: Float64Array, count: number): Float64Array {
  const genes = problem.entries - 1;
  const stride = fitnessParamsStride(problem.entries);
  const [lowEnd, highEnd] = problem.outerEnds;
  const params = new Float64Array(count * stride);
  for (let row = 0; row < count; row++) {
    const splits = [lowEnd, ...rows.subarray(row * genes, (row + 1) * genes), highEnd];
    params.set([...splits, ...splits.map((a) => problem.fn.evaluate(a))], row * stride);
  }
  return params;
}

let tier = '';
beforeAll(async () => {
  tier = await init();
  console.log(`fitness tests on tier ${tier}, seed ${SEED}`);
});

const FUNCTIONS = ['gelu', 'exp', 'reci', 'sqrt_reci', 'silu', 'hswish', 'sigmoid', 'tanh'];

describe('random populations', () => {
  for (const entries of [2, 5, 8, 16]) { // 5: an odd count (the SIMD secants do pairs plus a tail)
    it(`current tier equals the JS baseline kernel bit for bit (entries ${entries})`, () => {
      const random = seededRandom(SEED + entries);
      for (const name of FUNCTIONS) {
        const problem = problemOf(name, entries);
        const count = 50;
        const rows = population(problem, count, random);
        const evaluator = createFitnessEvaluator(problem);
        expect(evaluator.tier).toBe(tier);
        const actual = evaluator.evaluate(rows, count);
        const grid = trainerGrid(problem.xRange[0], problem.xRange[1]);
        const values = grid.map((x) => problem.fn.evaluate(x));
        const expected = new Float64Array(count);
        fitnessJs(grid, values, packedParams(problem, rows, count), count, entries, 64, expected);
        for (let row = 0; row < count; row++) expectSame(actual[row], expected[row], `${name} entries ${entries} row ${row}`);
      }
    });

    it(`JS baseline equals the naive per-point oracle (entries ${entries})`, () => {
      const random = seededRandom(SEED + 100 + entries);
      for (const name of FUNCTIONS) {
        const problem = problemOf(name, entries);
        const count = 20;
        const rows = population(problem, count, random);
        const actual = createFitnessEvaluator(problem, { tier: 'js' }).evaluate(rows, count);
        for (let row = 0; row < count; row++) {
          const genes = Array.from(rows.subarray(row * (entries - 1), (row + 1) * (entries - 1)));
          expectClose(actual[row], naiveMse(problem.fn, problem.xRange, problem.outerEnds, genes), `${name} entries ${entries} row ${row}`);
        }
      }
    });
  }

  it('segment slices of every length around the vector tile, from odd and even offsets', () => {
    const problem = problemOf('gelu', 16);
    const grid = trainerGrid(-4, 4);
    const rows: number[] = [];
    for (const offset of [0, 1, 2, 3, 7]) {
      let at = offset;
      for (let length = 0; length < 15; length++) {
        rows.push(grid[at]);
        at += length + (offset % 2);
      }
    }
    const count = rows.length / 15;
    const actual = createFitnessEvaluator(problem).evaluate(Float64Array.from(rows), count);
    for (let row = 0; row < count; row++) {
      expectClose(actual[row], naiveMse(problem.fn, problem.xRange, problem.outerEnds, rows.slice(row * 15, row * 15 + 15)), `row ${row}`);
    }
  });

  it('equal squared residuals give equal bits, wherever the segment boundaries fall', () => {
    // exp, 16 entries: the secants on [-16, g) and [g, -7) both round to (0, 0), so moving g from -7.5 (grid
    // index 50) to -7.49 (index 51) changes the slices but no residual. NumPy gives both the same MSE; a sum whose
    // order depended on the slices would not (this broke the official GA's tournament on exp_16; with these genes an
    // earlier kernel that summed slice by slice gave ...04283 for row 0 and ...0428 for row 1).
    const problem = problemOf('exp', 16);
    const rest = [-7, -6.390625, -6.328125, -6.3125, -5.4375, -5.328125, -4.546875, -4.328125, -4.15625, -3.84375,
      -0.84375, -0.796875, -0.6875, -0.125];
    const rows = [[-7.5, ...rest], [-7.49, ...rest], [-7.25, ...rest]];
    for (const row of rows) {
      const { slopes, intercepts } = secantCoefficients([-16, ...row, 0], problem.fn);
      expect([...slopes.slice(0, 2), ...intercepts.slice(0, 2)].every((v) => v === 0)).toBe(true);
    }
    const result = createFitnessEvaluator(problem).evaluate(Float64Array.from(rows.flat()), 3);
    expectSame(result[1], result[0], 'row 1 vs row 0');
    expectSame(result[2], result[0], 'row 2 vs row 0');
  });

  it('a gene where f is not finite gives NaN, as in the official trainer', () => {
    const problem = problemOf('sqrt_reci', 4);
    const result = createFitnessEvaluator(problem).evaluate(Float64Array.from([-1, 1, 2, 0.5, 1, 2]), 2);
    expect(result[0]).toBeNaN();
    expectClose(result[1], naiveMse(problem.fn, problem.xRange, problem.outerEnds, [0.5, 1, 2]), 'finite row');
  });

  it('a grid larger than the initial wasm memory (memory growth) gives the same results', () => {
    const fn = getFunction('tanh');
    const problem: FitnessProblem = { fn, xRange: [-300, 300], outerEnds: [-400, 400], entries: 8 };
    const random = seededRandom(SEED + 7);
    const rows = population(problem, 30, random);
    const expected = createFitnessEvaluator(problem, { tier: 'js' }).evaluate(rows, 30);
    const evaluator = createFitnessEvaluator(problem);
    for (let repeat = 0; repeat < 2; repeat++) {
      const actual = evaluator.evaluate(rows, 30, new Float64Array(30));
      for (let row = 0; row < 30; row++) expectSame(actual[row], expected[row], `row ${row}`);
    }
  });
});

// Produced by a one-off Python 3 script (NumPy 2.4.6, SciPy 1.17.1) that runs the official trainer's evaluate()
// logic (gqa_lut_trainer.py, commit a5be4ea: sort, [neg_inf]+genes+[pos_inf], calculate_coeff_bias with
// np.round(c*64)/64, np.arange(x_lo, x_hi, 0.01), np.digitize over the clipped splits, np.mean of squares) on these
// candidates. The gelu candidate includes np.arange(-4, 4, 0.01)[437] = 0.36999999999990685 (a tie with a grid point).
// The MSE must match bit for bit, except for gelu: SciPy's erf and ours differ by an ulp at some grid points.
const NUMPY_CASES = [
  { fn: 'gelu', xRange: [-4, 4], outerEnds: [-10000, 10000], genes: [-3.1, -2.05, -0.5, 0.25, 0.36999999999990685, 1.0, 2.3], mse: 0.0005731452538128526,
    slopes: [-0.0, -0.03125, -0.078125, 0.40625, 0.734375, 0.953125, 1.109375, 1.0], intercepts: [-0.0, -0.109375, -0.1875, 0.046875, -0.03125, -0.109375, -0.265625, -0.03125] },
  { fn: 'exp', xRange: [-8, 0], outerEnds: [-16, 0], genes: [-6.5, -4.75, -3.5, -2.5, -1.6, -0.9, -0.35], mse: 0.0002924322994427625,
    slopes: [0.0, 0.0, 0.015625, 0.046875, 0.140625, 0.296875, 0.546875, 0.84375], intercepts: [0.0, 0.03125, 0.09375, 0.21875, 0.421875, 0.671875, 0.890625, 1.0] },
  { fn: 'exp', xRange: [-8, 0], outerEnds: [-16, 0], genes: [-20.0, -3.0, -1.0], mse: 0.00329180316394844,
    slopes: [0.0, 0.0, 0.15625, 0.625], intercepts: [0.0, 0.0625, 0.53125, 1.0] },
  { fn: 'reci', xRange: [0.5, 4], outerEnds: [0.5, 4], genes: [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.125, 1.25, 1.5, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0], mse: 0.00017310612282987867,
    slopes: [0.0, -3.328125, -2.375, -1.78125, -1.390625, -1.109375, -0.890625, -0.71875, -0.53125, 0.0, -0.375, -0.28125, -0.203125, -0.140625, -0.078125, 0.0],
    intercepts: [0.0, 3.671875, 3.09375, 2.671875, 2.359375, 2.109375, 1.890625, 1.6875, 1.46875, 0.0, 1.234375, 1.078125, 0.90625, 0.734375, 0.578125, 0.0] },
  { fn: 'silu', xRange: [-4, 4], outerEnds: [-10000, 10000], genes: [-2.71875, 0.015625], mse: 0.027116911821262364,
    slopes: [-0.0, 0.0625, 1.0], intercepts: [-0.171875, 0.0, -0.0] },
  { fn: 'sqrt_reci', xRange: [0.25, 4], outerEnds: [0.25, 4], genes: [1.3], mse: 0.019118612358086443,
    slopes: [-1.0625, -0.140625], intercepts: [2.265625, 1.0625] },
] as const;

describe('NumPy reference values', () => {
  for (const c of NUMPY_CASES) {
    it(`${c.fn} with ${c.genes.length + 1} entries`, () => {
      const problem: FitnessProblem = { fn: getFunction(c.fn), xRange: c.xRange, outerEnds: c.outerEnds, entries: c.genes.length + 1 };
      const coefficients = secantCoefficients([c.outerEnds[0], ...c.genes, c.outerEnds[1]], problem.fn);
      // Exact, including the sign of zero (np.round(-0.2) is -0.0).
      expect(coefficients.slopes.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(c.slopes.map((v) => Object.is(v, -0) ? '-0' : v));
      expect(coefficients.intercepts.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(c.intercepts.map((v) => Object.is(v, -0) ? '-0' : v));
      const expectMatch = c.fn === 'gelu' ? expectClose : expectSame;
      expectMatch(createFitnessEvaluator(problem).evaluate(Float64Array.from(c.genes), 1)[0], c.mse, 'evaluator');
      expectMatch(officialMse([...c.genes].reverse(), problem), c.mse, 'officialMse');
    });
  }
});

describe('trainerGrid (NumPy arange emulation)', () => {
  // Lengths and values printed by NumPy 2.4.6: np.arange(lo, hi, 0.01).
  const cases: Array<[number, number, number, Record<number, number>]> = [
    [-4, 4, 800, { 0: -4, 1: -3.99, 2: -3.9800000000000004, 266: -1.3400000000000567, 798: 3.97999999999983, 799: 3.9899999999998297 }],
    [-8, 0, 800, { 3: -7.970000000000001, 266: -5.340000000000057, 798: -0.020000000000170104, 799: -0.010000000000170317 }],
    [0.5, 4, 350, { 1: 0.51, 116: 1.660000000000001, 348: 3.980000000000003, 349: 3.990000000000003 }],
    [0.25, 4, 375, { 1: 0.26, 125: 1.500000000000001, 373: 3.980000000000003, 374: 3.9900000000000033 }],
    [-8, 8, 1600, { 533: -2.6700000000001136, 1599: 7.989999999999659 }],
  ];
  for (const [lo, hi, length, values] of cases) {
    it(`arange(${lo}, ${hi}, 0.01)`, () => {
      const grid = trainerGrid(lo, hi);
      expect(grid.length).toBe(length);
      for (const [index, value] of Object.entries(values)) expect(grid[Number(index)]).toBe(value);
    });
  }
});

describe('rounding', () => {
  it('roundHalfEven follows np.round', () => {
    const cases: Array<[number, number]> = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [-2.5, -2], [-0.4, -0],
      [0.49999999999999994, 0], [3.7, 4], [-3.7, -4], [2 ** 52 + 1, 2 ** 52 + 1], [4503599627370495.5, 4503599627370496]];
    for (const [x, expected] of cases) expect(Object.is(roundHalfEven(x), expected), `${x}`).toBe(true);
    expect(roundHalfEven(NaN)).toBeNaN();
    expect(Object.is(roundToMultiple(-0.001, 6), -0)).toBe(true);
    expect(roundToMultiple(3 / 128, 6)).toBe(1 / 32);
  });
});

describe('bad inputs', () => {
  const code = (thunk: () => unknown): string => {
    try {
      thunk();
    } catch (error) {
      if (error instanceof GqaLutError) return error.code;
      throw error;
    }
    return 'no error';
  };
  const gelu = problemOf('gelu', 8);

  it('rejects bad problems', () => {
    expect(code(() => createFitnessEvaluator({ ...gelu, entries: 1 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createFitnessEvaluator({ ...gelu, entries: 17 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createFitnessEvaluator({ ...gelu, entries: 2.5 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createFitnessEvaluator({ ...gelu, coefficientFracBits: -1 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createFitnessEvaluator({ ...gelu, xRange: [4, -4] }))).toBe('INVALID_RANGE');
    expect(code(() => createFitnessEvaluator({ ...gelu, xRange: [-4, NaN] }))).toBe('INVALID_RANGE');
    expect(code(() => createFitnessEvaluator({ ...gelu, outerEnds: [-3, 10000] }))).toBe('INVALID_RANGE');
    expect(code(() => createFitnessEvaluator({ ...gelu, fn: { ...gelu.fn, evaluate: (x: number) => (x > 1 ? NaN : x) } }))).toBe('NON_FINITE');
    expect(code(() => createFitnessEvaluator(gelu, { tier: 'fast' as never }))).toBe('INVALID_ARGUMENT');
    expect(code(() => trainerGrid(1, 1))).toBe('INVALID_RANGE');
    expect(code(() => trainerGrid(0, 1, 0))).toBe('INVALID_RANGE');
    expect(code(() => trainerGrid(-1e9, 1e9))).toBe('INVALID_LENGTH');
  });

  it('rejects bad populations', () => {
    const evaluator = createFitnessEvaluator(gelu);
    const row = [-3, -2, -1, 0, 1, 2, 3];
    expect(code(() => evaluator.evaluate(Float64Array.from([...row, 3, 2, 1, 0, -1, -2, -3]), 2))).toBe('UNSORTED_BREAKPOINTS');
    expect(code(() => evaluator.evaluate(Float64Array.from([-3, -2, -1, NaN, 1, 2, 3]), 1))).toBe('NON_FINITE');
    expect(code(() => evaluator.evaluate(Float64Array.from(row), 2))).toBe('WRONG_LENGTH');
    expect(code(() => evaluator.evaluate(Float64Array.from(row), 1, new Float64Array(0)))).toBe('INVALID_LENGTH');
    expect(code(() => evaluator.evaluate(Float64Array.from(row), -1))).toBe('INVALID_ARGUMENT');
    expect(code(() => evaluator.evaluate(row as never, 1))).toBe('INVALID_ARGUMENT');
    expect(code(() => officialMse([1, 2], gelu))).toBe('WRONG_LENGTH');
  });

  it('accepts an empty population, a longer gene buffer and a caller-owned out', () => {
    const evaluator = createFitnessEvaluator(gelu);
    expect(evaluator.evaluate(new Float64Array(0), 0).length).toBe(0);
    const out = new Float64Array(3).fill(-1);
    const row = [-3, -2, -1, 0, 1, 2, 3];
    expect(evaluator.evaluate(Float64Array.from([...row, ...row, 9]), 1, out)).toBe(out);
    expectClose(out[0], officialMse(row, gelu), 'out[0]');
    expect(out[1]).toBe(-1);
  });
});
