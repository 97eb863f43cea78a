import { Chalk } from 'chalk';
import type { Style } from '../report/style.js';
import { plainStyle } from '../report/style.js';
import type { Io, Stream } from './io.js';

/**
 * Decides whether `stream` gets colour: never with NO_COLOR (any non-empty value, see
 * https://no-color.org; chalk's own detection ignores it), always with FORCE_COLOR, else only on a TTY.
 */
export function wantsColour(stream: Stream, env: Io['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const chalk = new Chalk({ level: 1 });

/** The colours a terminal gets: one chalk instance, created once for the process. */
export const terminalStyle: Style = {
  red: (t) => chalk.red(t),
  yellow: (t) => chalk.yellow(t),
  green: (t) => chalk.green(t),
  cyan: (t) => chalk.cyan(t),
  blue: (t) => chalk.blue(t),
  bold: (t) => chalk.bold(t),
  dim: (t) => chalk.dim(t),
};

export function styleFor(stream: Stream, env: Io['env']): Style {
  return wantsColour(stream, env) ? terminalStyle : plainStyle;
}
