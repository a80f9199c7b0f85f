/**
 * An emulation of NumPy's legacy `numpy.random.RandomState` (MT19937 underneath), bit for bit, for the calls the
 * official GQA-LUT trainer makes: `seed(int)`, `random_sample()` (alias `random()`), `uniform(low, high)` and
 * `normal(loc, scale)` with the legacy polar-method Gaussian and its cached second value. Written for this package
 * from NumPy's documented legacy behaviour.
 *
 * The one operation that is not plain IEEE arithmetic is the natural logarithm inside the Gaussian. NumPy calls the C
 * library's `log`; this class uses a correctly rounded logarithm by default ({@link accurateLog}). glibc's `log` is
 * not correctly rounded on about 0.07 % of arguments, and there the emulated Gaussian pair differs from NumPy's by
 * an ulp. Pass {@link NumpyRandomStateOptions.log} to substitute another logarithm.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { accurateLog } from './accurate-log.js';
import { Mt19937 } from './mt19937.js';

/** Options of {@link NumpyRandomState}. */
export interface NumpyRandomStateOptions {
  /** Natural logarithm used by the polar-method Gaussian. Default: {@link accurateLog} (correctly rounded). */
  log?: (x: number) => number;
}

/** NumPy's legacy `RandomState`, seeded with a 32-bit integer. */
export class NumpyRandomState {
  private readonly generator = new Mt19937();
  private readonly log: (x: number) => number;
  private hasCachedGauss = false;
  private cachedGauss = 0;

  /** A generator in the state of `numpy.random.RandomState(seed)` (the official trainer uses `np.random.seed(42)`). */
  constructor(seed: number, options: NumpyRandomStateOptions = {}) {
    this.log = options.log ?? accurateLog;
    this.seed(seed);
  }

  /** `RandomState.seed(seed)` for an integer in [0, 2^32): `init_genrand(seed)`; also drops the cached Gaussian. */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `NumPy seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    }
    this.generator.initGenrand(seed);
    this.hasCachedGauss = false;
    this.cachedGauss = 0;
  }

  /** `random_sample()` / `random()`: a float64 in [0, 1) with 53 random bits. */
  randomSample(): number {
    return this.generator.nextDouble53();
  }

  /** `uniform(low, high)` = low + (high - low) * random_sample(), with high - low rounded first as NumPy does. */
  uniform(low: number, high: number): number {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_RANGE, `uniform needs a finite high - low, got [${low}, ${high})`);
    }
    return low + range * this.generator.nextDouble53();
  }

  /**
   * The legacy standard normal (`legacy_gauss`): the Marsaglia polar method. Draws x1 = 2u - 1, x2 = 2u - 1 until
   * 0 < r2 = x1^2 + x2^2 < 1, then f = sqrt(-2 ln(r2) / r2); returns f * x2 and keeps f * x1 for the next call.
   */
  standardNormal(): number {
    if (this.hasCachedGauss) {
      const cached = this.cachedGauss;
      this.hasCachedGauss = false;
      this.cachedGauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.generator.nextDouble53() - 1;
      x2 = 2 * this.generator.nextDouble53() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * this.log(r2)) / r2);
    this.cachedGauss = factor * x1;
    this.hasCachedGauss = true;
    return factor * x2;
  }

  /** `normal(loc, scale)` = loc + scale * standardNormal() (scale must be >= 0, as NumPy requires). */
  normal(loc: number, scale: number): number {
    if (!(scale >= 0)) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `normal needs scale >= 0, got ${scale}`);
    }
    return loc + scale * this.standardNormal();
  }
}
