/**
 * Slopes and intercepts of the official trainer: for each pair of consecutive splits the secant through the two
 * function values, each coefficient rounded half-to-even to a multiple of 2^-fracBits (NumPy `np.round`).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import type { NonlinearFunction } from '../functions/registry.js';

/** 1.5 * 2^52: adding it to |x| < 2^51 lands in [2^52, 2^53), where float64 spacing is 1. */
const ROUNDING_SHIFTER = 6755399441055744;
const TWO_TO_51 = 2251799813685248;

/**
 * Rounds to the nearest integer, ties to the even one, like NumPy `np.round` / C `rint` on float64: 0.5 -> 0,
 * 1.5 -> 2, -2.5 -> -2, and a negative value that rounds to zero gives -0.0. NaN and infinities pass through.
 */
export function roundHalfEven(x: number): number {
  if (Math.abs(x) < TWO_TO_51) {
    // The addition rounds x to an integer with the FPU's own ties-to-even rule (the shifter is even); the
    // subtraction is exact. A zero result takes the sign of x, as rint does (0 * x is -0 for negative x).
    const rounded = x + ROUNDING_SHIFTER - ROUNDING_SHIFTER;
    return rounded === 0 ? 0 * x : rounded;
  }
  // |x| >= 2^51 (or NaN, infinite): Math.round rounds ties up; the difference is exact here and is 0.5 only at a tie.
  const up = Math.round(x);
  return up - x === 0.5 && up % 2 !== 0 ? up - 1 : up;
}

/** Rounds half-to-even to a multiple of 2^-fracBits: roundHalfEven(x * 2^fracBits) / 2^fracBits (exact scaling). */
export function roundToMultiple(x: number, fracBits: number): number {
  const scale = 2 ** fracBits;
  return roundHalfEven(x * scale) / scale;
}

/** Slopes and intercepts of a piecewise-linear table, one pair per segment. */
export interface SecantCoefficients {
  /** N slopes, multiples of 2^-fracBits. */
  slopes: number[];
  /** N intercepts, multiples of 2^-fracBits. */
  intercepts: number[];
}

/** Checks the fractional-bit count of the coefficients (0..30). */
export function checkFracBits(fracBits: number): void {
  if (!Number.isInteger(fracBits) || fracBits < 0 || fracBits > 30) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `coefficient fractional bits must be an integer 0..30, got ${fracBits}`);
  }
}

/** Something indexable that coefficients can be written into: a plain array or a Float64Array. */
export type NumberSink = { [index: number]: number };

/**
 * Writes the official secant coefficients of `segments` consecutive split pairs. Pair s is (splits[splitsAt + s],
 * splits[splitsAt + s + 1]) with function values (values[valuesAt + s], values[valuesAt + s + 1]); a zero-width pair
 * gives slope = intercept = 0, otherwise slope = (f2 - f1) / (a2 - a1) and intercept = (-a1 * slope) + f1 with the
 * unrounded slope; both are then rounded half-to-even to multiples of 1 / scale. Results go to slopes[slopesAt + s]
 * and intercepts[interceptsAt + s].
 *
 * @param scale 2^fracBits (64 for the official Q.6 coefficients).
 */
export function writeSecants(splits: ArrayLike<number>, splitsAt: number, values: ArrayLike<number>, valuesAt: number,
  segments: number, scale: number, slopes: NumberSink, slopesAt: number, intercepts: NumberSink, interceptsAt: number): void {
  for (let s = 0; s < segments; s++) {
    const a1 = splits[splitsAt + s];
    const a2 = splits[splitsAt + s + 1];
    if (a2 === a1) {
      slopes[slopesAt + s] = 0;
      intercepts[interceptsAt + s] = 0;
      continue;
    }
    const f1 = values[valuesAt + s];
    const slope = (values[valuesAt + s + 1] - f1) / (a2 - a1);
    const intercept = -a1 * slope + f1;
    slopes[slopesAt + s] = roundHalfEven(slope * scale) / scale;
    intercepts[interceptsAt + s] = roundHalfEven(intercept * scale) / scale;
  }
}

/**
 * The official trainer's coefficients for a split list [lo_end, breakpoints..., hi_end] (N + 1 splits give N
 * segments). The function is evaluated once per split. Splits are used as given (not sorted, not clipped).
 *
 * @param splits N + 1 finite split points (N >= 1).
 * @param fn the function; its `evaluate` gives the float64 values.
 * @param fracBits fractional bits of the coefficients; default 6 (the official Q.6 format).
 * @throws GqaLutError WRONG_LENGTH for fewer than 2 splits, NON_FINITE for a NaN or infinite split,
 *   INVALID_ARGUMENT for a bad `fracBits`.
 */
export function secantCoefficients(splits: readonly number[], fn: NonlinearFunction, fracBits = 6): SecantCoefficients {
  checkFracBits(fracBits);
  if (splits.length < 2) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `a split list needs at least 2 points (lo_end and hi_end), got ${splits.length}`);
  }
  const values = splits.map((a, index) => {
    if (!Number.isFinite(a)) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `split ${index} is ${a}; splits must be finite`);
    }
    return fn.evaluate(a);
  });
  const segments = splits.length - 1;
  const slopes = new Array<number>(segments).fill(0);
  const intercepts = new Array<number>(segments).fill(0);
  writeSecants(splits, 0, values, 0, segments, 2 ** fracBits, slopes, 0, intercepts, 0);
  return { slopes, intercepts };
}
