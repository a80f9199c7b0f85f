// Grid search shared by the fitness-f64 kernels (scalar code only, so the scalar build stays free of v128).

/**
 * Index of the first grid point at or above `value` among x[from..length), or `length` when there is none.
 * x is ascending f64 at byte address xPtr. A segment that starts at breakpoint `value` starts at this index, so a
 * grid point equal to a breakpoint goes to the segment on its right.
 *
 * The trainer grid is nearly uniform, so the index is first guessed by linear interpolation
 * (ceil((value - x0) * pointsPerUnit), pointsPerUnit = (length - 1) / (x[length-1] - x0)) and then corrected by
 * walking over the actual grid values; the walk makes the result exact for any ascending grid and is 0 or 1 step
 * on the trainer grid (a binary search costs ~10 badly predicted branches per breakpoint instead).
 */
// @ts-ignore: decorator
@inline
export function firstIndexAtOrAbove(xPtr: usize, from: i32, length: i32, value: f64, x0: f64, pointsPerUnit: f64): i32 {
  const estimate = Math.ceil((value - x0) * pointsPerUnit);
  let index = <i32>Math.min(Math.max(estimate, <f64>from), <f64>length);
  while (index > from && load<f64>(xPtr + (<usize>(index - 1) << 3)) >= value) index--;
  while (index < length && load<f64>(xPtr + (<usize>index << 3)) < value) index++;
  return index;
}

/** pointsPerUnit of {@link firstIndexAtOrAbove}: (length - 1) / (x[length-1] - x[0]), or 0 for a single point. */
// @ts-ignore: decorator
@inline
export function gridPointsPerUnit(xPtr: usize, length: i32): f64 {
  if (length < 2) return 0;
  const span = load<f64>(xPtr + (<usize>(length - 1) << 3)) - load<f64>(xPtr);
  return span > 0 ? <f64>(length - 1) / span : 0;
}
