/**
 * The evaluation grid of the official trainer: NumPy `arange(lo, hi, step)` reproduced value for value.
 *
 * NumPy does not compute lo + i * step. For float arguments it takes the length ceil((hi - lo) / step), stores
 * x_0 = lo and x_1 = lo + step, and fills the rest from the *realised* first difference delta = x_1 - x_0 as
 * x_i = lo + i * delta. On [-4, 4) delta is 0.009999999999999787, not 0.01, so the last point is
 * 3.9899999999998297 and not 3.99. The fitness compares grid points with breakpoints (x equal to a breakpoint goes
 * to the right segment), so the exact values matter.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

/** Largest grid {@link trainerGrid} builds (points); beyond it the range is almost certainly a mistake. */
export const MAX_TRAINER_GRID_POINTS = 1 << 22;

/**
 * The points of NumPy `arange(lo, hi, step)` for float arguments, exactly as NumPy computes them.
 *
 * @param lo first point (included), finite.
 * @param hi end of the range (excluded in exact arithmetic; the last point can land on or just above it when
 *   rounding makes (hi - lo) / step fall just above an integer, as NumPy does), finite, above `lo`.
 * @param step spacing, finite and positive; default 0.01 (the official trainer's).
 * @returns a new Float64Array of ceil((hi - lo) / step) points, ascending.
 * @throws GqaLutError INVALID_RANGE for a non-finite or empty range or a bad step, INVALID_LENGTH for more than
 *   {@link MAX_TRAINER_GRID_POINTS} points.
 */
export function trainerGrid(lo: number, hi: number, step = 0.01): Float64Array {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `grid range must be finite with lo < hi, got [${lo}, ${hi})`);
  }
  if (!Number.isFinite(step) || !(step > 0)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `grid step must be a finite positive number, got ${step}`);
  }
  // NumPy: a quotient that underflows to 0 still gives one point.
  const length = Math.max(1, Math.ceil((hi - lo) / step));
  if (!(length <= MAX_TRAINER_GRID_POINTS)) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `grid [${lo}, ${hi}) with step ${step} has ${length} points; at most ${MAX_TRAINER_GRID_POINTS} are allowed`);
  }
  const grid = new Float64Array(length);
  grid[0] = lo;
  if (length === 1) return grid;
  grid[1] = lo + step;
  const delta = grid[1] - lo;
  for (let i = 2; i < length; i++) grid[i] = lo + i * delta;
  return grid;
}
