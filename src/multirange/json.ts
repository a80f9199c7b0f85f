/**
 * The JSON format of a multi-range table (its own small format, distinct from the official per-d files):
 *
 * ```json
 * {
 *   "format": "gqa-lut-multirange",
 *   "version": 1,
 *   "function": "reci",
 *   "baseInterval": [1, 2],
 *   "mantissaFracBits": 6,
 *   "subRanges": { "inputExponentStep": 1, "outputExponentStep": -1 },
 *   "coefficientFormat": { "bits": 8, "fracBits": 6 },
 *   "breakpoints": [1.125, 1.25, ...],
 *   "slopes": [-0.890625, ...],
 *   "intercepts": [1.890625, ...],
 *   "fittedFor": { "inputFracBits": 4, "objective": "mse" }
 * }
 * ```
 *
 * Breakpoints are mantissa values u (multiples of 2^-6 inside the base interval); slopes and intercepts are real
 * values on the coefficient lattice. `fittedFor` is optional. Numbers are written as JSON numbers (exact: every value
 * is a short dyadic fraction). Reading validates everything with {@link createMultiRangeTable}.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { createMultiRangeTable, type MultiRangeTable } from './table.js';
import { parseJsonObject } from '../table/json-text.js';

/** The `format` tag of the JSON format. */
export const MULTI_RANGE_JSON_FORMAT = 'gqa-lut-multirange';
/** The version this package writes and reads. */
export const MULTI_RANGE_JSON_VERSION = 1;

const KEYS = ['format', 'version', 'function', 'baseInterval', 'mantissaFracBits', 'subRanges', 'coefficientFormat',
  'breakpoints', 'slopes', 'intercepts', 'fittedFor'];
const REQUIRED = ['format', 'version', 'function', 'coefficientFormat', 'breakpoints', 'slopes', 'intercepts'];

/** Writes a multi-range table as JSON (2-space indentation, number arrays on one line, no trailing newline). */
export function toMultiRangeJson(table: MultiRangeTable): string {
  const line = (values: readonly number[]): string => `[${values.map((v) => JSON.stringify(v + 0)).join(', ')}]`;
  const fields = [
    `"format": ${JSON.stringify(MULTI_RANGE_JSON_FORMAT)}`,
    `"version": ${MULTI_RANGE_JSON_VERSION}`,
    `"function": ${JSON.stringify(table.function)}`,
    `"baseInterval": ${line(table.baseInterval)}`,
    `"mantissaFracBits": ${table.mantissaFracBits}`,
    `"subRanges": { "inputExponentStep": ${table.subRanges.inputExponentStep}, "outputExponentStep": ${table.subRanges.outputExponentStep} }`,
    `"coefficientFormat": { "bits": ${table.format.bits}, "fracBits": ${table.format.fracBits} }`,
    `"breakpoints": ${line(table.segments.breakpoints)}`,
    `"slopes": ${line(table.segments.slopes)}`,
    `"intercepts": ${line(table.segments.intercepts)}`,
  ];
  if (table.fittedFor) {
    fields.push(`"fittedFor": { "inputFracBits": ${table.fittedFor.inputFracBits}, "objective": ${JSON.stringify(table.fittedFor.objective)} }`);
  }
  return `{\n  ${fields.join(',\n  ')}\n}`;
}

/**
 * Reads a multi-range table from JSON text. Errors: MALFORMED_JSON (not JSON, not an object, wrong `format` tag or
 * `version`, unknown or missing keys), then every code of {@link createMultiRangeTable} for an invalid table.
 *
 * @param source name of the text's origin for error messages (e.g. a file path); default 'multi-range table'.
 */
export function parseMultiRangeJson(text: string, source = 'multi-range table'): MultiRangeTable {
  const record = parseJsonObject(text, source, `a JSON object with "format": "${MULTI_RANGE_JSON_FORMAT}"`);
  if (record.format !== MULTI_RANGE_JSON_FORMAT) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: "format" must be "${MULTI_RANGE_JSON_FORMAT}", got ${JSON.stringify(record.format)}`);
  }
  if (record.version !== MULTI_RANGE_JSON_VERSION) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: "version" must be ${MULTI_RANGE_JSON_VERSION}, got ${JSON.stringify(record.version)}`);
  }
  const unknown = Object.keys(record).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: unknown keys ${unknown.join(', ')}; allowed are ${KEYS.join(', ')}`);
  }
  const missing = REQUIRED.filter((key) => !(key in record));
  if (missing.length > 0) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source}: missing ${missing.join(', ')}`);
  }
  return createMultiRangeTable({
    function: record.function as string,
    baseInterval: record.baseInterval as [number, number] | undefined,
    mantissaFracBits: record.mantissaFracBits as number | undefined,
    subRanges: record.subRanges as MultiRangeTable['subRanges'] | undefined,
    format: record.coefficientFormat as MultiRangeTable['format'],
    segments: {
      breakpoints: record.breakpoints as number[],
      slopes: record.slopes as number[],
      intercepts: record.intercepts as number[],
    },
    fittedFor: record.fittedFor as MultiRangeTable['fittedFor'],
  });
}
