/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), the generator behind both Python's `random`
 * and NumPy's legacy `RandomState`. The two libraries seed it differently: NumPy's legacy integer seed is
 * {@link Mt19937.initGenrand}, Python's integer seed goes through {@link Mt19937.initByArray} with the integer's
 * 32-bit words. Written for this package from the published algorithm.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

const STATE_WORDS = 624;
const SHIFT_WORDS = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

function checkWord(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `${what} must be an integer in [0, 2^32 - 1], got ${value}`);
  }
  return value >>> 0;
}

/** One MT19937 generator: 624 words of state and a read position. */
export class Mt19937 {
  private readonly state = new Uint32Array(STATE_WORDS);
  private position = STATE_WORDS + 1;

  /** A generator seeded with {@link initGenrand}(seed) (default 5489, the reference implementation's default). */
  constructor(seed = 5489) {
    this.initGenrand(seed);
  }

  /** The reference `init_genrand`: seeds from one 32-bit word (NumPy's legacy `RandomState.seed(int)`). */
  initGenrand(seed: number): void {
    const mt = this.state;
    mt[0] = checkWord(seed, 'MT19937 seed');
    for (let i = 1; i < STATE_WORDS; i++) {
      const previous = mt[i - 1];
      mt[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
    this.position = STATE_WORDS;
  }

  /** The reference `init_by_array`: seeds from an array of 32-bit words (Python's `random.seed(int)`). */
  initByArray(key: readonly number[]): void {
    if (key.length === 0) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'MT19937 init_by_array needs at least one key word');
    }
    const words = key.map((word, index) => checkWord(word, `MT19937 key word ${index}`));
    this.initGenrand(19650218);
    const mt = this.state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(STATE_WORDS, words.length); k > 0; k--) {
      const previous = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(previous ^ (previous >>> 30), 1664525)) + words[j] + j) >>> 0;
      i++;
      j++;
      if (i >= STATE_WORDS) {
        mt[0] = mt[STATE_WORDS - 1];
        i = 1;
      }
      if (j >= words.length) j = 0;
    }
    for (let k = STATE_WORDS - 1; k > 0; k--) {
      const previous = mt[i - 1];
      mt[i] = ((mt[i] ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= STATE_WORDS) {
        mt[0] = mt[STATE_WORDS - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.position = STATE_WORDS;
  }

  /** Regenerates all 624 words (the "twist"). */
  private twist(): void {
    const mt = this.state;
    let kk = 0;
    for (; kk < STATE_WORDS - SHIFT_WORDS; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + SHIFT_WORDS] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < STATE_WORDS - 1; kk++) {
      const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (SHIFT_WORDS - STATE_WORDS)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (mt[STATE_WORDS - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[STATE_WORDS - 1] = mt[SHIFT_WORDS - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.position = 0;
  }

  /** The next 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    if (this.position >= STATE_WORDS) this.twist();
    let y = this.state[this.position++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A float64 in [0, 1) with 53 random bits from two consecutive outputs a, b: ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53
   * (the reference `genrand_res53`, used identically by Python's `random()` and NumPy's `random_sample()`).
   */
  nextDouble53(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }
}
