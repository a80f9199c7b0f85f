/**
 * The integer PWL operator on INT8 codes, written out plainly in JavaScript. This is the specification the wasm
 * kernels (assembly/pwl-s8/, assembly/pwl-s8-wide/) must match exactly, and the kernel of the 'js' tier. It is
 * written from the definition, not derived from the AssemblyScript.
 *
 * A code q stands for the real value q * 2^-d. With integer breakpoints P_i = p_i * 2^d, slopes K_i = k_i * 64 and
 * intercepts B_i = b_i * 64 (coefficients in units of 2^-6):
 *
 * - segment(q) = the number of breakpoints P_i <= q (tie rule 'right', the package default and the trainer's rule:
 *   a code equal to a breakpoint belongs to the segment on its right), or the number of breakpoints P_i < q (tie
 *   rule 'left', the official operator's PyTorch `bucketize(..., right=False)`).
 * - acc(q) = K_s * q + B_s * 2^d, an exact integer; the real value is acc * 2^-(6+d).
 * - output at scale 2^-e: shift = 6 + d - e; if shift > 0, round half up: floor((acc + 2^(shift-1)) / 2^shift)
 *   (add half, then an arithmetic right shift: the cheap hardware rounding); if shift <= 0, acc * 2^-shift exactly;
 *   then saturate to [-128, 127].
 */

/** Which segment a code equal to a breakpoint belongs to: 'right' (package default, the trainer) or 'left' (official operator). */
export type TieRule = 'right' | 'left';

/** A PWL table in integer units for one input scale 2^-d. */
export interface IntegerPwlTable {
  /** d: input code q stands for q * 2^-d. */
  readonly inputFracBits: number;
  /** N-1 integer breakpoints P_i = p_i * 2^d, non-decreasing (they may lie outside -128..127). */
  readonly breakpoints: readonly number[];
  /** N integer slopes K_i = k_i * 2^6. */
  readonly slopes: readonly number[];
  /** N integer intercepts B_i = b_i * 2^6. */
  readonly intercepts: readonly number[];
  /** Tie rule of the segment search. */
  readonly tieRule: TieRule;
}

/** The segment index of code q: the number of breakpoints at or below q ('right') or strictly below q ('left'). */
export function segmentOfCode(table: IntegerPwlTable, q: number): number {
  const { breakpoints } = table;
  const right = table.tieRule === 'right';
  let segment = 0;
  for (let j = 0; j < breakpoints.length; j++) {
    segment += right ? +(breakpoints[j] <= q) : +(breakpoints[j] < q); // no branch to mispredict
  }
  return segment;
}

/** The exact accumulator K_s * q + B_s * 2^d of code q, in units of 2^-(6+d). */
export function accumulatorOfCode(table: IntegerPwlTable, q: number): number {
  const segment = segmentOfCode(table, q);
  return table.slopes[segment] * q + table.intercepts[segment] * 2 ** table.inputFracBits;
}

/**
 * An accumulator requantised to int8: rounding half up by `shift` bits when shift > 0 (add 2^(shift-1), then an
 * arithmetic right shift), an exact multiplication by 2^-shift when shift <= 0, then saturation to [-128, 127].
 */
export function requantise(acc: number, shift: number): number {
  let scaled: number;
  if (shift <= 0) scaled = acc * 2 ** -shift;
  else if (shift < 30 && acc >= -(2 ** 30) && acc < 2 ** 30) scaled = (acc + (1 << (shift - 1))) >> shift; // int32: fast
  else scaled = Math.floor((acc + 2 ** (shift - 1)) / 2 ** shift); // exact for |acc| < 2^53
  return scaled < -128 ? -128 : scaled > 127 ? 127 : scaled;
}

/**
 * The PWL operator on `input` into `output` (same length; may be the same array): int8 codes at input scale 2^-d
 * to int8 codes at output scale 2^-outputFracBits.
 */
export function pwlS8Reference(input: Int8Array, output: Int8Array, table: IntegerPwlTable, outputFracBits: number): void {
  const shift = 6 + table.inputFracBits - outputFracBits;
  const scale = 2 ** table.inputFracBits;
  const { breakpoints, slopes, intercepts } = table;
  const right = table.tieRule === 'right';
  for (let i = 0; i < input.length; i++) {
    const q = input[i];
    let segment = 0; // = segmentOfCode(table, q), written out: V8 does not inline it well here
    for (let j = 0; j < breakpoints.length; j++) {
      segment += right ? +(breakpoints[j] <= q) : +(breakpoints[j] < q);
    }
    output[i] = requantise(slopes[segment] * q + intercepts[segment] * scale, shift);
  }
}

/** The exact accumulators K_s * q + B_s * 2^d of `input` into `output` (int32, same length). */
export function pwlS8AccumulatorReference(input: Int8Array, output: Int32Array, table: IntegerPwlTable): void {
  const scale = 2 ** table.inputFracBits;
  const { breakpoints, slopes, intercepts } = table;
  const right = table.tieRule === 'right';
  for (let i = 0; i < input.length; i++) {
    const q = input[i];
    let segment = 0; // = segmentOfCode(table, q)
    for (let j = 0; j < breakpoints.length; j++) {
      segment += right ? +(breakpoints[j] <= q) : +(breakpoints[j] < q);
    }
    output[i] = slopes[segment] * q + intercepts[segment] * scale;
  }
}
