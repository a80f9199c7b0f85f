/**
 * The multi-range table model: ONE small PWL table on a fixed base interval of the mantissa, plus the rule that maps
 * every sub-range of a wide input range onto that interval by a power of two (exponent/mantissa range reduction).
 *
 * | function    | base interval u | input sub-range j            | output scaling      |
 * |-------------|-----------------|------------------------------|---------------------|
 * | `reci`      | [1, 2)          | x in [2^j, 2^(j+1)),  u = x 2^-j  | 1/x = 2^-j * 1/u       |
 * | `sqrt_reci` | [1, 4)          | x in [4^j, 4^(j+1)),  u = x 4^-j  | 1/sqrt x = 2^-j / sqrt u |
 *
 * j is any integer (negative for x < 1). The mantissa u is held as an integer code m = u * 2^6 (mantissa scale
 * 2^-6, exact for every INT8 input, which has at most 7 significant bits), and the base table's breakpoints are
 * multiples of 2^-6 inside the base interval. Slopes and intercepts are fixed point in the declared coefficient
 * format (default Q1.6: multiples of 2^-6 in [-2, 127/64]); the integer kernels take formats of at most 16 bits.
 * The semantics of the integer operator are in ./multirange-js.ts.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { getFunction } from '../functions/registry.js';
import { checkFormat, createSegments, formatBounds, Q1_6, type CoefficientFormat, type PwlSegments } from '../table/model.js';

/** The functions multi-range scaling supports. */
export type MultiRangeFunction = 'reci' | 'sqrt_reci';

/** The functions multi-range scaling supports, in the order of {@link MultiRangeFunction}. */
export const MULTI_RANGE_FUNCTIONS: readonly MultiRangeFunction[] = ['reci', 'sqrt_reci'];

/** Fractional bits of the mantissa code m = u * 2^6 (the only mantissa scale of format version 1). */
export const MANTISSA_FRAC_BITS = 6;

/** Widest coefficient format the integer kernels take (slopes and intercepts as 16-bit integers). */
export const MAX_MULTI_RANGE_FORMAT_BITS = 16;

/**
 * How the wide input range is cut: sub-range j holds the inputs x with u = x * 2^-(inputExponentStep * j) in the
 * base interval, and its outputs are f(u) * 2^(outputExponentStep * j).
 */
export interface SubRangeRule {
  /** log2 of the input ratio between consecutive sub-ranges: 1 for reci (octaves), 2 for sqrt_reci (factors of 4). */
  readonly inputExponentStep: 1 | 2;
  /** log2 of the output ratio between consecutive sub-ranges: -1 for both functions. */
  readonly outputExponentStep: -1;
}

/** Settings a table was fitted for (informational; the table is valid for every input scale). */
export interface MultiRangeFitInfo {
  /** d of the INT8 inputs whose reachable mantissa codes and weights the fit used. */
  readonly inputFracBits: number;
  /** What the fit minimised over the wide range: 'mse' (absolute squared error of f) or 'relative'. */
  readonly objective: 'mse' | 'relative';
}

/** A multi-range look-up table (see the module comment). Build one with {@link createMultiRangeTable}. */
export interface MultiRangeTable {
  /** The approximated function. */
  readonly function: MultiRangeFunction;
  /** The base interval [lo, hi) of the mantissa u: [1, 2] for reci, [1, 4] for sqrt_reci (hi excluded). */
  readonly baseInterval: readonly [number, number];
  /** Fractional bits of the mantissa code (always {@link MANTISSA_FRAC_BITS} = 6). */
  readonly mantissaFracBits: number;
  /** The sub-range rule of the function. */
  readonly subRanges: SubRangeRule;
  /** The base table in mantissa units: breakpoints multiples of 2^-6 inside the base interval. */
  readonly segments: PwlSegments;
  /** Coefficient format of the slopes and intercepts (at most 16 bits); default {@link Q1_6}. */
  readonly format: CoefficientFormat;
  /** What the table was fitted for, when known. */
  readonly fittedFor?: MultiRangeFitInfo;
}

/** Input of {@link createMultiRangeTable}: the base table and the function; everything else has its default. */
export interface MultiRangeTableInput {
  /** 'reci' or 'sqrt_reci' (aliases 'reciprocal' and 'rsqrt' are accepted). */
  function: string;
  /** The base table; breakpoints in mantissa units (multiples of 2^-6 inside the base interval). */
  segments: { breakpoints: ArrayLike<number>; slopes: ArrayLike<number>; intercepts: ArrayLike<number> };
  /** Default {@link Q1_6}. At most 16 bits. */
  format?: CoefficientFormat;
  /** Optional; must equal the function's base interval. */
  baseInterval?: readonly [number, number];
  /** Optional; must be 6. */
  mantissaFracBits?: number;
  /** Optional; must equal the function's rule. */
  subRanges?: SubRangeRule;
  /** Optional fit settings to record. */
  fittedFor?: MultiRangeFitInfo;
}

/** The base interval of a function: [1, 2] for reci, [1, 4] for sqrt_reci. */
export function baseIntervalOf(fn: MultiRangeFunction): readonly [number, number] {
  return fn === 'reci' ? [1, 2] : [1, 4];
}

/** The sub-range rule of a function. */
export function subRangeRuleOf(fn: MultiRangeFunction): SubRangeRule {
  return { inputExponentStep: fn === 'reci' ? 1 : 2, outputExponentStep: -1 };
}

/** Resolves a function name (or alias) to a supported multi-range function, or throws. */
export function checkMultiRangeFunction(name: unknown): MultiRangeFunction {
  if (typeof name !== 'string') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `function must be 'reci' or 'sqrt_reci', got ${JSON.stringify(name)}`);
  }
  const resolved = getFunction(name).name;
  if (resolved !== 'reci' && resolved !== 'sqrt_reci') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `multi-range input scaling exists for 'reci' and 'sqrt_reci' only, not '${resolved}'`);
  }
  return resolved;
}

/** Checks a coefficient format for the multi-range kernels: a valid format of at most 16 bits. */
export function checkMultiRangeFormat(format: CoefficientFormat | undefined): CoefficientFormat {
  const checked = checkFormat(format ?? Q1_6);
  if (checked.bits > MAX_MULTI_RANGE_FORMAT_BITS) {
    throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `the multi-range kernels take coefficient formats of at most ${MAX_MULTI_RANGE_FORMAT_BITS} bits, got ${checked.bits}`);
  }
  return checked;
}

function sameRule(a: SubRangeRule, b: SubRangeRule): boolean {
  return a !== null && typeof a === 'object' && a.inputExponentStep === b.inputExponentStep && a.outputExponentStep === b.outputExponentStep;
}

function checkCoefficients(kind: 'slope' | 'intercept', values: readonly number[], format: CoefficientFormat): void {
  const { min, max, step } = formatBounds(format);
  values.forEach((value, index) => {
    if (!Number.isInteger(value / step) || value < min || value > max) {
      throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW, `${kind} ${index} = ${value} is not representable in the ${format.bits}-bit format with ${format.fracBits} fractional bits (multiples of 2^-${format.fracBits} in [${min}, ${max}])`);
    }
  });
}

/**
 * Validates and freezes a multi-range table. Errors: INVALID_ARGUMENT (unsupported function, mantissa bits, sub-range
 * rule or fit info), UNKNOWN_FUNCTION, INVALID_RANGE (a base interval other than the function's, or a breakpoint
 * outside it), DECIMAL_BITS_OUT_OF_RANGE (a breakpoint off the 2^-6 mantissa grid), COEFFICIENT_OVERFLOW (a slope or
 * intercept off the format's lattice or range, or a format wider than 16 bits), and the table codes of
 * `createSegments` (WRONG_LENGTH, UNSORTED_BREAKPOINTS, NON_FINITE).
 */
export function createMultiRangeTable(input: MultiRangeTableInput): MultiRangeTable {
  if (input === null || typeof input !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'a multi-range table needs { function, segments }');
  }
  const fn = checkMultiRangeFunction(input.function);
  const baseInterval = baseIntervalOf(fn);
  if (input.baseInterval !== undefined && (!Array.isArray(input.baseInterval) || input.baseInterval.length !== 2
    || input.baseInterval[0] !== baseInterval[0] || input.baseInterval[1] !== baseInterval[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `the base interval of ${fn} is [${baseInterval.join(', ')}), got ${JSON.stringify(input.baseInterval)}`);
  }
  if (input.mantissaFracBits !== undefined && input.mantissaFracBits !== MANTISSA_FRAC_BITS) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `mantissaFracBits must be ${MANTISSA_FRAC_BITS} (every INT8 mantissa is exact at 2^-6), got ${JSON.stringify(input.mantissaFracBits)}`);
  }
  const subRanges = subRangeRuleOf(fn);
  if (input.subRanges !== undefined && !sameRule(input.subRanges, subRanges)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `the sub-range rule of ${fn} is ${JSON.stringify(subRanges)}, got ${JSON.stringify(input.subRanges)}`);
  }
  const format = checkMultiRangeFormat(input.format);
  const segments = createSegments(input.segments, `${fn} multi-range base table`);
  segments.breakpoints.forEach((p, index) => {
    if (!Number.isInteger(p * 2 ** MANTISSA_FRAC_BITS)) {
      throw new GqaLutError(GqaLutErrorCode.DECIMAL_BITS_OUT_OF_RANGE, `breakpoint ${index} = ${p} is not a multiple of 2^-${MANTISSA_FRAC_BITS} (the mantissa grid)`);
    }
    if (p < baseInterval[0] || p > baseInterval[1]) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `breakpoint ${index} = ${p} lies outside the base interval [${baseInterval.join(', ')}] of ${fn}`);
    }
  });
  checkCoefficients('slope', segments.slopes, format);
  checkCoefficients('intercept', segments.intercepts, format);
  const table: MultiRangeTable = {
    function: fn, baseInterval: Object.freeze(baseInterval), mantissaFracBits: MANTISSA_FRAC_BITS,
    subRanges: Object.freeze(subRanges), segments, format,
  };
  if (input.fittedFor !== undefined) return Object.freeze({ ...table, fittedFor: checkFitInfo(input.fittedFor) });
  return Object.freeze(table);
}

function checkFitInfo(info: MultiRangeFitInfo): MultiRangeFitInfo {
  const d = info?.inputFracBits;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 15 || (info.objective !== 'mse' && info.objective !== 'relative')) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `fittedFor must be { inputFracBits: 0..15, objective: 'mse' | 'relative' }, got ${JSON.stringify(info)}`);
  }
  return Object.freeze({ inputFracBits: d, objective: info.objective });
}
