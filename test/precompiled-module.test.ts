// init() with a caller-supplied WebAssembly.Module (the strict-CSP / edge-runtime path of the README): the package
// uses it instead of the inlined bytes and computes the same results.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init } from '../src/runtime.js';
import { createPwlOp } from '../src/ops/pwl-op.js';

const segments = { breakpoints: [-2, 0, 1.5], slopes: [0, 0.25, 1, 0.75], intercepts: [0, 0.5, 0.5, 0.875] };

describe('init with a precompiled module', () => {
  it('runs the scalar kernels from build/gqa-lut.scalar.wasm and matches the js tier', async () => {
    const bytes = readFileSync(join(__dirname, '..', 'build', 'gqa-lut.scalar.wasm'));
    const module = await WebAssembly.compile(bytes);
    expect(await init({ tier: 'scalar', module })).toBe('scalar');
    const input = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    const viaModule = new Int8Array(256);
    createPwlOp(segments, { inputFracBits: 3, outputFracBits: 4 }).run(input, viaModule);
    const viaJs = new Int8Array(256);
    createPwlOp(segments, { inputFracBits: 3, outputFracBits: 4, tier: 'js' }).run(input, viaJs);
    expect(Array.from(viaModule)).toEqual(Array.from(viaJs));
  });
});
