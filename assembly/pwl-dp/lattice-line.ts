// Least-squares lattice line of one slice, scalar f64: the slope search of the pwl-dp kernels.
//
// Operation: given the weighted centred moments of a slice (W, mean x, mean f, Sxx, Sxf, Sff), the smallest
//   sum w (f - k x - b)^2 over k, b in {units * step : minUnits <= units <= maxUnits}. Branch and bound over the
//   slope outward from the continuous optimum; the best b for a slope is the lattice point nearest
//   b*(k) = mean f - k mean x, clamped. Stops on the bounds SSEc(k) and SSEc(k) + W dist(b*(k), range)^2.
// Types: all f64; the lattice (step, scale = 1 / step, minUnits, maxUnits) is set once per call by setLattice.
// Preconditions: finite moments; W > 0 means a non-empty slice.
// Rounding: every operation in the order of the reference, so the cost is bit-identical to it.
// Reference: searchSquaredErrorLine and constantXChoice in src/optimize/lattice-line.ts.

/** Slopes tried on each side of 0 when every x of the slice is the same (CONSTANT_X_SLOPE_RADIUS). */
const CONSTANT_X_SLOPE_RADIUS: f64 = 2048;

export let latticeStep: f64 = 1.0 / 64;
export let latticeScale: f64 = 64;
export let latticeMinUnits: f64 = -128;
export let latticeMaxUnits: f64 = 127;
/** Slope units chosen by the last constantXGap call. */
export let constantXSlopeUnits: f64 = 0;

/** Sets the coefficient lattice for the following searches. */
export function setLattice(step: f64, minUnits: f64, maxUnits: f64): void {
  latticeStep = step;
  latticeScale = 1.0 / step;
  latticeMinUnits = minUnits;
  latticeMaxUnits = maxUnits;
}

/** The lattice units nearest `value` (halves round up), clamped to the lattice range. */
// @ts-ignore: decorator
@inline
export function nearestUnits(value: f64): f64 {
  const units = Math.floor(value * latticeScale + 0.5);
  return units < latticeMinUnits ? latticeMinUnits : units > latticeMaxUnits ? latticeMaxUnits : units;
}

/**
 * For points that all lie at x0: the smallest |b - (target - k x0)| over lattice (k, b), slopes tried in the order
 * 0, 1, -1, 2, -2, ...; the slope goes to constantXSlopeUnits.
 */
export function constantXGap(target: f64, x0: f64): f64 {
  let bestGap = Infinity;
  constantXSlopeUnits = 0;
  const radius: f64 = x0 == 0 ? 0 : CONSTANT_X_SLOPE_RADIUS;
  for (let r: f64 = 0; r <= radius; r++) {
    if (r > latticeMaxUnits && -r < latticeMinUnits) break;
    for (let side = 0; side < 2; side++) {
      const slopeUnits: f64 = side == 0 ? r : 0 - r;
      if ((side == 1 && r == 0) || slopeUnits > latticeMaxUnits || slopeUnits < latticeMinUnits) continue;
      const ideal = target - slopeUnits * latticeStep * x0;
      const gap = Math.abs(nearestUnits(ideal) * latticeStep - ideal);
      if (gap < bestGap) {
        bestGap = gap;
        constantXSlopeUnits = slopeUnits;
        if (gap == 0) return 0;
      }
    }
  }
  return bestGap;
}

/** The smallest weighted sum of squared residuals of a lattice line, for a slice with these moments. */
export function squaredErrorLineCost(weight: f64, meanX: f64, meanF: f64, sxx: f64, sxf: f64, sff: f64): f64 {
  if (!(weight > 0)) return 0;
  if (!(sxx > 0)) {
    const gap = constantXGap(meanF, meanX);
    return sff + weight * gap * gap;
  }
  const step = latticeStep;
  const minUnits = latticeMinUnits;
  const maxUnits = latticeMaxUnits;
  const interceptMin = minUnits * step;
  const interceptMax = maxUnits * step;
  const continuousUnits = (sxf / sxx) * latticeScale;
  const upStart = Math.max(Math.ceil(continuousUnits), minUnits);
  let downStart = Math.min(Math.floor(continuousUnits), maxUnits);
  if (downStart == upStart) downStart -= 1;
  let best = Infinity;
  for (let direction: f64 = 1; direction >= -1; direction -= 2) {
    let previousBound = Infinity;
    for (let units = direction > 0 ? upStart : downStart; units >= minUnits && units <= maxUnits; units += direction) {
      const slope = units * step;
      const continuousCost = sff - 2 * slope * sxf + slope * slope * sxx;
      if (continuousCost >= best) break;
      const idealIntercept = meanF - slope * meanX;
      const gap = nearestUnits(idealIntercept) * step - idealIntercept;
      const cost = continuousCost + weight * gap * gap;
      if (cost < best) best = cost;
      const outside = idealIntercept < interceptMin ? interceptMin - idealIntercept
        : idealIntercept > interceptMax ? idealIntercept - interceptMax : 0;
      const bound = continuousCost + weight * outside * outside;
      if (bound >= best && bound >= previousBound) break;
      previousBound = bound;
    }
  }
  return best;
}
