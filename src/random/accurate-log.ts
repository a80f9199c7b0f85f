/**
 * Natural logarithm rounded to nearest with an internal error near 2^-70 relative, for the NumPy emulation.
 *
 * NumPy's legacy Gaussian calls the C library's `log`, which on glibc is within about 0.52 ulp (nearly always the
 * correctly rounded value). V8's `Math.log` is within 1 ulp and differs from glibc on about 7 % of arguments, which
 * would make the emulated normal samples drift by an ulp. This function evaluates log(x) in double-double
 * arithmetic (x = m * 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1) / (m + 1)) and rounds once.
 */

const LN2_HIGH = 0.6931471805599453;
const LN2_LOW = 2.3190468138462996e-17;
const THIRD_HIGH = 0.3333333333333333;
const THIRD_LOW = 1.850371707708594e-17;
const SPLITTER = 134217729; // 2^27 + 1
/** 1/5, 1/7, ..., 1/27: the atanh series beyond its first two terms. */
const ATANH_TAIL = Float64Array.from({ length: 12 }, (_, k) => 1 / (2 * k + 5));
/** A float64 and its two 32-bit halves, to read and set the exponent field. */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
bits[0] = 1;
const HIGH_WORD = words[1] === 0x3ff00000 ? 1 : 0;

// Scratch results of the error-free transformations (high, low), to avoid allocating pairs.
let resultHigh = 0;
let resultLow = 0;

/** Exact product a*b = resultHigh + resultLow (Dekker's algorithm with Veltkamp splitting; no FMA in JS). */
function twoProduct(a: number, b: number): void {
  const product = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  resultHigh = product;
  resultLow = aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/** Exact sum a+b = resultHigh + resultLow (Knuth's two-sum). */
function twoSum(a: number, b: number): void {
  const sum = a + b;
  const bVirtual = sum - a;
  resultHigh = sum;
  resultLow = a - (sum - bVirtual) + (b - bVirtual);
}

/** Double-double product (aH + aL)(bH + bL), normalised into resultHigh + resultLow. */
function ddMultiply(aHigh: number, aLow: number, bHigh: number, bLow: number): void {
  twoProduct(aHigh, bHigh);
  const high = resultHigh;
  const low = resultLow + (aHigh * bLow + aLow * bHigh);
  twoSum(high, low);
}

/** Double-double sum (aH + aL) + (bH + bL), normalised into resultHigh + resultLow. */
function ddAdd(aHigh: number, aLow: number, bHigh: number, bLow: number): void {
  twoSum(aHigh, bHigh);
  const high = resultHigh;
  const low = resultLow + aLow + bLow;
  twoSum(high, low);
}

/**
 * log(x) for a positive finite x, correctly rounded except when the exact value lies within about 2^-17 ulp of a
 * rounding midpoint. Non-positive, infinite and NaN inputs follow `Math.log`.
 */
export function accurateLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  // x = m * 2^exponent with m in [sqrt(1/2), sqrt(2)), read from the bits (subnormals are scaled up first).
  let exponent = 0;
  bits[0] = x;
  if (bits[0] < 2.2250738585072014e-308) {
    bits[0] = x * 18014398509481984; // 2^54
    exponent = -54;
  }
  exponent += ((words[HIGH_WORD] >>> 20) & 0x7ff) - 1023;
  words[HIGH_WORD] = (words[HIGH_WORD] & 0x800fffff) | 0x3ff00000; // mantissa with exponent 0: [1, 2)
  let m = bits[0];
  if (m >= Math.SQRT2) {
    m *= 0.5;
    exponent++;
  }

  // s = (m - 1) / (m + 1) in double-double; m - 1 is exact (Sterbenz).
  const numerator = m - 1;
  twoSum(m, 1);
  const denominatorHigh = resultHigh;
  const denominatorLow = resultLow;
  const quotient = numerator / denominatorHigh;
  twoProduct(quotient, denominatorHigh);
  const remainder = numerator - resultHigh - resultLow - quotient * denominatorLow;
  twoSum(quotient, remainder / denominatorHigh);
  const sHigh = resultHigh;
  const sLow = resultLow;

  // atanh(s) = s (1 + z/3 + z^2/5 + ...), z = s^2 <= 0.0295. The tail z/5 + z^2/7 + ... in plain double.
  ddMultiply(sHigh, sLow, sHigh, sLow);
  const zHigh = resultHigh;
  const zLow = resultLow;
  let tail = ATANH_TAIL[ATANH_TAIL.length - 1];
  for (let k = ATANH_TAIL.length - 2; k >= 0; k--) tail = ATANH_TAIL[k] + zHigh * tail;
  // inner = 1/3 + z * tail
  twoProduct(zHigh, tail);
  const zTailHigh = resultHigh;
  const zTailLow = resultLow + zLow * tail;
  ddAdd(THIRD_HIGH, THIRD_LOW, zTailHigh, zTailLow);
  // series = 1 + z * inner
  ddMultiply(zHigh, zLow, resultHigh, resultLow);
  ddAdd(1, 0, resultHigh, resultLow);
  // log m = 2 s * series
  ddMultiply(2 * sHigh, 2 * sLow, resultHigh, resultLow);
  const logMHigh = resultHigh;
  const logMLow = resultLow;
  // exponent * ln 2 (exponent has at most 11 bits, so exponent * LN2_HIGH needs the two-product too)
  twoProduct(exponent, LN2_HIGH);
  const scaledHigh = resultHigh;
  const scaledLow = resultLow + exponent * LN2_LOW;
  ddAdd(scaledHigh, scaledLow, logMHigh, logMLow);
  return resultHigh + resultLow;
}
