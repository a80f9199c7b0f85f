/** `gqa-lut eval FILE [--function NAME] [--range LO HI] [--tie-rule right|left] [--json]`: per-d errors. */
import { readFileSync } from 'node:fs';
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { evaluateTable, type TieRule } from '../evaluate/table-error.js';
import { getFunction } from '../functions/registry.js';
import { parseOfficialJson } from '../table/official-json.js';
import { MULTI_RANGE_JSON_FORMAT } from '../multirange/json.js';
import { parseArguments } from './args.js';
import { sig, textTable } from './format.js';

/** Help text of the eval command. */
export const EVAL_USAGE = 'usage: gqa-lut eval FILE [--function NAME] [--range LO HI] [--tie-rule right|left] [--json]';

/** True for JSON text of the multi-range format (which parseOfficialJson would reject with a confusing message). */
function isMultiRangeJson(text: string): boolean {
  try {
    const data = JSON.parse(text) as unknown;
    return data !== null && typeof data === 'object' && (data as Record<string, unknown>).format === MULTI_RANGE_JSON_FORMAT;
  } catch {
    return false;
  }
}

/** Runs the eval command; returns the text to print. */
export function evalCommand(argv: readonly string[]): string {
  const { options, positional } = parseArguments(argv, { function: 'string', range: 'pair', 'tie-rule': 'string', json: 'flag' });
  if (positional.length !== 1) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `eval takes exactly one table file, got ${positional.length}; ${EVAL_USAGE}`);
  }
  const tieRule = (options['tie-rule'] ?? 'right') as TieRule;
  if (tieRule !== 'right' && tieRule !== 'left') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `--tie-rule must be right or left, got ${JSON.stringify(tieRule)}`);
  }
  const file = positional[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (isMultiRangeJson(text)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${file} is a multi-range table ("format": "${MULTI_RANGE_JSON_FORMAT}"); eval reads tables in the official per-d format only (evaluate multi-range tables with multiRangeError from the API)`);
  }
  const table = parseOfficialJson(text, { source: file });
  const fn = getFunction((options.function as string | undefined) ?? table.function);
  const range = (options.range as [number, number] | undefined) ?? fn.range;
  const report = evaluateTable(table, { function: fn, range, tieRule });
  if (options.json) {
    return JSON.stringify({ file, function: fn.name, range, tieRule, entries: table.entries, report }, null, 2);
  }
  const rows = report.map((r) => [String(r.d), sig(r.trainerGrid.mse), sig(r.trainerGrid.maxAbsError), sig(r.int8Grid.mse), sig(r.int8Grid.maxAbsError), String(r.int8Grid.points)]);
  return `${file}: ${fn.name}, ${table.entries} entries, range [${range[0]}, ${range[1]}], ties go ${tieRule}\n` +
    textTable(['d', 'MSE (0.01 grid)', 'max err', 'MSE (INT8 grid)', 'max err', 'INT8 points'], rows);
}
