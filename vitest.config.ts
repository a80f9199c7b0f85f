import { defineConfig } from 'vitest/config';

// One run: tier-independent suites once ("core"), and the kernel suites in test/tiered/ once per tier, selected by
// the GQA_LUT_TIER switch that init() reads.
const tiers: string[] = ["simd", "scalar", "js"];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'core', include: ['test/*.test.ts'] } },
      ...tiers.map((tier) => ({
        extends: true as const,
        test: { name: tier, include: ['test/tiered/*.test.ts'], env: { GQA_LUT_TIER: tier } },
      })),
    ],
  },
});
