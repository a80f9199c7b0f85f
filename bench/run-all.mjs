// `npm run bench`: runs the run() of every bench/*.bench.mjs suite in one process, writes
// bench/results/<YYYY-MM-DD>-<host>.json (date, machine, Node/V8 versions, every row) and a Markdown report beside
// it, and regenerates the README's benchmark block between <!-- bench:start --> and <!-- bench:end --> (the README
// is left untouched when it has no such markers). `--quick` asks every suite for a short run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, hostname, release, type } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownReport, readmeBlock } from './report.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the text between the markers; returns undefined when the markers are absent or out of order. */
export function replaceBetweenMarkers(text, block) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return `${text.slice(0, start + START.length)}\n${block}\n${text.slice(end)}`;
}

async function main() {
  const quick = process.argv.includes('--quick');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs')).sort()
    .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)));
  const suites = [];
  for (const file of files) {
    console.log(`\n== ${file}${quick ? ' (quick)' : ''}`);
    const suiteModule = await import(pathToFileURL(join(benchDir, file)).href);
    if (typeof suiteModule.run !== 'function') {
      console.log(`${file} exports no run(); skipped`);
      continue;
    }
    const result = await suiteModule.run({ quick, log: true, ...(quick ? { time: 150 } : {}) });
    suites.push({ ...result, rows: result.rows.map((row) => ({ suite: result.suite, ...row })) });
  }
  const now = new Date();
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '_') || 'host';
  const result = {
    date: now.toISOString(), host, platform: `${type()} ${release()} ${arch()}`, cpu: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length, node: process.version, v8: process.versions.v8, quick,
    suites, rows: suites.flatMap((s) => s.rows),
  };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const base = join(resultsDir, `${now.toISOString().slice(0, 10)}-${host}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdownReport(result));
  console.log(`\nwrote ${relative(root, `${base}.json`)} and ${relative(root, `${base}.md`)}`);
  const readme = join(root, 'README.md');
  const updated = existsSync(readme)
    ? replaceBetweenMarkers(readFileSync(readme, 'utf8'), readmeBlock(result, relative(root, `${base}.json`))) : undefined;
  if (updated === undefined) console.log(`README.md has no ${START} ... ${END} block: left untouched`);
  else {
    writeFileSync(readme, updated);
    console.log('README.md benchmark block regenerated');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
