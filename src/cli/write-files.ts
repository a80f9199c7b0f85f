/**
 * Writing the CLI's output files all or nothing: targets are checked before the (possibly long) fit, and a failed
 * write removes the files and directories this call made, so a bad `--out` or `--report` path leaves no partial
 * output (a file that existed before gets its old contents back). Every failure is one GqaLutError line naming the path and the system error code.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GqaLutError, GqaLutErrorCode } from '../errors.js';

function cannotWrite(file: string, reason: string): never {
  throw new GqaLutError(GqaLutErrorCode.INVALID_ARGUMENT, `cannot write ${file}: ${reason}`);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** The directories to create for `file` (outermost first); throws when an existing ancestor is not a directory. */
function missingDirectories(file: string): string[] {
  const missing: string[] = [];
  let dir = dirname(resolve(file));
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') cannotWrite(file, `${dir}: ${errorCode(error)}`);
      missing.unshift(dir);
      const parent = dirname(dir);
      if (parent === dir) cannotWrite(file, 'no existing parent directory');
      dir = parent;
      continue;
    }
    if (!isDirectory) cannotWrite(file, `${dir} is not a directory`);
    return missing;
  }
}

/** Checks, before any work, that each target can be a file: not a directory, below directories (or none yet). */
export function checkOutputTargets(files: readonly string[]): void {
  for (const file of files) {
    if (existsSync(file) && statSync(file).isDirectory()) cannotWrite(file, 'it is a directory');
    missingDirectories(file);
  }
}

/**
 * Writes every [path, contents] pair, creating missing directories one level at a time (never `recursive`, which
 * can loop forever on special file systems such as /proc in Node 20). On the first failure it removes what it
 * wrote and created, then throws.
 */
export function writeFilesOrNothing(files: ReadonlyArray<readonly [string, string]>): void {
  const createdDirectories: string[] = [];
  const writtenFiles: Array<[string, Buffer | undefined]> = [];
  try {
    for (const [file, contents] of files) {
      checkOutputTargets([file]);
      for (const dir of missingDirectories(file)) {
        try {
          mkdirSync(dir);
        } catch (error) {
          cannotWrite(file, `cannot create ${dir}: ${errorCode(error)}`);
        }
        createdDirectories.push(dir);
      }
      let previous: Buffer | undefined;
      try {
        previous = existsSync(file) ? readFileSync(file) : undefined;
        writeFileSync(file, contents);
      } catch (error) {
        cannotWrite(file, errorCode(error));
      }
      writtenFiles.push([file, previous]);
    }
  } catch (error) {
    for (const [file, previous] of writtenFiles.reverse()) {
      try {
        if (previous === undefined) unlinkSync(file);
        else writeFileSync(file, previous);
      } catch { /* best effort */ }
    }
    for (const dir of createdDirectories.reverse()) {
      try { rmdirSync(dir); } catch { /* not empty or gone */ }
    }
    throw error;
  }
}
