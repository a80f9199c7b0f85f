/**
 * Guards an explicit coefficient format: a format too narrow for the function (the reciprocal's slopes near -4 in
 * Q1.6, whose range is [-2, 1.984]) would make every search quietly return a poor, clamped table. The default-mode
 * fit therefore compares, at the highest d, the exact optimum in the requested format with the exact optimum in a
 * format with the same fractional bits and 12 more integer bits, and refuses the format when the error is more than
 * {@link FORMAT_ERROR_RATIO_LIMIT} times larger (RMS for the squared measures, the maximum for max-abs) and above
 * half a coefficient step (below that a table is as good as the format's resolution allows anyway).
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { formatBounds, type CoefficientFormat } from '../table/model.js';
import { buildSegmentCostProblem, normalizedCost, solveSegmentCostProblem, tableOfGenes, type SegmentCostProblemInput } from './segment-cost-problem.js';

/** Largest accepted ratio of errors (RMS or max) between the requested format and a wide one. */
export const FORMAT_ERROR_RATIO_LIMIT = 2;
/** Integer bits the comparison format adds. */
const EXTRA_INTEGER_BITS = 12;

function describe(format: CoefficientFormat): string {
  const { min, max } = formatBounds(format);
  return `${format.bits}-bit Q${format.bits - 1 - format.fracBits}.${format.fracBits} ([${min}, ${max}])`;
}

/** Error on the scale of the values: RMS for the squared measures, as is for max-abs. */
function errorScale(input: SegmentCostProblemInput, objectiveValue: number): number {
  return input.errorMeasure === 'max-abs' ? objectiveValue : Math.sqrt(objectiveValue);
}

/**
 * Throws COEFFICIENT_OVERFLOW when `input.format` cannot hold a sensible table (see the module comment).
 * `optimum` is the exact optimum's objective value in the requested format.
 */
export function checkFormatHoldsSensibleTable(input: SegmentCostProblemInput, entries: number, optimum: number): void {
  const { fracBits, bits } = input.format;
  const wideFormat = { bits: Math.min(32, bits + EXTRA_INTEGER_BITS), fracBits };
  const wide = buildSegmentCostProblem({ ...input, format: wideFormat });
  const solved = solveSegmentCostProblem(wide, entries, input.tier);
  const wideOptimum = normalizedCost(wide, solved.rawCost);
  const ours = errorScale(input, optimum);
  const best = errorScale(input, wideOptimum);
  if (ours <= FORMAT_ERROR_RATIO_LIMIT * best || ours <= 2 ** -(fracBits + 1)) return;
  const { segments } = tableOfGenes(wide, solved.genes);
  const needed = Math.max(...segments.slopes.map(Math.abs), ...segments.intercepts.map(Math.abs)) * 2 ** fracBits;
  let neededBits = fracBits + 1;
  while (2 ** (neededBits - 1) < needed + 1) neededBits++;
  const measure = input.errorMeasure === 'max-abs' ? 'largest error' : 'RMS error';
  throw new GqaLutError(GqaLutErrorCode.COEFFICIENT_OVERFLOW,
    `${input.fn.name} on [${input.range}] with ${entries} entries does not fit coefficients in ${describe(input.format)}: ` +
    `the best such table has an ${measure} of ${ours.toPrecision(3)} at d = ${input.d}, ${(ours / best).toFixed(1)}x that of the best with wider ` +
    `coefficients (slopes and intercepts up to ${(needed / 2 ** fracBits).toPrecision(4)} in magnitude); use a format of at least ` +
    `${neededBits}.${fracBits} (--format ${neededBits}.${fracBits})`);
}
