/**
 * The table model: a piecewise-linear (PWL) approximation with N entries, N-1 breakpoints, N slopes and N
 * intercepts, for each input scale 2^-d (d = decimal bits). Segment i covers [p_i, p_{i+1}) with p_0 = -inf and
 * p_N = +inf, and there pwl(x) = slopes[i] * x + intercepts[i].
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

/** The PWL parameters for one input scale 2^-d. */
export interface PwlSegments {
  /** N-1 breakpoints, non-decreasing, finite; multiples of 2^-d in tables made for scale 2^-d. */
  readonly breakpoints: readonly number[];
  /** N slopes, multiples of 2^-fracBits of the table's coefficient format. */
  readonly slopes: readonly number[];
  /** N intercepts, multiples of 2^-fracBits of the table's coefficient format. */
  readonly intercepts: readonly number[];
}


/** Smallest number of entries (segments) a table may have: 2. */
export const MIN_ENTRIES = 2;
/** Largest number of entries (segments) a table may have: 16 (the kernels' 16-lane segment search). */
export const MAX_ENTRIES = 16;
/** Largest decimal-bit count d (input scale 2^-d) a table may hold. */
export const MAX_DECIMAL_BITS = 15;

/**
 * A signed fixed-point format for slopes and intercepts: `bits` bits in all, `fracBits` of them fractional, so the
 * representable values are the multiples of 2^-fracBits in [-2^(bits-1), 2^(bits-1) - 1] * 2^-fracBits.
 */
export interface CoefficientFormat {
  /** Total bits including the sign bit. */
  readonly bits: number;
  /** Fractional bits. */
  readonly fracBits: number;
}

/** Q1.6 in 8 bits: multiples of 1/64 in [-2, 127/64]. The paper's format and the package default. */
export const Q1_6: CoefficientFormat = Object.freeze({ bits: 8, fracBits: 6 });

/** A complete look-up table: one {@link PwlSegments} per input scale 2^-d. */
export interface LutTable {
  /** Name of the approximated function (a key of the function registry). */
  readonly function: string;
  /** Number of entries (segments) N, 2 to 16. */
  readonly entries: number;
  /** Declared coefficient format (default {@link Q1_6}). See {@link coefficientFormatViolations}. */
  readonly format: CoefficientFormat;
  /** The PWL parameters by decimal bits d (keys are integers 0..15). */
  readonly byDecimalBits: Readonly<Record<number, PwlSegments>>;
}

/** Sorted decimal-bit counts d that a table holds. Errors: INVALID_ARGUMENT when `table` is not a table. */
export function decimalBitsOf(table: LutTable): number[] {
  if (table === null || typeof table !== 'object' || table.byDecimalBits === null || typeof table.byDecimalBits !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'expected a table { function, entries, format, byDecimalBits } (createLutTable or parseOfficialJson)');
  }
  return Object.keys(table.byDecimalBits).map(Number).sort((a, b) => a - b);
}

/** The segments of a table for decimal bits d, or a DECIMAL_BITS_OUT_OF_RANGE error naming the ones it has. */
export function segmentsFor(table: LutTable, d: number): PwlSegments {
  const segments = table.byDecimalBits[d];
  if (!Number.isInteger(d) || segments === undefined) {
    throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `the ${table.function} table has no entry for d = ${d}; it has d = ${decimalBitsOf(table).join(', ')}`);
  }
  return segments;
}

function checkNumbers(what: string, values: unknown, length: number): number[] {
  if (!Array.isArray(values) && !(values instanceof Float64Array)) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${what} must be an array of ${length} numbers`);
  }
  const list = Array.from(values as ArrayLike<unknown>);
  if (list.length !== length) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${what} has ${list.length} values; a table with these entries needs ${length}`);
  }
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `${what}[${i}] is ${JSON.stringify(v) ?? String(v)}; every value must be a finite number`);
    }
  });
  return list as number[];
}

/** Checks an entry count: an integer in [2, 16]. */
export function checkEntries(entries: unknown): number {
  if (typeof entries !== 'number' || !Number.isInteger(entries) || entries < MIN_ENTRIES || entries > MAX_ENTRIES) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `entries must be an integer from ${MIN_ENTRIES} to ${MAX_ENTRIES}, got ${JSON.stringify(entries)}`);
  }
  return entries;
}

/** Checks a decimal-bit count d: an integer in [0, 15]. */
export function checkDecimalBits(d: unknown): number {
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_DECIMAL_BITS) {
    throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `decimal bits d must be an integer from 0 to ${MAX_DECIMAL_BITS}, got ${JSON.stringify(d)}`);
  }
  return d;
}

/**
 * Validates and freezes one set of PWL parameters: slopes and intercepts of equal length N in [2, 16], N-1
 * breakpoints, all finite, breakpoints non-decreasing (equal breakpoints, i.e. empty segments, are allowed).
 */
export function createSegments(input: { breakpoints: ArrayLike<number>; slopes: ArrayLike<number>; intercepts: ArrayLike<number> }, where = 'table'): PwlSegments {
  if (input === null || typeof input !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${where} must be an object with breakpoints, slopes and intercepts`);
  }
  const slopeCount = Array.isArray(input.slopes) || input.slopes instanceof Float64Array ? input.slopes.length : -1;
  if (slopeCount < MIN_ENTRIES || slopeCount > MAX_ENTRIES) {
    throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${where}: slopes must be an array of ${MIN_ENTRIES} to ${MAX_ENTRIES} numbers (one per entry), got ${slopeCount < 0 ? 'none' : slopeCount}`);
  }
  const slopes = checkNumbers(`${where} slopes`, input.slopes, slopeCount);
  const intercepts = checkNumbers(`${where} intercepts`, input.intercepts, slopeCount);
  const breakpoints = checkNumbers(`${where} breakpoints`, input.breakpoints, slopeCount - 1);
  for (let i = 1; i < breakpoints.length; i++) {
    if (breakpoints[i] < breakpoints[i - 1]) {
      throw new GqaLutError(GqaLutErrorCode.UNSORTED_BREAKPOINTS, `${where}: breakpoints must be non-decreasing, but breakpoints[${i - 1}] = ${breakpoints[i - 1]} > breakpoints[${i}] = ${breakpoints[i]}`);
    }
  }
  return Object.freeze({ breakpoints: Object.freeze(breakpoints), slopes: Object.freeze(slopes), intercepts: Object.freeze(intercepts) });
}

/** Checks a coefficient format: 2 <= bits <= 32, 0 <= fracBits < bits. */
export function checkFormat(format: CoefficientFormat): CoefficientFormat {
  const { bits, fracBits } = format ?? ({} as CoefficientFormat);
  if (!Number.isInteger(bits) || bits < 2 || bits > 32 || !Number.isInteger(fracBits) || fracBits < 0 || fracBits >= bits) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `a coefficient format needs integer bits in [2, 32] and fracBits in [0, bits), got ${JSON.stringify(format)}`);
  }
  return Object.freeze({ bits, fracBits });
}

/**
 * Builds a validated, frozen {@link LutTable}. Every d must hold segments with the same number of entries.
 * Coefficients are NOT required to fit the format (the official reciprocal tables do not); see
 * {@link coefficientFormatViolations}.
 */
export function createLutTable(input: {
  function: string;
  byDecimalBits: Readonly<Record<number, { breakpoints: ArrayLike<number>; slopes: ArrayLike<number>; intercepts: ArrayLike<number> }>>;
  format?: CoefficientFormat;
}): LutTable {
  if (typeof input?.function !== 'string' || input.function.length === 0) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'a table needs the name of its function');
  }
  const keys = Object.keys(input.byDecimalBits ?? {});
  if (keys.length === 0) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `the ${input.function} table holds no decimal bits`);
  }
  const byDecimalBits: Record<number, PwlSegments> = {};
  let entries = -1;
  for (const key of keys) {
    const d = checkDecimalBits(/^\d+$/.test(key) ? Number(key) : key);
    const segments = createSegments(input.byDecimalBits[d], `${input.function} d=${d}`);
    if (entries >= 0 && segments.slopes.length !== entries) {
      throw new GqaLutError(GqaLutErrorCode.WRONG_LENGTH, `${input.function}: d=${d} has ${segments.slopes.length} entries but an earlier d has ${entries}`);
    }
    entries = segments.slopes.length;
    byDecimalBits[d] = segments;
  }
  return Object.freeze({ function: input.function, entries, format: checkFormat(input.format ?? Q1_6), byDecimalBits: Object.freeze(byDecimalBits) });
}

/** One coefficient or breakpoint that does not fit where it must. */
export interface FormatViolation {
  /** Decimal bits d of the segments it belongs to. */
  readonly d: number;
  /** Which array. */
  readonly kind: 'slope' | 'intercept' | 'breakpoint';
  /** Index in that array. */
  readonly index: number;
  /** The value. */
  readonly value: number;
  /** Why it does not fit. */
  readonly reason: string;
}

/**
 * Smallest and largest value of a coefficient format, and its step 2^-fracBits. Errors: INVALID_ARGUMENT for a
 * format that {@link checkFormat} rejects.
 */
export function formatBounds(format: CoefficientFormat): { min: number; max: number; step: number } {
  checkFormat(format);
  const step = 2 ** -format.fracBits;
  return { min: -(2 ** (format.bits - 1)) * step, max: (2 ** (format.bits - 1) - 1) * step, step };
}

/**
 * Lists the slopes and intercepts of a table that are not representable in a format (not a multiple of
 * 2^-fracBits, or outside its range), and the breakpoints that are not multiples of 2^-d. Empty when it all fits.
 */
export function coefficientFormatViolations(table: LutTable, format: CoefficientFormat = table.format): FormatViolation[] {
  const { min, max, step } = formatBounds(checkFormat(format));
  const violations: FormatViolation[] = [];
  for (const d of decimalBitsOf(table)) {
    const segments = table.byDecimalBits[d];
    const check = (kind: 'slope' | 'intercept', values: readonly number[]) => values.forEach((value, index) => {
      if (!Number.isInteger(value / step)) violations.push({ d, kind, index, value, reason: `not a multiple of 2^-${format.fracBits}` });
      else if (value < min || value > max) violations.push({ d, kind, index, value, reason: `outside [${min}, ${max}] of ${format.bits}-bit Q${format.bits - 1 - format.fracBits}.${format.fracBits}` });
    });
    check('slope', segments.slopes);
    check('intercept', segments.intercepts);
    segments.breakpoints.forEach((value, index) => {
      if (!Number.isInteger(value * 2 ** d)) violations.push({ d, kind: 'breakpoint', index, value, reason: `not a multiple of 2^-${d}` });
    });
  }
  return violations;
}

/**
 * The smallest signed format with `fracBits` fractional bits (default: the table's) that holds every slope and
 * intercept of a table. Errors: INVALID_ARGUMENT for fracBits not an integer 0..31, COEFFICIENT_OVERFLOW when a
 * coefficient is not a multiple of 2^-fracBits (no such format holds it) or needs more than 32 bits.
 */
export function smallestFormatFor(table: LutTable, fracBits = table?.format?.fracBits): CoefficientFormat {
  if (typeof fracBits !== 'number' || !Number.isInteger(fracBits) || fracBits < 0 || fracBits > 31) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `fracBits must be an integer from 0 to 31, got ${JSON.stringify(fracBits)}`);
  }
  let largest = 0;
  for (const d of decimalBitsOf(table)) {
    const s = table.byDecimalBits[d];
    for (const v of [...s.slopes, ...s.intercepts]) {
      if (!Number.isInteger(v * 2 ** fracBits)) {
        throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `${table.function} d=${d}: coefficient ${v} is not a multiple of 2^-${fracBits}, so no format with ${fracBits} fractional bits holds it`);
      }
      const units = v * 2 ** fracBits;
      largest = Math.max(largest, units >= 0 ? units + 1 : -units);
    }
  }
  let bits = fracBits + 1;
  while (2 ** (bits - 1) < largest) bits++;
  return checkFormatHolds(table, { bits, fracBits });
}

function checkFormatHolds(table: LutTable, format: CoefficientFormat): CoefficientFormat {
  if (format.bits > 32) {
    throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `the coefficients of the ${table.function} table need ${format.bits} bits with ${format.fracBits} fractional bits; formats have at most 32`);
  }
  return format;
}
