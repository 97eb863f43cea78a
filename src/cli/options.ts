import { InvalidArgumentError, Option } from 'commander';
import { reporterNames } from '../report/index.js';
import type { Severity } from '../analysis/rules.js';

/** commander argParser for a whole number ≥ 1. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'`);
  return n;
}

/** `--format` for the audit report; its choices come from the reporter registry. */
export function formatOption(defaultFormat = 'table'): Option {
  return new Option('-f, --format <format>', 'output format').choices(reporterNames).default(defaultFormat);
}

export const failOnChoices = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = Severity | 'none';

export function failOnOption(defaultValue: FailOn, description: string): Option {
  return new Option('--fail-on <severity>', description).choices(failOnChoices).default(defaultValue);
}
