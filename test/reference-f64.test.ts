// The wasm ports of the built-in functions (assembly/functions-f64/reference.ts), which the fitness kernels use to
// compute f at the genes, against the JS registry (and erf.ts) bit for bit (Object.is: the sign of zero counts), on
// both wasm builds: dense sweeps of each function's range, search range and outer ends, the erf piece boundaries
// +-3 ulp (directly and through gelu), tiny, subnormal, huge and special values, and random bit patterns. Any drift
// of the port (a constant, an operation, the order of a sum) shows up here first.
import { beforeAll, describe, expect, it } from 'vitest';
import { erf } from '../src/functions/erf.js';
import { getFunction } from '../src/functions/registry.js';
import { REFERENCE_IDS, referenceId } from '../src/functions/reference-ids.js';
import { fitnessJs, fitnessParamsStride } from '../src/kernels/fitness-js.js';
import { trainerGrid } from '../src/fit/trainer-grid.js';
import { ensureTier } from '../src/runtime.js';
import { wasmModule, type WasmTier } from '../src/wasm/loader.js';
import { seededRandom } from './support/seeded-random.js';

const SEED = 0x7ef_f64;
const view = new DataView(new ArrayBuffer(8));

/** The float64 `steps` ulps away from x (through the bit pattern; crosses zero and the subnormals correctly). */
function ulpsAway(x: number, steps: number): number {
  view.setFloat64(0, x);
  let bits = view.getBigInt64(0);
  // Map the sign-magnitude pattern onto a monotonic integer line, step, and map back.
  let line = bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  line += BigInt(steps);
  bits = line < 0n ? (-line) | -0x8000000000000000n : line;
  view.setBigInt64(0, bits);
  return view.getFloat64(0);
}

/** x and its neighbours up to `radius` ulps on each side. */
function around(x: number, radius = 3): number[] {
  const points: number[] = [];
  for (let k = -radius; k <= radius; k++) points.push(ulpsAway(x, k));
  return points;
}

/** `count` + 1 evenly spaced points of [lo, hi]. */
function sweep(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count + 1 }, (_, i) => lo + ((hi - lo) * i) / count);
}

/** Piece boundaries of erf.ts (|x| = 2^-960, 1/4, 1/2, 1, 3/2, ..., 6), both signs. */
const ERF_BOUNDARIES = [2 ** -960, 0.25, ...Array.from({ length: 12 }, (_, k) => 0.5 * (k + 1))].flatMap((b) => [b, -b]);

const SPECIAL = [0, -0, 5e-324, -5e-324, 2 ** -1074 * 3, 2 ** -1022, -(2 ** -1022), 1e-300, -1e-300, 1e-20, -1e-20,
  2 ** -960, -(2 ** -961), 1e-8, -1e-8, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN];

/** Random float64 bit patterns (every exponent and sign), plus as many uniform points of [lo, hi). */
function randomPoints(random: () => number, count: number, lo: number, hi: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < count; i++) {
    view.setUint32(0, Math.floor(random() * 2 ** 32));
    view.setUint32(4, Math.floor(random() * 2 ** 32));
    points.push(view.getFloat64(0), lo + (hi - lo) * random());
  }
  return points;
}

function pointsFor(name: 'gelu' | 'hswish' | 'reci' | 'sqrt_reci' | 'erf', random: () => number): number[] {
  const common = [...SPECIAL, ...SPECIAL.flatMap((x) => (Number.isFinite(x) && x !== 0 ? around(x) : []))];
  switch (name) {
    case 'erf':
      return [...common, ...ERF_BOUNDARIES.flatMap((b) => around(b)), ...sweep(-7, 7, 700_000), ...randomPoints(random, 20_000, -7, 7)];
    case 'gelu':
      return [...common, ...ERF_BOUNDARIES.flatMap((b) => around(b * Math.SQRT2)), ...trainerGrid(-4, 4),
        ...sweep(-4, 4, 80_000), ...sweep(-10, 10, 200_000), ...sweep(-10000, 10000, 20_000), ...around(10000), ...around(-10000),
        ...randomPoints(random, 20_000, -10000, 10000)];
    case 'hswish':
      return [...common, ...around(-3), ...around(3), ...trainerGrid(-4, 4), ...sweep(-4, 4, 80_000),
        ...sweep(-10000, 10000, 20_000), ...around(10000), ...around(-10000), ...randomPoints(random, 20_000, -10000, 10000)];
    case 'reci':
    case 'sqrt_reci':
      return [...common, ...trainerGrid(0.25, 4), ...sweep(0.25, 4, 40_000), ...sweep(0.625, 3.875, 10_000),
        ...[0.25, 0.5, 4].flatMap((x) => around(x)), ...sweep(-4, 4, 8_000), ...randomPoints(random, 20_000, 0, 8)];
  }
}

const REFERENCES = {
  gelu: getFunction('gelu').evaluate,
  hswish: getFunction('hswish').evaluate,
  reci: getFunction('reci').evaluate,
  sqrt_reci: getFunction('sqrt_reci').evaluate,
  erf,
} as const;

describe('wasm reference ids', () => {
  it('exist for the exact-arithmetic built-ins only, keyed by their evaluate callback', () => {
    for (const name of ['gelu', 'hswish', 'reci', 'sqrt_reci'] as const) expect(referenceId(getFunction(name))).toBe(REFERENCE_IDS[name]);
    for (const name of ['silu', 'sigmoid', 'tanh', 'exp']) expect(referenceId(getFunction(name))).toBe(0);
    const gelu = getFunction('gelu');
    expect(referenceId({ ...gelu, range: [-2, 2] })).toBe(REFERENCE_IDS.gelu);
    expect(referenceId({ ...gelu, evaluate: (x: number) => gelu.evaluate(x) })).toBe(0);
  });
});

for (const tier of ['simd', 'scalar'] as const satisfies readonly WasmTier[]) {
  describe(`${tier} build`, () => {
    beforeAll(async () => {
      await ensureTier(tier);
    });

    for (const name of Object.keys(REFERENCES) as Array<keyof typeof REFERENCES>) {
      it(`${name} equals the JS reference bit for bit (seed ${SEED})`, () => {
        const wasm = wasmModule(tier).kernel('reference_f64', 'scalar');
        const reference = REFERENCES[name];
        const id = REFERENCE_IDS[name];
        const points = pointsFor(name, seededRandom(SEED + id));
        expect(points.length).toBeGreaterThan(40_000);
        const failures: string[] = [];
        for (const x of points) {
          const got = wasm(id, x) as number;
          const want = reference(x);
          if (!Object.is(got, want) && failures.push(`${name}(${x}) = ${got}, JS gives ${want}`) >= 5) break;
        }
        expect(failures).toEqual([]);
      });
    }

    it('the fitness kernel computes f at the genes itself when given an id (the caller slots are ignored)', () => {
      const module = wasmModule(tier);
      const entries = 7;
      const stride = fitnessParamsStride(entries);
      const random = seededRandom(SEED);
      for (const name of ['gelu', 'hswish', 'reci', 'sqrt_reci'] as const) {
        const fn = getFunction(name);
        const grid = trainerGrid(fn.range[0], fn.range[1]);
        const y = grid.map((v) => fn.evaluate(v));
        const count = 8;
        const exact = new Float64Array(count * stride);
        for (let row = 0; row < count; row++) {
          const genes = Array.from({ length: entries - 1 }, () => fn.range[0] + (fn.range[1] - fn.range[0]) * random()).sort((a, b) => a - b);
          const splits = [fn.outerEnds[0], ...genes, fn.outerEnds[1]];
          exact.set([...splits, ...splits.map((a) => fn.evaluate(a))], row * stride);
        }
        const expected = new Float64Array(count);
        fitnessJs(grid, y, exact, count, entries, 64, expected);
        const poisoned = exact.slice();
        for (let row = 0; row < count; row++) poisoned.fill(NaN, row * stride + entries + 2, row * stride + 2 * entries + 1);
        // Arena: x, y (padded by 4 points), scratch, candidates, out.
        const padded = grid.length + 4;
        const bytes = (3 * padded + 2 * entries + count * stride + count) * 8;
        const base = module.reserve(bytes);
        const yPtr = base + padded * 8;
        const scratchPtr = yPtr + padded * 8;
        const candidatesPtr = scratchPtr + (padded + 2 * entries) * 8;
        const outPtr = candidatesPtr + count * stride * 8;
        module.f64(base, padded).fill(0).set(grid);
        module.f64(yPtr, padded).fill(0).set(y);
        module.f64(candidatesPtr, count * stride).set(poisoned);
        module.kernel('fitness_f64')(base, yPtr, grid.length, candidatesPtr, count, entries, 64, scratchPtr, outPtr, referenceId(fn));
        const actual = module.f64(outPtr, count);
        for (let row = 0; row < count; row++) expect(Object.is(actual[row], expected[row]), `${name} row ${row}`).toBe(true);
      }
    });
  });
}
