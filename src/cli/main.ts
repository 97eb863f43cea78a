import { Command, CommanderError } from 'commander';
import { ExitCode, InterruptedError, UserError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { commands } from './commands/index.js';
import { processIo, type Io } from './io.js';
import { builtinCatalogVersion } from '../catalog/load.js';
import { packageVersion } from './version.js';

/** Builds a fresh program per call, so tests can run many `main`s in one process. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('faultline')
    .description('Which single failure takes your systems down, and how far does it reach?')
    .version(`${packageVersion()} (catalogue ${builtinCatalogVersion()})`, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  program.hook('preAction', (thisCommand) => {
    ctx.debug = Boolean(thisCommand.opts().debug);
  });
  for (const register of commands) {
    const sub = register(program, ctx);
    sub.exitOverride().configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  }
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 gate failed, 2 error). Never calls process.exit. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: ExitCode.ok, debug: argv.includes('--debug') };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end with exit code 0; every other commander error is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
  }
  if (error instanceof UserError) {
    ctx.io.stderr.write(`faultline: ${error.format()}\n`);
    if (error instanceof InterruptedError) return error.signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
    if (ctx.debug && error.cause instanceof Error) ctx.io.stderr.write(`${error.cause.stack ?? ''}\n`);
    return ExitCode.error;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  ctx.io.stderr.write(`faultline: internal error: ${err.message}\nThis is a bug in faultline; please report it`);
  ctx.io.stderr.write(ctx.debug ? ` with this trace:\n${err.stack ?? ''}\n` : ' (run with --debug for a stack trace).\n');
  return ExitCode.error;
}
