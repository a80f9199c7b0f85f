/** Shared first step of the JSON table readers: text to a plain JSON object, or MALFORMED_JSON. */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

/**
 * Parses `text` and checks that it is a JSON object (not null, not an array).
 *
 * @param source name of the text's origin, for messages (e.g. a file path).
 * @param expected what the object should look like, for the message when it is not an object.
 * @throws GqaLutError MALFORMED_JSON when the text is not JSON or not an object.
 */
export function parseJsonObject(text: string, source: string, expected: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new GqaLutError(GqaLutErrorCode.MALFORMED_JSON, `${source} must be ${expected}`);
  }
  return data as Record<string, unknown>;
}
