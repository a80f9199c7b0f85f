/**
 * Turns a validated float table ({@link PwlSegments}) into the integer table of the INT8 operator, checking that it
 * is representable: breakpoints on the input grid 2^-d, coefficients on the 2^-6 grid and within 16 bits.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { createSegments, type PwlSegments } from '../table/model.js';
import type { IntegerPwlTable, TieRule } from '../kernels/pwl-s8-js.js';

/** Largest input fractional-bit count d (input scale 2^-d) the INT8 operator supports. */
export const MAX_INPUT_FRAC_BITS = 7;
/** Largest output fractional-bit count e (output scale 2^-e) the INT8 operator supports. */
export const MAX_OUTPUT_FRAC_BITS = 15;
/** Fractional bits of slopes and intercepts: they must be multiples of 2^-6. */
export const COEFFICIENT_FRAC_BITS = 6;
/** Largest |K| and |B| (slope and intercept in units of 2^-6) the kernels take: 16-bit, so |k|, |b| < 512. */
export const MAX_COEFFICIENT_UNITS = 32767;

/** Checks that a value is one of the two tie rules (default 'right'). */
export function checkTieRule(value: unknown): TieRule {
  if (value === undefined) return 'right';
  if (value === 'right' || value === 'left') return value;
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `tieRule must be 'right' (a code equal to a breakpoint goes to the right segment, the default) or 'left' (the official operator), got ${JSON.stringify(value)}`);
}

/** Checks a fractional-bit count: an integer from 0 to `max`. */
export function checkFracBits(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function coefficientUnits(kind: 'slope' | 'intercept', values: readonly number[]): number[] {
  return values.map((value, index) => {
    const units = value * 2 ** COEFFICIENT_FRAC_BITS;
    if (!Number.isInteger(units)) {
      throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `${kind} ${index} = ${value} is not a multiple of 2^-${COEFFICIENT_FRAC_BITS}; the INT8 operator needs coefficients on that grid (round the table first)`);
    }
    if (Math.abs(units) > MAX_COEFFICIENT_UNITS) {
      throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `${kind} ${index} = ${value} needs more than 16 bits in units of 2^-${COEFFICIENT_FRAC_BITS}; the INT8 operator takes |${kind}| <= ${MAX_COEFFICIENT_UNITS / 64}`);
    }
    return units + 0; // turns -0 into 0
  });
}

/**
 * The integer table of `segments` for input scale 2^-inputFracBits (fresh arrays owned by the caller). Errors: the codes of
 * {@link createSegments} for a malformed table; DECIMAL_BITS_OUT_OF_RANGE for d outside 0..7 or a breakpoint that
 * is not a multiple of 2^-d (the table was made for another scale); COEFFICIENT_OVERFLOW for a slope or intercept
 * off the 2^-6 grid or beyond 16 bits.
 */
export function toIntegerTable(segments: PwlSegments, inputFracBits: number, tieRule: TieRule): IntegerPwlTable {
  const checked = createSegments(segments, 'PWL table');
  const d = checkFracBits('inputFracBits', inputFracBits, MAX_INPUT_FRAC_BITS);
  const breakpoints = checked.breakpoints.map((p, index) => {
    const units = p * 2 ** d;
    if (!Number.isInteger(units)) {
      throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `breakpoint ${index} = ${p} is not a multiple of 2^-${d}: this table is not made for inputFracBits ${d} (use the table for that scale, or round its breakpoints to the grid)`);
    }
    return units + 0;
  });
  // Plain (unfrozen) arrays: V8 reads frozen arrays about 3x slower in the JS kernel's inner loop.
  return {
    inputFracBits: d,
    breakpoints,
    slopes: coefficientUnits('slope', checked.slopes),
    intercepts: coefficientUnits('intercept', checked.intercepts),
    tieRule,
  };
}
