/**
 * An emulation of CPython 3.11's `random.Random` (MT19937 underneath), bit for bit, for the calls the official
 * GQA-LUT trainer and DEAP make: `seed(int)`, `random()`, `getrandbits(k)` for k <= 32, `_randbelow(n)`,
 * `randint(a, b)` and `choice(seq)`. Written for this package from the documented behaviour of CPython.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { Mt19937 } from './mt19937.js';

/** Largest n for which {@link PythonRandom.randbelow} is supported (bit length at most 32). */
const MAX_RANDBELOW = 0xffffffff;

/** The 32-bit words of |seed|, least significant first, at least one word (CPython's `random_seed` for an int). */
export function seedWords(seed: number | bigint): number[] {
  let magnitude: bigint;
  if (typeof seed === 'bigint') {
    magnitude = seed < 0n ? -seed : seed;
  } else {
    if (!Number.isSafeInteger(seed)) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `Python random seed must be a safe integer or a bigint, got ${seed}`);
    }
    magnitude = BigInt(Math.abs(seed));
  }
  const words: number[] = [];
  do {
    words.push(Number(magnitude & 0xffffffffn));
    magnitude >>= 32n;
  } while (magnitude > 0n);
  return words;
}

/** Bit length of a positive integer below 2^32 (Python's `int.bit_length`). */
function bitLength(n: number): number {
  return 32 - Math.clz32(n);
}

/** Python's `random.Random`, seeded with an integer. */
export class PythonRandom {
  private readonly generator = new Mt19937();

  /** A generator in the state of `random.Random(seed)` (Python seeds 42 in the official trainer). */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /** `random.seed(seed)` for an integer seed: `init_by_array` of the 32-bit words of |seed|. */
  seed(seed: number | bigint): void {
    this.generator.initByArray(seedWords(seed));
  }

  /** `random.random()`: a float64 in [0, 1) with 53 random bits. */
  random(): number {
    return this.generator.nextDouble53();
  }

  /** `random.getrandbits(k)` for 0 <= k <= 32: the top k bits of one 32-bit output (no draw for k = 0). */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `getrandbits supports 0 <= k <= 32 bits, got ${k}`);
    }
    if (k === 0) return 0;
    return this.generator.nextUint32() >>> (32 - k);
  }

  /**
   * `random._randbelow(n)` for 1 <= n < 2^32: k = bit length of n, `getrandbits(k)` redrawn while it is >= n.
   */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > MAX_RANDBELOW) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `randbelow needs an integer n in [1, 2^32 - 1], got ${n}`);
    }
    const shift = 32 - bitLength(n);
    let r = this.generator.nextUint32() >>> shift;
    while (r >= n) r = this.generator.nextUint32() >>> shift;
    return r;
  }

  /** `random.randint(a, b)`: an integer in [a, b], both ends included, as a + randbelow(b - a + 1). */
  randint(a: number, b: number): number {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `randint needs integers a <= b, got ${a} and ${b}`);
    }
    return a + this.randbelow(b - a + 1);
  }

  /** `random.choice(seq)`: seq[randbelow(seq.length)]. */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) {
      throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, 'choice needs a non-empty sequence');
    }
    return seq[this.randbelow(seq.length)];
  }
}
