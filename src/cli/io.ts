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
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
