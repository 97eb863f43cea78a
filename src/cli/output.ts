import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { InputError } from '../core/errors.js';
import type { Io } from './io.js';

/** Writes command output to stdout (`-o -` or no `-o`) or atomically to a file. */
export async function writeOutput(io: Io, target: string | undefined, text: string | Uint8Array): Promise<void> {
  if (target === undefined || target === '-') {
    io.stdout.write(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
    return;
  }
  const path = resolve(io.cwd, target);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write the output file (${code ?? String(error)})`, {
      where: target,
      hint: code === 'ENOENT' ? 'create its directory first' : 'check the path and its permissions',
      cause: error,
    });
  }
}
