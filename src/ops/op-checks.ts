/** Argument checks shared by the ops: run() arrays and the chunk option, with coded errors. */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';
import { DEFAULT_CHUNK_ELEMENTS, type KernelArray } from './arena-stream.js';

/** Checks the two arrays of a run call: the expected types, equal lengths. */
export function checkRunArrays(input: unknown, output: unknown, inputType: string, outputType: string,
  isInput: (value: unknown) => boolean, isOutput: (value: unknown) => boolean): void {
  if (!isInput(input)) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `input must be an ${inputType}`);
  if (!isOutput(output)) throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `output must be an ${outputType}`);
  const inputLength = (input as KernelArray).length;
  const outputLength = (output as KernelArray).length;
  if (inputLength !== outputLength) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_LENGTH, `output has ${outputLength} elements but input has ${inputLength}; they must be equal`);
  }
}

/** Checks the chunk size option (default {@link DEFAULT_CHUNK_ELEMENTS}). */
export function checkChunkElements(value: unknown): number {
  if (value === undefined) return DEFAULT_CHUNK_ELEMENTS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 16 || value > 1 << 24) {
    throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `chunkElements must be an integer from 16 to 16777216, got ${JSON.stringify(value)}`);
  }
  return value;
}
