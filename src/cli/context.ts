import type { Io } from './io.js';

/** What every command gets: the injected io, and a place to put its exit code. */
export interface CliContext {
  io: Io;
  /** Set by a command's action; main returns it. 0 unless the gate failed. */
  exitCode: number;
  /** `--debug`: stack traces on internal errors. */
  debug: boolean;
}
