/**
 * Errors and exit codes. A `UserError` is something the user can fix: its message says what
 * went wrong, `where` says where (file:line:col, region, API) and `hint` says how to fix it.
 * Anything that is not a UserError is a bug in faultline and is reported as an internal error.
 */

export const ExitCode = {
  ok: 0,
  /** The gate failed: new findings at or above --fail-on. */
  gateFailed: 1,
  /** Usage, config, input, credential or internal error. */
  error: 2,
  /** Stopped by Ctrl-C (SIGINT), as a shell reports a process killed by SIGINT (128 + 2). */
  interrupted: 130,
  /** Stopped by SIGTERM (a CI runner cancelling the job): 128 + 15. */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface UserErrorOptions {
  /** Where it happened: `faultline.yaml:12:7`, `us-east-1 ec2:DescribeInstances`, a path. */
  where?: string | undefined;
  /** One sentence on how to fix it. */
  hint?: string | undefined;
  cause?: unknown;
}

export class UserError extends Error {
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.where = options.where;
    this.hint = options.hint;
  }

  /** The text shown to the user: `where: message` and an indented hint line. */
  format(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }
}

/** faultline.yaml (or another config file) is invalid. */
export class ConfigError extends UserError {}
/** A snapshot, baseline or other input file is missing, unreadable or invalid. */
export class InputError extends UserError {}
/** A collector could not run at all (no credentials, unreachable endpoint). */
export class CollectorError extends UserError {}
/** The command line itself is wrong. */
export class UsageError extends UserError {}
/** The user (Ctrl-C: exit 130) or the system (SIGTERM: exit 143) stopped the run. */
export class InterruptedError extends UserError {
  constructor(
    message: string,
    options: UserErrorOptions & { signal?: NodeJS.Signals | undefined } = {},
  ) {
    super(message, options);
    this.signal = options.signal ?? 'SIGINT';
  }

  readonly signal: NodeJS.Signals;
}

/** A position in a source file, 1-based, as editors show it. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
