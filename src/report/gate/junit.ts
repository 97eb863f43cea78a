import type { GateResult } from '../../analysis/gate.js';
import { ruleIds } from '../../analysis/rules.js';
import type { Finding } from '../../analysis/types.js';
import { escapeXml } from '../xml-escape.js';
import type { GateReporter } from './types.js';

type Status = 'new' | 'known' | 'below';

interface Case {
  rule: string;
  subject: string;
  findings: { finding: Finding; status: Status; note?: string }[];
}

/**
 * JUnit XML for CI test reports: a test suite per rule, a test case per rule and subject (one
 * failure, all its services), failing when any of its findings is new. Stale baseline entries
 * are test cases of their own suite, failing with --fail-on-stale. No timestamps: the same
 * result gives the same file.
 */
export const gateJunit: GateReporter = (result) => {
  const cases = collectCases(result);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  // Rules in their documented order; any unknown to this version (from a newer report) last.
  for (const rule of new Set<string>([...ruleIds, ...cases.map((c) => c.rule)])) {
    const ofRule = cases.filter((c) => c.rule === rule);
    if (ofRule.length === 0) continue;
    const failed = ofRule.filter((c) => c.findings.some((f) => f.status === 'new')).length;
    tests += ofRule.length;
    failures += failed;
    suites.push(suite(`faultline.${rule}`, ofRule.length, failed, ofRule.map(testcase)));
  }
  if (result.stale.length > 0) {
    const failed = result.failOnStale ? result.stale.length : 0;
    tests += result.stale.length;
    failures += failed;
    const body = result.stale.map((entry) => {
      const name = `fixed since baseline: ${entry.rule} ${entry.subject}${entry.service ? ` (${entry.service})` : ''}`;
      const open = `    <testcase classname="faultline.baseline" name="${escapeXml(name, { attribute: true })}">`;
      const text = 'This finding is gone; remove its entry with: faultline check --update-baseline';
      return result.failOnStale
        ? `${open}\n      <failure type="stale-baseline-entry" message="${escapeXml(text, { attribute: true, untrusted: false })}"/>\n    </testcase>`
        : `${open}\n      <system-out>${escapeXml(text, { untrusted: false })}</system-out>\n    </testcase>`;
    });
    suites.push(suite('faultline.baseline', result.stale.length, failed, body));
  }
  const head = `<testsuites name="faultline check" tests="${tests}" failures="${failures}" errors="0" skipped="0">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
};

function collectCases(result: GateResult): Case[] {
  const expired = new Map(result.expired.map((e) => [e.id, e]));
  const byKey = new Map<string, Case>();
  const add = (finding: Finding, status: Status, note?: string): void => {
    const key = `${finding.rule}\u0000${finding.subject}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { rule: finding.rule, subject: finding.subject, findings: [] }));
    entry.findings.push(note === undefined ? { finding, status } : { finding, status, note });
  };
  for (const f of result.fresh) {
    const e = expired.get(f.id);
    add(f, 'new', e ? `baseline entry expired ${e.expires}` : undefined);
  }
  for (const k of result.known) add(k.finding, 'known', k.entry.reason);
  for (const f of result.below) add(f, 'below', `below --fail-on ${result.failOn}`);
  return [...byKey.values()];
}

function suite(name: string, tests: number, failures: number, cases: string[]): string {
  return [
    `  <testsuite name="${escapeXml(name, { attribute: true })}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function testcase(c: Case): string {
  const open = `    <testcase classname="faultline.${escapeXml(c.rule, { attribute: true })}" name="${escapeXml(c.subject, { attribute: true })}">`;
  const details = c.findings
    .map(({ finding, status, note }) => {
      const who = finding.service === '' ? '(estate)' : escapeXml(finding.service);
      const lines = [`[${status} ${finding.severity}] ${who}: ${escapeXml(finding.message)}${note ? ` (${escapeXml(note)})` : ''}`];
      if (finding.because.length > 0) lines.push(`  because: ${finding.because.map((step) => escapeXml(step)).join(' → ')}`);
      return lines.join('\n');
    })
    .join('\n');
  const fresh = c.findings.filter((f) => f.status === 'new');
  if (fresh.length === 0) return `${open}\n      <system-out>${details}</system-out>\n    </testcase>`;
  const services = fresh.map((f) => f.finding.service || '(estate)').join(', ');
  const message = `${fresh.length} new ${fresh.length === 1 ? 'finding' : 'findings'}: ${services}`;
  const severity = fresh.some((f) => f.finding.severity === 'error') ? 'error' : fresh[0]!.finding.severity;
  return `${open}\n      <failure type="${severity}" message="${escapeXml(message, { attribute: true })}">${details}</failure>\n    </testcase>`;
}
