// Loads the requested kernel tiers for a benchmark suite and keeps the ones this engine can run.
import { ensureTier } from '../dist/index.js';

/**
 * @param {string[]} [requested] tiers to try (default simd, scalar, js)
 * @param {boolean} [log] print a line for each tier that is unavailable
 * @returns {Promise<string[]>} the loaded tiers, in the requested order
 */
export async function loadTiers(requested = ['simd', 'scalar', 'js'], log = true) {
  const tiers = [];
  for (const tier of requested) {
    try {
      await ensureTier(tier);
      tiers.push(tier);
    } catch (error) {
      if (log) console.log(`tier ${tier} unavailable: ${error.message}`);
    }
  }
  return tiers;
}
