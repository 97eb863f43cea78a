import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: options.tty ?? false },
    env: options.env ?? process.env,
    cwd: options.cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
