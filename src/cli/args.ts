/**
 * A small argument parser for the CLI. Unlike node:util parseArgs it takes options with two values
 * (`--range -4 4`) and negative numbers as values. Every error is a GqaLutError with code INVALID_ARGUMENT whose
 * message names the option and what is allowed; the CLI prints it on one line and exits with code 2.
 */
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

/** How an option is read: a flag, one value, or two values. */
export type OptionKind = 'flag' | 'string' | 'int' | 'number' | 'pair';

/** Parsed options: flags are booleans, 'pair' options are [lo, hi]. */
export type ParsedOptions = Record<string, boolean | string | number | [number, number] | undefined>;

function bad(message: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, message);
}

function toNumber(option: string, text: string | undefined, integer: boolean): number {
  if (text === undefined) bad(`--${option} needs a value`);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    bad(`--${option} must be ${integer ? 'an integer' : 'a number'}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * Parses `argv` against a spec of options. Returns the options and the positional arguments. Unknown options,
 * missing or malformed values are errors.
 */
export function parseArguments(argv: readonly string[], spec: Readonly<Record<string, OptionKind>>): { options: ParsedOptions; positional: string[] } {
  const options: ParsedOptions = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') {
      positional.push(token);
      continue;
    }
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[name];
    if (kind === undefined) bad(`unknown option --${name}; allowed: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (options[name] !== undefined) bad(`--${name} is given twice`);
    if (kind === 'flag') {
      if (inline !== undefined) bad(`--${name} takes no value`);
      options[name] = true;
    } else if (kind === 'pair') {
      if (inline !== undefined) bad(`--${name} takes two values: --${name} LO HI`);
      const lo = toNumber(name, argv[++i], false);
      const hi = toNumber(name, argv[++i], false);
      options[name] = [lo, hi];
    } else {
      const text = inline ?? argv[++i];
      if (text === undefined) bad(`--${name} needs a value`);
      options[name] = kind === 'string' ? text : toNumber(name, text, kind === 'int');
    }
  }
  return { options, positional };
}
