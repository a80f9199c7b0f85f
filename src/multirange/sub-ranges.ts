/**
 * The sub-ranges of the wide input range that the INT8 codes of one input scale fall into: for each exponent E,
 * the codes q whose inputs x = q * 2^-d reduce to u = x * 2^-(rE) in the base interval, and the output scaling
 * 2^-E that the operator applies to them by a shift.
 */
import { checkDecimalBits } from '../table/model.js';
import type { MultiRangeTable } from './table.js';

/** One sub-range of the inputs of an INT8 tensor with scale 2^-d. */
export interface SubRange {
  /** E: x = u * 2^(r E) with u in the base interval (r = 1 for reci, 2 for sqrt_reci). */
  readonly exponent: number;
  /** Smallest and largest code q of the sub-range (both included). */
  readonly codes: readonly [number, number];
  /** Smallest and largest input x = q * 2^-d of the sub-range. */
  readonly inputs: readonly [number, number];
  /** The power-of-two input scale of the sub-range: u = x * inputScale = x * 2^-(r E). */
  readonly inputScale: number;
  /** The power-of-two output scale: f(x) = f(u) * outputScale = f(u) * 2^-E. */
  readonly outputScale: number;
}

/** The sub-ranges reached by the positive codes 1..127 at input scale 2^-inputFracBits, from small x to large. */
export function describeSubRanges(table: MultiRangeTable, inputFracBits: number): readonly SubRange[] {
  const d = checkDecimalBits(inputFracBits);
  const step = table.subRanges.inputExponentStep;
  const result: SubRange[] = [];
  for (let q = 1; q <= 127; q++) {
    const exponent = Math.floor((31 - Math.clz32(q) - d) / step);
    const last = result[result.length - 1];
    if (last && last.exponent === exponent) {
      result[result.length - 1] = { ...last, codes: [last.codes[0], q], inputs: [last.inputs[0], q * 2 ** -d] };
    } else {
      result.push({ exponent, codes: [q, q], inputs: [q * 2 ** -d, q * 2 ** -d], inputScale: 2 ** (-step * exponent), outputScale: 2 ** -exponent });
    }
  }
  return Object.freeze(result.map((s) => Object.freeze({ ...s, codes: Object.freeze(s.codes), inputs: Object.freeze(s.inputs) })));
}
