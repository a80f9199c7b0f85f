/**
 * gqa-lut: piecewise-linear look-up tables for Transformer non-linearities (GQA-LUT, DAC 2024), their JSON format,
 * their accuracy, and INT8 inference with integer arithmetic only, in WebAssembly SIMD, scalar wasm or plain JS.
 *
 * Fitting lives in the separate entry point `gqa-lut/fit` so that inference users do not load it.
 *
 * @example
 *   import { init, parseOfficialJson, evaluateTable } from 'gqa-lut';
 *   await init();                       // once; everything after it is synchronous
 *   const table = parseOfficialJson(text);
 *   console.log(evaluateTable(table));
 */
export { init, ensureTier, currentTier, bestTier, parseTier, TIERS, type Tier, type InitOptions, type WasmSource } from './runtime.js';
export { GqaLutError, GqaLutErrorCode, type GqaLutErrorCodeValue } from './errors.js';
export { erf } from './functions/erf.js';
export {
  getFunction, defineFunction, functionNames, BUILT_IN_FUNCTIONS,
  type NonlinearFunction, type FunctionDefinition,
} from './functions/registry.js';
export {
  createLutTable, createSegments, decimalBitsOf, segmentsFor, coefficientFormatViolations, smallestFormatFor, formatBounds,
  checkFormat, Q1_6, MIN_ENTRIES, MAX_ENTRIES, MAX_DECIMAL_BITS,
  type LutTable, type PwlSegments, type CoefficientFormat, type FormatViolation,
} from './table/model.js';
export { parseOfficialJson, toOfficialJson, type ParseOptions } from './table/official-json.js';
export {
  evaluateTable, errorStats, pwlAt, segmentIndex, int8GridPoints,
  type TieRule, type ErrorStats, type DecimalBitsReport, type EvaluateOptions,
} from './evaluate/table-error.js';
export { trainerGrid } from './fit/trainer-grid.js';
export {
  createPwlOp, createPwlF32Op,
  type PwlOp, type PwlOpOptions, type PwlOpInfo, type PwlF32Op, type PwlF32OpOptions,
} from './ops/pwl-op.js';
export * from './multirange/index.js';
