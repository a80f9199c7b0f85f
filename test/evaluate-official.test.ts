// The evaluator must reproduce the official trainer's measured errors (../shared/reference/official-figures.json)
// from the official tables, to 3 significant digits, for all 11 targets and every d.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateTable } from '../src/evaluate/table-error.js';
import { parseOfficialJson } from '../src/table/official-json.js';

const reference = join(__dirname, '..', '..', 'shared', 'reference');
const figuresPath = join(reference, 'official-figures.json');
const haveReference = existsSync(figuresPath);

interface Figures {
  function: string;
  x_range: [number, number];
  table_file: string;
  mse_trainer_grid: Record<string, number>;
  maxerr_trainer_grid: Record<string, number>;
  mse_int8_grid: Record<string, number>;
}

/** Equal to 3 significant digits: within half a unit of the third significant digit of the expected value. */
function sameTo3Digits(actual: number, expected: number): boolean {
  if (expected === 0) return Math.abs(actual) < 1e-15;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - 2);
  return Math.abs(actual - expected) <= unit / 2;
}

describe.skipIf(!haveReference)('evaluator reproduces official-figures.json (skipped: ../shared/reference absent)', () => {
  const figures = haveReference ? (JSON.parse(readFileSync(figuresPath, 'utf8')) as Record<string, Figures | string>) : {};
  const targets = Object.entries(figures).filter((e): e is [string, Figures] => typeof e[1] === 'object');
  it('covers all 11 official targets', () => expect(targets.length).toBe(11));
  it.each(targets.map(([name, f]) => [name, f] as const))('%s', (_name, f) => {
    const table = parseOfficialJson(readFileSync(join(reference, 'official-tables', f.table_file), 'utf8'));
    const report = evaluateTable(table, { function: f.function, range: f.x_range });
    expect(report.map((r) => String(r.d))).toEqual(Object.keys(f.mse_trainer_grid));
    for (const r of report) {
      const d = String(r.d);
      const got = { trainer: r.trainerGrid.mse, maxerr: r.trainerGrid.maxAbsError, int8: r.int8Grid.mse };
      const want = { trainer: f.mse_trainer_grid[d], maxerr: f.maxerr_trainer_grid[d], int8: f.mse_int8_grid[d] };
      expect(sameTo3Digits(got.trainer, want.trainer), `d=${d} trainer-grid MSE ${got.trainer} vs ${want.trainer}`).toBe(true);
      expect(sameTo3Digits(got.maxerr, want.maxerr), `d=${d} trainer-grid max error ${got.maxerr} vs ${want.maxerr}`).toBe(true);
      expect(sameTo3Digits(got.int8, want.int8), `d=${d} INT8-grid MSE ${got.int8} vs ${want.int8}`).toBe(true);
    }
  });
  it('the official operator tie rule changes gelu_8 at d = 0 as documented (1.2e-4 -> 3.1e-3)', () => {
    const f = figures.gelu_8 as Figures;
    const table = parseOfficialJson(readFileSync(join(reference, 'official-tables', f.table_file), 'utf8'));
    const left = evaluateTable(table, { range: f.x_range, tieRule: 'left' })[0];
    expect(left.d).toBe(0);
    expect(Number(left.int8Grid.mse.toPrecision(2))).toBe(3.1e-3);
  });
});
