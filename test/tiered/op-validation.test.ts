// The ops' run() arguments on the tier selected by GQA_LUT_TIER: views over a SharedArrayBuffer give the same
// codes as ordinary arrays; anything but the right typed array, or an output of another length, is a coded error
// that writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { init, type Tier } from '../../src/runtime.js';
import { GqaLutError, GqaLutErrorCode } from '../../src/errors.js';
import { createPwlF32Op, createPwlOp } from '../../src/ops/pwl-op.js';
import { createMultiRangeOp, createMultiRangeTable } from '../../src/multirange/index.js';
import { codeOf } from '../support/error-code.js';

let tier: Tier;
beforeAll(async () => {
  tier = await init();
});


const segments = { breakpoints: [-1, 0, 1], slopes: [0, 0.25, 1, 0.5], intercepts: [-0.25, 0, 0, 0.5] };
const allCodes = (): Int8Array => Int8Array.from({ length: 256 }, (_, i) => i - 128);

function shared(values: Int8Array): Int8Array {
  const view = new Int8Array(new SharedArrayBuffer(values.length));
  view.set(values);
  return view;
}

describe('op.run arguments', () => {
  it('SharedArrayBuffer views in, out and in place give the lookup table', () => {
    const op = createPwlOp(segments, { inputFracBits: 4, outputFracBits: 5, chunkElements: 64 });
    expect(op.info.tier).toBe(tier);
    const expected = op.lookupTable();
    expect(Array.from(op.run(shared(allCodes()), new Int8Array(256)))).toEqual(Array.from(expected));
    expect(Array.from(op.run(allCodes(), shared(new Int8Array(256))))).toEqual(Array.from(expected));
    const inPlace = shared(allCodes());
    expect(Array.from(op.run(inPlace, inPlace))).toEqual(Array.from(expected));
    const f32 = createPwlF32Op(segments);
    const xs = new Float32Array(new SharedArrayBuffer(16));
    xs.set([-2, -0.5, 0.5, 2]);
    expect(Array.from(f32.run(xs, new Float32Array(4)))).toEqual([-0.25, -0.125, 0.5, 1.5]);
  });

  it('rejects other array types and lengths, writing nothing', () => {
    const op = createPwlOp(segments, { inputFracBits: 4, outputFracBits: 5 });
    const output = new Int8Array(4).fill(7);
    expect(codeOf(() => op.run(new Uint8Array(4) as never, output))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => op.run([1, 2, 3, 4] as never, output))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => op.run(new Int8Array(4), new Uint8Array(4) as never))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => op.run(new Int8Array(8), output))).toBe(GqaLutErrorCode.INVALID_LENGTH);
    expect(codeOf(() => op.run(new Int8Array(2), output))).toBe(GqaLutErrorCode.INVALID_LENGTH);
    expect(codeOf(() => op.runAccumulator(new Int8Array(4), new Int16Array(4) as never))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
    expect(Array.from(output)).toEqual([7, 7, 7, 7]);
    const multi = createMultiRangeOp(createMultiRangeTable({ function: 'reci', segments: { breakpoints: [1.5], slopes: [-0.5, -0.25], intercepts: [1.5, 1] } }),
      { inputFracBits: 4, outputFracBits: 4 });
    expect(codeOf(() => multi.run(new Int8Array(4), new Int8Array(3)))).toBe(GqaLutErrorCode.INVALID_LENGTH);
    expect(codeOf(() => multi.runWide(new Int8Array(4), new Int32Array(4), new Int32Array(4) as never))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
  });

  it('rejects scales and tables the op cannot run exactly', () => {
    for (const inputFracBits of [NaN, Infinity, -1, 1.5, 8]) {
      expect(codeOf(() => createPwlOp(segments, { inputFracBits, outputFracBits: 4 }))).toBe(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE);
    }
    for (const outputFracBits of [NaN, -1, 2.5, 16]) {
      expect(codeOf(() => createPwlOp(segments, { inputFracBits: 4, outputFracBits }))).toBe(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE);
    }
    const offGrid = { ...segments, breakpoints: [-1, 0.03125, 1] };
    expect(codeOf(() => createPwlOp(offGrid, { inputFracBits: 4, outputFracBits: 4 }))).toBe(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE);
    expect(codeOf(() => createPwlOp({ ...segments, breakpoints: [1, 0, -1] }, { inputFracBits: 4, outputFracBits: 4 }))).toBe(GqaLutErrorCode.UNSORTED_BREAKPOINTS);
    expect(codeOf(() => createPwlOp({ ...segments, intercepts: [0, 0] }, { inputFracBits: 4, outputFracBits: 4 }))).toBe(GqaLutErrorCode.WRONG_LENGTH);
    expect(codeOf(() => createPwlOp({ ...segments, slopes: [0, 1 / 128, 1, 0.5] }, { inputFracBits: 4, outputFracBits: 4 }))).toBe(GqaLutErrorCode.COEFFICIENT_OVERFLOW);
    expect(codeOf(() => createPwlOp(segments, { inputFracBits: 4, outputFracBits: 4, chunkElements: NaN }))).toBe(GqaLutErrorCode.INVALID_ARGUMENT);
  });
});
