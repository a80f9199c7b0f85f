/**
 * Internal (not exported by the package): which built-in functions the wasm fitness kernels can evaluate themselves,
 * and under which id. These are the functions whose float64 reference uses only IEEE-exact basic operations (gelu
 * through erf.ts, hswish, reci, sqrt_reci); assembly/functions-f64/reference.ts ports them operation for operation,
 * so the kernel's values are bit-identical to `evaluate` (test/reference-f64.test.ts checks it). Functions built on
 * Math.exp or Math.tanh, and user-defined callbacks, have no id: their values are computed in JavaScript.
 */
import { getFunction, type NonlinearFunction } from './registry.js';

/** The ids of assembly/functions-f64/reference.ts (keep in step with its header). */
export const REFERENCE_IDS = { none: 0, gelu: 1, hswish: 2, reci: 3, sqrt_reci: 4, erf: 5 } as const;

/**
 * Keyed by the `evaluate` callback, not the object: a copy of a built-in with its own `evaluate` gets no id, and a
 * copy that keeps the built-in's `evaluate` (e.g. with another range) keeps its id.
 */
const idByEvaluate = new Map<(x: number) => number, number>(
  (['gelu', 'hswish', 'reci', 'sqrt_reci'] as const).map((name) => [getFunction(name).evaluate, REFERENCE_IDS[name]]),
);

/** The wasm reference id of a function (0 when the kernels cannot evaluate it: its values come from JavaScript). */
export function referenceId(fn: NonlinearFunction): number {
  return idByEvaluate.get(fn.evaluate) ?? REFERENCE_IDS.none;
}
