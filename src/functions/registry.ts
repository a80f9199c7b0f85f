/**
 * The non-linear functions the package approximates: float64 references, default input ranges and the outer
 * segment ends the official trainer uses (its splits are [lo_end, genes..., hi_end]).
 *
 * The built-in expressions follow the official trainer operation for operation (same IEEE operations in the same
 * order), so that secants through the same points round the same way: gelu = 0.5*x*(1+erf(x/sqrt 2)),
 * hswish = x*clip(x+3, 0, 6)/6, silu = x/(1+exp(-x)), sigmoid = 1/(1+exp(-x)). tanh uses Math.tanh (the
 * official exp-quotient overflows to NaN beyond |x| = 710). gelu, hswish, reci and sqrt_reci have bit-identical wasm
 * ports in assembly/functions-f64/reference.ts (see reference-ids.ts): change both together.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { erf } from './erf.js';

/** A function to approximate, with the settings the fitter and the evaluator need. */
export interface NonlinearFunction {
  /** Registry name, e.g. 'gelu'. */
  readonly name: string;
  /** float64 reference implementation. */
  readonly evaluate: (x: number) => number;
  /** Default approximation range [lo, hi] (the official Makefile's x_range where there is one). */
  readonly range: readonly [number, number];
  /**
   * Outer ends of the split list [lo_end, breakpoints..., hi_end] through which the first and last segments are
   * drawn as secants (the official trainer's neg_inf/pos_inf). They must enclose {@link range}.
   */
  readonly outerEnds: readonly [number, number];
  /** One line for help texts. */
  readonly description: string;
}

const SQRT2 = Math.SQRT2;

function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x / SQRT2));
}
function hswish(x: number): number {
  const clipped = Math.min(Math.max(x + 3, 0), 6);
  return (x * clipped) / 6;
}
function silu(x: number): number {
  return x / (1 + Math.exp(-x));
}
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
function reciprocal(x: number): number {
  return 1 / x;
}
function reciprocalSqrt(x: number): number {
  return 1 / Math.sqrt(x);
}

const WIDE: readonly [number, number] = [-10000, 10000];

const BUILT_IN: readonly NonlinearFunction[] = [
  { name: 'gelu', evaluate: gelu, range: [-4, 4], outerEnds: WIDE, description: 'GELU, exact erf form 0.5x(1+erf(x/sqrt 2))' },
  { name: 'hswish', evaluate: hswish, range: [-4, 4], outerEnds: WIDE, description: 'hard swish x*clip(x+3,0,6)/6' },
  { name: 'silu', evaluate: silu, range: [-4, 4], outerEnds: WIDE, description: 'SiLU (swish) x/(1+exp(-x))' },
  { name: 'sigmoid', evaluate: sigmoid, range: [-8, 8], outerEnds: WIDE, description: 'logistic sigmoid 1/(1+exp(-x))' },
  { name: 'tanh', evaluate: Math.tanh, range: [-4, 4], outerEnds: WIDE, description: 'hyperbolic tangent' },
  { name: 'exp', evaluate: Math.exp, range: [-8, 0], outerEnds: [-16, 0], description: 'exp(x) on x <= 0 (softmax after max subtraction)' },
  { name: 'reci', evaluate: reciprocal, range: [0.5, 4], outerEnds: [0.5, 4], description: 'reciprocal 1/x' },
  { name: 'sqrt_reci', evaluate: reciprocalSqrt, range: [0.25, 4], outerEnds: [0.25, 4], description: 'reciprocal square root 1/sqrt(x)' },
];

/** Aliases accepted by {@link getFunction}. */
const ALIASES: Readonly<Record<string, string>> = { swish: 'silu', reciprocal: 'reci', rsqrt: 'sqrt_reci' };

const registry = new Map<string, NonlinearFunction>(BUILT_IN.map((f) => [f.name, f]));

/** Names of the built-in functions. */
export const BUILT_IN_FUNCTIONS: readonly string[] = BUILT_IN.map((f) => f.name);

function checkRange(what: string, range: readonly [number, number]): void {
  if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `${what} must be two finite numbers [lo, hi], got ${JSON.stringify(range)}`);
  }
  if (!(range[0] < range[1])) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `${what} must have lo < hi, got [${range[0]}, ${range[1]}]`);
  }
}

/** Options of {@link defineFunction}. */
export interface FunctionDefinition {
  /** Name to register it under (letters, digits, '_' and '-'). */
  name: string;
  /** float64 implementation; must return finite values on the range and at the outer ends. */
  evaluate: (x: number) => number;
  /** Approximation range [lo, hi]. */
  range: readonly [number, number];
  /** Outer segment ends; default: the range itself. */
  outerEnds?: readonly [number, number];
  /** Help text. */
  description?: string;
}

/**
 * Makes a user-defined function (a JS callback and a range) usable by the fitter and the evaluator, and registers it
 * under its name so that tables naming it can be evaluated. Replaces an earlier user definition of the same name;
 * built-in names cannot be redefined. The callback is checked here at the range ends and the outer ends only; a
 * NaN or infinite value inside the range is a NON_FINITE error of the fit or evaluation that meets it. Errors:
 * INVALID_ARGUMENT (name, callback, a built-in name), INVALID_RANGE (range, outer ends), NON_FINITE.
 */
export function defineFunction(definition: FunctionDefinition): NonlinearFunction {
  if (definition === null || typeof definition !== 'object') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'defineFunction needs { name, evaluate, range, outerEnds?, description? }');
  }
  const { name, evaluate } = definition;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `function name must be letters, digits, '_' or '-', got ${JSON.stringify(name)}`);
  }
  if (BUILT_IN_FUNCTIONS.includes(name) || name in ALIASES) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `'${name}' is a built-in function and cannot be redefined`);
  }
  if (typeof evaluate !== 'function') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `function '${name}' needs an evaluate(x) callback`);
  }
  checkRange(`range of '${name}'`, definition.range);
  const outerEnds = definition.outerEnds ?? definition.range;
  checkRange(`outer ends of '${name}'`, outerEnds);
  if (outerEnds[0] > definition.range[0] || outerEnds[1] < definition.range[1]) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `outer ends [${outerEnds}] of '${name}' must enclose its range [${definition.range}]`);
  }
  for (const x of [outerEnds[0], definition.range[0], definition.range[1], outerEnds[1]]) {
    if (!Number.isFinite(evaluate(x))) {
      throw new GqaLutError(GqaLutErrorCode.NON_FINITE, `function '${name}' is not finite at x = ${x}`);
    }
  }
  const fn: NonlinearFunction = {
    name,
    evaluate,
    range: [definition.range[0], definition.range[1]],
    outerEnds: [outerEnds[0], outerEnds[1]],
    description: definition.description ?? `user-defined function '${name}'`,
  };
  registry.set(name, fn);
  return fn;
}

/** Looks up a built-in or user-defined function by name (aliases: swish = silu, reciprocal = reci, rsqrt = sqrt_reci). */
export function getFunction(name: string): NonlinearFunction {
  const fn = registry.get(ALIASES[name] ?? name);
  if (!fn) {
    throw new GqaLutError(GqaLutErrorCode.UNKNOWN_FUNCTION, `unknown function ${JSON.stringify(name)}: built in are ${BUILT_IN_FUNCTIONS.join(', ')} (or register one with defineFunction)`);
  }
  return fn;
}

/**
 * A function given by name (looked up with {@link getFunction}) or as a {@link NonlinearFunction} object, checked:
 * an object needs a non-empty string `name`, an `evaluate(x)` callback and a finite `range` lo < hi; its
 * `outerEnds` (default: the range) must be finite and enclose the range. Errors: UNKNOWN_FUNCTION (name),
 * INVALID_ARGUMENT (neither a name nor such an object), INVALID_RANGE (its range or outer ends).
 */
export function resolveFunction(input: unknown, what = 'function'): NonlinearFunction {
  if (typeof input === 'string') return getFunction(input);
  const fn = input as Partial<NonlinearFunction> | null;
  if (fn === null || typeof fn !== 'object' || typeof fn.name !== 'string' || fn.name.length === 0 || typeof fn.evaluate !== 'function') {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${what} must be a function name (${BUILT_IN_FUNCTIONS.join(', ')} or one from defineFunction) or an object { name, evaluate, range, outerEnds? }, got ${typeof input === 'object' ? JSON.stringify(input) : String(input)}`);
  }
  const range = fn.range as readonly [number, number];
  checkRange(`range of '${fn.name}'`, range);
  if (fn.outerEnds === undefined) return Object.freeze({ ...(fn as NonlinearFunction), outerEnds: range });
  checkRange(`outer ends of '${fn.name}'`, fn.outerEnds);
  if (fn.outerEnds[0] > range[0] || fn.outerEnds[1] < range[1]) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `outer ends [${fn.outerEnds.join(', ')}] of '${fn.name}' must enclose its range [${range.join(', ')}]`);
  }
  return fn as NonlinearFunction;
}

/** Every registered function name (built-in first). */
export function functionNames(): string[] {
  return [...registry.keys()];
}
