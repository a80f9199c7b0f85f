/**
 * The eleven official GQA-LUT Makefile targets (PingchengDong/GQA-LUT, commit a5be4ea) as fitting presets. The
 * settings are embedded here because the package cannot read the reference folder at run time; they are the ones
 * recorded in ../shared/reference/official-figures.json, and test/official-mode.test.ts checks that the official
 * trainer emulation reproduces each target's table from them.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { Q1_6, type CoefficientFormat } from '../table/model.js';

/** Settings of one official target. */
export interface Preset {
  /** Preset name, e.g. 'gelu_8' (function and number of entries). */
  readonly name: string;
  /** Function registry name. */
  readonly function: string;
  /** Number of table entries N (N-1 breakpoints). */
  readonly entries: number;
  /** Grid range [x_lo, x_hi) of the fitness (NumPy arange(x_lo, x_hi, 0.01)). */
  readonly xRange: readonly [number, number];
  /** Range the genes (breakpoints) are drawn from and clipped to. */
  readonly searchRange: readonly [number, number];
  /** Decimal bits [lo, hi]: the output holds a table per d = lo..hi (input scale 2^-d). */
  readonly decimalBits: readonly [number, number];
  /** Whether the official `--mutate` rounding mutation is on (otherwise only Gaussian noise). */
  readonly roundingMutation: boolean;
  /** Offset of the rounding mutation's first band (official: 2 for gelu with 8 entries and hswish with 16). */
  readonly mutationOffset: number;
  /** Outer split ends [lo_end, hi_end] (the official neg_inf / pos_inf). */
  readonly outerEnds: readonly [number, number];
  /**
   * Coefficient format of default-mode tables. Q1.6 in 8 bits (the paper's) for all but reci and sqrt_reci, whose
   * best tables need slopes near -4 and intercepts near 4 (the official ones hold -3.203 and 3.594): those get Q3.6
   * in 10 bits ([-8, 7.984], the same 2^-6 step). Official mode ignores it (its coefficients are never clamped).
   */
  readonly format: CoefficientFormat;
  /** File name of the official table, e.g. 'gelu_pwl_7.json' (`<function>_pwl_<N-1>.json`). */
  readonly officialTableFile: string;
}

const WIDE: readonly [number, number] = [-10000, 10000];
const ALL_BITS: readonly [number, number] = [0, 6];

/** Q3.6 in 10 bits: multiples of 1/64 in [-8, 511/64], for the reciprocal presets. */
const Q3_6: CoefficientFormat = Object.freeze({ bits: 10, fracBits: 6 });

function preset(name: string, settings: Omit<Preset, 'name' | 'officialTableFile' | 'format'>): Preset {
  const format = settings.function === 'reci' || settings.function === 'sqrt_reci' ? Q3_6 : Q1_6;
  return Object.freeze({ name, ...settings, format, officialTableFile: `${settings.function}_pwl_${settings.entries - 1}.json` });
}

/** The official presets, by name. */
export const PRESETS: Readonly<Record<string, Preset>> = Object.freeze({
  gelu_8: preset('gelu_8', { function: 'gelu', entries: 8, xRange: [-4, 4], searchRange: [-4, 4], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 2, outerEnds: WIDE }),
  gelu_16: preset('gelu_16', { function: 'gelu', entries: 16, xRange: [-4, 4], searchRange: [-4, 4], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 0, outerEnds: WIDE }),
  hswish_8: preset('hswish_8', { function: 'hswish', entries: 8, xRange: [-4, 4], searchRange: [-4, 4], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 0, outerEnds: WIDE }),
  hswish_16: preset('hswish_16', { function: 'hswish', entries: 16, xRange: [-4, 4], searchRange: [-4, 4], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 2, outerEnds: WIDE }),
  silu_8: preset('silu_8', { function: 'silu', entries: 8, xRange: [-4, 4], searchRange: [-4, 4], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 0, outerEnds: WIDE }),
  exp_8: preset('exp_8', { function: 'exp', entries: 8, xRange: [-8, 0], searchRange: [-8, 0], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 0, outerEnds: [-16, 0] }),
  exp_16: preset('exp_16', { function: 'exp', entries: 16, xRange: [-8, 0], searchRange: [-6.5, 0], decimalBits: ALL_BITS, roundingMutation: true, mutationOffset: 0, outerEnds: [-16, 0] }),
  reci_8: preset('reci_8', { function: 'reci', entries: 8, xRange: [0.5, 4], searchRange: [0.625, 3.875], decimalBits: [5, 5], roundingMutation: false, mutationOffset: 0, outerEnds: [0.5, 4] }),
  reci_16: preset('reci_16', { function: 'reci', entries: 16, xRange: [0.5, 4], searchRange: [0.625, 3.875], decimalBits: [5, 5], roundingMutation: false, mutationOffset: 0, outerEnds: [0.5, 4] }),
  sqrt_reci_8: preset('sqrt_reci_8', { function: 'sqrt_reci', entries: 8, xRange: [0.25, 4], searchRange: [0.25, 3.875], decimalBits: [0, 5], roundingMutation: false, mutationOffset: 0, outerEnds: [0.25, 4] }),
  sqrt_reci_16: preset('sqrt_reci_16', { function: 'sqrt_reci', entries: 16, xRange: [0.25, 4], searchRange: [0.25, 3.875], decimalBits: [0, 5], roundingMutation: false, mutationOffset: 0, outerEnds: [0.25, 4] }),
});

/** Names of the official presets, in Makefile order. */
export const PRESET_NAMES: readonly string[] = Object.freeze(Object.keys(PRESETS));

/**
 * The preset of an official target.
 *
 * @throws GqaLutError UNKNOWN_PRESET for a name that is not one of {@link PRESET_NAMES}.
 */
export function getPreset(name: string): Preset {
  const found = Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name] : undefined;
  if (!found) {
    throw new GqaLutError(GqaLutErrorCode.UNKNOWN_PRESET, `unknown preset ${JSON.stringify(name)}: allowed are ${PRESET_NAMES.join(', ')}`);
  }
  return found;
}
