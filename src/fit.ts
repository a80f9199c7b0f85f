/**
 * gqa-lut/fit: fitting GQA-LUT tables. `fitTable` is the entry point (presets or explicit settings):
 * - default mode: per input scale 2^-d, the table that is best on what the integer kernel computes (or the paper's
 *   0.01 grid), with slopes and intercepts refitted on the coefficient lattice, found by a GA whose fitness runs in
 *   WebAssembly or by the exact DP solver (`method: 'dp'`); each d reports the exact optimum and the GA's gap to it;
 * - official mode: the official trainer's genetic algorithm (`runOfficialGa`), reproducing the official tables bit
 *   for bit.
 * The exact solver (`solveExact`) and the per-segment lattice refit (`refitSegments`) are available on their own.
 *
 * @example
 *   import { init } from 'gqa-lut';
 *   import { fitTable } from 'gqa-lut/fit';
 *   await init();
 *   const { table, report, searches } = fitTable({ preset: 'gelu_8' });
 *   const paper = fitTable({ preset: 'gelu_8', objective: 'trainer-grid', method: 'dp' });
 */
export {
  fitTable, FIT_MODES, FIT_METHODS, FIT_GRIDS, ERROR_MEASURES,
  type FitMode, type FitMethod, type FitGrid, type ErrorMeasure, type FitOptions, type FitResult, type FitProgress,
  type DecimalBitsSearch, type ActivationWeights,
} from './fit/fit-table.js';
export { parseActivationWeightsJson, codeCountsFor, INT8_CODES } from './fit/activation-weights.js';
export { BREAKPOINT_GA_DEFAULTS, type BreakpointGaSettings } from './fit/breakpoint-ga.js';
export { FORMAT_ERROR_RATIO_LIMIT } from './fit/format-check.js';
export { PRESETS, PRESET_NAMES, getPreset, type Preset } from './fit/presets.js';
export { runOfficialGa, officialOutputTable, type OfficialGaResult, type OfficialGaConfig, type OfficialGaProgress } from './fit/official-ga.js';
export { createFitnessEvaluator, officialMse, type FitnessProblem, type FitnessEvaluator } from './fit/fitness.js';
export { secantCoefficients, roundHalfEven, roundToMultiple } from './fit/secant.js';
export { solveExact, candidateBreakpoints, MAX_CANDIDATES, type ExactProblem, type ExactSolution, type ExactSolveOptions } from './optimize/dp.js';
export { refitSegments, type RefitProblem, type PointErrors } from './optimize/refit.js';
export { bestLatticeLine, type FittedLine, type LatticeLineOptions } from './optimize/lattice-line.js';
export { FIT_OBJECTIVES, type FitObjective } from './optimize/points.js';
export { PythonRandom } from './random/python-random.js';
export { NumpyRandomState } from './random/numpy-random.js';
export { Mt19937 } from './random/mt19937.js';
export { fitMultiRange, type MultiRangeFitOptions, type MultiRangeFitResult } from './multirange/fit.js';
