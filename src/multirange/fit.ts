/**
 * Fitting a multi-range table: the exact solver (`solveExact`) on the base interval, over the mantissa codes the
 * INT8 inputs of one scale actually reach, each weighted by what it contributes to the error over the whole wide
 * range.
 *
 * For a code q >= 1 with exponent E (x = u * 2^(rE)) and mantissa code m, the deployed value is y = 2^-E pwl(u),
 * so its error is 2^-E (f(u) - pwl(u)). Summed over the codes, the squared error of the wide range is
 *     sum_q w_q (y_q - f(x_q))^2 = sum_m W_m (f(u_m) - pwl(u_m))^2,   W_m = sum_{q -> m} w_q 2^(-2E_q)
 * (objective 'mse': large x, with their small outputs, count for little; small x dominate), and the mean squared
 * relative error is the same sum with W_m = sum_{q -> m} w_q (objective 'relative': the output scaling cancels).
 * The solver minimises exactly that, so the fitted table is the optimum of the wide-range objective among all
 * tables with breakpoints on the 2^-6 mantissa grid and coefficients in the format; the wide output (accumulator
 * and exponent) has exactly the error the solver reports.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { getFunction } from '../functions/registry.js';
import { candidateBreakpoints, solveExact } from '../optimize/dp.js';
import { checkDecimalBits, checkEntries, type CoefficientFormat } from '../table/model.js';
import type { Tier } from '../wasm/loader.js';
import { leadingBit } from './multirange-js.js';
import {
  baseIntervalOf, checkMultiRangeFormat, checkMultiRangeFunction, createMultiRangeTable, MANTISSA_FRAC_BITS,
  subRangeRuleOf, type MultiRangeTable,
} from './table.js';

/** Options of {@link fitMultiRange}. */
export interface MultiRangeFitOptions {
  /** 'reci' or 'sqrt_reci' (aliases 'reciprocal', 'rsqrt'). */
  function: string;
  /** Entries (segments) of the base table, 2 to 16. */
  entries: number;
  /** d of the INT8 inputs (x = q * 2^-d, q = 1..127): decides the reachable mantissa codes and their weights. 0..15. */
  inputFracBits: number;
  /** Coefficient format of the slopes and intercepts, at most 16 bits; default Q1.6 (8 bits, 6 fractional). */
  format?: CoefficientFormat;
  /** 'mse' (default): squared error of f over the wide range; 'relative': squared relative error. */
  objective?: 'mse' | 'relative';
  /**
   * Weights of the 256 input codes, index q + 128 (e.g. a histogram of real activations), finite and >= 0; those of
   * q <= 0 are ignored. Default: 1 for every code 1..127.
   */
  inputWeights?: ArrayLike<number>;
  /** Tier of the solver's kernel; default the one `init()` chose. */
  tier?: Tier;
}

/** A fitted table and the solver's figures. */
export interface MultiRangeFitResult {
  /** The table (its `fittedFor` records d and the objective). */
  readonly table: MultiRangeTable;
  /** Distinct mantissa codes the solver fitted (reachable codes with a positive weight). */
  readonly mantissaCodes: number;
  /**
   * The optimum over the wide range: the weighted mean of (y - f(x))^2 ('mse') or ((y - f(x)) / f(x))^2
   * ('relative') over the codes 1..127, y the unrounded wide output.
   */
  readonly wideRangeObjective: number;
}

/** The weights of the codes 1..127 (index q), validated. */
function codeWeights(inputWeights: ArrayLike<number> | undefined): Float64Array {
  const weights = new Float64Array(128);
  if (inputWeights === undefined) return weights.fill(1, 1);
  if (inputWeights === null || typeof inputWeights !== 'object' || inputWeights.length !== 256) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, 'inputWeights must hold 256 weights, one per code (index q + 128)');
  }
  for (let q = 1; q <= 127; q++) {
    const w = inputWeights[q + 128];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `inputWeights[${q + 128}] (code ${q}) is ${String(w)}; weights must be finite and >= 0`);
    }
    weights[q] = w;
  }
  if (!weights.some((w) => w > 0)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'inputWeights gives no positive code (1..127) a positive weight');
  }
  return weights;
}

/**
 * Fits the base table of a multi-range table for INT8 inputs at scale 2^-inputFracBits (see the module comment).
 * Synchronous; the wasm tiers need `await init()` first. Errors: INVALID_ARGUMENT, UNKNOWN_FUNCTION,
 * DECIMAL_BITS_OUT_OF_RANGE, WRONG_LENGTH, COEFFICIENT_OVERFLOW (format wider than 16 bits), NOT_INITIALIZED.
 */
export function fitMultiRange(options: MultiRangeFitOptions): MultiRangeFitResult {
  if (options === null || typeof options !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'fitMultiRange needs options { function, entries, inputFracBits }');
  }
  const fn = checkMultiRangeFunction(options.function);
  const entries = checkEntries(options.entries);
  const d = checkDecimalBits(options.inputFracBits);
  const format = checkMultiRangeFormat(options.format);
  const objective = options.objective ?? 'mse';
  if (objective !== 'mse' && objective !== 'relative') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `objective must be 'mse' or 'relative' (a max-abs fit cannot carry the per-sub-range output scaling), got ${JSON.stringify(objective)}`);
  }
  const weights = codeWeights(options.inputWeights);
  const step = subRangeRuleOf(fn).inputExponentStep;
  const byMantissa = new Map<number, number>();
  let totalWeight = 0;
  for (let q = 1; q <= 127; q++) {
    if (!(weights[q] > 0)) continue;
    const leading = leadingBit(q);
    const exponent = Math.floor((leading - d) / step);
    const parity = leading - d - step * exponent;
    const mantissa = q * 2 ** (MANTISSA_FRAC_BITS - leading + parity);
    const scale = objective === 'mse' ? 2 ** (-2 * exponent) : 1;
    byMantissa.set(mantissa, (byMantissa.get(mantissa) ?? 0) + weights[q] * scale);
    totalWeight += weights[q];
  }
  const codes = [...byMantissa.keys()].sort((a, b) => a - b);
  const evaluate = getFunction(fn).evaluate;
  const xs = codes.map((m) => m * 2 ** -MANTISSA_FRAC_BITS);
  const solution = solveExact({
    xs, fs: xs.map(evaluate), weights: codes.map((m) => byMantissa.get(m) as number), entries, format, objective,
    candidates: candidateBreakpoints(MANTISSA_FRAC_BITS, baseIntervalOf(fn)),
  }, { tier: options.tier });
  const table = createMultiRangeTable({ function: fn, segments: solution.segments, format, fittedFor: { inputFracBits: d, objective } });
  // sse = sum W_m r_m^2 ('mse') and objectiveValue * sum W_m ('relative') are the wide-range sums of the comment.
  const sum = objective === 'mse' ? solution.sse : solution.objectiveValue * codes.reduce((s, m) => s + (byMantissa.get(m) as number), 0);
  return Object.freeze({ table, mantissaCodes: codes.length, wideRangeObjective: sum / totalWeight });
}
