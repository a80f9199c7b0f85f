// Fitness evaluations per second of the GA's population evaluator, every tier side by side in one run.
//
// Two levels, both with population 50 per call on the 800-point trainer grid of [-4, 4):
// - evaluator: createFitnessEvaluator(...).evaluate(), what the GA pays: packing the candidates plus one kernel call
//   (secant coefficients, segments, squared residuals, pairwise sum). f at the genes is computed in TypeScript on the
//   js tier and, for gelu, inside the kernel on the wasm tiers (bit-identical; see src/functions/reference-ids.ts).
// - kernel: the kernel call alone on pre-packed candidates (splits and f at them, function id 0: f supplied by the
//   caller; the ISA comparison). It reaches below the public API (the wasm loader and the JS baseline kernel in
//   dist/) on purpose, to isolate the kernel.
// Genes are uniform in the range, drawn in advance into 64 populations that the timed calls cycle through (so no
// branch predictor learns one input). Needs the built package: `npm run build`, then `node bench/fitness.bench.mjs`.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { getFunction, trainerGrid } from '../dist/index.js';
import { createFitnessEvaluator } from '../dist/fit.js';
// Below the public API, for the kernel-only rows:
import { fitnessJs, fitnessParamsStride } from '../dist/kernels/fitness-js.js';
import { wasmModule } from '../dist/wasm/loader.js';
import { loadTiers } from './tiers.mjs';

const POOL_SIZE = 64;
const SCALE = 64; // coefficients rounded to multiples of 2^-6
const GRID_PADDING_POINTS = 4; // the SIMD kernel's over-read / over-write allowance past the grid end

/** 32-bit LCG in [0, 1): deterministic populations, independent of the package. */
function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** POOL_SIZE populations of `population` sorted rows of entries-1 genes, uniform in the function's range. */
function genePools(fn, entries, population, random) {
  const genes = entries - 1;
  return Array.from({ length: POOL_SIZE }, () => {
    const rows = new Float64Array(population * genes);
    for (let row = 0; row < population; row++) {
      const values = Array.from({ length: genes }, () => fn.range[0] + (fn.range[1] - fn.range[0]) * random());
      rows.set(values.sort((a, b) => a - b), row * genes);
    }
    return rows;
  });
}

/** The kernels' candidate block for a population: per row the splits [lo_end, genes..., hi_end], then f at them. */
function packParams(fn, entries, rows, population) {
  const stride = fitnessParamsStride(entries);
  const params = new Float64Array(population * stride);
  for (let row = 0; row < population; row++) {
    const splits = [fn.outerEnds[0], ...rows.subarray(row * (entries - 1), (row + 1) * (entries - 1)), fn.outerEnds[1]];
    params.set([...splits, ...splits.map((a) => fn.evaluate(a))], row * stride);
  }
  return params;
}

/** A kernel-only task: grid, padding and all parameter pools copied into the arena once, then timed calls. */
function kernelTask(tier, fn, entries, pools, population, sink) {
  const x = trainerGrid(fn.range[0], fn.range[1]);
  const y = x.map((v) => fn.evaluate(v));
  const params = pools.map((rows) => packParams(fn, entries, rows, population));
  if (tier === 'js') {
    const out = new Float64Array(population);
    let call = 0;
    return () => {
      fitnessJs(x, y, params[call++ % POOL_SIZE], population, entries, SCALE, out);
      sink.value += out[0];
    };
  }
  const module = wasmModule(tier);
  const kernel = module.kernel('fitness_f64');
  const gridBytes = Math.ceil(((x.length + GRID_PADDING_POINTS) * 8) / 64) * 64;
  const scratchBytes = Math.ceil(((x.length + GRID_PADDING_POINTS + 2 * entries) * 8) / 64) * 64; // either kernel
  const blockBytes = params[0].length * 8;
  // Arena layout: x, y (each padded), scratch, the candidate pools, out.
  const setUp = () => {
    const base = module.reserve(2 * gridBytes + scratchBytes + POOL_SIZE * blockBytes + population * 8);
    module.f64(base, x.length + GRID_PADDING_POINTS).fill(0).set(x);
    module.f64(base + gridBytes, y.length + GRID_PADDING_POINTS).fill(0).set(y);
    params.forEach((block, i) => module.f64(base + 2 * gridBytes + scratchBytes + i * blockBytes, block.length).set(block));
    return base;
  };
  let call = 0;
  let base = 0;
  const task = () => {
    const poolsPtr = base + 2 * gridBytes + scratchBytes;
    const outPtr = poolsPtr + POOL_SIZE * blockBytes;
    kernel(base, base + gridBytes, x.length, poolsPtr + (call++ % POOL_SIZE) * blockBytes, population, entries, SCALE,
      base + 2 * gridBytes, outPtr, 0);
    sink.value += module.f64(outPtr, 1)[0];
  };
  // The arena is shared with the evaluator tasks: lay the data out again before each kernel task runs.
  task.beforeAll = () => { base = setUp(); };
  return task;
}

/**
 * Runs the fitness benchmark.
 * @param {{ time?: number, targets?: string[], population?: number, tiers?: string[], log?: boolean }} [options]
 *   time: ms per task (default 1500); targets: 'gelu_8', 'gelu_16' (default both); population per call (50).
 * @returns {Promise<{ suite: 'fitness', date: string, node: string, cpu: string, rows: object[] }>}
 */
export async function run(options = {}) {
  const { time = 1500, targets = ['gelu_8', 'gelu_16'], population = 50, log = true } = options;
  const tiers = await loadTiers(options.tiers, log);
  const sink = { value: 0 };
  const rows = [];
  for (const target of targets) {
    const [name, entriesText] = target.split('_');
    const fn = getFunction(name);
    const entries = Number(entriesText);
    const pools = genePools(fn, entries, population, lcg(0xf17 + entries));
    const problem = { fn, xRange: fn.range, outerEnds: fn.outerEnds, entries };
    const bench = new Bench({ time, warmupTime: 300 });
    for (const tier of tiers) {
      const evaluator = createFitnessEvaluator(problem, { tier });
      const out = new Float64Array(population);
      let call = 0;
      bench.add(`evaluator ${tier}`, () => {
        evaluator.evaluate(pools[call++ % POOL_SIZE], population, out);
        sink.value += out[0];
      });
    }
    for (const tier of tiers) {
      const task = kernelTask(tier, fn, entries, pools, population, sink);
      bench.add(`kernel ${tier}`, task, task.beforeAll ? { beforeAll: task.beforeAll } : {});
    }
    await bench.run();
    const measured = bench.tasks.map((task) => {
      const [level, tier] = task.name.split(' ');
      const msPerCall = task.result.latency.p50;
      return { target, level, tier, evaluationsPerSecond: (population * 1000) / msPerCall,
        microsecondsPerEvaluation: (msPerCall * 1000) / population, rmePercent: task.result.latency.rme };
    });
    for (const row of measured) {
      const js = measured.find((r) => r.level === row.level && r.tier === 'js');
      rows.push({ ...row, ratioToJs: js ? row.evaluationsPerSecond / js.evaluationsPerSecond : undefined });
    }
  }
  const result = { suite: 'fitness', date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown',
    population, gridPoints: 800, rows };
  if (log) {
    console.log(`fitness evaluations per second (population ${population}, 800-point grid), ${result.node}, ${result.cpu}`);
    console.table(rows.map((r) => ({ target: r.target, level: r.level, tier: r.tier,
      'evals/s': Math.round(r.evaluationsPerSecond).toLocaleString('en-US'), 'us/eval': r.microsecondsPerEvaluation.toFixed(3),
      'rme %': r.rmePercent.toFixed(1), 'x JS': r.ratioToJs?.toFixed(2) })));
    console.log(`(checksum ${sink.value.toPrecision(6)})`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run();
}
