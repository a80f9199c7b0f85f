/**
 * `gqa-lut fit --preset NAME [options]` or `gqa-lut fit --function NAME --entries N --range LO HI ...`: fits a
 * table, writes it in the official JSON format, prints the per-d errors (and in default mode each d's exact
 * optimum and the GA's gap to it) and the wall time, shows progress on a terminal, and optionally writes a Markdown
 * report with SVG plots.
 */
import { readFileSync } from 'node:fs';
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { parseActivationWeightsJson } from '../fit/activation-weights.js';
import { ERROR_MEASURES, FIT_GRIDS, FIT_METHODS, FIT_MODES, fitTable, type FitOptions, type FitResult } from '../fit/fit-table.js';
import { PRESET_NAMES } from '../fit/presets.js';
import { TIERS } from '../runtime.js';
import { checkFormat, type CoefficientFormat } from '../table/model.js';
import { toOfficialJson } from '../table/official-json.js';
import { parseArguments, type ParsedOptions } from './args.js';
import { sig, textTable } from './format.js';
import { renderFitReport } from './fit-report.js';
import { checkOutputTargets, writeFilesOrNothing } from './write-files.js';

/** Help text of the fit command. */
export const FIT_USAGE = `usage: gqa-lut fit --preset NAME [options]
       gqa-lut fit --function NAME --entries N --range LO HI [--search-range LO HI] [--decimal-bits LO HI] [options]
presets: ${PRESET_NAMES.join(', ')}
options: --mode ${FIT_MODES.join('|')} (default: ${FIT_MODES[0]}; official = the paper's GA, bit for bit)
         --objective ${FIT_GRIDS.join('|')} (default mode: what the error is measured on; default ${FIT_GRIDS[0]})
         --method ${FIT_METHODS.join('|')} (default mode: GA or exact dynamic programming; default ${FIT_METHODS[0]})
         --error ${ERROR_MEASURES.join('|')} (default mode: the error measure; default ${ERROR_MEASURES[0]})
         --format BITS.FRAC (default mode: coefficient format, e.g. 8.6 = Q1.6, 10.6 = Q3.6; default the preset's)
         --weights FILE.json (int8-grid: activation statistics, {"values": [...], "counts"?: [...]} or {"codeCounts": [256]})
         --seed N  --generations N  --population N  --tier ${TIERS.join('|')}  --out FILE  --report FILE.md  --json  --quiet`;

const SPEC = {
  preset: 'string', function: 'string', entries: 'int', range: 'pair', 'search-range': 'pair', 'decimal-bits': 'pair',
  mode: 'string', objective: 'string', method: 'string', error: 'string', format: 'string', weights: 'string',
  seed: 'int', generations: 'int', population: 'int', out: 'string', report: 'string', json: 'flag', quiet: 'flag', tier: 'string',
} as const;

function bad(message: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, message);
}

/** The value of a string option checked against its allowed values. */
function choice<T extends string>(options: ParsedOptions, name: string, allowed: readonly T[]): T | undefined {
  const value = options[name] as string | undefined;
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) bad(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T | undefined;
}

/** `--format BITS.FRAC`, e.g. 8.6 (Q1.6 in 8 bits) or 10.6 (Q3.6 in 10 bits). */
export function parseFormatOption(text: string): CoefficientFormat {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) bad(`--format must be BITS.FRAC (total bits, fractional bits), e.g. 8.6 (Q1.6) or 10.6 (Q3.6), got ${JSON.stringify(text)}`);
  const format = { bits: Number(match[1]), fracBits: Number(match[2]) };
  try {
    return checkFormat(format);
  } catch {
    return bad(`--format ${text}: BITS must be 2 to 32 and FRAC 0 to BITS - 1`);
  }
}

function readWeights(file: string): FitOptions['weights'] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return bad(`cannot read --weights ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseActivationWeightsJson(text, `--weights ${file}`);
}

/** The printed summary of a fit. */
function summary(result: FitResult, written: readonly string[]): string {
  const s = result.settings;
  const format = `${s.format.bits}.${s.format.fracBits}`;
  const what = result.mode === 'official' ? 'mode official'
    : `mode default, objective ${s.objective}${s.weighted ? ' (weighted)' : ''}, error ${s.errorMeasure}, method ${s.method}`;
  const head = `${s.preset ?? s.function}: ${s.function}, ${s.entries} entries, range [${s.range}], search [${s.searchRange}], d = ${s.decimalBits[0]}..${s.decimalBits[1]}, format ${format}, ${what}`;
  const searches = result.searches;
  const header = ['d', 'MSE (0.01 grid)', 'max err', 'MSE (INT8 grid)', 'max err'];
  const rows = result.report.map((r) => [String(r.d), sig(r.trainerGrid.mse), sig(r.trainerGrid.maxAbsError), sig(r.int8Grid.mse), sig(r.int8Grid.maxAbsError)]);
  if (searches) {
    header.push(`${s.errorMeasure} (${s.objective})`, 'DP optimum', 'gap', 'DP ms', 'GA ms');
    searches.forEach((search, k) => rows[k].push(sig(search.objectiveValue), sig(search.optimum), `${(search.gap * 100).toFixed(2)} %`, search.dpMs.toFixed(1), search.searchMs.toFixed(1)));
  }
  return [
    head,
    textTable(header, rows),
    `wall time ${result.wallMs.toFixed(1)} ms (tier ${result.tier}), ${result.evaluations} fitness evaluations`,
    ...written.map((file) => `wrote ${file}`),
  ].join('\n');
}

/** Runs the fit command; returns the text to print on stdout. Progress goes to `progressStream` when it is a TTY. */
export function fitCommand(argv: readonly string[], progressStream: NodeJS.WriteStream = process.stderr): string {
  const { options, positional } = parseArguments(argv, SPEC);
  if (positional.length) bad(`fit takes no positional arguments, got ${positional.join(' ')}; ${FIT_USAGE.split('\n')[0]}`);
  if (options.preset === undefined && options.function === undefined) {
    bad(`fit needs --preset NAME (one of ${PRESET_NAMES.join(', ')}) or --function NAME --entries N --range LO HI`);
  }
  if (options.preset === undefined && (options.entries === undefined || options.range === undefined)) {
    bad('with --function, give --entries N and --range LO HI');
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
    mode: choice(options, 'mode', FIT_MODES),
    objective: choice(options, 'objective', FIT_GRIDS),
    method: choice(options, 'method', FIT_METHODS),
    errorMeasure: choice(options, 'error', ERROR_MEASURES),
    format: options.format === undefined ? undefined : parseFormatOption(options.format as string),
    weights: options.weights === undefined ? undefined : readWeights(options.weights as string),
    seed: options.seed as number | undefined,
    generations: options.generations as number | undefined,
    population: options.population as number | undefined,
    tier: choice(options, 'tier', TIERS),
    onProgress: showProgress
      ? (p) => progressStream.write(`\r  ${p.d === undefined ? '' : `d = ${p.d}  `}generation ${p.generation}/${p.generations}  best ${sig(p.best)}  ${p.evaluations} evaluations  `)
      : undefined,
  };
  const targets = [options.out, options.report].filter((file): file is string => typeof file === 'string');
  if (targets.includes('')) bad('--out and --report need a file name');
  checkOutputTargets(targets); // before the fit: a bad path fails at once
  const result = fitTable(fitOptions);
  if (showProgress) progressStream.write('\r\x1b[K');
  const files: Array<[string, string]> = [];
  if (options.out) files.push([options.out as string, toOfficialJson(result.table)]);
  if (options.report) files.push(...renderFitReport(result, options.report as string));
  writeFilesOrNothing(files);
  const written = files.map(([file]) => file);
  if (options.json) {
    const searches = result.searches?.map((search) => ({ ...search, history: Array.from(search.history) }));
    return JSON.stringify({ ...result, history: Array.from(result.history), searches, written }, null, 2);
  }
  return summary(result, written);
}
