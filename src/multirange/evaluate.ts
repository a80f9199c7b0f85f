/**
 * Error of a multi-range table over the whole wide range of an INT8 input scale: every positive code q = 1..127,
 * x = q * 2^-d, against the float64 reference f(x), for the wide output (unrounded: acc * 2^-A) and, when an output
 * scale is given, for the int8 output of the operator (the same integer semantics, ./multirange-js.ts).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { getFunction } from '../functions/registry.js';
import { checkDecimalBits } from '../table/model.js';
import { outputOfCode, wideOfCode } from './multirange-js.js';
import { toIntegerMultiRangeTable } from './params.js';
import { createMultiRangeTable, type MultiRangeTable } from './table.js';

/** Error figures over a set of inputs. */
export interface WideRangeStats {
  /** Mean of (y - f(x))^2. */
  readonly mse: number;
  /** Largest |y - f(x)|. */
  readonly maxAbsError: number;
  /** Largest |y - f(x)| / |f(x)|. */
  readonly maxRelativeError: number;
  /** Mean of ((y - f(x)) / f(x))^2. */
  readonly meanSquaredRelativeError: number;
  /** Number of inputs. */
  readonly points: number;
}

/** Errors of a multi-range table over the wide range of one input scale. */
export interface MultiRangeErrorReport {
  /** d. */
  readonly inputFracBits: number;
  /** [2^-d, 127 * 2^-d]: the positive inputs of the scale. */
  readonly range: readonly [number, number];
  /** The wide output acc * 2^-A (the table itself, no output rounding). */
  readonly wide: WideRangeStats;
  /** The int8 output at scale 2^-outputFracBits, when an output scale was given. */
  readonly int8?: WideRangeStats & { readonly outputFracBits: number };
}

/**
 * Error statistics of outputs `ys` against targets `fs` (same length, at least 1). Errors: INVALID_LENGTH for
 * arrays of different or zero length, NON_FINITE for a value that is not finite or a target equal to 0 (the
 * relative error is undefined there).
 */
export function wideRangeStats(ys: ArrayLike<number>, fs: ArrayLike<number>): WideRangeStats {
  if (ys?.length === undefined || fs?.length === undefined || ys.length !== fs.length || ys.length === 0) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `ys and fs must be arrays of the same length >= 1, got ${ys?.length} and ${fs?.length}`);
  }
  for (let i = 0; i < ys.length; i++) {
    if (!Number.isFinite(ys[i]) || !Number.isFinite(fs[i]) || fs[i] === 0) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `ys[${i}] = ${ys[i]} and fs[${i}] = ${fs[i]}: both must be finite numbers and fs non-zero`);
    }
  }
  let sum = 0, relativeSum = 0, maxAbsError = 0, maxRelativeError = 0;
  for (let i = 0; i < ys.length; i++) {
    const error = ys[i] - fs[i];
    const relative = error / fs[i];
    sum += error * error;
    relativeSum += relative * relative;
    maxAbsError = Math.max(maxAbsError, Math.abs(error));
    maxRelativeError = Math.max(maxRelativeError, Math.abs(relative));
  }
  return { mse: sum / ys.length, maxAbsError, maxRelativeError, meanSquaredRelativeError: relativeSum / ys.length, points: ys.length };
}

/**
 * The errors of `table` over the codes 1..127 at input scale 2^-inputFracBits (see the module comment).
 * Errors: the table codes of `createMultiRangeTable`, DECIMAL_BITS_OUT_OF_RANGE.
 */
export function multiRangeError(table: MultiRangeTable, options: { inputFracBits: number; outputFracBits?: number }): MultiRangeErrorReport {
  const checked = createMultiRangeTable(table);
  const d = checkDecimalBits(options?.inputFracBits);
  const integer = toIntegerMultiRangeTable(checked, d);
  const f = getFunction(checked.function).evaluate;
  const fs: number[] = [];
  const wide: number[] = [];
  for (let q = 1; q <= 127; q++) {
    const { accumulator, fracBits } = wideOfCode(integer, q);
    fs.push(f(q * 2 ** -d));
    wide.push(accumulator * 2 ** -fracBits);
  }
  const report = { inputFracBits: d, range: Object.freeze([2 ** -d, 127 * 2 ** -d]) as readonly [number, number], wide: wideRangeStats(wide, fs) };
  if (options.outputFracBits === undefined) return report;
  const eo = checkDecimalBits(options.outputFracBits);
  const int8: number[] = [];
  for (let q = 1; q <= 127; q++) int8.push(outputOfCode(integer, q, eo) * 2 ** -eo);
  return { ...report, int8: { ...wideRangeStats(int8, fs), outputFracBits: eo } };
}
