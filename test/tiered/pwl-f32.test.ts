// The float32 PWL operator on the tier selected by GQA_LUT_TIER: bit-equal to the JS baseline (src/kernels/
// pwl-f32-js.ts) and within the stated tolerance of the float64 definition (test/support/pwl-float64-reference.ts):
//   |y32 - y64| <= 2^-24 * (1.0001 |k*x| + |y64|) + 2^-148   (one rounding of the product, one of the sum;
//   k, b are rounded to float32 first, which is exact for the 2^-6-grid tables used here)
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { init, type Tier } from '../../src/runtime.js';
import { GqaLutError } from '../../src/errors.js';
import { createPwlF32Op } from '../../src/ops/pwl-op.js';
import { pwlF32Reference } from '../../src/kernels/pwl-f32-js.js';
import { loadOfficialTables, pwlFloat64, segmentOf, type FloatTable } from '../support/pwl-float64-reference.js';

const SEED = Number(process.env.GQA_LUT_SEED ?? 0x9a1_1ec7);
const official = loadOfficialTables();
let tier: Tier;

beforeAll(async () => {
  tier = await init();
  console.log(`pwl-f32 tests: tier ${tier}, seed ${SEED}`);
});

/** Deterministic float32 inputs: uniform in [-span, span], plus the breakpoints, their float32 neighbours and specials. */
function inputsFor(table: FloatTable, count: number, span: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values.push((state / 4294967296) * 2 * span - span);
  }
  const bits = new Float32Array(1);
  const word = new Int32Array(bits.buffer);
  for (const p of table.breakpoints) {
    bits[0] = p;
    values.push(bits[0]);
    word[0] += 1;
    values.push(bits[0]);
    word[0] -= 2;
    values.push(bits[0]);
  }
  values.push(0, -0, 1e-45, -1e-45, 3e38, -3e38, Infinity, -Infinity, NaN);
  return Float32Array.from(values);
}

function checkTolerance(table: FloatTable, input: Float32Array, output: Float32Array, tieRule: 'right' | 'left', where: string): void {
  for (let i = 0; i < input.length; i++) {
    const x = input[i];
    const expected = pwlFloat64(table, x, tieRule);
    const actual = output[i];
    if (!Number.isFinite(expected) || Math.abs(expected) > 3.4e38) {
      if (!(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)) || !Number.isFinite(actual))) {
        throw new Error(`${where}: x = ${x}: got ${actual}, expected ${expected}`);
      }
      continue;
    }
    const k = table.slopes[segmentOf(table, x, tieRule)];
    const bound = 2 ** -24 * (1.0001 * Math.abs(k * x) + Math.abs(expected)) + 2 ** -148;
    if (!(Math.abs(actual - expected) <= bound)) {
      throw new Error(`${where}: x = ${x}: got ${actual}, expected ${expected} (error ${Math.abs(actual - expected)} > ${bound}, seed ${SEED})`);
    }
  }
}

function expectSameBits(actual: Float32Array, expected: Float32Array, where: string): void {
  const a = new Int32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Int32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== e[i] && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) {
      throw new Error(`${where}: index ${i}: got ${actual[i]}, baseline ${expected[i]}`);
    }
  }
}

describe('float32 PWL', () => {
  it.skipIf(official.length === 0)('official tables: within tolerance of float64, bit-equal to the JS baseline, both tie rules', () => {
    for (const { file, d, table } of official) {
      for (const tieRule of ['right', 'left'] as const) {
        const op = createPwlF32Op(table, { tieRule });
        const input = inputsFor(table, 2000, 8, SEED + d);
        const output = op.run(input, new Float32Array(input.length));
        checkTolerance(table, input, output, tieRule, `${file} d=${d} ${tieRule}`);
        const baseline = new Float32Array(input.length);
        pwlF32Reference(input, baseline, op.table);
        expectSameBits(output, baseline, `${file} d=${d} ${tieRule} vs baseline`);
      }
    }
  });

  it('breakpoints that are not float32 values give the float64 segment exactly', () => {
    const table: FloatTable = { breakpoints: [-0.1, 0.1, 1 / 3, 1 / 3], slopes: [1, 2, 3, 4, 5], intercepts: [0.5, 0.25, 0, -1, 2] };
    for (const tieRule of ['right', 'left'] as const) {
      const op = createPwlF32Op(table, { tieRule });
      const input = inputsFor(table, 100, 1, SEED);
      const output = op.run(input, new Float32Array(input.length));
      checkTolerance(table, input, output, tieRule, `non-float32 breakpoints ${tieRule}`);
    }
  });

  it('lengths 0..40, offsets, in place and a chunked 1M tensor', () => {
    const table: FloatTable = { breakpoints: [-2, -1, 0, 1, 2, 3, 4], slopes: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], intercepts: [0, 1, 2, 3, 4, 5, 6, 7] };
    const op = createPwlF32Op(table);
    const small = createPwlF32Op(table, { chunkElements: 1001 });
    for (let length = 0; length <= 40; length++) {
      const input = inputsFor(table, length, 5, SEED + length).subarray(0, length);
      const expected = new Float32Array(length);
      pwlF32Reference(input, expected, op.table);
      const buffer = new Float32Array(length + 8).fill(7);
      const view = buffer.subarray(4, 4 + length);
      op.run(input, view);
      expectSameBits(view, expected, `length ${length}`);
      expect(Array.from(buffer.subarray(0, 4)).concat(Array.from(buffer.subarray(4 + length)))).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
      const inPlace = input.slice();
      expectSameBits(op.run(inPlace, inPlace), expected, `in place ${length}`);
    }
    const big = inputsFor(table, 1 << 20, 6, SEED);
    const expected = new Float32Array(big.length);
    pwlF32Reference(big, expected, op.table);
    const inPlace = big.slice();
    expectSameBits(small.run(inPlace, inPlace), expected, '1M in place, 1001-element chunks');
    expectSameBits(op.run(big, new Float32Array(big.length)), expected, '1M');
  });

  it('bad arrays and tables give coded errors', () => {
    const op = createPwlF32Op({ breakpoints: [0], slopes: [0, 1], intercepts: [0, 0] });
    const code = (fn: () => unknown): string | undefined => {
      try { fn(); } catch (error) { return (error as GqaLutError).code; }
      return undefined;
    };
    expect(code(() => op.run(new Float64Array(2) as unknown as Float32Array, new Float32Array(2)))).toBe('INVALID_ARGUMENT');
    expect(code(() => op.run(new Float32Array(2), new Float32Array(3)))).toBe('INVALID_LENGTH');
    expect(code(() => createPwlF32Op({ breakpoints: [1, 0], slopes: [0, 0, 0], intercepts: [0, 0, 0] }))).toBe('UNSORTED_BREAKPOINTS');
    expect(code(() => createPwlF32Op({ breakpoints: [0], slopes: [1e39, 0], intercepts: [0, 0] }))).toBe('COEFFICIENT_OVERFLOW');
  });

  it(`random tables and inputs: baseline bit-equal, float64 within tolerance (fast-check, seed ${SEED})`, () => {
    const tables = fc.integer({ min: 2, max: 16 }).chain((entries) => fc.record({
      breakpoints: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: entries - 1, maxLength: entries - 1 }).map((ps) => ps.sort((a, b) => a - b)),
      slopes: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: entries, maxLength: entries }).map((ks) => ks.map((k) => k / 64)),
      intercepts: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: entries, maxLength: entries }).map((bs) => bs.map((b) => b / 64)),
      left: fc.boolean(),
    }));
    fc.assert(fc.property(tables, fc.integer({ min: 0, max: 300 }), (t, length) => {
      const tieRule = t.left ? 'left' as const : 'right' as const;
      const op = createPwlF32Op(t, { tieRule });
      const input = inputsFor(t, length, 12, SEED + length);
      const output = op.run(input, new Float32Array(input.length));
      checkTolerance(t, input, output, tieRule, `random table on tier ${tier}`);
      const baseline = new Float32Array(input.length);
      pwlF32Reference(input, baseline, op.table);
      expectSameBits(output, baseline, `random table on tier ${tier} vs baseline`);
    }), { seed: SEED, numRuns: 200 });
  });
});
