import type { Finding } from '../analysis/types.js';
import type { Severity } from '../analysis/rules.js';
import type { Style } from './style.js';

/** Severities from the most to the least severe: the order reports group findings in. */
export const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** The colour of a severity in a terminal. */
export function severityColour(style: Style, severity: Severity): (text: string) => string {
  if (severity === 'error') return style.red;
  if (severity === 'warning') return style.yellow;
  return style.blue;
}

/** "3 errors, 5 warnings, 2 info" (plain text; callers colour it). */
export function severityCounts(counts: Record<Severity, number>): string[] {
  return [
    `${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`,
    `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}`,
    `${counts.info} info`,
  ];
}
