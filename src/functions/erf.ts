/**
 * The error function in float64 (JavaScript has no `Math.erf`). Written for this package:
 *
 * - |x| < 2.5: the series erf(x) = 2/sqrt(pi) * x * exp(-x^2) * sum_n (2x^2)^n / (1*3*...*(2n+1)), whose terms are
 *   all positive (no cancellation). exp(-x^2) is evaluated with x^2 split exactly into a head and a tail
 *   (Veltkamp/Dekker), so the argument rounding does not cost accuracy.
 * - 2.5 <= |x| < 6: erf = 1 - erfc, erfc from its continued fraction (modified Lentz).
 * - |x| >= 6: +-1 (erfc(6) = 2.2e-17 is below half an ulp of 1).
 *
 * Accuracy, measured against 50-digit mpmath values on 4001 points of [-6, 6] by test/erf.test.ts: see that test
 * (at most 2 ulp; the README quotes the measured figure).
 */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SPLITTER = 134217729; // 2^27 + 1

/** exp(-x*x) with x*x split into an exact head + tail. */
function expMinusSquare(x: number): number {
  const c = SPLITTER * x;
  const hi = c - (c - x);
  const lo = x - hi;
  const square = x * x;
  const tail = hi * hi - square + 2 * hi * lo + lo * lo; // exact: x*x - fl(x*x)
  return Math.exp(-square) * (1 - tail);
}

function erfSeries(x: number): number {
  const twoX2 = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * x * expMinusSquare(x) * sum;
}

/** erfc(x) for x >= 2.5 by the continued fraction erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return (ONE_OVER_SQRT_PI * expMinusSquare(x)) / f;
}

/** The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt, in float64. erf(NaN) is NaN. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return x > 0 ? 1 : -1;
  if (a < 2.5) return erfSeries(x);
  const value = 1 - erfcContinuedFraction(a);
  return x > 0 ? value : -value;
}
