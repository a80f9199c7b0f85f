// The CLI on bad arguments and files: one line on stderr, exit code 2, nothing written (also when a write fails
// after the fit); `--tier=X`; `eval` on a multi-range file or a directory.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { writeFilesOrNothing } from '../src/cli/write-files.js';
import { GqaLutError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'gqa-lut-cli-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAST = ['--decimal-bits', '4', '4', '--generations', '1', '--population', '8', '--quiet'];

async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  try {
    return { code: await main(argv), stderr: stderr.join(''), stdout: stdout.join('') };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

async function expectOneLineError(argv: string[], pattern: RegExp): Promise<void> {
  const before = readdirSync(dir).sort();
  const { code, stderr, stdout } = await run(argv);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(readdirSync(dir).sort()).toEqual(before);
}

describe('gqa-lut on bad arguments and files', () => {
  const file = join(dir, 'plain.txt');
  writeFileSync(file, 'x');
  const multiRange = join(dir, 'multirange.json');
  writeFileSync(multiRange, JSON.stringify({ format: 'gqa-lut-multirange', version: 1, function: 'reci', coefficientFormat: { bits: 8, fracBits: 6 }, breakpoints: [1.5], slopes: [-0.5, -0.25], intercepts: [1.5, 1] }));
  const notJson = join(dir, 'not-json.json');
  writeFileSync(notJson, 'not json\nat all');
  const subdir = join(dir, 'subdir');
  mkdirSync(subdir);

  it('no command, --out to a directory or below a file, --range=LO, a JSON error quoting newlines', async () => {
    await expectOneLineError([], /give a command: fit or eval/);
    await expectOneLineError(['fit', '--preset', 'gelu_8', '--out', subdir, ...FAST], /cannot write .*subdir: it is a directory/);
    await expectOneLineError(['fit', '--preset', 'gelu_8', '--out', join(file, 'x.json'), ...FAST], /plain\.txt is not a directory/);
    await expectOneLineError(['fit', '--preset', 'gelu_8', '--report', join(file, 'r.md'), ...FAST], /plain\.txt is not a directory/);
    await expectOneLineError(['fit', '--preset', 'gelu_8', '--out=', ...FAST], /--out and --report need a file name/);
    await expectOneLineError(['fit', '--preset', 'gelu_8', '--range=-4', '4'], /--range takes two values: --range LO HI/);
    await expectOneLineError(['fit', '--function', 'reci', '--entries', '4', '--range', '-1', '1', '--method', 'dp', ...FAST], /function 'reci' is Infinity at x = 0/);
    await expectOneLineError(['eval', notJson], /not-json\.json is not valid JSON.*\[MALFORMED_JSON\]/);
  });

  it('eval on a multi-range table or a directory says so', async () => {
    await expectOneLineError(['eval', multiRange], /is a multi-range table .*official per-d format only/);
    await expectOneLineError(['eval', subdir], /cannot read .*subdir: EISDIR/);
  });

  it('--tier=X loads that tier', async () => {
    const { code, stdout } = await run(['fit', '--preset', 'gelu_8', '--tier=scalar', ...FAST]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/tier scalar/);
  });

  it('a write that fails leaves nothing behind and restores files it overwrote', () => {
    const existing = join(dir, 'existing.json');
    writeFileSync(existing, 'old');
    const fresh = join(dir, 'new', 'deeper', 'fresh.json');
    const files: Array<[string, string]> = [[existing, 'new'], [fresh, 'fresh'], [join(file, 'x.svg'), 'svg']];
    expect(() => writeFilesOrNothing(files)).toThrow(GqaLutError);
    expect(readFileSync(existing, 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'new'))).toBe(false);
    rmSync(existing);
  });
});
