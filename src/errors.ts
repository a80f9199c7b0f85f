/**
 * Error codes of every {@link GqaLutError} the package throws. The codes are stable: match on them, not on the
 * message text.
 */
export const GqaLutErrorCode = {
  /** A function or CLI argument has the wrong type or is outside its allowed values. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** A function name that is neither built in nor defined by the caller. */
  UNKNOWN_FUNCTION: 'UNKNOWN_FUNCTION',
  /** A preset name that is not one of the official Makefile targets. */
  UNKNOWN_PRESET: 'UNKNOWN_PRESET',
  /** Breakpoints, slopes and intercepts whose lengths do not match the number of entries. */
  WRONG_LENGTH: 'WRONG_LENGTH',
  /** Breakpoints that are not in non-decreasing order. */
  UNSORTED_BREAKPOINTS: 'UNSORTED_BREAKPOINTS',
  /** A NaN or infinite breakpoint, slope, intercept or range end. */
  NON_FINITE: 'NON_FINITE',
  /** A decimal-bit count (input scale 2^-d) outside what the table or the kernel supports. */
  DECIMAL_BITS_OUT_OF_RANGE: 'DECIMAL_BITS_OUT_OF_RANGE',
  /** A range whose low end is not below its high end, or that lies outside where it must. */
  INVALID_RANGE: 'INVALID_RANGE',
  /** Text that is not JSON, or JSON that is not in the official table format. */
  MALFORMED_JSON: 'MALFORMED_JSON',
  /** A slope or intercept that is not representable in the declared fixed-point format. */
  COEFFICIENT_OVERFLOW: 'COEFFICIENT_OVERFLOW',
  /** A tensor or buffer too large or too small for the operation. */
  INVALID_LENGTH: 'INVALID_LENGTH',
  /** The requested kernel tier (simd, scalar) cannot run on this engine. */
  TIER_UNAVAILABLE: 'TIER_UNAVAILABLE',
  /** A compute call made before `await init()`. */
  NOT_INITIALIZED: 'NOT_INITIALIZED',
  /** A long-running call stopped by its AbortSignal. */
  ABORTED: 'ABORTED',
} as const;

/** One of the values of {@link GqaLutErrorCode}. */
export type GqaLutErrorCodeValue = (typeof GqaLutErrorCode)[keyof typeof GqaLutErrorCode];

/** The one error class of the package: a stable `code` plus a message that says what was wrong and what is allowed. */
export class GqaLutError extends Error {
  /** Stable machine-readable code, one of {@link GqaLutErrorCode}. */
  readonly code: GqaLutErrorCodeValue;

  constructor(code: GqaLutErrorCodeValue, message: string) {
    super(message);
    this.name = 'GqaLutError';
    this.code = code;
  }
}

/** Throws a {@link GqaLutError} with the given code and message. */
export function fail(code: GqaLutErrorCodeValue, message: string): never {
  throw new GqaLutError(code, message);
}
