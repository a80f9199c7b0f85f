// The built package in headless Chromium (Debian's, driven by playwright-core): fit gelu_8 in official mode and get
// the same numbers as Node, on every tier. Skipped when Chromium is absent, except under CI=true, where .ci/run
// installs it and its absence is a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { init } from '../src/runtime.js';
import { fitTable } from '../src/fit/fit-table.js';
import { toOfficialJson } from '../src/table/official-json.js';
import { startStaticServer } from './support/static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const root = join(__dirname, '..');
const haveChromium = existsSync(CHROMIUM);
const haveBuild = existsSync(join(root, 'dist', 'fit.js'));
const runIt = (haveChromium && haveBuild) || process.env.CI === 'true';

describe.skipIf(!runIt)(`browser (headless ${CHROMIUM}${haveChromium ? '' : ': not installed'})`, () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    expect(haveChromium, `${CHROMIUM} is missing (apt-get install -y chromium)`).toBe(true);
    expect(haveBuild, 'dist/ is missing: run npm run build').toBe(true);
    server = await startStaticServer(root, { '/index.html': '<!doctype html><meta charset="utf-8"><title>gqa-lut</title>' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(['simd', 'scalar', 'js'] as const)('fits gelu_8 in official mode on tier %s with the same numbers as Node', async (tier) => {
    await init({ tier });
    const expected = toOfficialJson(fitTable({ preset: 'gelu_8', mode: 'official', tier }).table);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/index.html`);
      // A string, not a function: vitest rewrites import() inside test code, and the page must use its own.
      const result = (await page.evaluate(`(async () => {
        const api = await import('/dist/index.js');
        const fit = await import('/dist/fit.js');
        const used = await api.init({ tier: ${JSON.stringify(tier)} });
        const fitted = fit.fitTable({ preset: 'gelu_8', mode: 'official' });
        return { used, json: api.toOfficialJson(fitted.table) };
      })()`)) as { used: string; json: string };
      expect(result.used).toBe(tier);
      expect(result.json).toBe(expected);
    } finally {
      await page.close();
    }
  });
});
