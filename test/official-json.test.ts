import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOfficialJson, toOfficialJson } from '../src/table/official-json.js';
import { pythonFloatRepr } from '../src/table/python-float.js';
import { coefficientFormatViolations, createLutTable, smallestFormatFor, Q1_6 } from '../src/table/model.js';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { codeOf } from './support/error-code.js';

const officialDir = join(__dirname, '..', '..', 'shared', 'reference', 'official-tables');
const haveOfficial = existsSync(officialDir);


describe('python float repr', () => {
  it.each([
    [0, '0.0'], [-0, '-0.0'], [3, '3.0'], [-0.109375, '-0.109375'], [1e-5, '1e-05'], [0.0001, '0.0001'],
    [1.5e16, '1.5e+16'], [1e16, '1e+16'], [123456789012345.6, '123456789012345.6'], [0.1, '0.1'], [-2.5e-7, '-2.5e-07'],
  ])('%s -> %s', (value, text) => expect(pythonFloatRepr(value)).toBe(text));
});

describe.skipIf(!haveOfficial)('official JSON files (../shared/reference/official-tables)', () => {
  const files = haveOfficial ? readdirSync(officialDir).filter((f) => f.endsWith('.json')) : [];
  it.each(files)('%s reads and writes back byte for byte', (file) => {
    const text = readFileSync(join(officialDir, file), 'utf8');
    const table = parseOfficialJson(text, { source: file });
    expect(toOfficialJson(table)).toBe(text);
  });
  it('reports the reciprocal tables as overflowing Q1.6 and sizes a format that holds them', () => {
    const table = parseOfficialJson(readFileSync(join(officialDir, 'reci_pwl_7.json'), 'utf8'));
    const violations = coefficientFormatViolations(table);
    expect(violations.some((v) => v.kind === 'slope' && v.value === -3.203125)).toBe(true);
    expect(violations.some((v) => v.kind === 'intercept' && v.value === 3.59375)).toBe(true);
    const wide = smallestFormatFor(table);
    expect(wide.fracBits).toBe(6);
    expect(coefficientFormatViolations(table, wide)).toEqual([]);
  });
  it('finds no violation in the gelu tables', () => {
    const table = parseOfficialJson(readFileSync(join(officialDir, 'gelu_pwl_7.json'), 'utf8'));
    expect(coefficientFormatViolations(table, Q1_6)).toEqual([]);
  });
});

describe('validation', () => {
  const good = { breakpoints: [-1, 0, 1], slopes: [0, 0.5, 0.75, 1], intercepts: [0, 0.25, 0.25, 0] };
  it('accepts a valid table', () => {
    expect(createLutTable({ function: 'gelu', byDecimalBits: { 3: good } }).entries).toBe(4);
  });
  it.each([
    ['not JSON', '{', GqaLutErrorCode.MALFORMED_JSON],
    ['an array', '[]', GqaLutErrorCode.MALFORMED_JSON],
    ['two functions', '{"a":{},"b":{}}', GqaLutErrorCode.MALFORMED_JSON],
    ['a bad d key', '{"gelu":{"x":{"breakpoints":[],"slopes":[1,1],"intercepts":[0,0]}}}', GqaLutErrorCode.MALFORMED_JSON],
    ['a missing field', '{"gelu":{"0":{"breakpoints":[0],"slopes":[1,1]}}}', GqaLutErrorCode.MALFORMED_JSON],
    ['d out of range', '{"gelu":{"16":{"breakpoints":[0],"slopes":[1,1],"intercepts":[0,0]}}}', GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE],
    ['wrong lengths', '{"gelu":{"0":{"breakpoints":[0,1],"slopes":[1,1],"intercepts":[0,0]}}}', GqaLutErrorCode.WRONG_LENGTH],
    ['unsorted', '{"gelu":{"0":{"breakpoints":[1,0],"slopes":[1,1,1],"intercepts":[0,0,0]}}}', GqaLutErrorCode.UNSORTED_BREAKPOINTS],
    ['a null value', '{"gelu":{"0":{"breakpoints":[null],"slopes":[1,1],"intercepts":[0,0]}}}', GqaLutErrorCode.NON_FINITE],
    ['17 entries', JSON.stringify({ gelu: { 0: { breakpoints: Array(16).fill(0), slopes: Array(17).fill(0), intercepts: Array(17).fill(0) } } }), GqaLutErrorCode.WRONG_LENGTH],
  ])('rejects %s', (_name, text, code) => {
    expect(codeOf(() => parseOfficialJson(text))).toBe(code);
  });
  it('rejects non-finite values given directly', () => {
    expect(codeOf(() => createLutTable({ function: 'gelu', byDecimalBits: { 0: { ...good, slopes: [0, NaN, 1, 1] } } }))).toBe(GqaLutErrorCode.NON_FINITE);
  });
  it('rejects tables whose d entries disagree on the entry count', () => {
    const three = { breakpoints: [0, 1], slopes: [0, 1, 1], intercepts: [0, 0, 0] };
    expect(codeOf(() => createLutTable({ function: 'gelu', byDecimalBits: { 0: good, 1: three } }))).toBe(GqaLutErrorCode.WRONG_LENGTH);
  });
});
