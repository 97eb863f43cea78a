import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, toJsonReport } from '../../src/report/json.js';
import { plainStyle } from '../../src/report/style.js';
import type { Report } from '../../src/analysis/types.js';
import { hostileReport, realisticReport } from '../fixtures/audit-reports.js';
import { assertGolden } from './golden.js';

const all = { style: plainStyle, top: Infinity };

test('the JSON report of a realistic estate matches its golden file', () => {
  assertGolden('audit.json', json(realisticReport(), all));
});

test('the JSON report keeps the documented key order whatever order the analysis built', () => {
  const report = realisticReport();
  const scrambled = JSON.parse(JSON.stringify(report, (_key, value: unknown) => reverseKeys(value))) as Report;
  assert.deepEqual(Object.keys(scrambled), ['vendors', 'concentration', 'blastRadius', 'findings', 'inventory', 'schemaVersion']);
  const out = JSON.parse(json(scrambled, all)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['schemaVersion', 'inventory', 'findings', 'blastRadius', 'concentration', 'vendors']);
  assert.deepEqual(Object.keys(out.inventory as object), ['resources', 'services', 'criticalServices', 'vendors', 'regions', 'zones', 'diagnostics']);
  const [finding] = out.findings as object[];
  assert.deepEqual(Object.keys(finding!), ['id', 'rule', 'severity', 'subject', 'service', 'message', 'because']);
  const [entry] = out.blastRadius as object[];
  assert.deepEqual(Object.keys(entry!), ['failure', 'kind', 'services', 'criticalServices', 'resources']);
  const [region] = out.concentration as object[];
  assert.deepEqual(Object.keys(region!), ['region', 'services', 'criticalServices', 'share']);
  assert.equal(json(scrambled, all), json(report, all));
});

test('the JSON report is pretty-printed with two spaces and ends with a newline', () => {
  const out = json(realisticReport(), all);
  assert.ok(out.startsWith('{\n  "schemaVersion": 1,\n  "inventory": {\n    "resources": 148,'));
  assert.ok(out.endsWith('}\n'));
});

test('--top N trims blastRadius and nothing else', () => {
  const report = realisticReport();
  const out = JSON.parse(json(report, { style: plainStyle, top: 2 })) as Report;
  assert.deepEqual(out.blastRadius, report.blastRadius.slice(0, 2));
  assert.deepEqual(out.findings, report.findings);
  assert.deepEqual(out.concentration, report.concentration);
  assert.deepEqual(out.inventory, report.inventory);
});

test('without --top the JSON report lists every single failure', () => {
  const report = realisticReport();
  assert.equal((JSON.parse(json(report, all)) as Report).blastRadius.length, report.blastRadius.length);
});

test('hostile strings survive a JSON round trip unchanged and control characters are escaped', () => {
  const report = hostileReport();
  const out = json(report, all);
  assert.deepEqual(JSON.parse(out), toJsonReport(report));
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f]/);
  assert.ok(out.includes('red\\u001b[31mALERT'));
});

function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}
