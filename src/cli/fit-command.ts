/**
 * `gqa-lut fit --preset NAME [--mode official] ...` or `gqa-lut fit --function NAME --entries N --range LO HI ...`:
 * fits a table, writes it in the official JSON format, prints the per-d errors and the wall time, shows progress on
 * a terminal, and optionally writes a Markdown report with SVG plots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { fitTable, FIT_MODES, type FitMode, type FitOptions } from '../fit/fit-table.js';
import { PRESET_NAMES } from '../fit/presets.js';
import { toOfficialJson } from '../table/official-json.js';
import type { Tier } from '../runtime.js';
import { parseArguments } from './args.js';
import { sig, textTable } from './format.js';
import { writeFitReport } from './fit-report.js';

/** Help text of the fit command. */
export const FIT_USAGE = `usage: gqa-lut fit --preset NAME [options]
       gqa-lut fit --function NAME --entries N --range LO HI [--search-range LO HI] [--decimal-bits LO HI] [options]
presets: ${PRESET_NAMES.join(', ')}
options: --mode ${FIT_MODES.join('|')}  --seed N  --generations N  --population N  --out FILE  --report FILE.md  --json  --quiet`;

const SPEC = {
  preset: 'string', function: 'string', entries: 'int', range: 'pair', 'search-range': 'pair', 'decimal-bits': 'pair',
  mode: 'string', seed: 'int', generations: 'int', population: 'int', out: 'string', report: 'string', json: 'flag',
  quiet: 'flag', tier: 'string',
} as const;

/** Runs the fit command; returns the text to print on stdout. Progress goes to `progressStream` when it is a TTY. */
export function fitCommand(argv: readonly string[], progressStream: NodeJS.WriteStream = process.stderr): string {
  const { options, positional } = parseArguments(argv, SPEC);
  if (positional.length) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `fit takes no positional arguments, got ${positional.join(' ')}; ${FIT_USAGE.split('\n')[0]}`);
  if (options.preset === undefined && options.function === undefined) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `fit needs --preset NAME (one of ${PRESET_NAMES.join(', ')}) or --function NAME --entries N --range LO HI`);
  }
  if (options.preset === undefined && (options.entries === undefined || options.range === undefined)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'with --function, give --entries N and --range LO HI');
  }
  const pair = (name: string) => options[name] as [number, number] | undefined;
  const showProgress = !options.quiet && !options.json && progressStream.isTTY === true;
  const fitOptions: FitOptions = {
    preset: options.preset as string | undefined,
    function: options.function as string | undefined,
    entries: options.entries as number | undefined,
    range: pair('range'),
    searchRange: pair('search-range'),
    decimalBits: pair('decimal-bits'),
    mode: options.mode as FitMode | undefined,
    seed: options.seed as number | undefined,
    generations: options.generations as number | undefined,
    population: options.population as number | undefined,
    tier: options.tier as Tier | undefined,
    onProgress: showProgress
      ? (p) => progressStream.write(`\r  generation ${p.generation}/${p.generations}  best MSE ${sig(p.bestMse)}  ${p.evaluations} evaluations  `)
      : undefined,
  };
  const result = fitTable(fitOptions);
  if (showProgress) progressStream.write('\r\x1b[K');
  const written: string[] = [];
  if (options.out) {
    mkdirSync(dirname(options.out as string), { recursive: true });
    writeFileSync(options.out as string, toOfficialJson(result.table));
    written.push(options.out as string);
  }
  if (options.report) written.push(...writeFitReport(result, options.report as string));
  if (options.json) {
    return JSON.stringify({ ...result, history: Array.from(result.history), written }, null, 2);
  }
  const s = result.settings;
  const rows = result.report.map((r) => [String(r.d), sig(r.trainerGrid.mse), sig(r.trainerGrid.maxAbsError), sig(r.int8Grid.mse), sig(r.int8Grid.maxAbsError)]);
  return [
    `${s.preset ?? s.function}: ${s.function}, ${s.entries} entries, range [${s.range}], search [${s.searchRange}], d = ${s.decimalBits[0]}..${s.decimalBits[1]}, mode ${result.mode}`,
    textTable(['d', 'MSE (0.01 grid)', 'max err', 'MSE (INT8 grid)', 'max err'], rows),
    `${result.evaluations} fitness evaluations in ${result.wallMs.toFixed(1)} ms (tier ${result.tier})`,
    ...written.map((file) => `wrote ${file}`),
  ].join('\n');
}
