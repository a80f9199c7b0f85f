/**
 * The official GQA-LUT JSON format, read and written losslessly:
 *
 *     { "<function>": { "<d>": { "breakpoints": [N-1], "slopes": [N], "intercepts": [N] }, ... } }
 *
 * Writing reproduces Python's `json.dump(obj, f, indent=4)` byte for byte (4-space indent, one number per line,
 * Python float reprs such as "-0.0" and "3.0", no trailing newline), so a file read and written back is identical.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { createLutTable, decimalBitsOf, type CoefficientFormat, type LutTable } from './model.js';
import { pythonFloatRepr } from './python-float.js';
import { parseJsonObject } from './json-text.js';

/** Options of {@link parseOfficialJson}. */
export interface ParseOptions {
  /** Coefficient format to declare on the table (default Q1.6 in 8 bits). */
  format?: CoefficientFormat;
  /** Name of the source, for error messages (e.g. a file path). */
  source?: string;
}

/**
 * Parses a table in the official JSON format. Throws MALFORMED_JSON for text that is not JSON or not in the format,
 * and the table-model errors (WRONG_LENGTH, UNSORTED_BREAKPOINTS, NON_FINITE, DECIMAL_BITS_OUT_OF_RANGE) for a
 * table that is well-formed JSON but invalid. The function name is kept as written (it is not looked up here).
 */
export function parseOfficialJson(text: string, options: ParseOptions = {}): LutTable {
  const source = options.source ?? 'table';
  const data = parseJsonObject(text, source, 'a JSON object { "<function>": { "<d>": { breakpoints, slopes, intercepts } } }');
  const names = Object.keys(data);
  if (names.length !== 1) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source} must hold exactly one function, found ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`);
  }
  const fn = names[0];
  const perD = (data as Record<string, unknown>)[fn];
  if (perD === null || typeof perD !== 'object' || Array.isArray(perD)) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: "${fn}" must map decimal bits ("0", "1", ...) to tables`);
  }
  const byDecimalBits: Record<number, { breakpoints: number[]; slopes: number[]; intercepts: number[] }> = {};
  for (const [key, value] of Object.entries(perD as Record<string, unknown>)) {
    if (!/^\d+$/.test(key)) {
      throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: "${key}" is not a decimal-bit count; keys must be integers like "0".."15"`);
    }
    const entry = value as Record<string, unknown>;
    if (entry === null || typeof entry !== 'object' || !('breakpoints' in entry) || !('slopes' in entry) || !('intercepts' in entry)) {
      throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: "${fn}"."${key}" must have breakpoints, slopes and intercepts`);
    }
    byDecimalBits[Number(key)] = entry as { breakpoints: number[]; slopes: number[]; intercepts: number[] };
  }
  return createLutTable({ function: fn, byDecimalBits, format: options.format });
}

function numberList(values: readonly number[], indent: string): string {
  if (values.length === 0) return '[]';
  const inner = `${indent}    `;
  return `[\n${values.map((v) => inner + pythonFloatRepr(v)).join(',\n')}\n${indent}]`;
}

/**
 * Writes a table in the official JSON format, byte-compatible with the official trainer's output. The table is
 * validated first (as by `createLutTable`), so a hand-made object with NaN, unsorted or mismatched values is an
 * error rather than a file that cannot be read back.
 */
export function toOfficialJson(input: LutTable): string {
  const table = createLutTable(input);
  const lines: string[] = [];
  const ds = decimalBitsOf(table);
  const blocks = ds.map((d) => {
    const s = table.byDecimalBits[d];
    const i3 = ' '.repeat(12);
    return `        "${d}": {\n` +
      `${i3}"breakpoints": ${numberList(s.breakpoints, i3)},\n` +
      `${i3}"slopes": ${numberList(s.slopes, i3)},\n` +
      `${i3}"intercepts": ${numberList(s.intercepts, i3)}\n` +
      '        }';
  });
  lines.push('{', `    ${JSON.stringify(table.function)}: {`, blocks.join(',\n'), '    }', '}');
  return lines.join('\n');
}
