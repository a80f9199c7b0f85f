/**
 * Activation statistics that weight the default-mode `int8-grid` objective, so that a table is most accurate where a
 * network's real inputs fall. Two forms:
 *
 * - `{ values, counts? }`: real-valued inputs x (samples, or histogram bin centres with their counts; each count
 *   defaults to 1). For each d, a value counts for the INT8 code it quantises to, q = round(x 2^d) (half to even)
 *   saturated to [-128, 127], as a quantiser with scale 2^-d would do.
 * - `{ codeCounts }`: a histogram of the quantised tensor itself, 256 counts indexed by q + 128, used for every d;
 *   or a record of such histograms by d (then every fitted d needs one).
 *
 * The weight of an INT8 input inside the range is the count of its code; codes whose x lies outside the range are
 * not part of the objective, so their counts are dropped.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { roundHalfEven } from './secant.js';

/** Activation statistics, see the module comment. */
export type ActivationWeights =
  | { readonly values: ArrayLike<number>; readonly counts?: ArrayLike<number> }
  | { readonly codeCounts: ArrayLike<number> | Readonly<Record<number, ArrayLike<number>>> };

/** Number of INT8 codes (q = -128..127, index q + 128). */
export const INT8_CODES = 256;

function bad(message: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, message);
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/** Checks every entry is a finite number >= 0 (counts) or finite (values). */
function checkEntries(what: string, values: ArrayLike<number>, nonNegative: boolean): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || (nonNegative && v < 0)) {
      bad(`${what}[${i}] is ${String(v)}; it must be a finite number${nonNegative ? ' >= 0' : ''}`);
    }
  }
}

/**
 * Validates activation weights for the decimal bits `ds` that will be fitted (a per-d record needs every one).
 *
 * @throws GqaLutError INVALID_ARGUMENT naming the first bad field.
 */
export function checkActivationWeights(weights: ActivationWeights, ds: readonly number[]): ActivationWeights {
  if (weights === null || typeof weights !== 'object') bad('weights must be { values, counts? } or { codeCounts }');
  if ('values' in weights) {
    if (!isArrayLike(weights.values) || weights.values.length === 0) bad('weights.values must be a non-empty array of numbers');
    checkEntries('weights.values', weights.values, false);
    if (weights.counts !== undefined) {
      if (!isArrayLike(weights.counts) || weights.counts.length !== weights.values.length) {
        bad(`weights.counts must be an array with one count per value (${weights.values.length})`);
      }
      checkEntries('weights.counts', weights.counts, true);
    }
    return weights;
  }
  if (!('codeCounts' in weights)) bad('weights must have either values (real inputs, with optional counts) or codeCounts (256 counts by INT8 code)');
  const histograms = isArrayLike(weights.codeCounts) ? ds.map(() => weights.codeCounts as ArrayLike<number>)
    : ds.map((d) => (weights.codeCounts as Record<number, ArrayLike<number>>)[d]);
  histograms.forEach((counts, k) => {
    const where = isArrayLike(weights.codeCounts) ? 'weights.codeCounts' : `weights.codeCounts[${ds[k]}]`;
    if (!isArrayLike(counts)) bad(`${where} is missing: give 256 counts (index q + 128) for every fitted d (${ds.join(', ')})`);
    if (counts.length !== INT8_CODES) bad(`${where} has ${counts.length} counts; it needs ${INT8_CODES} (index q + 128, q = -128..127)`);
    checkEntries(where, counts, true);
  });
  return weights;
}

/** The 256 code counts of `weights` for decimal bits d (index q + 128). */
export function codeCountsFor(weights: ActivationWeights, d: number): Float64Array {
  if ('codeCounts' in weights) {
    const counts = isArrayLike(weights.codeCounts) ? weights.codeCounts : weights.codeCounts[d];
    return Float64Array.from(counts);
  }
  const histogram = new Float64Array(INT8_CODES);
  const scale = 2 ** d;
  for (let i = 0; i < weights.values.length; i++) {
    const q = roundHalfEven(weights.values[i] * scale);
    const code = q < -128 ? -128 : q > 127 ? 127 : q;
    histogram[code + 128] += weights.counts === undefined ? 1 : weights.counts[i];
  }
  return histogram;
}

/** The weight of each INT8 input point x = q 2^-d (ascending points from `int8GridPoints`). */
export function weightsOnInt8Points(weights: ActivationWeights, d: number, points: Float64Array): Float64Array {
  const counts = codeCountsFor(weights, d);
  const scale = 2 ** d;
  return Float64Array.from(points, (x) => counts[Math.round(x * scale) + 128]);
}

/**
 * Reads activation weights from JSON text (the CLI's `--weights FILE`): an object with `values` (real inputs,
 * optionally with `counts`; `samples` is accepted as another name for `values`) or `codeCounts` (256 counts by INT8
 * code q + 128, or an object of such arrays keyed by d).
 *
 * @throws GqaLutError MALFORMED_JSON for text that is not JSON or not one of these shapes.
 */
export function parseActivationWeightsJson(text: string, source = 'weights file'): ActivationWeights {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source} is not JSON: ${(error as Error).message}`);
  }
  const shape = `${source} must be {"values": [x, ...], "counts"?: [n, ...]} or {"codeCounts": [256 counts, index q + 128]}`;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, shape);
  const object = parsed as Record<string, unknown>;
  const values = object.values ?? object.samples;
  if (Array.isArray(values)) {
    return object.counts === undefined ? { values: values as number[] } : { values: values as number[], counts: object.counts as number[] };
  }
  const codeCounts = object.codeCounts;
  if (Array.isArray(codeCounts)) return { codeCounts: codeCounts as number[] };
  if (codeCounts !== null && typeof codeCounts === 'object') return { codeCounts: codeCounts as Record<number, number[]> };
  throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, shape);
}
