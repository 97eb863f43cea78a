/**
 * Everything the CLI touches outside itself, injected so tests can call `main(argv, io)`
 * in-process and read what it printed.
 */
export interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** Terminal width, when a TTY. */
  readonly columns?: number | undefined;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Calls `handler` with the signal on Ctrl-C (SIGINT) or SIGTERM instead of the process dying
   * at once; returns the function that undoes it. Absent where nothing can interrupt (most tests).
   */
  onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      process.on('SIGINT', handler).on('SIGTERM', handler);
      return () => void process.off('SIGINT', handler).off('SIGTERM', handler);
    },
  };
}
