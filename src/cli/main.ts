/**
 * The `gqa-lut` command line: `fit` and `eval`. Errors in arguments or files print one line naming what is wrong
 * and what is allowed, and exit with code 2 without writing anything.
 */
import { GqaLutError } from '../errors.js';
import { init, type Tier } from '../runtime.js';
import { evalCommand, EVAL_USAGE } from './eval-command.js';
import { fitCommand, FIT_USAGE } from './fit-command.js';

const USAGE = `gqa-lut: fit and evaluate GQA-LUT piecewise-linear tables\n\n${FIT_USAGE}\n\n${EVAL_USAGE}`;

/** The tier of `--tier X` or `--tier=X` for init() (fitCommand validates the value again). */
function tierOption(argv: readonly string[]): { tier?: Tier } {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tier') return argv[i + 1] === undefined ? {} : { tier: argv[i + 1] as Tier };
    if (argv[i].startsWith('--tier=')) return { tier: argv[i].slice('--tier='.length) as Tier };
  }
  return {};
}

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      process.stderr.write('gqa-lut: give a command: fit or eval (see gqa-lut --help)\n');
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command === 'fit') {
      await init(tierOption(rest));
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
      const oneLine = error.message.replace(/\s*\n\s*/g, ' '); // e.g. a JSON.parse message quoting the file
      process.stderr.write(`gqa-lut ${command}: ${oneLine} [${error.code}]\n`);
      return 2;
    }
    throw error;
  }
}
