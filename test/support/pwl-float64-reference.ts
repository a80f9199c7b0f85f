// Independent oracles for the PWL operators, written from the definition in float64 (no integer conversion, no
// code shared with src/), and the loader of the official tables in ../shared/reference/official-tables/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FloatTable {
  breakpoints: number[];
  slopes: number[];
  intercepts: number[];
}

/** Segment of a real value x: breakpoints <= x ('right') or < x ('left'). */
export function segmentOf(table: FloatTable, x: number, tieRule: 'right' | 'left'): number {
  return table.breakpoints.filter((p) => (tieRule === 'right' ? p <= x : p < x)).length;
}

/** pwl(x) in float64: exact for the tables used here (dyadic values, few bits). */
export function pwlFloat64(table: FloatTable, x: number, tieRule: 'right' | 'left'): number {
  const s = segmentOf(table, x, tieRule);
  return table.slopes[s] * x + table.intercepts[s];
}

/**
 * The INT8 operator from its definition: the code q is the real q * 2^-d; y = pwl(x); output = y * 2^e rounded
 * half up (floor(v + 1/2)) and saturated to [-128, 127]. Every step is exact in float64 for 2^-6-grid tables.
 */
export function int8Output(table: FloatTable, q: number, d: number, e: number, tieRule: 'right' | 'left'): number {
  const scaled = pwlFloat64(table, q / 2 ** d, tieRule) * 2 ** e;
  return Math.min(127, Math.max(-128, Math.floor(scaled + 0.5)));
}

/** The exact accumulator: pwl(x) in units of 2^-(6+d). */
export function int8Accumulator(table: FloatTable, q: number, d: number, tieRule: 'right' | 'left'): number {
  return pwlFloat64(table, q / 2 ** d, tieRule) * 2 ** (6 + d);
}

/** Where the reference tables live, from the project root. */
export const OFFICIAL_TABLES_DIR = join(process.cwd(), '..', 'shared', 'reference', 'official-tables');

export interface OfficialTable {
  file: string;
  fn: string;
  d: number;
  table: FloatTable;
}

/**
 * Every (file, d) of the official tables, or [] when the folder is absent (the caller skips those tests with a
 * message).
 */
export function loadOfficialTables(): OfficialTable[] {
  if (!existsSync(OFFICIAL_TABLES_DIR)) {
    return [];
  }
  const result: OfficialTable[] = [];
  for (const file of readdirSync(OFFICIAL_TABLES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.parse(readFileSync(join(OFFICIAL_TABLES_DIR, file), 'utf8')) as Record<string, Record<string, FloatTable>>;
    for (const [fn, byD] of Object.entries(json)) {
      for (const [d, table] of Object.entries(byD)) result.push({ file, fn, d: Number(d), table });
    }
  }
  return result;
}

/** All 256 int8 codes, -128..127. */
export function allCodes(): Int8Array {
  return Int8Array.from({ length: 256 }, (_, i) => i - 128);
}

/** Deterministic pseudo-random int8 codes (xorshift32), uniform over all 256 values. */
export function randomCodes(length: number, seed: number): Int8Array {
  const codes = new Int8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    codes[i] = state >>> 24;
  }
  return codes;
}
