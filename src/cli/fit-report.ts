/**
 * The Markdown report of a fit with SVG plots beside it: the function and its PWL approximation, the error over the
 * range for every d, and the GA's convergence. Returns the files written.
 */
import { basename, dirname, join } from 'node:path';
import { int8GridPoints, pwlAt } from '../evaluate/table-error.js';
import type { FitResult } from '../fit/fit-table.js';
import { getFunction } from '../functions/registry.js';
import { trainerGrid } from '../fit/trainer-grid.js';
import { decimalBitsOf } from '../table/model.js';
import { lineChart } from '../report/svg-plot.js';
import { sig } from './format.js';
import { writeFilesOrNothing } from './write-files.js';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

/** Writes `<file>` (Markdown) and `<file stem>-*.svg` beside it, all or nothing; returns the files written. */
export function writeFitReport(result: FitResult, file: string): string[] {
  const files = renderFitReport(result, file);
  writeFilesOrNothing(files);
  return files.map(([path]) => path);
}

/** The report's files, [path, contents]: the SVG plots beside `file`, then `file` (Markdown). Writes nothing. */
export function renderFitReport(result: FitResult, file: string): Array<[string, string]> {
  const dir = dirname(file);
  const stem = basename(file).replace(/\.md$/i, '');
  const fn = getFunction(result.settings.function);
  const xs = trainerGrid(result.settings.range[0], result.settings.range[1]);
  const ds = decimalBitsOf(result.table);
  // Plot the finest scale whose INT8 codes still cover the whole range (a finer scale only covers part of it, so its
  // table is not meant for the rest); fall back to the coarsest d.
  const [lo, hi] = result.settings.range;
  const covering = ds.filter((d) => -128 * 2 ** -d <= lo && 127 * 2 ** -d >= hi);
  const top = covering.length ? covering[covering.length - 1] : ds[0];
  const segments = result.table.byDecimalBits[top];
  const fnPlot = lineChart([
    { label: `${fn.name}(x)`, xs, ys: Array.from(xs, fn.evaluate), color: '#222' },
    { label: `PWL, ${result.table.entries} entries, d = ${top}`, xs, ys: Array.from(xs, (x) => pwlAt(segments, x)), color: COLORS[1], dashed: true },
  ], { title: `${fn.name} and its ${result.table.entries}-entry table`, xLabel: 'x', yLabel: 'y', markers: [...segments.breakpoints] });
  // Errors where the table is used: at the INT8 inputs of each scale (log scale; exact points are left out).
  const errorPlot = lineChart(ds.map((d, k) => {
    const points = int8GridPoints(d, result.settings.range);
    return { label: `d = ${d}`, xs: points, ys: Array.from(points, (x) => Math.abs(fn.evaluate(x) - pwlAt(result.table.byDecimalBits[d], x))), color: COLORS[k % COLORS.length] };
  }), { title: 'absolute error |f(x) - pwl(x)| at the INT8 inputs q*2^-d', xLabel: 'x', yLabel: '|error|', logY: true });
  const histories = result.searches?.filter((search) => search.history.some((value) => value > 0));
  const convergence = histories
    ? lineChart(histories.map((search, k) => ({
      label: `d = ${search.d} (DP optimum ${sig(search.optimum)})`, xs: Array.from(search.history, (_, g) => g), ys: search.history, color: COLORS[k % COLORS.length],
    })), { title: `GA convergence per d (best ${result.settings.errorMeasure} on the ${result.settings.objective})`, xLabel: 'generation', yLabel: result.settings.errorMeasure ?? 'objective', logY: true })
    : lineChart([{ label: 'best MSE of the population', xs: Array.from(result.history, (_, g) => g), ys: result.history, color: COLORS[0] }],
      { title: 'GA convergence (trainer-grid MSE)', xLabel: 'generation', yLabel: 'MSE', logY: true });
  const files: Array<[string, string]> = [[`${stem}-function.svg`, fnPlot], [`${stem}-error.svg`, errorPlot]];
  if (!histories || histories.length > 0) files.push([`${stem}-convergence.svg`, convergence]);
  const s = result.settings;
  const searches = result.searches;
  const rows = result.report.map((r, k) => {
    const cells = [r.d, sig(r.trainerGrid.mse), sig(r.trainerGrid.maxAbsError), sig(r.int8Grid.mse), sig(r.int8Grid.maxAbsError), r.int8Grid.points];
    const search = searches?.[k];
    if (search) cells.push(sig(search.objectiveValue), sig(search.optimum), `${(search.gap * 100).toFixed(2)} %`);
    return `| ${cells.join(' | ')} |`;
  });
  const extraHeader = searches ? ` ${s.errorMeasure} (${s.objective}) | DP optimum | gap |` : '';
  const settingsText = result.mode === 'official' ? 'mode official'
    : `mode default, objective ${s.objective}${s.weighted ? ' (weighted)' : ''}, error ${s.errorMeasure}, method ${s.method}`;
  const markdown = [
    `# Fit report: ${s.preset ?? s.function}`,
    '',
    `Function ${s.function}, ${s.entries} entries, range [${s.range}], breakpoints searched in [${s.searchRange}], ` +
      `d = ${s.decimalBits[0]}..${s.decimalBits[1]}, coefficients ${s.format.bits}.${s.format.fracBits}, ${settingsText}, tier ${result.tier}. ` +
      `${result.evaluations} fitness evaluations in ${result.wallMs.toFixed(1)} ms. Written by \`gqa-lut fit --report\`.`,
    '',
    `| d | MSE (0.01 grid) | max error | MSE (INT8 grid) | max error | INT8 points |${extraHeader}`,
    `|---|---|---|---|---|---|${searches ? '---|---|---|' : ''}`,
    ...rows,
    '',
    ...files.map(([name]) => `![${name}](${name})`),
    '',
  ].join('\n');
  return [[file, markdown], ...files.map(([name, svg]): [string, string] => [join(dir, name), svg])];
}
