// Element-wise kernel throughput, every tier and baseline side by side in one run (ratios hold on a noisy machine;
// absolute times do not). Imports the built package: `npm run build`, then `node bench/kernels.bench.mjs [--quick]`.
//
// - int8 PWL (8 and 16 entries, official gelu tables at d = 4, e = 5) through the public op, tiers simd/scalar/js;
// - plain-JS 256-entry table lookup out[i] = t[in[i] + 128], the usual INT8 LUT in JavaScript;
// - float32 PWL (8 entries), tiers simd/scalar/js;
// - FP32 references in plain JS: GELU with erf, exp, sigmoid;
// - the memory-copy limit: TypedArray.prototype.set of the same size (int8 and float32).
// Inputs are random (every code / float equally likely) and, at the small sizes, a pool of fresh arrays is cycled so
// no branch predictor learns one input. Each sample runs enough calls to cover >= 64K elements; outputs are summed
// into a checksum so nothing is optimised away. Sizes 4K, 64K, 1M, 16M. benchmark.js repeats the headline (1M).
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import Benchmark from 'benchmark';
import * as api from '../dist/index.js';
import { loadTiers } from './tiers.mjs';

// The ops are re-exported by dist/index.js once the package entry lists them; until then take them from their module.
const { createPwlOp, createPwlF32Op } = api.createPwlOp ? api : await import('../dist/ops/pwl-op.js');
const { init, erf } = api;

export const SIZES = [4096, 65536, 1 << 20, 1 << 24];
// Official GQA-LUT gelu tables (gelu_pwl_7 and gelu_pwl_15) for d = 4.
const GELU_8 = { breakpoints: [-3, -2.1875, -0.875, -0.4375, 0.0625, 0.625, 2.8125],
  slopes: [0, -2, -7, 3, 23, 48, 69, 64].map((k) => k / 64), intercepts: [0, -6, -17, -8, 0, -1, -14, 0].map((b) => b / 64) };
const GELU_16 = { breakpoints: [-4, -3.375, -3.3125, -2.1875, -0.875, -0.5, -0.125, 0, 0.1875, 0.5, 1, 1.8125, 2.4375, 2.4375, 3.6875],
  slopes: [0, 0, 0, -2, -7, 2, 17, 29, 37, 50, 63, 71, 69, 67, 65, 64].map((k) => k / 64),
  intercepts: [0, 0, -1, -6, -17, -9, -2, 0, 0, -3, -10, -17, -13, -8, -3, 0].map((b) => b / 64) };

/** Deterministic generator (xorshift32). */
function generator(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
    return state;
  };
}
function randomCodes(n, next) {
  const a = new Int8Array(n);
  for (let i = 0; i < n; i++) a[i] = next() >>> 24;
  return a;
}
function randomFloats(n, next) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (next() / 4294967296) * 16 - 8;
  return a;
}

// Plain-JS kernels: module-level functions taking their arrays as arguments (no closure over one array for V8 to
// specialise on).
function lookup256(table, input, output) {
  for (let i = 0; i < input.length; i++) output[i] = table[input[i] + 128];
}
function geluErf(input, output) {
  for (let i = 0; i < input.length; i++) { const x = input[i]; output[i] = 0.5 * x * (1 + erf(x * Math.SQRT1_2)); }
}
function expF32(input, output) {
  for (let i = 0; i < input.length; i++) output[i] = Math.exp(input[i]);
}
function sigmoidF32(input, output) {
  for (let i = 0; i < input.length; i++) output[i] = 1 / (1 + Math.exp(-input[i]));
}

/** The tasks of one size: name -> { type, fn(input, output) }, plus their metadata. */
function tasksFor(tiers) {
  const tasks = [];
  for (const [entries, table] of [[8, GELU_8], [16, GELU_16]]) {
    for (const tier of tiers) {
      const op = createPwlOp(table, { inputFracBits: 4, outputFracBits: 5, tier });
      tasks.push({ name: `pwl-s8 ${entries} ${tier}`, kernel: 'pwl-s8', entries, tier, path: op.info.path, type: 'int8', fn: (a, b) => op.run(a, b) });
    }
  }
  const lut = createPwlOp(GELU_8, { inputFracBits: 4, outputFracBits: 5, tier: 'js' }).lookupTable();
  tasks.push({ name: 'lut256 js', kernel: 'lut256', entries: 8, tier: 'js', type: 'int8', fn: (a, b) => lookup256(lut, a, b) });
  tasks.push({ name: 'copy int8', kernel: 'copy', tier: 'js', type: 'int8', fn: (a, b) => b.set(a) });
  for (const tier of tiers) {
    const op = createPwlF32Op(GELU_8, { tier });
    tasks.push({ name: `pwl-f32 8 ${tier}`, kernel: 'pwl-f32', entries: 8, tier, path: tier, type: 'f32', fn: (a, b) => op.run(a, b) });
  }
  tasks.push({ name: 'gelu-erf f32 js', kernel: 'gelu-erf', tier: 'js', type: 'f32', fn: geluErf });
  tasks.push({ name: 'exp f32 js', kernel: 'exp', tier: 'js', type: 'f32', fn: expF32 });
  tasks.push({ name: 'sigmoid f32 js', kernel: 'sigmoid', tier: 'js', type: 'f32', fn: sigmoidF32 });
  tasks.push({ name: 'copy f32', kernel: 'copy', tier: 'js', type: 'f32', fn: (a, b) => b.set(a) });
  return tasks;
}

/** Adds ratios to each row: to the copy of the same element type and size, and the speed-up over the JS baseline. */
function addRatios(rows) {
  for (const row of rows) {
    const same = (r) => r.harness === row.harness && r.size === row.size;
    const copy = rows.find((r) => same(r) && r.kernel === 'copy' && r.type === row.type);
    // The JS baseline of a PWL row is the plain-JS PWL with the same entries (the 256-entry table is measured against
    // the 8-entry JS PWL it replaces); other rows have none.
    const baselineKernel = { 'pwl-s8': 'pwl-s8', lut256: 'pwl-s8', 'pwl-f32': 'pwl-f32' }[row.kernel];
    const js = rows.find((r) => same(r) && r.kernel === baselineKernel && r.tier === 'js' && r.entries === row.entries);
    row.ratioToCopy = copy ? row.nsPerElement / copy.nsPerElement : undefined;
    row.speedupVsJs = js && row !== js ? js.nsPerElement / row.nsPerElement : undefined;
  }
  return rows;
}

function rowOf(task, size, harness, nsPerElement, rmePercent) {
  const bytesPerElement = task.type === 'int8' ? 2 : 8;
  return { suite: 'kernels', harness, name: task.name, kernel: task.kernel, entries: task.entries, tier: task.tier,
    path: task.path, type: task.type, size, nsPerElement, rmePercent, gbPerSecond: bytesPerElement / nsPerElement,
    microsecondsPerCall: (nsPerElement * size) / 1000 };
}

async function tinybenchSize(size, tasks, quick, sink, log) {
  const next = generator(0xb5e7 + size);
  const poolCount = size <= 65536 ? Math.min(64, Math.ceil((1 << 22) / size)) : size <= 1 << 20 ? 4 : 1;
  const pools = {
    int8: Array.from({ length: poolCount }, () => randomCodes(size, next)),
    f32: Array.from({ length: poolCount }, () => randomFloats(size, next)),
  };
  const outputs = { int8: new Int8Array(size), f32: new Float32Array(size) };
  const callsPerSample = Math.max(1, Math.floor(65536 / size));
  const bench = new Bench({ time: quick ? 100 : 600, iterations: quick ? 3 : 5, warmupTime: quick ? 50 : 200, warmupIterations: 3 });
  for (const task of tasks) {
    const pool = pools[task.type];
    const output = outputs[task.type];
    let call = 0;
    bench.add(task.name, () => {
      for (let k = 0; k < callsPerSample; k++) task.fn(pool[call++ % pool.length], output);
      sink.value += output[call % size];
    });
  }
  if (log) console.log(`kernels: ${size} elements (${tasks.length} tasks)...`);
  await bench.run();
  return bench.tasks.map((t) => rowOf(tasks.find((task) => task.name === t.name), size, 'tinybench', (t.result.latency.p50 * 1e6) / (size * callsPerSample), t.result.latency.rme));
}

/** The headline comparison again with benchmark.js: 8-entry int8 PWL simd vs JS baseline vs JS 256-table vs copy, 1M. */
function benchmarkJsHeadline(tasks, quick, sink) {
  const size = 1 << 20;
  const next = generator(0x4ead);
  const inputs = Array.from({ length: 4 }, () => randomCodes(size, next));
  const output = new Int8Array(size);
  const chosen = ['pwl-s8 8 simd', 'pwl-s8 8 js', 'lut256 js', 'copy int8'].map((name) => tasks.find((t) => t.name === name)).filter(Boolean);
  const suite = new Benchmark.Suite('headline');
  for (const task of chosen) {
    let call = 0;
    suite.add(task.name, () => {
      task.fn(inputs[call++ & 3], output);
      sink.value += output[call & 1023];
    }, { minSamples: 5, maxTime: quick ? 0.3 : 1.5 });
  }
  suite.run({ async: false });
  return chosen.map((task, i) => rowOf(task, size, 'benchmark.js', (suite[i].stats.mean * 1e9) / size, suite[i].stats.rme));
}

/**
 * Runs the kernel benchmark.
 * @param {{ quick?: boolean, sizes?: number[], tiers?: string[], log?: boolean }} [options] quick: short run
 *   (100 ms per task instead of 600); sizes: element counts (default 4K, 64K, 1M, 16M); tiers: default all three.
 * @returns {Promise<{ suite: 'kernels', date: string, node: string, cpu: string, rows: object[] }>}
 */
export async function run(options = {}) {
  const { quick = false, sizes = SIZES, log = true } = options;
  await init();
  const tiers = await loadTiers(options.tiers, log);
  const tasks = tasksFor(tiers);
  const sink = { value: 0 };
  const rows = [];
  for (const size of sizes) rows.push(...(await tinybenchSize(size, tasks, quick, sink, log)));
  if (sizes.includes(1 << 20)) {
    if (log) console.log('kernels: benchmark.js headline at 1M...');
    rows.push(...benchmarkJsHeadline(tasks, quick, sink));
  }
  addRatios(rows);
  const result = { suite: 'kernels', date: new Date().toISOString(), node: process.version, v8: process.versions.v8,
    cpu: cpus()[0]?.model ?? 'unknown', checksum: sink.value, rows };
  if (log) {
    console.table(rows.map((r) => ({ harness: r.harness, task: r.name, size: r.size, 'ns/elem': r.nsPerElement.toFixed(3),
      'GB/s': r.gbPerSecond.toFixed(2), 'x copy': r.ratioToCopy?.toFixed(2), 'x JS': r.speedupVsJs?.toFixed(1), 'rme %': r.rmePercent.toFixed(1) })));
    console.log(`(checksum ${sink.value})`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run({ quick: process.argv.includes('--quick') });
}
