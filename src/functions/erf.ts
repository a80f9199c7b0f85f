/**
 * The error function in float64 (JavaScript has no `Math.erf`). Written for this package; the coefficients are our own
 * fits, printed by `python3 scripts/gen-erf-fixture.py --coefficients` (mpmath, 80 digits; see that script).
 *
 * Method (x >= 0; erf(-x) = -erf(x)):
 * - x < 1/4: erf(x) = x * 2/sqrt(pi) + x * z * S(z), z = x^2, with S a degree-6 polynomial fitted to
 *   (erf(x)/x - 2/sqrt(pi)) / z on [0, 1/16]. The leading product x * 2/sqrt(pi) is formed exactly (Dekker's
 *   two-product against 2/sqrt(pi) as a double-double), so only the small correction (< 2.1% of the result) carries
 *   rounding error. Below 2^-960 the argument is scaled by 2^100 first, so that the exact product cannot underflow.
 * - 1/4 <= x < 6, in the pieces [1/4, 1/2) and [k/2, (k+1)/2), k = 1..11, each with its centre m:
 *   erf(m + t) = E + D t + t^2 Q(t), where E = erf(m) and D = erf'(m) are double-double constants and Q (degree <= 13)
 *   is fitted to (erf(m + t) - E - D t) / t^2 on the piece. t = x - m is exact (Sterbenz), D t is formed exactly
 *   (two-product) and added to E with an exact two-sum, so again only the small term t^2 Q(t) (< 6% of the result)
 *   carries rounding error.
 * - x >= 6: 1 (erf(x) rounds to 1 for x > 5.9216, where erfc(x) < 2^-54).
 * Every polynomial's truncation error is below 2^-62 relative to erf.
 *
 * Accuracy (measured against mpmath): max error 0.54 ulp over 204,000 points (uniform on [0, 6], log-uniform on
 * [1e-30, 1], dense around every piece boundary), 0.51 ulp over the 4,821 points of test/fixtures/erf-mpmath.json
 * (4001-point grid of [-6, 6], tiny/subnormal arguments, branch boundaries). So the result is always within 1 ulp of
 * the correctly rounded value (and equal to it on 99.6% of the fixture); test/erf.test.ts asserts <= 1 ulp from the
 * rounded reference and <= 0.6 ulp from the exact one. Cost: ~15-20 ns per call in Node 20.
 *
 * assembly/functions-f64/reference.ts is a bit-identical port (the wasm fitness kernels use it for gelu): change
 * both together; test/reference-f64.test.ts compares them bit for bit.
 */

/** 2/sqrt(pi) as a double-double (hi + lo), and hi split into two 26-bit halves for the exact product. */
const TWO_OVER_SQRT_PI_HI = 1.1283791670955126;
const TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17;
/** Veltkamp splitting constant 2^27 + 1. */
const SPLITTER = 134217729;
const C_SPLIT = SPLITTER * TWO_OVER_SQRT_PI_HI;
const C_HI_HI = C_SPLIT - (C_SPLIT - TWO_OVER_SQRT_PI_HI);
const C_HI_LO = TWO_OVER_SQRT_PI_HI - C_HI_HI;

/** S(z) = (erf(sqrt z)/sqrt z - 2/sqrt(pi)) / z on [0, 1/16]: coefficients of z^0..z^6. */
const S0 = -0.37612638903183754;
const S1 = 0.11283791670955011;
const S2 = -0.026866170644837095;
const S3 = 0.005223977597184948;
const S4 = -0.0008548314091105021;
const S5 = 0.00012052291916504666;
const S6 = -1.4570251595891852e-05;

/**
 * One row per piece, stride 19: [m, erf(m) hi, erf(m) lo, erf'(m) hi, erf'(m) lo, Q coefficients of t^0..t^13 (zero
 * padded)]. Rows: [1/4, 1/2), then [k/2, (k+1)/2) for k = 1..11.
 */
const PIECES = new Float64Array([
  // [0.25, 0.5): degree 11, truncation 1.52e-20 relative
  0.375, 0.4041169094348223, -1.5094497806256517e-17, 0.9803528095459079, 1.626126208724185e-18,
  -0.36763230357971544, -0.2348761939537071, 0.16658338755955734, 0.04547535005217854, -0.05010665543816192,
  -0.005458894072669372, 0.011248911522160255, 0.000124042351004961, -0.0020090790396997994, 0.00011668197969147701,
  0.00029537100724069, -3.331581189253564e-05, 0.0, 0.0,
  // [0.5, 1.0): degree 13, truncation 1.65e-19 relative
  0.75, 0.7111556336535151, 4.69744077164289e-17, 0.6429310691952074, -4.291557055743067e-17, -0.4821983018964055,
  0.026788794549800304, 0.15068696934262898, -0.05324272916772775, -0.026872509533347307, 0.01843523517781834,
  0.002301788359635594, -0.003968260437625809, 0.0001860297115300557, 0.0006239832741766431,
  -0.00010612477671962066, -7.57362232474603e-05, 2.1417528741598246e-05, 7.056687054175418e-06,
  // [1.0, 1.5): degree 13, truncation 4.18e-20 relative
  1.25, 0.9229001282564583, -5.51775442986392e-17, 0.2365211224472908, -8.289310148800608e-19, -0.29565140305911347,
  0.16753579506683097, -0.00615940423039913, -0.04718103640485055, 0.021301272963699252, 0.003625982609534577,
  -0.005697678080571103, 0.000877636166462704, 0.0007935125508110134, -0.00032395631166725605,
  -5.2762778602582236e-05, 5.581865927340891e-05, -2.7249164898720576e-06, -6.299128286600785e-06,
  // [1.5, 2.0): degree 13, truncation 6.68e-21 relative
  1.75, 0.9866716712191824, 2.1431190289565338e-17, 0.05277499593015037, 3.1148026092514157e-18,
  -0.09235624287776316, 0.09015728471400689, -0.048102209832168195, 0.006624361468315979, 0.00896304509869831,
  -0.006058751470449834, 0.0007300512499384227, 0.0008941817509818219, -0.00044275062789776633,
  -5.445747778100844e-06, 6.867472687072579e-05, -1.7714527779474177e-05, -4.661708863104134e-06,
  3.202722966791396e-06,
  // [2.0, 2.5): degree 13, truncation 5.57e-21 relative
  2.25, 0.9985372834133188, 2.6956405885413457e-17, 0.007142319022017983, -1.553978476951966e-19,
  -0.016070217799540463, 0.021724553691971366, -0.019083383636954183, 0.010657679165667363, -0.0029043570710920834,
  -0.0006704559699273463, 0.0009994937154224552, -0.0003693804200614669, -1.1466711514141083e-05,
  6.51350511409609e-05, -2.268523733762548e-05, -1.3346094081472856e-06, 3.3852145888187897e-06,
  -8.31499555646284e-07,
  // [2.5, 3.0): degree 13, truncation 3.24e-21 relative
  2.75, 0.9998993780778803, 4.451378916214761e-17, 0.0005862772470937923, 2.077084876528847e-21,
  -0.001612262429507929, 0.0027603887050666057, -0.0032581136596306817, 0.002755808414073709,
  -0.0016573274036467609, 0.0006460409566662865, -8.90115730642508e-05, -7.122311413129649e-05,
  5.499707708507323e-05, -1.584383180099908e-05, -1.0731207860626925e-06, 2.6881917918569055e-06,
  -8.91449248825483e-07, -4.847190419426275e-09,
  // [3.0, 3.5): degree 11, truncation 3.67e-20 relative
  3.25, 0.9999956972205363, 5.224680575187069e-17, 2.9189025383581702e-05, -1.521161659948827e-21,
  -9.486433249664048e-05, 0.00019580971194819196, -0.0002865693377503238, 0.0003137972254931357,
  -0.0002635285042054593, 0.0001699914140923814, -8.164763107812005e-05, 2.5913875598228936e-05,
  -2.3288556692040086e-06, -2.86518104470743e-06, 1.9043965712578403e-06, -5.357207218521276e-07, 0.0, 0.0,
  // [3.5, 4.0): degree 11, truncation 8.46e-20 relative
  3.75, 0.9999998862727434, 4.2276182391829615e-17, 8.814321912318039e-07, 2.759949360917261e-23,
  -3.305370717120514e-06, 7.969616062387969e-06, -1.3841239876498387e-05, 1.837097499771816e-05,
  -1.9272721715435198e-05, 1.627530282914929e-05, -1.1128209116356766e-05, 6.108874659277403e-06,
  -2.6038739455127535e-06, 7.75533896873797e-07, -8.212802469290558e-08, -5.997795369398096e-08, 0.0, 0.0,
  // [4.0, 4.5): degree 11, truncation 5.45e-21 relative
  4.25, 0.9999999981494259, 9.86675034192752e-19, 1.6143993719507412e-08, -6.145126967041825e-25,
  -6.861197330782157e-08, 1.8901925979924572e-07, -3.7879526940192e-07, 5.872461798620402e-07,
  -7.309199980627411e-07, 7.477252179273885e-07, -6.378335736261225e-07, 4.570059890876916e-07,
  -2.750241225435762e-07, 1.3777156835130082e-07, -5.6462613674405455e-08, 1.704529633899485e-08, 0.0, 0.0,
  // [4.5, 5.0): degree 11, truncation 1.60e-21 relative
  4.75, 0.9999999999815149, 5.461622108299497e-17, 1.7934357034341337e-10, 5.216767879153026e-27,
  -8.518819591075523e-10, 2.637845013793415e-09, -5.980921281989747e-09, 1.0572396888635717e-08,
  -1.5144710972422766e-08, 1.8036304230759215e-08, -1.817316389095533e-08, 1.5675470266845578e-08,
  -1.165017523984231e-08, 7.502239461938444e-09, -4.326841037738142e-09, 2.0416625987868385e-09, 0.0, 0.0,
  // [5.0, 5.5): degree 9, truncation 1.78e-20 relative
  5.25, 0.9999999999998869, 2.859354043191264e-17, 1.2084074716006755e-12, 2.5213147510326454e-29,
  -6.344139469540472e-12, 2.1801684944602947e-11, -5.511451469138919e-11, 1.0920026901839446e-10,
  -1.764283048324773e-10, 2.386198001527713e-10, -2.742584458065296e-10, 2.742084964321326e-10,
  -2.597477256622786e-10, 1.957435620558924e-10, 0.0, 0.0, 0.0, 0.0,
  // [5.5, 6.0): degree 7, truncation 2.65e-20 relative
  5.75, 0.9999999999999996, 2.0875548107488853e-17, 4.938485140964219e-15, 4.8103110582987947e-32,
  -2.8395955072999207e-14, 1.0720599204724567e-13, -2.989236627138564e-13, 6.551172590826963e-13,
  -1.162104514145409e-12, 1.7637660596212376e-12, -2.641997731651997e-12, 2.8913994118844573e-12, 0.0, 0.0, 0.0,
  0.0, 0.0, 0.0,
]);
const STRIDE = 19;

const TWO_POW_100 = 2 ** 100;
const TWO_POW_MINUS_100 = 2 ** -100;
const TWO_POW_MINUS_960 = 2 ** -960;

/** erf(x) for 2^-960 <= |x| < 1/4 (any sign). */
function erfSmall(x: number): number {
  const z = x * x;
  const s = S0 + z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  // ph + pl = x * TWO_OVER_SQRT_PI_HI exactly (Dekker).
  const c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const ph = x * TWO_OVER_SQRT_PI_HI;
  const pl = xh * C_HI_HI - ph + xh * C_HI_LO + xl * C_HI_HI + xl * C_HI_LO;
  return ph + (pl + x * TWO_OVER_SQRT_PI_LO + x * (z * s));
}

/** erf(a) for 1/4 <= a < 6. */
function erfTable(a: number): number {
  const o = (a < 0.5 ? 0 : (2 * a) | 0) * STRIDE;
  const p = PIECES;
  const t = a - p[o]; // exact: a and the centre are within a factor 2
  const q =
    p[o + 5] + t * (p[o + 6] + t * (p[o + 7] + t * (p[o + 8] + t * (p[o + 9] + t * (p[o + 10] + t * (p[o + 11] +
    t * (p[o + 12] + t * (p[o + 13] + t * (p[o + 14] + t * (p[o + 15] + t * (p[o + 16] + t * (p[o + 17] +
    t * p[o + 18]))))))))))));
  // ph + pl = D_hi * t exactly (Dekker).
  const dh = p[o + 3];
  const cd = SPLITTER * dh;
  const dhh = cd - (cd - dh);
  const dhl = dh - dhh;
  const ct = SPLITTER * t;
  const th = ct - (ct - t);
  const tl = t - th;
  const ph = dh * t;
  const pl = dhh * th - ph + dhh * tl + dhl * th + dhl * tl;
  // s + e = E_hi + ph exactly (fast two-sum; |E_hi| > |ph| on every piece).
  const eh = p[o + 1];
  const s = eh + ph;
  const e = ph - (s - eh);
  return s + (e + p[o + 2] + pl + p[o + 4] * t + t * t * q);
}

/**
 * The error function erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt, in float64 (see the file header for the
 * method and the measured accuracy). erf(NaN) is NaN, erf(-0) is -0, erf(+-Infinity) is +-1.
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 0.25) {
    if (a >= TWO_POW_MINUS_960) return erfSmall(x);
    if (x === 0) return x; // keeps the sign of zero
    return erfSmall(x * TWO_POW_100) * TWO_POW_MINUS_100;
  }
  if (a < 6) {
    const v = erfTable(a);
    return x < 0 ? -v : v;
  }
  if (a >= 6) return x > 0 ? 1 : -1;
  return x; // NaN
}
