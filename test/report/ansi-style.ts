import { Chalk } from 'chalk';
import type { Style } from '../../src/report/style.js';

const chalk = new Chalk({ level: 1 });

/** The colours a terminal gets, built the way the CLI builds them. */
export const ansiStyle: Style = {
  red: (t) => chalk.red(t),
  yellow: (t) => chalk.yellow(t),
  green: (t) => chalk.green(t),
  cyan: (t) => chalk.cyan(t),
  blue: (t) => chalk.blue(t),
  bold: (t) => chalk.bold(t),
  dim: (t) => chalk.dim(t),
};

// eslint-disable-next-line no-control-regex
export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
