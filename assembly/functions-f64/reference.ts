// Float64 references of the built-in functions whose JS definition uses only IEEE-exact basic operations (+ - * /,
// sqrt, abs, min, max and constants), so that the fitness kernels can compute f at the genes themselves.
//
// THESE MUST STAY BIT-IDENTICAL TO src/functions/erf.ts AND src/functions/registry.ts: the same constants, the same
// operations in the same order (wasm never contracts a * b + c into a fused multiply-add, and V8 does not either, so
// equal operation sequences give equal bits). test/reference-f64.test.ts compares every function here with the JS
// registry bit for bit (Object.is) on dense sweeps, the erf piece boundaries (+-3 ulp), tiny, huge and special values,
// on both wasm builds. Change the JS reference and this file together, or the test fails.
//
// Function ids (REFERENCE_IDS in src/functions/reference-ids.ts, which maps the registry's functions to them):
//   0: none (the caller supplies f), 1: gelu, 2: hswish, 3: reci, 4: sqrt_reci, 5: erf (for the tests only).
// Functions built on Math.exp or Math.tanh (silu, sigmoid, exp, tanh) are not here: AssemblyScript's exp is not
// V8's, so their bits would differ.

// ---- erf: a port of src/functions/erf.ts (see its header for the method and accuracy) ----

const TWO_OVER_SQRT_PI_HI: f64 = 1.1283791670955126;
const TWO_OVER_SQRT_PI_LO: f64 = 1.533545961316588e-17;
const SPLITTER: f64 = 134217729;
const C_SPLIT: f64 = SPLITTER * TWO_OVER_SQRT_PI_HI;
const C_HI_HI: f64 = C_SPLIT - (C_SPLIT - TWO_OVER_SQRT_PI_HI);
const C_HI_LO: f64 = TWO_OVER_SQRT_PI_HI - C_HI_HI;

const S0: f64 = -0.37612638903183754;
const S1: f64 = 0.11283791670955011;
const S2: f64 = -0.026866170644837095;
const S3: f64 = 0.005223977597184948;
const S4: f64 = -0.0008548314091105021;
const S5: f64 = 0.00012052291916504666;
const S6: f64 = -1.4570251595891852e-05;

/** Rows of stride 19: [m, erf(m) hi, erf(m) lo, erf'(m) hi, erf'(m) lo, Q coefficients t^0..t^13] (copied from erf.ts). */
const PIECES: usize = memory.data<f64>([
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
const STRIDE_BYTES: i32 = 19 * 8;

const TWO_POW_100: f64 = 1.2676506002282294e+30; // 2^100
const TWO_POW_MINUS_100: f64 = 7.888609052210118e-31; // 2^-100
const TWO_POW_MINUS_960: f64 = 1.0261342003245941e-289; // 2^-960

/** erf(x) for 2^-960 <= |x| < 1/4 (erfSmall in erf.ts). */
function erfSmall(x: f64): f64 {
  const z = x * x;
  const s = S0 + z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const ph = x * TWO_OVER_SQRT_PI_HI;
  const pl = xh * C_HI_HI - ph + xh * C_HI_LO + xl * C_HI_HI + xl * C_HI_LO;
  return ph + (pl + x * TWO_OVER_SQRT_PI_LO + x * (z * s));
}

/** erf(a) for 1/4 <= a < 6 (erfTable in erf.ts). */
function erfTable(a: f64): f64 {
  const p = PIECES + <usize>((a < 0.5 ? 0 : <i32>(2 * a)) * STRIDE_BYTES);
  const t = a - load<f64>(p);
  const q =
    load<f64>(p, 40) + t * (load<f64>(p, 48) + t * (load<f64>(p, 56) + t * (load<f64>(p, 64) + t * (load<f64>(p, 72) +
    t * (load<f64>(p, 80) + t * (load<f64>(p, 88) + t * (load<f64>(p, 96) + t * (load<f64>(p, 104) + t * (load<f64>(p, 112) +
    t * (load<f64>(p, 120) + t * (load<f64>(p, 128) + t * (load<f64>(p, 136) + t * load<f64>(p, 144)))))))))))));
  const dh = load<f64>(p, 24);
  const cd = SPLITTER * dh;
  const dhh = cd - (cd - dh);
  const dhl = dh - dhh;
  const ct = SPLITTER * t;
  const th = ct - (ct - t);
  const tl = t - th;
  const ph = dh * t;
  const pl = dhh * th - ph + dhh * tl + dhl * th + dhl * tl;
  const eh = load<f64>(p, 8);
  const s = eh + ph;
  const e = ph - (s - eh);
  return s + (e + load<f64>(p, 16) + pl + load<f64>(p, 32) * t + t * t * q);
}

/** erf(x), bit-identical to erf in src/functions/erf.ts (NaN, +-0 and +-Infinity included). */
export function erf(x: f64): f64 {
  const a = abs<f64>(x);
  if (a < 0.25) {
    if (a >= TWO_POW_MINUS_960) return erfSmall(x);
    if (x == 0) return x;
    return erfSmall(x * TWO_POW_100) * TWO_POW_MINUS_100;
  }
  if (a < 6) {
    const v = erfTable(a);
    return x < 0 ? -v : v;
  }
  if (a >= 6) return x > 0 ? 1 : -1;
  return x;
}

// ---- the registry's functions (src/functions/registry.ts) ----

const SQRT2: f64 = 1.4142135623730951; // Math.SQRT2

/** Reference function `id` (see the header) at x; NaN for an unknown id. */
export function referenceF64(id: i32, x: f64): f64 {
  switch (id) {
    case 1: return 0.5 * x * (1 + erf(x / SQRT2)); // gelu
    case 2: return (x * min<f64>(max<f64>(x + 3, 0), 6)) / 6; // hswish: f64.min/max order -0 < +0 and propagate NaN, as Math.min/max do
    case 3: return 1 / x; // reci
    case 4: return 1 / sqrt<f64>(x); // sqrt_reci
    case 5: return erf(x);
    default: return NaN;
  }
}

/**
 * For a fitness kernel: f at the N-1 genes of one candidate, splits f64[entries + 1] at splitsPtr, written to
 * values f64[entries + 1] at valuesPtr, slots 1..entries-1 (the outer ends' values, slots 0 and entries, are the
 * caller's). id as in the header, not 0.
 */
// @ts-ignore: decorator
@inline
export function writeGeneValues(id: i32, splitsPtr: usize, valuesPtr: usize, entries: i32): void {
  for (let i = 1; i < entries; i++) {
    const offset = <usize>i << 3;
    store<f64>(valuesPtr + offset, referenceF64(id, load<f64>(splitsPtr + offset)));
  }
}
