// Bad input to the public API gives a coded GqaLutError naming what is allowed, never a NaN or a silently wrong
// answer: table helpers, the evaluator, user-defined functions, fitTable options, multi-range statistics.
import { beforeAll, describe, expect, it } from 'vitest';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { init } from '../src/runtime.js';
import {
  coefficientFormatViolations, createLutTable, decimalBitsOf, formatBounds, smallestFormatFor, type LutTable,
} from '../src/table/model.js';
import { parseOfficialJson, toOfficialJson } from '../src/table/official-json.js';
import { errorStats, evaluateTable, int8GridPoints, pwlAt, segmentIndex } from '../src/evaluate/table-error.js';
import { defineFunction, type NonlinearFunction } from '../src/functions/registry.js';
import { fitTable } from '../src/fit/fit-table.js';
import { wideRangeStats } from '../src/multirange/evaluate.js';

beforeAll(async () => {
  await init();
});

function errorOf(fn: () => unknown): GqaLutError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GqaLutError);
    return error as GqaLutError;
  }
  throw new Error('expected a GqaLutError, but the call returned');
}

const segments = { breakpoints: [0, 1], slopes: [0, 0.5, 1], intercepts: [0, 0, -0.5] };
const table = createLutTable({ function: 'gelu', byDecimalBits: { 4: segments } });
const fast = { generations: 2, population: 8, decimalBits: [4, 4] as const };

describe('table helpers', () => {
  it('smallestFormatFor rejects fracBits that are not an integer 0..31, and coefficients off the lattice', () => {
    for (const fracBits of [NaN, -1, 1.5, 32]) {
      const error = errorOf(() => smallestFormatFor(table, fracBits));
      expect(error.code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
      expect(error.message).toMatch(/fracBits must be an integer from 0 to 31/);
    }
    expect(errorOf(() => smallestFormatFor(table, 0)).code).toBe(GqaLutErrorCode.COEFFICIENT_OVERFLOW); // 0.5 is not an integer
    expect(smallestFormatFor(table, 6)).toEqual({ bits: 8, fracBits: 6 });
  });

  it('formatBounds and decimalBitsOf reject what is not a format or a table', () => {
    expect(errorOf(() => formatBounds({ bits: NaN, fracBits: 2 })).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(errorOf(() => formatBounds(null as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(formatBounds({ bits: 8, fracBits: 6 })).toEqual({ min: -2, max: 127 / 64, step: 1 / 64 });
    expect(errorOf(() => decimalBitsOf(null as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(coefficientFormatViolations(table)).toEqual([]);
  });

  it('toOfficialJson validates a hand-made table instead of writing NaN', () => {
    const raw = { function: 'gelu', entries: 2, format: { bits: 8, fracBits: 6 }, byDecimalBits: { 0: { breakpoints: [NaN], slopes: [0, 1], intercepts: [0, 0] } } };
    expect(errorOf(() => toOfficialJson(raw as LutTable)).code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(errorOf(() => toOfficialJson(null as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    const unsorted = { ...raw, byDecimalBits: { 0: { breakpoints: [1, 0], slopes: [0, 1, 2], intercepts: [0, 0, 0] } } };
    expect(errorOf(() => toOfficialJson(unsorted as LutTable)).code).toBe(GqaLutErrorCode.UNSORTED_BREAKPOINTS);
    expect(parseOfficialJson(toOfficialJson(table))).toEqual(table);
  });
});

describe('evaluator', () => {
  it('segmentIndex refuses unsorted breakpoints (a binary search would answer wrongly)', () => {
    const error = errorOf(() => segmentIndex([3, 1, 2], 2.5));
    expect(error.code).toBe(GqaLutErrorCode.UNSORTED_BREAKPOINTS);
    expect(errorOf(() => segmentIndex([0, 1], 0.5, 'middle' as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(segmentIndex([0, 1, 1, 2], 1)).toBe(3);
    expect(segmentIndex([0, 1, 1, 2], 1, 'left')).toBe(1);
  });

  it('pwlAt and errorStats check the table, the tie rule and the function values', () => {
    const mismatched = { breakpoints: [0, 1], slopes: [1], intercepts: [0] };
    expect(errorOf(() => pwlAt(mismatched, 2)).code).toBe(GqaLutErrorCode.WRONG_LENGTH);
    expect(errorOf(() => errorStats(mismatched, (x) => x, [2])).code).toBe(GqaLutErrorCode.WRONG_LENGTH);
    expect(errorOf(() => errorStats(segments, (x) => x, [2], 'x' as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    const nan = errorOf(() => errorStats(segments, (x) => (x > 1 ? NaN : x), [0, 1, 2]));
    expect(nan.code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(nan.message).toMatch(/NaN at x = 2/);
    expect(pwlAt(segments, 2)).toBe(1.5);
    expect(errorStats(segments, (x) => x, []).points).toBe(0);
  });

  it('int8GridPoints checks d and the range', () => {
    for (const d of [NaN, 1.5, -1, 16]) expect(errorOf(() => int8GridPoints(d, [0, 1])).code).toBe(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE);
    expect(errorOf(() => int8GridPoints(1, [1, 0])).code).toBe(GqaLutErrorCode.INVALID_RANGE);
    expect(Array.from(int8GridPoints(1, [0, 1]))).toEqual([0, 0.5, 1]);
  });

  it('evaluateTable: a range where the function is not finite, or a malformed function, is an error, not NaN', () => {
    const reci = errorOf(() => evaluateTable(table, { function: 'reci', range: [-1, 1] }));
    expect(reci.code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(reci.message).toMatch(/function 'reci' is Infinity at x = 0/);
    expect(errorOf(() => evaluateTable(table, { function: 'sqrt_reci', range: [-1, 1] })).code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(errorOf(() => evaluateTable(table, { function: {} as NonlinearFunction })).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(errorOf(() => evaluateTable(table, { function: { name: 'f', evaluate: Math.sin } as never })).code).toBe(GqaLutErrorCode.INVALID_RANGE);
    expect(errorOf(() => evaluateTable(null as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    const own = evaluateTable(table, { function: { name: 'square', evaluate: (x: number) => x * x, range: [-1, 1] } as never });
    expect(own[0].int8Grid.points).toBe(33);
  });

  it('a user-defined function that is NaN inside its range is a NON_FINITE error where it is used', () => {
    expect(errorOf(() => defineFunction(null as never)).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    defineFunction({ name: 'holey', evaluate: (x) => (x > 0.3 && x < 0.6 ? NaN : x * x), range: [0, 1] });
    const holey = createLutTable({ function: 'holey', byDecimalBits: { 4: { breakpoints: [0.5], slopes: [0, 1], intercepts: [0, 0] } } });
    expect(errorOf(() => evaluateTable(holey)).message).toMatch(/function 'holey' is NaN at x = 0\.31/);
    for (const options of [{ method: 'ga' as const }, { method: 'dp' as const }, { objective: 'trainer-grid' as const, method: 'dp' as const }]) {
      const error = errorOf(() => fitTable({ function: 'holey', entries: 4, ...fast, ...options }));
      expect(error.code).toBe(GqaLutErrorCode.NON_FINITE);
      expect(error.message).toMatch(/function 'holey' is NaN at x = 0\.3/);
    }
    expect(errorOf(() => fitTable({ function: 'holey', entries: 4, ...fast, mode: 'official' })).code).toBe(GqaLutErrorCode.NON_FINITE);
  });
});

describe('fitTable options', () => {
  it('checks onProgress, signal, a function object and a search range away from the range', () => {
    expect(errorOf(() => fitTable({ preset: 'gelu_8', ...fast, onProgress: 3 as never })).message).toMatch(/onProgress must be a function/);
    expect(errorOf(() => fitTable({ preset: 'gelu_8', ...fast, signal: {} as never })).message).toMatch(/signal must be an AbortSignal/);
    expect(errorOf(() => fitTable({ function: {} as never, entries: 4, ...fast })).code).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    const away = errorOf(() => fitTable({ preset: 'gelu_8', ...fast, searchRange: [10, 20] }));
    expect(away.code).toBe(GqaLutErrorCode.INVALID_RANGE);
    expect(away.message).toMatch(/must overlap range \[-4, 4\]/);
    expect(errorOf(() => fitTable({ function: 'reci', entries: 4, range: [-1, 1], ...fast, method: 'dp' })).message)
      .toMatch(/function 'reci' is Infinity at x = 0/);
    const controller = new AbortController();
    expect(fitTable({ preset: 'gelu_8', ...fast, signal: controller.signal, onProgress: () => undefined }).table.entries).toBe(8);
  });
});

describe('multi-range statistics', () => {
  it('wideRangeStats rejects mismatched or empty arrays and zero targets instead of returning NaN', () => {
    expect(errorOf(() => wideRangeStats([1, 2], [1])).code).toBe(GqaLutErrorCode.INVALID_LENGTH);
    expect(errorOf(() => wideRangeStats([], [])).code).toBe(GqaLutErrorCode.INVALID_LENGTH);
    expect(errorOf(() => wideRangeStats([1], [0])).code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(errorOf(() => wideRangeStats([NaN], [1])).code).toBe(GqaLutErrorCode.NON_FINITE);
    expect(wideRangeStats([1.5, 2], [1, 2])).toMatchObject({ mse: 0.125, maxAbsError: 0.5, maxRelativeError: 0.5, points: 2 });
  });
});
