// The INT8 PWL operator on the tier selected by GQA_LUT_TIER, against two independent oracles: the float64
// definition written in test/support/pwl-float64-reference.ts, and the hand-written JS baseline (src/kernels/
// pwl-s8-js.ts) imported directly. Rounding rule under test: round half up (floor(v + 1/2)), then saturate.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { init, type Tier } from '../../src/runtime.js';
import { createPwlOp, type PwlOp } from '../../src/ops/pwl-op.js';
import { pwlS8Reference, type IntegerPwlTable } from '../../src/kernels/pwl-s8-js.js';
import {
  allCodes, int8Accumulator, int8Output, loadOfficialTables, randomCodes, OFFICIAL_TABLES_DIR, type FloatTable,
} from '../support/pwl-float64-reference.js';
import { codeOf } from '../support/error-code.js';

const SEED = Number(process.env.GQA_LUT_SEED ?? 0x9a1_1ec7);
const official = loadOfficialTables();
const OUTPUT_SCALES = [0, 2, 4, 5, 7, 9, 12, 15];
let tier: Tier;

beforeAll(async () => {
  tier = await init();
  console.log(`pwl-s8 tests: tier ${tier}, seed ${SEED}${official.length ? '' : `; official tables absent at ${OFFICIAL_TABLES_DIR}, skipping those tests`}`);
});

/** The expected outputs of every code from the float64 definition. */
function expectedCodes(table: FloatTable, d: number, e: number, tieRule: 'right' | 'left'): Int8Array {
  return Int8Array.from(allCodes(), (q) => int8Output(table, q, d, e, tieRule));
}

/** The JS baseline's output on `input` (the table converted to integers here, independently of src/ops). */
function baseline(table: FloatTable, d: number, e: number, tieRule: 'right' | 'left', input: Int8Array): Int8Array {
  const integer: IntegerPwlTable = {
    inputFracBits: d, tieRule, breakpoints: table.breakpoints.map((p) => p * 2 ** d),
    slopes: table.slopes.map((k) => k * 64), intercepts: table.intercepts.map((b) => b * 64),
  };
  const output = new Int8Array(input.length);
  pwlS8Reference(input, output, integer, e);
  return output;
}

function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) return `index ${i}: got ${actual[i]}, expected ${expected[i]}`;
  }
  return undefined;
}

const gelu8: FloatTable = { // official gelu_pwl_7, d = 4
  breakpoints: [-3, -2.1875, -0.875, -0.4375, 0, 0.625, 2.8125],
  slopes: [0, -0.03125, -0.109375, 0.046875, 0.359375, 0.75, 1.078125, 1],
  intercepts: [0, -0.09375, -0.265625, -0.125, 0, -0.015625, -0.21875, 0],
};
const wideTable: FloatTable = { breakpoints: [0.5, 1], slopes: [-3.203125, -2, -1], intercepts: [3.59375, 2, 1] };

describe('exhaustive over all 256 codes', () => {
  it.skipIf(official.length === 0)('every official table, every d, both tie rules, several output scales', () => {
    let ops = 0;
    const paths = new Set<string>();
    for (const { file, d, table } of official) {
      for (const tieRule of ['right', 'left'] as const) {
        for (const e of OUTPUT_SCALES) {
          const op = createPwlOp(table, { inputFracBits: d, outputFracBits: e, tieRule });
          const expected = expectedCodes(table, d, e, tieRule);
          const where = `${file} d=${d} e=${e} ${tieRule} (${op.info.path})`;
          expect(firstMismatch(op.run(allCodes(), new Int8Array(256)), expected), where).toBeUndefined();
          expect(firstMismatch(baseline(table, d, e, tieRule, allCodes()), expected), `baseline ${where}`).toBeUndefined();
          expect(firstMismatch(op.lookupTable(), expected), `lookupTable ${where}`).toBeUndefined();
          const accumulators = op.runAccumulator(allCodes(), new Int32Array(256));
          const expectedAcc = Int32Array.from(allCodes(), (q) => int8Accumulator(table, q, d, tieRule));
          expect(firstMismatch(accumulators, expectedAcc), `accumulator ${where}`).toBeUndefined();
          paths.add(op.info.path);
          ops++;
        }
      }
    }
    console.log(`${ops} ops checked exhaustively on tier ${tier}; paths: ${[...paths].join(', ')}`);
    if (tier === 'simd') expect([...paths].sort()).toEqual(['simd-narrow16', 'simd-narrow8', 'simd-wide']);
  });

  it.skipIf(official.length === 0)('the official reciprocal tables (slope -3.203 = K -205) take the 32-bit path and stay exact', () => {
    const reci = official.filter((t) => t.fn === 'reci');
    expect(reci.length).toBeGreaterThan(0);
    for (const { d, table } of reci) {
      const op = createPwlOp(table, { inputFracBits: d, outputFracBits: 0 });
      expect(op.info.accumulatorRange[1]).toBeGreaterThan(32767);
      if (tier === 'simd') expect(op.info.path).toBe('simd-wide');
      expect(firstMismatch(op.run(allCodes(), new Int8Array(256)), expectedCodes(table, d, 0, 'right'))).toBeUndefined();
    }
  });
});

describe('the official operator (tie rule left), checked against values worked out by hand', () => {
  // Table at d = 1: breakpoints -1, 0, 0.5 -> integer codes -2, 0, 1. Slopes 0, 1/4, 1, 1/2 -> K 0, 16, 64, 32;
  // intercepts 0, 1/4, 0, 1/4 -> B 0, 16, 0, 16. Output scale e = 2: shift 6 + 1 - 2 = 5, bias 16.
  const hand: FloatTable = { breakpoints: [-1, 0, 0.5], slopes: [0, 0.25, 1, 0.5], intercepts: [0, 0.25, 0, 0.25] };
  // q: [left rule: segment, acc, output], [right rule: segment, acc, output]
  //  -3: seg 0 both: acc 0 -> 0.
  //  -2: left: no breakpoint < -2 -> seg 0, acc 0 -> 0.   right: -2 <= -2 -> seg 1, acc 16*-2 + 16*2 = 0 -> 0.
  //  -1: seg 1 both: acc -16 + 32 = 16 -> (16 + 16) >> 5 = 1.
  //   0: left: seg 1, acc 0 + 32 = 32 -> (32 + 16) >> 5 = 1.   right: seg 2, acc 0 -> 0.
  //   1: left: seg 2, acc 64 -> (64 + 16) >> 5 = 2.   right: seg 3, acc 32 + 32 = 64 -> 2.
  //   2: seg 3 both: acc 64 + 32 = 96 -> (96 + 16) >> 5 = 3.
  //  -128: seg 0 -> 0.   127: seg 3: acc 32*127 + 32 = 4096 -> (4096 + 16) >> 5 = 128 -> saturates to 127.
  const codes = Int8Array.of(-128, -3, -2, -1, 0, 1, 2, 127);
  const left = [0, 0, 0, 1, 1, 2, 3, 127];
  const right = [0, 0, 0, 1, 0, 2, 3, 127];

  it('left and right tie rules give the hand-computed outputs', () => {
    const opLeft = createPwlOp(hand, { inputFracBits: 1, outputFracBits: 2, tieRule: 'left' });
    const opRight = createPwlOp(hand, { inputFracBits: 1, outputFracBits: 2 });
    expect(Array.from(opLeft.run(codes, new Int8Array(codes.length)))).toEqual(left);
    expect(Array.from(opRight.run(codes, new Int8Array(codes.length)))).toEqual(right);
    expect(Array.from(opLeft.runAccumulator(Int8Array.of(-2, 0, 1), new Int32Array(3)))).toEqual([0, 32, 64]);
    expect(Array.from(opRight.runAccumulator(Int8Array.of(-2, 0, 1), new Int32Array(3)))).toEqual([0, 0, 64]);
  });

  it('rounding is half up, at every shift, including exact halves of negative values', () => {
    // One segment y = x/64 at d = 0: acc = q; e = 0 gives shift 6: -32/64 = -0.5 -> 0, -33/64 -> -1, 32/64 -> 1.
    const op = createPwlOp({ breakpoints: [200], slopes: [1 / 64, 0], intercepts: [0, 0] }, { inputFracBits: 0, outputFracBits: 0 });
    expect(Array.from(op.run(Int8Array.of(-96, -33, -32, -31, 31, 32, 96), new Int8Array(7)))).toEqual([-1, -1, 0, 0, 0, 1, 2]);
    // Left shift (e > 6 + d): y = x/64 at d = 0, e = 8: acc = q, out = q * 4, saturated.
    const identity = createPwlOp({ breakpoints: [500], slopes: [1 / 64, 1 / 64], intercepts: [0, 0] }, { inputFracBits: 0, outputFracBits: 8 });
    expect(identity.info.shift).toBe(-2);
    expect(Array.from(identity.run(Int8Array.of(-128, -33, -32, -1, 0, 31, 32, 127), new Int8Array(8)))).toEqual([-128, -128, -128, -4, 0, 124, 127, 127]);
  });
});

describe('breakpoints at and beyond the ends of the code range', () => {
  it('codes -129, -128, -127, 126, 127, 128 as breakpoints, equal breakpoints, both tie rules', () => {
    const table: FloatTable = { breakpoints: [-129, -128, -128, -127, 126, 127, 127, 128],
      slopes: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k / 64), intercepts: [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((b) => b / 4) };
    for (const tieRule of ['right', 'left'] as const) {
      for (const e of [0, 6, 8]) {
        const op = createPwlOp(table, { inputFracBits: 0, outputFracBits: e, tieRule });
        expect(firstMismatch(op.run(allCodes(), new Int8Array(256)), expectedCodes(table, 0, e, tieRule)), `${tieRule} e=${e} (${op.info.path})`).toBeUndefined();
      }
    }
  });
});

describe('lengths, offsets, in place, streaming', () => {
  const cases: Array<[string, FloatTable, number, number]> = [
    ['8 entries (16-bit path)', gelu8, 4, 5],
    ['16 entries', { breakpoints: [-4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3], slopes: Array.from({ length: 16 }, (_, i) => (i - 8) / 16), intercepts: Array.from({ length: 16 }, (_, i) => (i % 5) / 8 - 0.25) }, 4, 4],
    ['32-bit path', wideTable, 5, 3],
  ];
  for (const [name, table, d, e] of cases) {
    it(`${name}: lengths 0..70 and 1M, byte offsets 0..15, in place`, () => {
      const op = createPwlOp(table, { inputFracBits: d, outputFracBits: e });
      for (let length = 0; length <= 70; length++) {
        const input = randomCodes(length, SEED + length);
        const expected = baseline(table, d, e, 'right', input);
        expect(firstMismatch(op.run(input, new Int8Array(length)), expected), `length ${length}`).toBeUndefined();
        const offset = length % 16;
        const buffer = new Int8Array(length + 48).fill(0x55);
        const view = buffer.subarray(offset + 16, offset + 16 + length);
        op.run(input, view);
        expect(firstMismatch(view, expected), `offset ${offset} length ${length}`).toBeUndefined();
        expect(buffer.subarray(0, offset + 16).every((v) => v === 0x55) && buffer.subarray(offset + 16 + length).every((v) => v === 0x55), `guard bytes at offset ${offset} length ${length}`).toBe(true);
        const inPlace = input.slice();
        expect(firstMismatch(op.run(inPlace, inPlace), expected), `in place ${length}`).toBeUndefined();
      }
      for (let offset = 0; offset < 16; offset++) {
        const source = new Int8Array(300);
        source.set(randomCodes(300 - offset, SEED ^ offset), offset);
        const input = source.subarray(offset, offset + 257);
        const target = new Int8Array(300).subarray(15 - offset, 15 - offset + 257);
        expect(firstMismatch(op.run(input, target), baseline(table, d, e, 'right', input)), `input offset ${offset}`).toBeUndefined();
      }
      const big = randomCodes(1 << 20, SEED);
      const expectedBig = baseline(table, d, e, 'right', big);
      expect(firstMismatch(op.run(big, new Int8Array(big.length)), expectedBig), '1M').toBeUndefined();
      const odd = createPwlOp(table, { inputFracBits: d, outputFracBits: e, chunkElements: 1000 });
      const inPlaceBig = big.slice();
      expect(firstMismatch(odd.run(inPlaceBig, inPlaceBig), expectedBig), '1M in place, 1000-element chunks').toBeUndefined();
      const accumulators = odd.runAccumulator(big.subarray(1, 5001), new Int32Array(5000));
      expect(Array.from(accumulators.subarray(0, 64))).toEqual(Array.from(big.subarray(1, 65), (q) => int8Accumulator(table, q, d, 'right')));
    });
  }

  it('overlapping views at different offsets give the result of a copied input', () => {
    const op = createPwlOp(gelu8, { inputFracBits: 4, outputFracBits: 5 });
    for (const shift of [-3, -1, 1, 5]) {
      const buffer = randomCodes(100_000 + 16, SEED + shift);
      const input = buffer.subarray(8, 8 + 100_000);
      const expected = baseline(gelu8, 4, 5, 'right', input);
      op.run(input, buffer.subarray(8 + shift, 8 + shift + 100_000));
      expect(firstMismatch(buffer.subarray(8 + shift, 8 + shift + 100_000), expected), `overlap shifted by ${shift}`).toBeUndefined();
    }
  });
});

describe('errors', () => {
  const code = codeOf;
  const options = { inputFracBits: 4, outputFracBits: 4 };

  it('bad tables, scales and options are rejected with coded errors', () => {
    expect(code(() => createPwlOp({ breakpoints: [1, 0], slopes: [0, 0, 0], intercepts: [0, 0, 0] }, options))).toBe('UNSORTED_BREAKPOINTS');
    expect(code(() => createPwlOp({ breakpoints: [0], slopes: [0, 0, 0], intercepts: [0, 0, 0] }, options))).toBe('WRONG_LENGTH');
    expect(code(() => createPwlOp({ breakpoints: [NaN], slopes: [0, 0], intercepts: [0, 0] }, options))).toBe('NON_FINITE');
    expect(code(() => createPwlOp({ breakpoints: [0.03125], slopes: [0, 0], intercepts: [0, 0] }, options))).toBe('DECIMAL_BITS_OUT_OF_RANGE');
    expect(code(() => createPwlOp({ breakpoints: [0], slopes: [0.001, 0], intercepts: [0, 0] }, options))).toBe('COEFFICIENT_OVERFLOW');
    expect(code(() => createPwlOp({ breakpoints: [0], slopes: [0, 0], intercepts: [512, 0] }, options))).toBe('COEFFICIENT_OVERFLOW');
    expect(code(() => createPwlOp(gelu8, { inputFracBits: 8, outputFracBits: 4 }))).toBe('DECIMAL_BITS_OUT_OF_RANGE');
    expect(code(() => createPwlOp(gelu8, { inputFracBits: -1, outputFracBits: 4 }))).toBe('DECIMAL_BITS_OUT_OF_RANGE');
    expect(code(() => createPwlOp(gelu8, { inputFracBits: 4, outputFracBits: 16 }))).toBe('DECIMAL_BITS_OUT_OF_RANGE');
    expect(code(() => createPwlOp(gelu8, { inputFracBits: 1.5, outputFracBits: 4 }))).toBe('DECIMAL_BITS_OUT_OF_RANGE');
    expect(code(() => createPwlOp(gelu8, { ...options, tieRule: 'middle' as 'left' }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createPwlOp(gelu8, { ...options, chunkElements: 3 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => createPwlOp(gelu8, { ...options, tier: 'gpu' as Tier }))).toBe('INVALID_ARGUMENT');
  });

  it('bad arrays are rejected before any kernel runs', () => {
    const op: PwlOp = createPwlOp(gelu8, options);
    expect(code(() => op.run(new Uint8Array(4) as unknown as Int8Array, new Int8Array(4)))).toBe('INVALID_ARGUMENT');
    expect(code(() => op.run(new Int8Array(4), [0, 0, 0, 0] as unknown as Int8Array))).toBe('INVALID_ARGUMENT');
    expect(code(() => op.run(new Int8Array(4), new Int8Array(5)))).toBe('INVALID_LENGTH');
    expect(code(() => op.runAccumulator(new Int8Array(4), new Int8Array(4) as unknown as Int32Array))).toBe('INVALID_ARGUMENT');
    expect(code(() => op.runAccumulator(new Int8Array(4), new Int32Array(3)))).toBe('INVALID_LENGTH');
  });
});

describe('property tests (fast-check)', () => {
  /** Random tables on the grids: 2..16 entries, breakpoints multiples of 2^-d anywhere in +-300 codes, coefficients up to +-8 (some wide). */
  const tables = fc.record({ d: fc.integer({ min: 0, max: 7 }), e: fc.integer({ min: 0, max: 15 }), entries: fc.integer({ min: 2, max: 16 }),
    left: fc.boolean(), wide: fc.boolean() }).chain(({ d, e, entries, left, wide }) => fc.record({
    d: fc.constant(d), e: fc.constant(e), tieRule: fc.constant(left ? 'left' as const : 'right' as const),
    breakpoints: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: entries - 1, maxLength: entries - 1 }).map((ps) => ps.sort((a, b) => a - b).map((p) => p / 2 ** d)),
    slopes: fc.array(fc.integer({ min: wide ? -600 : -128, max: wide ? 600 : 127 }), { minLength: entries, maxLength: entries }).map((ks) => ks.map((k) => k / 64)),
    intercepts: fc.array(fc.integer({ min: wide ? -2000 : -128, max: wide ? 2000 : 127 }), { minLength: entries, maxLength: entries }).map((bs) => bs.map((b) => b / 64)),
    length: fc.integer({ min: 0, max: 600 }), offset: fc.integer({ min: 0, max: 15 }),
  }));

  it(`random tables, scales and inputs match the float64 definition (seed ${SEED})`, () => {
    fc.assert(fc.property(tables, (t) => {
      const op = createPwlOp(t, { inputFracBits: t.d, outputFracBits: t.e, tieRule: t.tieRule });
      const buffer = randomCodes(t.length + t.offset, SEED + t.length);
      const input = buffer.subarray(t.offset);
      const output = op.run(input, new Int8Array(t.length));
      const expected = Int8Array.from(input, (q) => int8Output(t, q, t.d, t.e, t.tieRule));
      const mismatch = firstMismatch(output, expected) ?? firstMismatch(op.lookupTable(), expectedCodes(t, t.d, t.e, t.tieRule));
      if (mismatch) throw new Error(`${mismatch} (path ${op.info.path}, seed ${SEED})`);
    }), { seed: SEED, numRuns: 300 });
  });
});
