// Minimax lattice line of one slice, scalar f64: the slope search of the pwl-dp kernels for the max-abs objective.
//
// Operation: the smallest max_j |f_j - k x_j - b| over lattice k, b. high(k) = max (f - k x) and low(k) =
//   min (f - k x) come from the upper and lower convex hulls of the slice (kept incrementally while points are
//   added in x order; binary search per query); the best b for k is the lattice point nearest (high + low) / 2.
//   Slopes are visited outward from a start (a hint, or the lattice minimiser of the convex lower bound L(k), b
//   anywhere in the range, found by binary search) until L is non-decreasing and at or above the best error found.
// Types: x, f: f64 at xPtr, fPtr; the hulls: i32 point indices at upperPtr and lowerPtr (capacity n each), set by
//   setHulls. Lattice from lattice-line.ts (setLattice).
// Preconditions: points added with non-decreasing x; pointers aligned (8 bytes for f64, 4 for i32).
// Rounding: the operations of the reference in its order, so the error is bit-identical to it.
// Reference: addHullPoint, searchMaxErrorLine in src/optimize/minimax-line.ts.
import { constantXGap, constantXSlopeUnits, latticeMaxUnits, latticeMinUnits, latticeStep, nearestUnits } from './lattice-line';

let pointX: usize = 0;
let pointF: usize = 0;
let upperHull: usize = 0;
let lowerHull: usize = 0;
export let upperSize: i32 = 0;
export let lowerSize: i32 = 0;
let evaluatedCost: f64 = 0;
let evaluatedBound: f64 = 0;
/** Slope units of the line chosen by the last maxErrorLineCost call. */
export let chosenSlopeUnits: f64 = 0;

// @ts-ignore: decorator
@inline function xAt(index: i32): f64 { return load<f64>(pointX + (<usize>index << 3)); }
// @ts-ignore: decorator
@inline function fAt(index: i32): f64 { return load<f64>(pointF + (<usize>index << 3)); }
// @ts-ignore: decorator
@inline function vertex(stack: usize, position: i32): i32 { return load<i32>(stack + (<usize>position << 2)); }

/** Sets the points and the two hull stacks, and empties the hulls. */
export function setHulls(xPtr: usize, fPtr: usize, upperPtr: usize, lowerPtr: usize): void {
  pointX = xPtr;
  pointF = fPtr;
  upperHull = upperPtr;
  lowerHull = lowerPtr;
  upperSize = 0;
  lowerSize = 0;
}

/** Pushes point `index` onto one hull (sign 1: upper, keeps the highest f at equal x; -1: lower). */
// @ts-ignore: decorator
@inline
function pushOnHull(stack: usize, size: i32, sign: f64, index: i32): i32 {
  const x = xAt(index);
  const f = fAt(index);
  if (size > 0 && xAt(vertex(stack, size - 1)) == x) {
    if (sign * (f - fAt(vertex(stack, size - 1))) > 0) size--;
    else return size;
  }
  while (size >= 2) {
    const origin = vertex(stack, size - 2);
    const last = vertex(stack, size - 1);
    const turn = (xAt(last) - xAt(origin)) * (f - fAt(origin)) - (fAt(last) - fAt(origin)) * (x - xAt(origin));
    if (sign * turn >= 0) size--;
    else break;
  }
  store<i32>(stack + (<usize>size << 2), index);
  return size + 1;
}

/** Adds point `index` to both hulls. */
export function addHullPoint(index: i32): void {
  upperSize = pushOnHull(upperHull, upperSize, 1, index);
  lowerSize = pushOnHull(lowerHull, lowerSize, -1, index);
}

/** Value of f - slope x at a hull vertex. */
// @ts-ignore: decorator
@inline
function offsetAt(stack: usize, position: i32, slope: f64): f64 {
  const index = vertex(stack, position);
  return fAt(index) - slope * xAt(index);
}

/** max (f - slope x) (sign 1, upper hull) or min (sign -1, lower hull). */
function hullExtreme(stack: usize, size: i32, sign: f64, slope: f64): f64 {
  let low = 0;
  let high = size - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sign * (offsetAt(stack, middle + 1, slope) - offsetAt(stack, middle, slope)) <= 0) high = middle;
    else low = middle + 1;
  }
  return offsetAt(stack, low, slope);
}

/** Lattice error and lower bound at slope `units` into evaluatedCost / evaluatedBound. */
function evaluateSlope(units: f64): void {
  const slope = units * latticeStep;
  const high = hullExtreme(upperHull, upperSize, 1, slope);
  const low = hullExtreme(lowerHull, lowerSize, -1, slope);
  const middle = 0.5 * (high + low);
  const intercept = nearestUnits(middle) * latticeStep;
  const interceptMin = latticeMinUnits * latticeStep;
  const interceptMax = latticeMaxUnits * latticeStep;
  const clamped = middle < interceptMin ? interceptMin : middle > interceptMax ? interceptMax : middle;
  evaluatedCost = high - intercept > intercept - low ? high - intercept : intercept - low;
  evaluatedBound = high - clamped > clamped - low ? high - clamped : clamped - low;
}

/**
 * The smallest max |f - k x - b| over lattice lines, for the points on the hulls. The search starts at slope
 * `startUnits` (clamped), or at the minimiser of the lower bound when it is NaN; the chosen slope goes to
 * chosenSlopeUnits.
 */
export function maxErrorLineCost(startUnits: f64): f64 {
  chosenSlopeUnits = 0;
  if (upperSize == 0) return 0;
  if (upperSize == 1) {
    const upper = vertex(upperHull, 0);
    constantXGap(0.5 * (fAt(upper) + fAt(vertex(lowerHull, 0))), xAt(upper));
    chosenSlopeUnits = constantXSlopeUnits;
    evaluateSlope(constantXSlopeUnits);
    return evaluatedCost;
  }
  let low = latticeMinUnits;
  let high = latticeMaxUnits;
  if (startUnits == startUnits) {
    low = startUnits < low ? low : startUnits > high ? high : startUnits;
    high = low;
  }
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    evaluateSlope(middle + 1);
    const boundAbove = evaluatedBound;
    evaluateSlope(middle);
    if (boundAbove >= evaluatedBound) high = middle;
    else low = middle + 1;
  }
  let best = Infinity;
  let startBound = Infinity;
  for (let direction: f64 = 1; direction >= -1; direction -= 2) {
    let previousBound = direction > 0 ? Infinity : startBound;
    for (let units = direction > 0 ? low : low - 1; units >= latticeMinUnits && units <= latticeMaxUnits; units += direction) {
      evaluateSlope(units);
      if (evaluatedCost < best) {
        best = evaluatedCost;
        chosenSlopeUnits = units;
      }
      if (units == low) startBound = evaluatedBound;
      if (evaluatedBound >= best && evaluatedBound >= previousBound) break;
      previousBound = evaluatedBound;
    }
  }
  return best;
}
