import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerAudit } from './audit.js';
import { registerCheck } from './check.js';
import { registerCollect } from './collect.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { registerExport } from './export.js';
import { registerSimulate } from './simulate.js';
import { registerVendors } from './vendors.js';

/** A command module: adds one subcommand to the program and returns it. */
export type RegisterCommand = (program: Command, ctx: CliContext) => Command;

/** The builtin commands, in the order `--help` lists them. One line per command file. */
export const commands: RegisterCommand[] = [
  registerAudit,
  registerCheck,
  registerDiff,
  registerCollect,
  registerDemo,
  registerExport,
  registerSimulate,
  registerVendors,
];
