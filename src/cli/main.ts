/**
 * The `gqa-lut` command line: `fit` and `eval`. Errors in arguments or files print one line naming what is wrong
 * and what is allowed, and exit with code 2 without writing anything.
 */
import { GqaLutError } from '../errors.js';
import { init } from '../runtime.js';
import { evalCommand, EVAL_USAGE } from './eval-command.js';
import { fitCommand, FIT_USAGE } from './fit-command.js';

const USAGE = `gqa-lut: fit and evaluate GQA-LUT piecewise-linear tables\n\n${FIT_USAGE}\n\n${EVAL_USAGE}`;

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'fit') {
      const tierIndex = rest.indexOf('--tier');
      await init(tierIndex >= 0 ? { tier: rest[tierIndex + 1] as never } : {});
      process.stdout.write(`${fitCommand(rest)}\n`);
      return 0;
    }
    if (command === 'eval') {
      process.stdout.write(`${evalCommand(rest)}\n`);
      return 0;
    }
    process.stderr.write(`gqa-lut: unknown command ${JSON.stringify(command)}: allowed are fit, eval (see gqa-lut --help)\n`);
    return 2;
  } catch (error) {
    if (error instanceof GqaLutError) {
      process.stderr.write(`gqa-lut ${command}: ${error.message} [${error.code}]\n`);
      return 2;
    }
    throw error;
  }
}
