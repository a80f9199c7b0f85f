// Multi-range input scaling (reci, sqrt_reci) on the tier selected by GQA_LUT_TIER, against two independent oracles:
// a float64 definition written here (x = u * 2^(rE), y = 2^-E pwl(u), rounded half up and saturated; every step is
// exact in float64 for these dyadic tables) and the hand-written JS baseline (src/multirange/multirange-js.ts) fed
// an integer table converted here. Plus the JSON format, the coded errors, and the wide-range error against a single
// table fitted by the exact solver over the same range.
import { beforeAll, describe, expect, it } from 'vitest';
import { init, type Tier } from '../../src/runtime.js';
import { GqaLutError } from '../../src/errors.js';
import { solveExact } from '../../src/optimize/dp.js';
import {
  createMultiRangeOp, createMultiRangeTable, multiRangeError, parseMultiRangeJson, toMultiRangeJson,
  type MultiRangeTable,
} from '../../src/multirange/index.js';
import { fitMultiRange } from '../../src/multirange/fit.js';
import {
  multiRangeReference, multiRangeWideReference, type IntegerMultiRangeTable,
} from '../../src/multirange/multirange-js.js';
import { seededRandom } from '../support/seeded-random.js';

const SEED = Number(process.env.GQA_LUT_SEED ?? 0x3a17_1e5);
let tier: Tier;

beforeAll(async () => {
  tier = await init();
  console.log(`multirange tests: tier ${tier}, seed ${SEED}`);
});


const allCodes = (): Int8Array => Int8Array.from({ length: 256 }, (_, i) => i - 128);
const step = (table: MultiRangeTable): number => (table.function === 'reci' ? 1 : 2);

/** The definition in float64: y = 2^-E pwl(u) with x = u * 2^(rE), u in [1, 2^r); null for q <= 0. */
function definitionValue(table: MultiRangeTable, q: number, d: number): { y: number; exponent: number } | null {
  if (q <= 0) return null;
  const x = q / 2 ** d;
  const r = step(table);
  let exponent = 0;
  while (2 ** (r * exponent) > x) exponent--;
  while (2 ** (r * (exponent + 1)) <= x) exponent++;
  const u = x / 2 ** (r * exponent);
  const { breakpoints, slopes, intercepts } = table.segments;
  const s = breakpoints.filter((p) => p <= u).length;
  return { y: (slopes[s] * u + intercepts[s]) * 2 ** -exponent, exponent };
}

function definitionOutput(table: MultiRangeTable, q: number, d: number, eo: number): number {
  const value = definitionValue(table, q, d);
  if (value === null) return 127;
  return Math.min(127, Math.max(-128, Math.floor(value.y * 2 ** eo + 0.5)));
}

/** The integer table, converted here (not by src/multirange/params.ts). */
function integerTable(table: MultiRangeTable, d: number): IntegerMultiRangeTable {
  const scale = 2 ** table.format.fracBits;
  return {
    inputExponentStep: step(table) as 1 | 2, inputFracBits: d, coefficientFracBits: table.format.fracBits,
    breakpoints: table.segments.breakpoints.map((p) => p * 64), slopes: table.segments.slopes.map((k) => k * scale),
    intercepts: table.segments.intercepts.map((b) => b * scale),
  };
}

function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) return `index ${i}: got ${actual[i]}, expected ${expected[i]}`;
  }
  return undefined;
}

/** A random valid table: breakpoints on the mantissa grid, coefficients anywhere in a random format (<= 16 bits). */
function randomTable(random: () => number, fn: 'reci' | 'sqrt_reci'): MultiRangeTable {
  const bits = 4 + Math.floor(random() * 13);
  const fracBits = Math.floor(random() * bits);
  const entries = 2 + Math.floor(random() * 15);
  const hi = fn === 'reci' ? 128 : 256;
  const breakpoints = Array.from({ length: entries - 1 }, () => (64 + Math.floor(random() * (hi - 64 + 1))) / 64).sort((a, b) => a - b);
  const units = (): number => (Math.floor(random() * 2 ** bits) - 2 ** (bits - 1)) / 2 ** fracBits;
  const slopes = Array.from({ length: entries }, units);
  const intercepts = Array.from({ length: entries }, units);
  return createMultiRangeTable({ function: fn, segments: { breakpoints, slopes, intercepts }, format: { bits, fracBits } });
}

const fitted = new Map<string, MultiRangeTable>();
function fittedTable(fn: 'reci' | 'sqrt_reci', d: number, entries = 8): MultiRangeTable {
  const key = `${fn}/${d}/${entries}`;
  if (!fitted.has(key)) fitted.set(key, fitMultiRange({ function: fn, entries, inputFracBits: d }).table);
  return fitted.get(key) as MultiRangeTable;
}

describe('exhaustive over all 256 codes', () => {
  function checkAllCodes(table: MultiRangeTable, d: number, eo: number, where: string): string {
    const op = createMultiRangeOp(table, { inputFracBits: d, outputFracBits: eo });
    const expected = Int8Array.from(allCodes(), (q) => definitionOutput(table, q, d, eo));
    const label = `${where} d=${d} eo=${eo} (${op.info.path})`;
    expect(firstMismatch(op.run(allCodes(), new Int8Array(256)), expected), label).toBeUndefined();
    const baseline = new Int8Array(256);
    multiRangeReference(allCodes(), baseline, integerTable(table, d), eo);
    expect(firstMismatch(baseline, expected), `baseline ${label}`).toBeUndefined();
    expect(firstMismatch(op.lookupTable(), expected), `lookupTable ${label}`).toBeUndefined();
    const accumulators = new Int32Array(256);
    const fracBits = new Int8Array(256);
    op.runWide(allCodes(), accumulators, fracBits);
    const baselineAcc = new Int32Array(256);
    const baselineFrac = new Int8Array(256);
    multiRangeWideReference(allCodes(), baselineAcc, baselineFrac, integerTable(table, d));
    expect(firstMismatch(accumulators, baselineAcc), `wide baseline ${label}`).toBeUndefined();
    expect(firstMismatch(fracBits, baselineFrac), `wide exponents baseline ${label}`).toBeUndefined();
    for (let q = -128; q <= 127; q++) {
      const value = definitionValue(table, q, d);
      const [acc, a] = [accumulators[q + 128], fracBits[q + 128]];
      if (value === null) expect([acc, a], `wide q=${q} ${label}`).toEqual([2147483647, 0]);
      else {
        expect(a, `exponent A = F + 6 + E at q=${q} ${label}`).toBe(table.format.fracBits + 6 + value.exponent);
        expect(acc * 2 ** -a, `wide value at q=${q} ${label}`).toBe(value.y);
      }
    }
    return op.info.path;
  }

  it('fitted tables: both functions, several d and output scales', () => {
    const paths = new Set<string>();
    let count = 0;
    for (const fn of ['reci', 'sqrt_reci'] as const) {
      for (const d of [0, 3, 4, 7, 10]) {
        for (const eo of [0, 2, 3, 5, 7, 10, 12, 15]) {
          paths.add(checkAllCodes(fittedTable(fn, d), d, eo, `fitted ${fn}`));
          count++;
        }
      }
    }
    console.log(`${count} fitted (function, d, eo) combinations exhaustive on tier ${tier}; paths ${[...paths].join(', ')}`);
    if (tier === 'simd') expect([...paths].sort()).toEqual(['simd-general', 'simd-right']);
  });

  it(`random tables in random formats (left shifts, negative and wide accumulators; seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const paths = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const fn = random() < 0.5 ? 'reci' : 'sqrt_reci';
      const table = randomTable(random, fn);
      const d = Math.floor(random() * 16);
      const eo = Math.floor(random() * 16);
      paths.add(checkAllCodes(table, d, eo, `random #${i} ${fn} Q${table.format.bits}/${table.format.fracBits} (seed ${SEED})`));
    }
    if (tier === 'simd') expect([...paths].sort()).toEqual(['scalar', 'simd-general', 'simd-right']);
  });
});

describe('lengths, offsets, in place, streaming', () => {
  it('lengths 0..70 at offsets 0..15, separate and in place, equal the lookup table', () => {
    const op = createMultiRangeOp(fittedTable('sqrt_reci', 4), { inputFracBits: 4, outputFracBits: 5 });
    const lut = op.lookupTable();
    const random = seededRandom(SEED + 1);
    const buffer = new Int8Array(100);
    for (let length = 0; length <= 70; length++) {
      for (let offset = 0; offset < 16; offset++) {
        for (let i = 0; i < buffer.length; i++) buffer[i] = Math.floor(random() * 256) - 128;
        const input = buffer.subarray(offset, offset + length);
        const expected = Int8Array.from(input, (q) => lut[q + 128]);
        const guard = buffer.slice();
        const output = new Int8Array(length + 3).subarray(1, length + 1);
        expect(firstMismatch(op.run(input, output), expected), `length ${length} offset ${offset}`).toBeUndefined();
        expect(firstMismatch(buffer, guard), 'input untouched').toBeUndefined();
        op.run(input, input);
        expect(firstMismatch(input, expected), `in place, length ${length} offset ${offset}`).toBeUndefined();
        expect(firstMismatch(buffer.subarray(offset + length), guard.subarray(offset + length)), 'nothing written past the end').toBeUndefined();
      }
    }
  });

  it('large tensors through the arena in chunks, overlapping views, and the wide output', () => {
    const table = fittedTable('reci', 4);
    const op = createMultiRangeOp(table, { inputFracBits: 4, outputFracBits: 3, chunkElements: 1000 });
    const lut = op.lookupTable();
    const random = seededRandom(SEED + 2);
    const input = Int8Array.from({ length: 200_003 }, () => Math.floor(random() * 256) - 128);
    const expected = Int8Array.from(input, (q) => lut[q + 128]);
    expect(firstMismatch(op.run(input, new Int8Array(input.length)), expected)).toBeUndefined();
    const shared = new Int8Array(5000);
    shared.set(input.subarray(0, 4990));
    op.run(shared.subarray(0, 4990), shared.subarray(7, 4997)); // output overlaps the input, shifted
    expect(firstMismatch(shared.subarray(7, 4997), expected.subarray(0, 4990))).toBeUndefined();
    const accumulators = new Int32Array(input.length);
    const fracBits = new Int8Array(input.length);
    op.runWide(input, accumulators, fracBits);
    const baselineAcc = new Int32Array(input.length);
    const baselineFrac = new Int8Array(input.length);
    multiRangeWideReference(input, baselineAcc, baselineFrac, integerTable(table, 4));
    expect(firstMismatch(accumulators, baselineAcc)).toBeUndefined();
    expect(firstMismatch(fracBits, baselineFrac)).toBeUndefined();
    const aliased = new Int32Array(64);
    const codes = new Int8Array(aliased.buffer, 0, 64);
    codes.set(input.subarray(0, 64));
    op.runWide(codes, aliased, fracBits.subarray(0, 64)); // the input lives inside the accumulator buffer
    expect(firstMismatch(aliased, baselineAcc.subarray(0, 64))).toBeUndefined();
  });
});

describe('codes <= 0', () => {
  it("'saturate' (the default) gives 127; 'reject' throws before writing anything", () => {
    const table = fittedTable('reci', 4);
    expect(Array.from(createMultiRangeOp(table, { inputFracBits: 4, outputFracBits: 3 }).run(Int8Array.of(0, -1, -128), new Int8Array(3)))).toEqual([127, 127, 127]);
    const strict = createMultiRangeOp(table, { inputFracBits: 4, outputFracBits: 3, nonPositive: 'reject' });
    const output = new Int8Array(4).fill(9);
    expect(() => strict.run(Int8Array.of(5, 6, 0, 7), output)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('input[2] = 0') }));
    expect(Array.from(output)).toEqual([9, 9, 9, 9]);
    expect(() => strict.runWide(Int8Array.of(-3), new Int32Array(1), new Int8Array(1))).toThrowError(GqaLutError);
    expect(Array.from(strict.run(Int8Array.of(1, 127), new Int8Array(2)))).toEqual(Array.from(createMultiRangeOp(table, { inputFracBits: 4, outputFracBits: 3 }).run(Int8Array.of(1, 127), new Int8Array(2))));
  });
});

describe('JSON format', () => {
  it('round trips fitted and random tables exactly', () => {
    const random = seededRandom(SEED + 3);
    const tables = [fittedTable('reci', 4), fittedTable('sqrt_reci', 7), randomTable(random, 'reci'), randomTable(random, 'sqrt_reci')];
    for (const table of tables) {
      const text = toMultiRangeJson(table);
      const back = parseMultiRangeJson(text);
      expect(back).toEqual(table);
      expect(toMultiRangeJson(back)).toBe(text);
    }
    expect(JSON.parse(toMultiRangeJson(fittedTable('reci', 4))).fittedFor).toEqual({ inputFracBits: 4, objective: 'mse' });
  });

  it('rejects malformed JSON with MALFORMED_JSON', () => {
    const good = JSON.parse(toMultiRangeJson(fittedTable('reci', 4))) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>, drop?: string): string => {
      const copy: Record<string, unknown> = { ...good, ...patch };
      if (drop) delete copy[drop];
      return JSON.stringify(copy);
    };
    for (const text of ['{', '[]', 'null', bad({ format: 'gqa-lut' }), bad({ version: 2 }), bad({ extra: 1 }), bad({}, 'slopes')]) {
      expect(() => parseMultiRangeJson(text), text).toThrowError(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    }
  });
});

describe('bad tables and options give coded errors', () => {
  const segments = { breakpoints: [1.5], slopes: [-0.75, -0.375], intercepts: [1.75, 1.21875] };
  const cases: [string, () => unknown, string][] = [
    ['function not supported', () => createMultiRangeTable({ function: 'gelu', segments }), 'INVALID_ARGUMENT'],
    ['unknown function', () => createMultiRangeTable({ function: 'nope', segments }), 'UNKNOWN_FUNCTION'],
    ['breakpoint off the 2^-6 grid', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, breakpoints: [1.5 + 2 ** -7] } }), 'DECIMAL_BITS_OUT_OF_RANGE'],
    ['breakpoint outside [1, 2]', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, breakpoints: [2.5] } }), 'INVALID_RANGE'],
    ['slope off the lattice', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, slopes: [-0.75, -0.38] } }), 'COEFFICIENT_OVERFLOW'],
    ['intercept beyond Q1.6', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, intercepts: [2, 1] } }), 'COEFFICIENT_OVERFLOW'],
    ['format wider than 16 bits', () => createMultiRangeTable({ function: 'reci', segments, format: { bits: 20, fracBits: 6 } }), 'COEFFICIENT_OVERFLOW'],
    ['wrong base interval', () => createMultiRangeTable({ function: 'sqrt_reci', segments, baseInterval: [1, 2] }), 'INVALID_RANGE'],
    ['mantissa bits', () => createMultiRangeTable({ function: 'reci', segments, mantissaFracBits: 7 }), 'INVALID_ARGUMENT'],
    ['sub-range rule', () => createMultiRangeTable({ function: 'reci', segments, subRanges: { inputExponentStep: 2, outputExponentStep: -1 } }), 'INVALID_ARGUMENT'],
    ['unsorted', () => createMultiRangeTable({ function: 'reci', segments: { breakpoints: [1.5, 1.25], slopes: [-1, -0.5, -0.25], intercepts: [1, 1, 1] } }), 'UNSORTED_BREAKPOINTS'],
    ['lengths', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, intercepts: [1] } }), 'WRONG_LENGTH'],
    ['NaN', () => createMultiRangeTable({ function: 'reci', segments: { ...segments, slopes: [NaN, 0] } }), 'NON_FINITE'],
    ['input scale 16', () => createMultiRangeOp(fittedTable('reci', 4), { inputFracBits: 16, outputFracBits: 3 }), 'DECIMAL_BITS_OUT_OF_RANGE'],
    ['output scale -1', () => createMultiRangeOp(fittedTable('reci', 4), { inputFracBits: 4, outputFracBits: -1 }), 'DECIMAL_BITS_OUT_OF_RANGE'],
    ['policy', () => createMultiRangeOp(fittedTable('reci', 4), { inputFracBits: 4, outputFracBits: 3, nonPositive: 'clip' as 'reject' }), 'INVALID_ARGUMENT'],
    ['run on a Uint8Array', () => createMultiRangeOp(fittedTable('reci', 4), { inputFracBits: 4, outputFracBits: 3 }).run(new Uint8Array(2) as unknown as Int8Array, new Int8Array(2)), 'INVALID_ARGUMENT'],
    ['run with lengths that differ', () => createMultiRangeOp(fittedTable('reci', 4), { inputFracBits: 4, outputFracBits: 3 }).run(new Int8Array(3), new Int8Array(2)), 'INVALID_LENGTH'],
    ['fit entries 1', () => fitMultiRange({ function: 'reci', entries: 1, inputFracBits: 4 }), 'INVALID_ARGUMENT'],
    ['fit max-abs', () => fitMultiRange({ function: 'reci', entries: 8, inputFracBits: 4, objective: 'max-abs' as 'mse' }), 'INVALID_ARGUMENT'],
    ['fit weights length', () => fitMultiRange({ function: 'reci', entries: 8, inputFracBits: 4, inputWeights: [1, 2] }), 'WRONG_LENGTH'],
  ];
  it.each(cases)('%s', (_, call, code) => {
    expect(call).toThrowError(expect.objectContaining({ name: 'GqaLutError', code }));
  });
});

describe('fitting and the error over the wide range', () => {
  it('the fit optimises exactly the wide-range error it reports (mse and relative)', () => {
    for (const fn of ['reci', 'sqrt_reci'] as const) {
      for (const objective of ['mse', 'relative'] as const) {
        const result = fitMultiRange({ function: fn, entries: 6, inputFracBits: 5, objective });
        const { wide } = multiRangeError(result.table, { inputFracBits: 5 });
        const measured = objective === 'mse' ? wide.mse : wide.meanSquaredRelativeError;
        expect(Math.abs(result.wideRangeObjective - measured) / measured, `${fn} ${objective}`).toBeLessThan(1e-9);
      }
    }
    const weights = new Array(256).fill(1);
    weights.fill(1e6, 0, 129); // codes <= 0 are ignored
    expect(fitMultiRange({ function: 'reci', entries: 8, inputFracBits: 4, inputWeights: weights }).table.segments).toEqual(fittedTable('reci', 4).segments);
  });

  it('beats a single exact-solver table over the same wide range with the same entries', () => {
    const lines: string[] = [];
    for (const [fn, d, minimumRatio] of [['reci', 4, 20], ['reci', 7, 100], ['sqrt_reci', 4, 5], ['sqrt_reci', 7, 2.5]] as const) {
      const f = fn === 'reci' ? (x: number) => 1 / x : (x: number) => 1 / Math.sqrt(x);
      const xs = Array.from({ length: 127 }, (_, i) => (i + 1) / 2 ** d);
      const fs = xs.map(f);
      const multi = multiRangeError(fittedTable(fn, d), { inputFracBits: d });
      for (const format of [{ bits: 8, fracBits: 6 }, { bits: 16, fracBits: 6 }]) {
        const single = solveExact({ xs, fs, entries: 8, candidates: xs, format });
        const ratio = single.mse / multi.wide.mse;
        lines.push(`${fn} d=${d} (x in [${xs[0]}, ${xs[126]}]): multi-range Q1.6 MSE ${multi.wide.mse.toExponential(2)} (max rel ${(100 * multi.wide.maxRelativeError).toFixed(2)} %), single ${format.bits}-bit table ${single.mse.toExponential(2)}: ${ratio.toFixed(1)}x lower`);
        expect(ratio, `${fn} d=${d} vs ${format.bits}-bit single table`).toBeGreaterThan(minimumRatio);
      }
      expect(multi.wide.maxRelativeError, `${fn} d=${d} max relative error`).toBeLessThan(0.01);
    }
    console.log(lines.join('\n'));
  });

  it('with 12-bit Q1.10 coefficients it also beats a 16-bit single table at 16 entries (Q1.6 is coefficient-bound there)', () => {
    const lines: string[] = [];
    for (const fn of ['reci', 'sqrt_reci'] as const) {
      for (const d of [4, 7]) {
        const f = fn === 'reci' ? (x: number) => 1 / x : (x: number) => 1 / Math.sqrt(x);
        const xs = Array.from({ length: 127 }, (_, i) => (i + 1) / 2 ** d);
        const { table } = fitMultiRange({ function: fn, entries: 16, inputFracBits: d, format: { bits: 12, fracBits: 10 } });
        const multi = multiRangeError(table, { inputFracBits: d }).wide;
        const single = solveExact({ xs, fs: xs.map(f), entries: 16, candidates: xs, format: { bits: 16, fracBits: 6 } });
        lines.push(`${fn} d=${d}, 16 entries: multi-range Q1.10 MSE ${multi.mse.toExponential(2)}, single 16-bit ${single.mse.toExponential(2)}: ${(single.mse / multi.mse).toFixed(1)}x lower`);
        expect(single.mse / multi.mse, `${fn} d=${d}`).toBeGreaterThan(10);
      }
    }
    console.log(lines.join('\n'));
  });
});
