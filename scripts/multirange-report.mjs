// Error over the whole wide range of INT8 inputs for multi-range input scaling (reci, sqrt_reci), against a single
// PWL table fitted by the exact solver over the same wide range with the same number of entries. Prints a Markdown
// table. Needs the built package: `npm run build`, then `node scripts/multirange-report.mjs [--entries 8]`.
//
// For each (function, d): the inputs are every positive code q = 1..127, x = q * 2^-d (a 127x range). Rows:
// - multi-range: `fitMultiRange` with Q1.6 coefficients (objective 'mse' and 'relative') and with 12-bit Q1.10
//   coefficients ('mse'), run through the multi-range op;
// - single table: `solveExact` over the same 127 points (breakpoints on the 2^-d grid), in Q1.6 (the same 8-bit
//   format) and in a 16-bit format with 6 fractional bits (Q9.6, wide enough for the steep end), run through the
//   INT8 PWL operator (`createPwlOp`, same rounding rule);
// - ideal int8: f(x) rounded half up to the output grid and saturated, the floor of any int8 output.
// Columns: the unrounded output (multi-range: acc * 2^-A; single table: its accumulator, i.e. pwl(x)) and the int8
// output at scale 2^-eo, with eo the finest output scale at which f(2^-d) = max f does not saturate.
import { init } from '../dist/index.js';
import { getFunction } from '../dist/functions/registry.js';
import { solveExact } from '../dist/optimize/dp.js';
import { createPwlOp } from '../dist/ops/pwl-op.js';
import { createMultiRangeOp, wideRangeStats } from '../dist/multirange/index.js';
import { fitMultiRange } from '../dist/multirange/fit.js';

const entriesArgument = process.argv.indexOf('--entries');
const ENTRIES = entriesArgument > 0 ? Number(process.argv[entriesArgument + 1]) : 8;
const CASES = [['reci', 4], ['reci', 7], ['sqrt_reci', 4], ['sqrt_reci', 7]];
const Q1_6 = { bits: 8, fracBits: 6 };
const Q9_6 = { bits: 16, fracBits: 6 };

const Q1_10 = { bits: 12, fracBits: 10 };
const formatName = (format) => `Q${format.bits - 1 - format.fracBits}.${format.fracBits}`;
const codes = Int8Array.from({ length: 127 }, (_, i) => i + 1);

/** Finest output scale eo (0..15) with max f * 2^eo rounded <= 127. */
function outputScaleFor(maxValue) {
  let eo = 15;
  while (eo > 0 && Math.floor(maxValue * 2 ** eo + 0.5) > 127) eo--;
  return eo;
}

function statsOf(values, targets) {
  return wideRangeStats(values, targets);
}

function multiRangeRow(fn, d, eo, objective, targets, format = Q1_6) {
  const { table } = fitMultiRange({ function: fn, entries: ENTRIES, inputFracBits: d, objective, format });
  const op = createMultiRangeOp(table, { inputFracBits: d, outputFracBits: eo });
  const accumulators = new Int32Array(127);
  const fracBits = new Int8Array(127);
  op.runWide(codes, accumulators, fracBits);
  const wide = Array.from(accumulators, (acc, i) => acc * 2 ** -fracBits[i]);
  const int8 = Array.from(op.run(codes, new Int8Array(127)), (y) => y * 2 ** -eo);
  return { name: `multi-range, ${objective}`, format: formatName(format), path: op.info.path, wide: statsOf(wide, targets), int8: statsOf(int8, targets) };
}

function singleTableRow(d, eo, format, name, xs, targets) {
  const { segments } = solveExact({ xs, fs: targets, entries: ENTRIES, candidates: xs, format });
  const op = createPwlOp(segments, { inputFracBits: d, outputFracBits: eo });
  const accumulators = op.runAccumulator(codes, new Int32Array(127));
  const wide = Array.from(accumulators, (acc) => acc * 2 ** -(6 + d));
  const int8 = Array.from(op.run(codes, new Int8Array(127)), (y) => y * 2 ** -eo);
  return { name, format: formatName(format), path: op.info.path, wide: statsOf(wide, targets), int8: statsOf(int8, targets) };
}

const exp = (v) => v.toExponential(2);
const pct = (v) => `${(100 * v).toFixed(2)} %`;

const tier = await init();
const lines = [
  `Multi-range input scaling vs one PWL table over the same wide range: ${ENTRIES} entries, INT8 inputs q = 1..127 at scale 2^-d, tier ${tier}.`,
  '',
  '| f | d | inputs x | table | coeff. | MSE (unrounded) | max rel. err (unrounded) | eo | MSE (int8 out) | max rel. err (int8 out) | MSE ratio single/multi (unrounded, int8) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const [fn, d] of CASES) {
  const f = getFunction(fn).evaluate;
  const xs = Array.from(codes, (q) => q * 2 ** -d);
  const targets = xs.map(f);
  const eo = outputScaleFor(targets[0]);
  const multi = multiRangeRow(fn, d, eo, 'mse', targets);
  const rows = [
    multi,
    multiRangeRow(fn, d, eo, 'relative', targets),
    multiRangeRow(fn, d, eo, 'mse', targets, Q1_10),
    singleTableRow(d, eo, Q1_6, 'single table', xs, targets),
    singleTableRow(d, eo, Q9_6, 'single table', xs, targets),
  ];
  const ideal = targets.map((y) => Math.min(127, Math.floor(y * 2 ** eo + 0.5)) * 2 ** -eo);
  const range = `${xs[0]} .. ${xs[126]}`;
  for (const row of rows) {
    const ratio = row === multi ? '1' : `${(row.wide.mse / multi.wide.mse).toPrecision(3)}x, ${(row.int8.mse / multi.int8.mse).toPrecision(3)}x`;
    lines.push(`| ${fn} | ${d} | ${range} | ${row.name} (${row.path}) | ${row.format} | ${exp(row.wide.mse)} | ${pct(row.wide.maxRelativeError)} | ${eo} | ${exp(row.int8.mse)} | ${pct(row.int8.maxRelativeError)} | ${ratio} |`);
  }
  const idealStats = statsOf(ideal, targets);
  lines.push(`| ${fn} | ${d} | ${range} | ideal int8 (f rounded) | - | - | - | ${eo} | ${exp(idealStats.mse)} | ${pct(idealStats.maxRelativeError)} | - |`);
}
console.log(lines.join('\n'));
