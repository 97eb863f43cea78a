/** The finding rules, their default severities and their one-line descriptions (used by SARIF too). */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const rules = {
  'single-region': { severity: 'error', summary: 'A region failing alone takes the service down.' },
  'single-zone': { severity: 'error', summary: 'A zone failing alone takes the service down.' },
  'single-account': { severity: 'warning', summary: 'An account failing alone (suspension, deletion) takes the service down.' },
  'single-provider': { severity: 'info', summary: 'A provider failing alone takes the service down.' },
  'single-vendor': { severity: 'warning', summary: 'A SaaS vendor failing alone takes the service down.' },
  spof: { severity: 'error', summary: 'A single service or resource failing alone takes a different critical service down.' },
  'shared-fate': { severity: 'error', summary: 'Every member of a redundancy group (or a primary and its fallback) fails under one single failure.' },
  'region-concentration': { severity: 'warning', summary: 'One region failing takes down more than policy.maxRegionShare of the critical services.' },
  'unknown-hosting': { severity: 'info', summary: "A vendor's hosting is unknown, so its risk cannot be judged." },
  'dependency-cycle': { severity: 'warning', summary: 'Services depend on each other in a cycle.' },
  'control-plane': { severity: 'warning', summary: 'A global resource whose control plane lives in us-east-1: changes stop, not traffic, when it fails.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof rules;
export const ruleIds = Object.keys(rules) as RuleId[];
