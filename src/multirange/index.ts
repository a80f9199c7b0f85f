/**
 * Multi-range input scaling for reci and sqrt_reci (the paper's "multi-range input scaling", absent from the
 * official code): a wide input range reduced to one base interval by powers of two, one small PWL table there,
 * and integer kernels that undo the scaling with shifts. See ./multirange-js.ts for the exact semantics.
 * The fitter (`fitMultiRange`, ./fit.ts) belongs to the `gqa-lut/fit` entry point, so it is not re-exported here.
 */
export {
  createMultiRangeTable, baseIntervalOf, subRangeRuleOf, MULTI_RANGE_FUNCTIONS, MANTISSA_FRAC_BITS,
  MAX_MULTI_RANGE_FORMAT_BITS,
  type MultiRangeTable, type MultiRangeTableInput, type MultiRangeFunction, type SubRangeRule, type MultiRangeFitInfo,
} from './table.js';
export { parseMultiRangeJson, toMultiRangeJson, MULTI_RANGE_JSON_FORMAT, MULTI_RANGE_JSON_VERSION } from './json.js';
export {
  createMultiRangeOp, type MultiRangeOp, type MultiRangeOpInfo, type MultiRangeOpOptions, type NonPositivePolicy,
} from './op.js';
export { describeSubRanges, type SubRange } from './sub-ranges.js';
export { multiRangeError, wideRangeStats, type MultiRangeErrorReport, type WideRangeStats } from './evaluate.js';
