// Acceptance of issue 5 ("better tables than the paper"), on the built package (run `npm run build` first):
// for all 11 official presets and every d,
//   (a) the default fit (int8-grid objective) has an INT8-grid MSE at most the official mse_int8_grid;
//   (b) the trainer-grid fit has a trainer-grid MSE at most the official mse_trainer_grid, and at the highest d
//       the GA's result is within 10 % of the DP optimum for the same objective;
//   (c) cost: a default fit of one preset (all its d) takes at most 1 s, the DP at most 0.2 s per (preset, d).
// Prints a Markdown report and writes it to bench/results/compare-official.md. Exit code 1 when a check fails,
// 2 when the reference figures (../shared/reference/official-figures.json) are missing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const figuresFile = join(root, '..', 'shared', 'reference', 'official-figures.json');
if (!existsSync(join(root, 'dist', 'fit.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
if (!existsSync(figuresFile)) {
  console.error(`reference figures not found at ${figuresFile}: nothing to compare against`);
  process.exit(2);
}
const { init } = await import(join(root, 'dist', 'index.js'));
const { fitTable, PRESET_NAMES } = await import(join(root, 'dist', 'fit.js'));
const figures = JSON.parse(readFileSync(figuresFile, 'utf8'));

const GAP_LIMIT = 0.1;
const FIT_LIMIT_MS = 1000;
const DP_LIMIT_MS = 200;
const tier = await init();
fitTable({ preset: 'gelu_16' }); // warm-up: compile the kernels and JIT the driver before anything is timed

const sig = (v) => (v === 0 ? '0' : Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));
const pct = (v) => `${(v * 100).toFixed(2)} %`;
const timed = (options) => {
  const started = performance.now();
  const result = fitTable(options);
  return { result, ms: performance.now() - started };
};

const detailRows = [];
const costRows = [];
const summaryRows = [];
const failures = [];
let worstInt8Ratio = Infinity;
let worstTrainerRatio = Infinity;
let worstTopGap = 0;
let slowestFit = 0;
let slowestDp = 0;
for (const preset of PRESET_NAMES) {
  const official = figures[preset];
  const deployed = timed({ preset });
  const paper = timed({ preset, objective: 'trainer-grid' });
  const officialMode = timed({ preset, mode: 'official' });
  const searches = paper.result.searches;
  const topGap = searches[searches.length - 1].gap;
  worstTopGap = Math.max(worstTopGap, topGap);
  if (!(topGap <= GAP_LIMIT)) failures.push(`${preset}: GA gap ${pct(topGap)} to the DP optimum at d = ${searches[searches.length - 1].d} (trainer-grid)`);
  let presetDpMs = 0;
  let presetInt8Ratio = Infinity;
  let presetTrainerRatio = Infinity;
  deployed.result.report.forEach((row, k) => {
    const d = row.d;
    const paperRow = paper.result.report[k];
    const int8Ours = row.int8Grid.mse;
    const int8Official = official.mse_int8_grid[d];
    const trainerOurs = paperRow.trainerGrid.mse;
    const trainerOfficial = official.mse_trainer_grid[d];
    const int8Ratio = int8Official / int8Ours;
    const trainerRatio = trainerOfficial / trainerOurs;
    const dpMs = Math.max(deployed.result.searches[k].dpMs, searches[k].dpMs);
    presetDpMs = Math.max(presetDpMs, dpMs);
    presetInt8Ratio = Math.min(presetInt8Ratio, int8Ratio);
    presetTrainerRatio = Math.min(presetTrainerRatio, trainerRatio);
    worstInt8Ratio = Math.min(worstInt8Ratio, int8Ratio);
    worstTrainerRatio = Math.min(worstTrainerRatio, trainerRatio);
    if (!(int8Ours <= int8Official)) failures.push(`${preset} d = ${d}: INT8-grid MSE ${sig(int8Ours)} > official ${sig(int8Official)}`);
    if (!(trainerOurs <= trainerOfficial)) failures.push(`${preset} d = ${d}: trainer-grid MSE ${sig(trainerOurs)} > official ${sig(trainerOfficial)}`);
    if (!(dpMs <= DP_LIMIT_MS)) failures.push(`${preset} d = ${d}: DP took ${dpMs.toFixed(1)} ms`);
    detailRows.push(`| ${preset} | ${d} | ${sig(int8Ours)} | ${sig(int8Official)} | ${int8Ratio.toFixed(2)} | ${pct(deployed.result.searches[k].gap)} | ` +
      `${sig(trainerOurs)} | ${sig(trainerOfficial)} | ${trainerRatio.toFixed(2)} | ${pct(searches[k].gap)} | ${dpMs.toFixed(1)} |`);
  });
  slowestFit = Math.max(slowestFit, deployed.ms);
  slowestDp = Math.max(slowestDp, presetDpMs);
  if (!(deployed.ms <= FIT_LIMIT_MS)) failures.push(`${preset}: default fit took ${deployed.ms.toFixed(0)} ms`);
  const format = deployed.result.settings.format;
  summaryRows.push(`| ${preset} | ${format.bits}.${format.fracBits} | ${presetInt8Ratio.toFixed(2)} | ${presetTrainerRatio.toFixed(2)} | ` +
    `${pct(topGap)} | ${deployed.ms.toFixed(0)} ms | ${officialMode.ms.toFixed(0)} ms | ${official.cpu_seconds_per_fit} s | ` +
    `${Math.round((official.cpu_seconds_per_fit * 1000) / officialMode.ms)}x |`);
  costRows.push(`| ${preset} | ${format.bits}.${format.fracBits} | ${deployed.result.searches.length} | ${deployed.ms.toFixed(0)} | ${paper.ms.toFixed(0)} | ` +
    `${presetDpMs.toFixed(1)} | ${pct(topGap)} | ${official.cpu_seconds_per_fit} |`);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const markdown = [
  '# Default mode vs the official GQA-LUT tables',
  '',
  `Generated by \`node scripts/compare-official.mjs\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu}, ` +
    `tier ${tier}, seed 42, default settings. Official figures: ../shared/reference/official-figures.json.`,
  '',
  '## Accuracy per preset and d',
  '',
  'INT8 grid: the default fit (`fit --preset P`, objective int8-grid, MSE). Trainer grid: `fit --preset P --objective trainer-grid`. ' +
    'Ratio = official MSE / ours (>= 1: ours is at least as good). Gap = the GA table\'s objective over the DP optimum, minus 1. ' +
    'DP ms = segment cost matrix + DP for that d (the larger of the two objectives).',
  '',
  '| preset | d | INT8 MSE ours | official | ratio | GA gap | trainer MSE ours | official | ratio | GA gap | DP ms |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...detailRows,
  '',
  '## Cost per preset',
  '',
  'Wall time of one `fitTable` call covering every d of the preset (GA, DP for the gap report, refit, evaluation); the official trainer\'s CPU time for comparison.',
  '',
  '| preset | format | tables (d) | default fit ms | trainer-grid fit ms | max DP ms per d | GA gap at highest d (trainer grid) | official s |',
  '|---|---|---|---|---|---|---|---|',
  ...costRows,
  '',
  '## Checks',
  '',
  `- INT8-grid MSE <= official everywhere: ${worstInt8Ratio >= 1 ? 'PASS' : 'FAIL'} (smallest ratio ${worstInt8Ratio.toFixed(2)})`,
  `- trainer-grid MSE <= official everywhere: ${worstTrainerRatio >= 1 ? 'PASS' : 'FAIL'} (smallest ratio ${worstTrainerRatio.toFixed(2)})`,
  `- GA within ${GAP_LIMIT * 100} % of the DP optimum at the highest d (trainer grid): ${worstTopGap <= GAP_LIMIT ? 'PASS' : 'FAIL'} (largest gap ${pct(worstTopGap)})`,
  `- default fit <= ${FIT_LIMIT_MS} ms per preset: ${slowestFit <= FIT_LIMIT_MS ? 'PASS' : 'FAIL'} (slowest ${slowestFit.toFixed(0)} ms)`,
  `- DP <= ${DP_LIMIT_MS} ms per (preset, d): ${slowestDp <= DP_LIMIT_MS ? 'PASS' : 'FAIL'} (slowest ${slowestDp.toFixed(1)} ms)`,
  ...failures.map((failure) => `  - ${failure}`),
  '',
].join('\n');
const outFile = join(root, 'bench', 'results', 'compare-official.md');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, markdown);
console.log(markdown);

// The README's accuracy block (between <!-- accuracy:start --> and <!-- accuracy:end -->) is regenerated from this run.
const readmePath = join(root, 'README.md');
const START = '<!-- accuracy:start -->';
const END = '<!-- accuracy:end -->';
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) {
    const block = [
      `Generated by \`node scripts/compare-official.mjs\` (${new Date().toISOString().slice(0, 10)}, ${cpu}, Node ${process.version}, tier ${tier}); ` +
        'every preset and every d in `bench/results/compare-official.md`. Ratio = official MSE / ours, the smallest over the ' +
        'preset\'s d (above 1: ours is better everywhere). Gap = GA result over the exact DP optimum at the highest d.',
      '',
      '| preset | coefficient format | INT8-grid MSE ratio (default fit) | trainer-grid MSE ratio (`--objective trainer-grid`) | GA gap to DP | default fit (all d) | `--mode official` fit | official trainer CPU | speed-up of official mode |',
      '|---|---|---|---|---|---|---|---|---|',
      ...summaryRows,
    ].join('\n');
    writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${block}\n${readme.slice(end)}`);
    console.log('README.md accuracy block regenerated');
  }
}
console.log(`wrote ${outFile.slice(root.length + 1)}`);
process.exit(failures.length ? 1 : 0);
