// The fit command of the CLI in default mode: its options, its output (per-d errors on both grids, the DP optimum,
// the gap, the wall time), --json, --weights, --report, and bad values (one line naming what is allowed, exit 2).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fitCommand, parseFormatOption } from '../src/cli/fit-command.js';
import { main } from '../src/cli/main.js';
import { GqaLutError, GqaLutErrorCode } from '../src/errors.js';
import { init } from '../src/runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'gqa-lut-fit-command-'));
beforeAll(async () => {
  await init();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(argv: string[]): GqaLutError {
  try {
    fitCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(GqaLutError);
    return error as GqaLutError;
  }
  throw new Error(`fit ${argv.join(' ')} did not fail`);
}

describe('gqa-lut fit, default mode', () => {
  it('prints per-d MSE on both grids, the DP optimum, the gap and the wall time', () => {
    const text = fitCommand(['--preset', 'gelu_8', '--decimal-bits', '5', '6', '--quiet']);
    expect(text).toMatch(/mode default, objective int8-grid, error mse, method ga/);
    expect(text).toMatch(/MSE \(0\.01 grid\).*MSE \(INT8 grid\).*DP optimum.*gap/);
    expect(text.split('\n').filter((line) => /^[56] /.test(line))).toHaveLength(2);
    expect(text).toMatch(/wall time [\d.]+ ms/);
  });

  it('takes --objective, --method, --error and --format', () => {
    const text = fitCommand(['--preset', 'reci_8', '--objective', 'trainer-grid', '--method', 'dp', '--error', 'max-abs', '--format', '12.6', '--quiet']);
    expect(text).toMatch(/format 12\.6, mode default, objective trainer-grid, error max-abs, method dp/);
    expect(parseFormatOption('10.6')).toEqual({ bits: 10, fracBits: 6 });
  });

  it('--json carries the searches with their histories; --weights reads a histogram file', () => {
    const weightsFile = join(dir, 'weights.json');
    writeFileSync(weightsFile, JSON.stringify({ values: [-0.5, 0, 0.25, 1.5], counts: [10, 40, 30, 5] }));
    const json = JSON.parse(fitCommand(['--preset', 'silu_8', '--decimal-bits', '4', '4', '--weights', weightsFile, '--json']));
    expect(json.settings.weighted).toBe(true);
    expect(json.searches[0].history.length).toBeGreaterThan(10);
    expect(json.searches[0].gap).toBeGreaterThanOrEqual(0);
    writeFileSync(join(dir, 'bad.json'), '{"values": ');
    expect(errorOf(['--preset', 'silu_8', '--weights', join(dir, 'bad.json')]).code).toBe(GqaLutErrorCode.MALFORMED_JSON);
  });

  it('--report writes the Markdown report with per-d convergence', () => {
    const report = join(dir, 'report.md');
    const text = fitCommand(['--preset', 'exp_8', '--decimal-bits', '5', '6', '--report', report, '--quiet']);
    expect(text).toContain(`wrote ${report}`);
    expect(readFileSync(report, 'utf8')).toMatch(/DP optimum \| gap \|/);
    expect(readFileSync(join(dir, 'report-convergence.svg'), 'utf8')).toContain('d = 6');
    fitCommand(['--preset', 'exp_8', '--decimal-bits', '6', '6', '--method', 'dp', '--report', join(dir, 'dp.md'), '--quiet']);
    expect(existsSync(join(dir, 'dp.md'))).toBe(true);
  });

  it('bad values name what is allowed', () => {
    expect(errorOf(['--preset', 'gelu_8', '--mode', 'paper']).message).toBe('--mode must be one of default, official, got "paper"');
    expect(errorOf(['--preset', 'gelu_8', '--objective', 'x']).message).toMatch(/--objective must be one of int8-grid, trainer-grid/);
    expect(errorOf(['--preset', 'gelu_8', '--method', 'x']).message).toMatch(/--method must be one of ga, dp/);
    expect(errorOf(['--preset', 'gelu_8', '--error', 'x']).message).toMatch(/--error must be one of mse, relative, max-abs/);
    expect(errorOf(['--preset', 'gelu_8', '--format', 'Q1.6']).message).toMatch(/--format must be BITS\.FRAC/);
    expect(errorOf(['--preset', 'gelu_8', '--format', '40.6']).message).toMatch(/BITS must be 2 to 32/);
    expect(errorOf(['--preset', 'gelu_8', '--weights', join(dir, 'missing.json')]).message).toMatch(/cannot read --weights/);
    expect(errorOf(['--preset', 'reci_8', '--format', '8.6']).code).toBe(GqaLutErrorCode.COEFFICIENT_OVERFLOW);
  });

  it('main prints one line and exits with 2 on a bad value', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      expect(await main(['fit', '--preset', 'gelu_8', '--method', 'annealing'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('').trim().split('\n')).toHaveLength(1);
    expect(written.join('')).toMatch(/--method must be one of ga, dp/);
  });
});

const officialTables = join(__dirname, '..', '..', 'shared', 'reference', 'official-tables');

describe.skipIf(!existsSync(officialTables))(`gqa-lut fit --mode official${existsSync(officialTables) ? '' : ' (skipped: ../shared/reference/official-tables is absent)'}`, () => {
  it.each([['gelu_8', 'gelu_pwl_7.json'], ['exp_16', 'exp_pwl_15.json'], ['reci_8', 'reci_pwl_7.json']])(
    'fit --preset %s --mode official --out FILE writes the official file byte for byte', (preset, file) => {
      const dir = mkdtempSync(join(tmpdir(), 'gqa-lut-official-'));
      try {
        const out = join(dir, file);
        fitCommand(['--preset', preset, '--mode', 'official', '--out', out, '--quiet']);
        expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(officialTables, file), 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
