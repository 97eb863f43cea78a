import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBaseline, parseBaseline, renderBaseline, splitByBaseline, type Baseline } from '../../src/analysis/baseline.js';
import { InputError } from '../../src/core/errors.js';
import { finding, realisticReport } from '../fixtures/audit-reports.js';
import { acceptedBaseline, ORDERS_DB, TODAY } from '../fixtures/gate-baselines.js';

function parseError(text: string): InputError {
  try {
    parseBaseline(text, '.faultline/baseline.json');
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error;
  }
  assert.fail('expected an InputError');
}

const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(acceptedBaseline())) as Record<string, unknown>;
const withEntry = (patch: Record<string, unknown>): string => {
  const data = valid();
  (data.entries as Record<string, unknown>[])[1] = { ...(data.entries as Record<string, unknown>[])[1], ...patch };
  return JSON.stringify(data, null, 2);
};

test('a rendered baseline parses back to the same entries', () => {
  const text = renderBaseline(realisticReport().findings, undefined, 'faultline 0.1.0');
  const parsed = parseBaseline(text, 'b.json');
  assert.deepEqual(parsed, buildBaseline(realisticReport().findings, undefined, 'faultline 0.1.0'));
  assert.equal(parsed.entries.length, realisticReport().findings.length);
});

test('the baseline file is sorted by rule, subject and service, pretty-printed, keys in a fixed order', () => {
  const text = renderBaseline([...realisticReport().findings].reverse(), undefined, 'faultline 0.1.0');
  assert.equal(text, renderBaseline(realisticReport().findings, undefined, 'faultline 0.1.0'), 'input order does not matter');
  const { entries } = parseBaseline(text, 'b.json');
  const keys = entries.map((e) => `${e.rule} ${e.subject} ${e.service}`);
  assert.deepEqual(keys, [...keys].sort());
  assert.ok(text.startsWith('{\n  "schemaVersion": 1,\n  "generatedBy": "faultline 0.1.0",\n  "entries": [\n    {\n      "id": '));
  assert.ok(text.endsWith('\n  ]\n}\n'));
  assert.deepEqual(Object.keys(JSON.parse(text).entries[0]), ['id', 'rule', 'subject', 'service', 'severity']);
});

test('updating the baseline keeps hand-written reasons and expiry dates of findings still present, and drops fixed ones', () => {
  const next = buildBaseline(realisticReport().findings, acceptedBaseline(), 'faultline 0.2.0');
  const byId = new Map(next.entries.map((e) => [e.id, e]));
  assert.deepEqual(byId.get('single-region:aws:eu-west-1:checkout'), {
    id: 'single-region:aws:eu-west-1:checkout',
    rule: 'single-region',
    subject: 'aws:eu-west-1',
    service: 'checkout',
    severity: 'error',
    reason: 'eu-west-1 only until the DR project lands (PLAT-812)',
    expires: '2027-03-31',
  });
  assert.equal(byId.get(`spof:${ORDERS_DB}:checkout`)?.expires, '2026-10-31', 'an expired date is the user’s to change');
  assert.equal(byId.has('single-zone:aws:eu-west-1/euw1-az3:search'), false);
  assert.equal(next.generatedBy, 'faultline 0.2.0');
  const text = renderBaseline(realisticReport().findings, acceptedBaseline(), 'faultline 0.2.0');
  assert.ok(text.includes('"reason": "eu-west-1 only until the DR project lands (PLAT-812)",\n      "expires": "2027-03-31"\n'));
});

test('regenerating an unchanged baseline changes nothing', () => {
  const once = renderBaseline(realisticReport().findings, acceptedBaseline(), 'faultline 0.1.0');
  const twice = renderBaseline(realisticReport().findings, parseBaseline(once, 'b.json'), 'faultline 0.1.0');
  assert.equal(twice, once);
});

test('splitting findings: new, known, expired, fixed and below --fail-on', () => {
  const split = splitByBaseline(realisticReport().findings, acceptedBaseline(), { failOn: 'error', today: TODAY });
  assert.deepEqual(
    split.fresh.map((f) => f.id),
    ['single-zone:aws:eu-west-1/euw1-az2:checkout', `spof:${ORDERS_DB}:checkout`],
  );
  assert.deepEqual(
    split.known.map((k) => k.finding.id),
    ['single-region:aws:eu-west-1:checkout', 'shared-fate:aws:us-east-1:incident-comms'],
  );
  assert.deepEqual(split.expired.map((e) => e.id), [`spof:${ORDERS_DB}:checkout`]);
  assert.deepEqual(split.stale.map((e) => e.id), ['single-zone:aws:eu-west-1/euw1-az3:search']);
  assert.equal(split.below.length, 6);
});

test('--fail-on warning gates warnings too, and a baselined warning is known', () => {
  const split = splitByBaseline(realisticReport().findings, acceptedBaseline(), { failOn: 'warning', today: TODAY });
  assert.equal(split.fresh.length, 5);
  assert.ok(split.known.some((k) => k.finding.id === 'single-vendor:vendor:stripe:payments'));
  assert.equal(split.below.length, 2);
});

test('an entry is accepted through its expires day and counts as new from the next day', () => {
  const baseline = acceptedBaseline();
  const f = realisticReport().findings.find((x) => x.id === `spof:${ORDERS_DB}:checkout`)!;
  assert.equal(splitByBaseline([f], baseline, { failOn: 'error', today: '2026-10-31' }).known.length, 1);
  assert.equal(splitByBaseline([f], baseline, { failOn: 'error', today: '2026-11-01' }).fresh.length, 1);
});

test('new findings are listed most severe first', () => {
  const findings = [
    finding('single-vendor', 'warning', 'vendor:a', 's', 'm', []),
    finding('spof', 'error', 'x', 's', 'm', []),
    finding('unknown-hosting', 'info', 'vendor:b', 's', 'm', []),
  ];
  const empty: Baseline = { schemaVersion: 1, generatedBy: 'faultline', entries: [] };
  assert.deepEqual(
    splitByBaseline(findings, empty, { failOn: 'info', today: TODAY }).fresh.map((f) => f.severity),
    ['error', 'warning', 'info'],
  );
});

test('a baseline that is not JSON is an input error at its line and column', () => {
  const error = parseError('{\n  "schemaVersion": 1,\n  "entries": [],\n}\n');
  assert.equal(error.where, '.faultline/baseline.json:4:1');
  assert.match(error.message, /^the baseline is not valid JSON: trailing comma$/);
  assert.match(error.hint ?? '', /--update-baseline/);
});

test('a baseline with another schema version is refused, never read as empty', () => {
  const error = parseError(JSON.stringify({ ...valid(), schemaVersion: 2 }));
  assert.equal(error.message, 'unsupported baseline schema version 2 (this faultline reads version 1)');
  assert.equal(error.where, '.faultline/baseline.json');
  assert.match(error.hint ?? '', /newer faultline/);
  assert.equal(parseError(JSON.stringify({ ...valid(), schemaVersion: '1' })).message, 'unsupported baseline schema version "1" (this faultline reads version 1)');
});

test('an audit report passed as the baseline is recognised', () => {
  const error = parseError(JSON.stringify({ findings: [], blastRadius: [] }));
  assert.equal(error.message, 'this is an audit report, not a baseline');
  assert.match(error.hint ?? '', /faultline check --update-baseline/);
});

test('a misspelt key in an entry is refused with a suggestion, so an expiry is never silently ignored', () => {
  const error = parseError(withEntry({ expire: '2027-01-01' }));
  assert.equal(error.message, 'unknown key entries[1].expire');
  assert.equal(error.hint, 'did you mean "expires"?');
  assert.match(error.where ?? '', /^\.faultline\/baseline\.json:\d+:\d+$/);
});

test('entries with a bad date, severity or missing field are refused with their position', () => {
  const date = parseError(withEntry({ expires: '2026-02-30' }));
  assert.equal(date.message, 'entries[1].expires must be a date written YYYY-MM-DD');
  const text = withEntry({ expires: '2026-02-30' });
  const line = text.slice(0, text.indexOf('"shared-fate:aws:us-east-1:incident-comms"')).split('\n').length;
  assert.match(date.where ?? '', new RegExp(`:${line}:\\d+$`));
  assert.equal(parseError(withEntry({ severity: 'critical' })).message, 'the baseline is invalid: entries[1].severity must be error, warning or info');
  assert.equal(parseError(withEntry({ rule: 3 })).message, 'the baseline is invalid: entries[1].rule must be a string');
  assert.equal(parseError(JSON.stringify({ ...valid(), entries: {} })).message, 'the baseline is invalid: entries must be an array');
  assert.equal(parseError('[]').message, 'the baseline must be a JSON object with schemaVersion, generatedBy and entries');
});
