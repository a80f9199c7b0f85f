// Secant coefficients and breakpoint clipping shared by the fitness-f64 kernels (scalar code only, so the scalar
// build stays free of v128).

/**
 * Writes the official rounded secant of each of the `entries` consecutive split pairs: splits f64[entries + 1] at
 * splitsPtr, f at them f64[entries + 1] at valuesPtr; slopes and intercepts f64[entries] each.
 * Pair (a1, a2) with values (f1, f2): slope = (f2 - f1) / (a2 - a1), intercept = (-a1 * slope) + f1 with the
 * unrounded slope, then each rounded half-to-even to a multiple of 1 / scale; a zero-width pair gives +0, +0.
 * Rounding: f64.nearest is IEEE roundToIntegralTiesToEven, equal to np.round / rint and to roundHalfEven in
 * src/fit/secant.ts, the sign of a zero result included (-0.2 gives -0). Multiplying by inverseScale = 1 / scale
 * equals dividing by scale: scale is a power of two and nearest(...) an integer (or infinite / NaN), so the product
 * is exact and cannot underflow.
 * Reference: writeSecants in src/fit/secant.ts (equal bit for bit).
 */
// @ts-ignore: decorator
@inline
export function writeSecants(splitsPtr: usize, valuesPtr: usize, entries: i32, scale: f64, inverseScale: f64,
  slopesPtr: usize, interceptsPtr: usize): void {
  for (let s = 0; s < entries; s++) {
    const offset = <usize>s << 3;
    const a1 = load<f64>(splitsPtr + offset);
    const a2 = load<f64>(splitsPtr + offset, 8);
    const f1 = load<f64>(valuesPtr + offset);
    const slope = (load<f64>(valuesPtr + offset, 8) - f1) / (a2 - a1);
    const intercept = -a1 * slope + f1;
    const zeroWidth = a1 == a2;
    store<f64>(slopesPtr + offset, select<f64>(0, nearest<f64>(slope * scale) * inverseScale, zeroWidth));
    store<f64>(interceptsPtr + offset, select<f64>(0, nearest<f64>(intercept * scale) * inverseScale, zeroWidth));
  }
}

/** A gene clipped to the outer ends [lowEnd, highEnd], as the official trainer clips the splits before digitize. */
// @ts-ignore: decorator
@inline
export function clipToEnds(split: f64, lowEnd: f64, highEnd: f64): f64 {
  return split < lowEnd ? lowEnd : split > highEnd ? highEnd : split;
}
