import type { Policy } from '../config/types.js';
import { rules, type RuleId, type Severity } from './rules.js';

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

/**
 * The severity of a finding: the policy's choice for the rule, else the rule's default; one
 * level lower when the affected service is not critical (a batch job being single-region should
 * not fail a build the way checkout does). `undefined` when the policy turned the rule off.
 */
export function severityFor(rule: RuleId, policy: Policy, affectsCritical: boolean): Severity | undefined {
  const chosen = policy.severity[rule] ?? rules[rule].severity;
  if (chosen === 'off') return undefined;
  return affectsCritical ? chosen : LOWER[chosen];
}
