import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { evaluateGate, type GateResult } from '../../src/analysis/gate.js';
import type { Baseline } from '../../src/analysis/baseline.js';
import { ruleIds } from '../../src/analysis/rules.js';
import { gateReporterNames, gateReporters } from '../../src/report/gate/index.js';
import { FINGERPRINT_KEY } from '../../src/report/gate/sarif.js';
import type { GateRenderOptions } from '../../src/report/gate/types.js';
import { plainStyle } from '../../src/report/style.js';
import { HOSTILE, hostileReport, realisticReport } from '../fixtures/audit-reports.js';
import { acceptedBaseline, ORDERS_DB, TODAY } from '../fixtures/gate-baselines.js';
import { ansiStyle, stripAnsi } from './ansi-style.js';
import { assertGolden } from './golden.js';
import { assertTablesWellFormed } from './markdown-tables.js';

const SERVICE_LINES: Record<string, number> = { checkout: 3, payments: 9, orders: 14, 'incident-comms': 20, search: 27 };

const options: GateRenderOptions = {
  style: plainStyle,
  toolVersion: '0.1.0',
  locate: (service) => (service in SERVICE_LINES ? { file: 'faultline.yaml', line: SERVICE_LINES[service]!, col: 3 } : undefined),
  estateLocation: { file: 'faultline.yaml', line: 40, col: 3 },
};

function realisticResult(failOnStale = false): GateResult {
  return evaluateGate(realisticReport().findings, acceptedBaseline(), '.faultline/baseline.json', { failOn: 'error', failOnStale, today: TODAY });
}

function hostileResult(): GateResult {
  const findings = hostileReport().findings;
  const baseline: Baseline = {
    schemaVersion: 1,
    generatedBy: 'faultline 0.1.0',
    entries: [
      { ...pick(findings[1]!), reason: HOSTILE.script },
      { id: 'gone', rule: 'spof', subject: HOSTILE.xml, service: HOSTILE.pipe, severity: 'error', reason: HOSTILE.newline },
    ],
  };
  return evaluateGate(findings, baseline, `.faultline/${HOSTILE.pipe}.json`, { failOn: 'info', failOnStale: true, today: TODAY });
}

function pick(f: { id: string; rule: string; subject: string; service: string; severity: 'error' | 'warning' | 'info' }) {
  return { id: f.id, rule: f.rule, subject: f.subject, service: f.service, severity: f.severity };
}

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url)), 'utf8')) as object;
// unicodeRegExp: false because the schema's language-tag pattern is not valid as a /u regex
// (an unmatched "]"), which JSON Schema's ECMA-262 dialect otherwise accepts.
// Both are CommonJS modules whose class/plugin is also their `default` export.
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv, ['uri', 'uri-reference', 'date-time']);
const validateSarif = ajv.compile(schema);

function assertValidSarif(text: string): void {
  const log = JSON.parse(text) as unknown;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
}

test('the gate reporters are table, json, markdown, sarif and junit', () => {
  assert.deepEqual(gateReporterNames, ['table', 'json', 'markdown', 'sarif', 'junit']);
});

for (const name of gateReporterNames) {
  const ext = { table: 'txt', json: 'json', markdown: 'md', sarif: 'sarif.json', junit: 'xml' }[name];
  test(`the ${name} gate report matches its golden file`, () => {
    assertGolden(`check.${ext}`, gateReporters[name](realisticResult(), options));
  });
  test(`the ${name} gate report of hostile names matches its golden file`, () => {
    assertGolden(`check-hostile.${ext}`, gateReporters[name](hostileResult(), options));
  });
}

test('the gate table lists new findings first with their chain and ends with the summary line', () => {
  const out = gateReporters.table(realisticResult(), options);
  assert.ok(out.startsWith('New findings (2)  at or above error, not accepted by .faultline/baseline.json\n\n  error  single-zone  checkout'));
  assert.ok(out.includes('baseline entry expired 2026-10-31'));
  assert.ok(out.includes('\n    checkout → orders → rds:db:orders-primary-2024\n'), 'ARNs in chains are compact; the head line keeps the full one');
  assert.ok(out.endsWith('\n\n2 new, 2 known (baseline), 1 fixed since baseline\n'));
  assert.ok(out.indexOf('New findings') < out.indexOf('Fixed since baseline (1)'));
});

test('the coloured gate table lines up like the plain one', () => {
  const coloured = gateReporters.table(realisticResult(), { ...options, style: ansiStyle, verbose: true });
  assert.ok(coloured.includes('\u001b['));
  assert.equal(stripAnsi(coloured), gateReporters.table(realisticResult(), { ...options, verbose: true }));
});

test('--verbose lists the known findings with their reasons', () => {
  const out = gateReporters.table(realisticResult(), { ...options, verbose: true });
  assert.match(out, /single-region {2}checkout {8}aws:eu-west-1 {2}eu-west-1 only until the DR project lands \(PLAT-812\), until 2027-03-31\n/);
});

test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  assertValidSarif(gateReporters.sarif(realisticResult(), options));
  assertValidSarif(gateReporters.sarif(hostileResult(), options));
  assertValidSarif(gateReporters.sarif(realisticResult(), { style: plainStyle, toolVersion: '0.1.0' }));
});

test('the schema check is real: a log with a bad level is refused', () => {
  const log = JSON.parse(gateReporters.sarif(realisticResult(), options)) as { runs: { results: { level: string }[] }[] };
  log.runs[0]!.results[0]!.level = 'fatal';
  assert.equal(validateSarif(log), false);
});

test('SARIF describes every rule and locates each result at its service in faultline.yaml', () => {
  const log = JSON.parse(gateReporters.sarif(realisticResult(), options));
  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ruleIds);
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0 && rule.help.text.length > 0 && rule.fullDescription.text.length > 0, rule.id);
  }
  const spof = run.results.find((r: { ruleId: string }) => r.ruleId === 'spof');
  assert.equal(spof.level, 'error');
  assert.equal(spof.baselineState, 'new');
  assert.equal(run.tool.driver.rules[spof.ruleIndex].id, 'spof');
  assert.deepEqual(spof.locations[0].physicalLocation, {
    artifactLocation: { uri: 'faultline.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 3, startColumn: 3 },
  });
  assert.equal(spof.partialFingerprints[FINGERPRINT_KEY], `spof:${ORDERS_DB}:checkout`);
  assert.match(spof.message.text, /^one database instance takes critical service checkout down \(checkout → orders → arn:.*\)\. The baseline entry expired on 2026-10-31\.$/);
  const concentration = run.results.find((r: { ruleId: string }) => r.ruleId === 'region-concentration');
  assert.equal(concentration.level, 'warning');
  assert.equal(concentration.locations[0].physicalLocation.region.startLine, 40, 'estate-wide findings point at the policy');
  const known = run.results.find((r: { ruleId: string }) => r.ruleId === 'single-region');
  assert.equal(known.baselineState, 'unchanged');
  assert.deepEqual(known.suppressions, [{ kind: 'external', status: 'accepted', justification: 'eu-west-1 only until the DR project lands (PLAT-812)' }]);
  assert.equal(run.results.find((r: { ruleId: string }) => r.ruleId === 'unknown-hosting').level, 'note');
  assert.equal(run.results.length, realisticReport().findings.length);
});

test('SARIF results keep hostile strings as data, with no control characters in messages', () => {
  const log = JSON.parse(gateReporters.sarif(hostileResult(), options));
  const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'single-vendor');
  assert.equal(result.properties.service, HOSTILE.ansi, 'the raw value survives as data');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(result.message.text, /[\u0000-\u001f\u007f]/);
});

test('file paths become URIs: relative with a base id, absolute as file URLs, special characters encoded', () => {
  const at = (file: string) =>
    JSON.parse(gateReporters.sarif(realisticResult(), { ...options, locate: () => ({ file, line: 1, col: 1 }) })).runs[0].results[0].locations[0].physicalLocation
      .artifactLocation;
  assert.deepEqual(at('./infra/fault line#1.yaml'), { uri: 'infra/fault%20line%231.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(at('/repo/faultline.yaml'), { uri: 'file:///repo/faultline.yaml' });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

interface JunitCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; '#text'?: string } | string;
  'system-out'?: string;
}
interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  testcase: JunitCase[];
}

function parseJunit(text: string): { testsuites: { tests: string; failures: string; testsuite: JunitSuite[] } } {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, JSON.stringify(valid));
  return xml.parse(text);
}

test('JUnit has one test case per rule and subject, failing when one of its findings is new', () => {
  const doc = parseJunit(gateReporters.junit(realisticResult(), options));
  const suites = doc.testsuites.testsuite;
  assert.equal(doc.testsuites.failures, '2');
  assert.equal(Number(doc.testsuites.tests), suites.reduce((n, s) => n + s.testcase.length, 0));
  const zone = suites.find((s) => s.name === 'faultline.single-zone')!;
  assert.deepEqual(zone.testcase.map((c) => c.name), ['aws:eu-west-1/euw1-az2', 'aws:eu-west-1/euw1-az1']);
  const failure = zone.testcase[0]!.failure as { message: string; type: string; '#text': string };
  assert.equal(failure.message, '1 new finding: checkout');
  assert.equal(failure.type, 'error');
  assert.match(failure['#text'], /because: checkout → orders → arn:aws:rds/);
  assert.equal(zone.testcase[1]!.failure, undefined, 'a warning below --fail-on passes');
  const region = suites.find((s) => s.name === 'faultline.single-region')!;
  assert.equal(region.testcase[0]!.failure, undefined, 'a known finding passes');
  assert.match(region.testcase[0]!['system-out']!, /\[known error\] checkout/);
  const baseline = suites.find((s) => s.name === 'faultline.baseline')!;
  assert.equal(baseline.testcase[0]!.failure, undefined, 'a stale entry passes without --fail-on-stale');
  assert.equal(parseJunit(gateReporters.junit(realisticResult(true), options)).testsuites.failures, '3');
});

test('JUnit escapes hostile names into well-formed XML that parses back to the cleaned text', () => {
  const text = gateReporters.junit(hostileResult(), options);
  const doc = parseJunit(text);
  const names = doc.testsuites.testsuite.flatMap((s) => s.testcase.map((c) => c.name));
  assert.ok(names.includes(`vendor:${HOSTILE.xml}`), 'the subject parses back exactly');
  assert.ok(names.includes(`arn:aws:s3:::${HOSTILE.commentEnd}`));
  const spof = doc.testsuites.testsuite.find((s) => s.name === 'faultline.spof')!.testcase[0]!.failure as { message: string };
  assert.equal(spof.message, `1 new finding: ${HOSTILE.quotes}`);
  const vendor = doc.testsuites.testsuite.find((s) => s.name === 'faultline.single-vendor')!.testcase[0]!;
  assert.match(vendor['system-out']!, /^\[known warning\] redALERTbell: line1 line2 line3/, 'escape sequences and newlines are cleaned');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  assert.ok(!text.includes('<script>'));
});

test('the gate comment keeps its tables intact and its marker comment closed, whatever the names', () => {
  const out = gateReporters.markdown(hostileResult(), options);
  assertTablesWellFormed(out);
  assertTablesWellFormed(gateReporters.markdown(realisticResult(), options));
  assert.ok(out.startsWith('<!-- faultline:check -->\n## faultline check: failed, 2 new findings and 1 fixed since baseline\n'));
  assert.equal(out.split('-->').length, 2);
  assert.ok(!out.includes('<script'));
  assert.ok(out.includes('against .faultline/billing\\|ledger.json'));
});

test('a passing gate says so in the comment and the table', () => {
  const findings = realisticReport().findings.filter((f) => f.severity !== 'error' || f.id.startsWith('single-region:') || f.id.startsWith('shared-fate:'));
  const result = evaluateGate(findings, acceptedBaseline(), 'b.json', { failOn: 'error', failOnStale: false, today: TODAY });
  assert.ok(gateReporters.markdown(result, options).includes('## faultline check: passed\n'));
  assert.ok(gateReporters.markdown(result, options).includes('### New findings\n\nNone.'));
  assert.ok(gateReporters.table(result, options).endsWith('\n0 new, 2 known (baseline), 2 fixed since baseline\n'));
});

test('a long list of new findings folds after ten rows and stops at a hundred, so the comment stays under GitHub’s size limit', () => {
  const findings = Array.from({ length: 130 }, (_, i) => ({
    id: `id-${i}`,
    rule: 'single-zone' as const,
    severity: 'error' as const,
    subject: `aws:eu-west-1/euw1-az${i}`,
    service: `svc-${i}`,
    message: 'm',
    because: [`svc-${i}`],
  }));
  const result = evaluateGate(findings, { schemaVersion: 1, generatedBy: 't', entries: [] }, 'b.json', { failOn: 'error', failOnStale: false, today: TODAY });
  const out = gateReporters.markdown(result, options);
  assertTablesWellFormed(out);
  assert.match(out, /\| svc-9 \|[^\n]*\n\n<details><summary>90 more new findings<\/summary>/);
  assert.ok(out.includes('| svc-99 |') && !out.includes('| svc-100 |'));
  assert.ok(out.includes('…and 30 more (`faultline check --format json` lists them all).'));
});
