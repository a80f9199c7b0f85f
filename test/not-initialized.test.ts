// Compute calls before `await init()`: every one is a NOT_INITIALIZED GqaLutError (never a crash, never a silent
// choice of tier). This file must not call init(): vitest runs each test file in a fresh module graph.
import { describe, expect, it } from 'vitest';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { currentTier } from '../src/runtime.js';
import { createPwlF32Op, createPwlOp } from '../src/ops/pwl-op.js';
import { createMultiRangeOp, createMultiRangeTable } from '../src/multirange/index.js';
import { fitMultiRange } from '../src/multirange/fit.js';
import { fitTable } from '../src/fit/fit-table.js';
import { solveExact } from '../src/optimize/dp.js';
import { codeOf } from './support/error-code.js';


const segments = { breakpoints: [0], slopes: [0, 1], intercepts: [0, 0] };
const reci = createMultiRangeTable({ function: 'reci', segments: { breakpoints: [1.5], slopes: [-0.5, -0.25], intercepts: [1.5, 1] } });

describe('before init()', () => {
  it.each([
    ['currentTier', () => currentTier()],
    ['createPwlOp', () => createPwlOp(segments, { inputFracBits: 4, outputFracBits: 4 })],
    ['createPwlOp on a wasm tier not loaded', () => createPwlOp(segments, { inputFracBits: 4, outputFracBits: 4, tier: 'scalar' })],
    ['createPwlF32Op', () => createPwlF32Op(segments)],
    ['createMultiRangeOp', () => createMultiRangeOp(reci, { inputFracBits: 4, outputFracBits: 4 })],
    ['fitTable', () => fitTable({ preset: 'gelu_8', decimalBits: [4, 4] })],
    ['fitMultiRange', () => fitMultiRange({ function: 'reci', entries: 4, inputFracBits: 4 })],
    ['solveExact', () => solveExact({ xs: [0, 1, 2], fs: [0, 1, 4], entries: 2, candidates: [1] })],
  ])('%s is NOT_INITIALIZED', (_name, call) => {
    expect(codeOf(call)).toBe(GqaLutErrorCode.NOT_INITIALIZED);
  });

  it("an explicit 'js' tier needs no init and computes", () => {
    const op = createPwlOp(segments, { inputFracBits: 4, outputFracBits: 4, tier: 'js' });
    expect(Array.from(op.run(Int8Array.from([-16, 16]), new Int8Array(2)))).toEqual([0, 16]);
  });
});
