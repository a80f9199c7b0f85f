/**
 * gqa-lut/fit: fitting GQA-LUT tables. `fitTable` is the entry point (presets or explicit settings); the official
 * trainer's genetic algorithm (`runOfficialGa`) reproduces the official tables bit for bit; the population fitness
 * evaluator runs in WebAssembly SIMD, scalar wasm or JS.
 *
 * @example
 *   import { init } from 'gqa-lut';
 *   import { fitTable } from 'gqa-lut/fit';
 *   await init();
 *   const { table, report } = fitTable({ preset: 'gelu_8', mode: 'official' });
 */
export { fitTable, FIT_MODES, type FitMode, type FitOptions, type FitResult } from './fit/fit-table.js';
export { PRESETS, PRESET_NAMES, getPreset, type Preset } from './fit/presets.js';
export { runOfficialGa, officialOutputTable, type OfficialGaResult, type OfficialGaConfig, type OfficialGaProgress } from './fit/official-ga.js';
export { createFitnessEvaluator, officialMse, type FitnessProblem, type FitnessEvaluator } from './fit/fitness.js';
export { secantCoefficients, roundHalfEven, roundToMultiple } from './fit/secant.js';
export { PythonRandom } from './random/python-random.js';
export { NumpyRandomState } from './random/numpy-random.js';
export { Mt19937 } from './random/mt19937.js';
