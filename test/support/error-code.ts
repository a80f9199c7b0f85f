// The code of the GqaLutError a call throws, or undefined when it returns; any other error fails the test.
import { expect } from 'vitest';
import { GqaLutError } from '../../src/errors.js';

/** Runs `fn` and returns the `code` of the GqaLutError it throws (undefined when it does not throw). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GqaLutError);
    return (error as GqaLutError).code;
  }
  return undefined;
}
