import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBaseline } from '../../src/analysis/baseline.js';
import { readBaselineFile, runCheck, type CheckOptions } from '../../src/cli/check-flow.js';
import type { CliContext } from '../../src/cli/context.js';
import { InputError } from '../../src/core/errors.js';
import type { Manifest } from '../../src/config/types.js';
import { finding, realisticReport } from '../fixtures/audit-reports.js';
import { acceptedBaseline, TODAY } from '../fixtures/gate-baselines.js';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-check-'));
  temps.push(dir);
  return dir;
}

function context(cwd: string): CliContext & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (t: string) => (stdout += t), isTTY: false }, stderr: { write: (t: string) => (stderr += t), isTTY: false }, env: {}, cwd },
    exitCode: 0,
    debug: false,
    out: () => stdout,
    err: () => stderr,
  };
}

const base: CheckOptions = { baseline: '.faultline/baseline.json', failOn: 'error', format: 'table', today: TODAY };

test('--update-baseline creates the folder and writes every finding, sorted', async () => {
  const cwd = workspace();
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, updateBaseline: true }, ctx);
  assert.equal(ctx.exitCode, 0);
  const written = parseBaseline(readFileSync(join(cwd, '.faultline/baseline.json'), 'utf8'), 'b');
  assert.equal(written.entries.length, 10);
  assert.equal(ctx.err(), 'faultline: wrote .faultline/baseline.json: 10 entries (10 added, 0 removed)\n');
  assert.deepEqual(readdirSync(join(cwd, '.faultline')), ['baseline.json'], 'no temporary file is left behind');
});

test('right after --update-baseline the gate passes', async () => {
  const cwd = workspace();
  await runCheck({ report: realisticReport() }, { ...base, updateBaseline: true }, context(cwd));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, base, ctx);
  assert.equal(ctx.exitCode, 0);
  assert.ok(ctx.out().endsWith('\n0 new, 4 known (baseline), 0 fixed since baseline\n'), ctx.out());
});

test('the gate fails with exit 1 on new findings and lists them first', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify(acceptedBaseline()));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, baseline: 'baseline.json' }, ctx);
  assert.equal(ctx.exitCode, 1);
  assert.ok(ctx.out().startsWith('New findings (2)'));
  assert.ok(ctx.out().endsWith('\n2 new, 2 known (baseline), 1 fixed since baseline\n'));
  assert.equal(ctx.err(), '');
});

test('machine formats go to stdout and the summary line to stderr', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify(acceptedBaseline()));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, baseline: 'baseline.json', format: 'sarif' }, ctx);
  assert.equal(JSON.parse(ctx.out()).version, '2.1.0');
  assert.equal(ctx.err(), 'faultline: 2 new, 2 known (baseline), 1 fixed since baseline\n');
  assert.equal(ctx.exitCode, 1);
});

test('--output writes the report atomically to a file', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify(acceptedBaseline()));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, baseline: 'baseline.json', format: 'junit', output: 'junit.xml' }, ctx);
  assert.equal(ctx.out(), '');
  assert.ok(readFileSync(join(cwd, 'junit.xml'), 'utf8').startsWith('<?xml'));
  assert.match(ctx.err(), /2 new, 2 known/);
});

test('updating keeps hand-written reasons, and warns about expiry dates that have passed', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify(acceptedBaseline(), null, 2));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, baseline: 'baseline.json', updateBaseline: true }, ctx);
  const written = parseBaseline(readFileSync(join(cwd, 'baseline.json'), 'utf8'), 'b');
  assert.equal(written.entries.find((e) => e.rule === 'single-region')?.reason, 'eu-west-1 only until the DR project lands (PLAT-812)');
  assert.equal(
    ctx.err(),
    'faultline: wrote baseline.json: 10 entries (6 added, 1 removed, 2 with a reason or expiry date kept)\n' +
      'faultline: warning: 1 entry has an expires date that has passed; the gate counts it as new until the date is changed or removed\n',
  );
});

test('a missing baseline is an input error with the command that creates it', async () => {
  const cwd = workspace();
  await assert.rejects(runCheck({ report: realisticReport() }, base, context(cwd)), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.format(), '.faultline/baseline.json: no baseline file\n  hint: create it from the current findings with: faultline check --update-baseline (then commit it)');
    return true;
  });
  await assert.rejects(runCheck({ report: realisticReport() }, { ...base, baseline: 'ci/known.json' }, context(cwd)), /no baseline file/);
  await assert.rejects(runCheck({ report: realisticReport() }, { ...base, baseline: 'ci/known.json' }, context(cwd)), (error: unknown) =>
    (error as InputError).hint!.includes('--update-baseline --baseline ci/known.json'),
  );
});

test('--update-baseline refuses to overwrite a broken baseline, which may hold hand-written reasons', async () => {
  const cwd = workspace();
  const broken = '{\n  "schemaVersion": 1,\n  "entries": [],\n}\n';
  writeFileSync(join(cwd, 'baseline.json'), broken);
  await assert.rejects(runCheck({ report: realisticReport() }, { ...base, baseline: 'baseline.json', updateBaseline: true }, context(cwd)), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.where, 'baseline.json:4:1');
    assert.match(error.hint ?? '', /delete it to start a new baseline/);
    return true;
  });
  assert.equal(readFileSync(join(cwd, 'baseline.json'), 'utf8'), broken);
});

test('reading a baseline that is a directory is an input error', async () => {
  const cwd = workspace();
  await assert.rejects(readBaselineFile(context(cwd).io, '.', 'check'), /cannot read the baseline \(EISDIR\)/);
  assert.equal(existsSync(join(cwd, '.faultline')), false);
});

test('SARIF locates findings at the service, or the vendor, declared in the manifest, and estate-wide ones at the policy', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'empty.json'), JSON.stringify({ schemaVersion: 1, generatedBy: 't', entries: [] }));
  const pos = (line: number) => ({ file: 'infra/faultline.yaml', line, col: 3 });
  const manifest: Manifest = {
    file: 'infra/faultline.yaml',
    services: [{ name: 'checkout', critical: true, dependsOn: [], runsOn: [], pos: pos(3) }],
    vendors: [{ name: 'slack', pos: pos(20) }],
    fallbacks: [],
    policy: { maxRegionShare: 0.5, severity: {} },
    policyPos: pos(30),
  };
  const report = realisticReport();
  report.findings = [
    finding('single-region', 'error', 'aws:eu-west-1', 'checkout', 'm', ['checkout', 'aws:eu-west-1']),
    finding('shared-fate', 'error', 'aws:us-east-1', 'vendor:slack', 'm', ['vendor:slack', 'aws:us-east-1']),
    finding('region-concentration', 'warning', 'aws:eu-west-1', '', 'm', ['aws:eu-west-1']),
  ];
  const ctx = context(cwd);
  await runCheck({ report, manifest }, { ...base, baseline: 'empty.json', format: 'sarif' }, ctx);
  const lines = JSON.parse(ctx.out()).runs[0].results.map(
    (r: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
      `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
  );
  assert.deepEqual(lines, ['infra/faultline.yaml:3', 'infra/faultline.yaml:20', 'infra/faultline.yaml:30']);
});

test('without a manifest or a snapshot file (a live --aws run), SARIF results point at the baseline', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'empty.json'), JSON.stringify({ schemaVersion: 1, generatedBy: 't', entries: [] }));
  const ctx = context(cwd);
  await runCheck({ report: realisticReport() }, { ...base, baseline: 'empty.json', format: 'sarif' }, ctx);
  const uris = new Set(
    JSON.parse(ctx.out()).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri),
  );
  assert.deepEqual([...uris], ['empty.json']);
});

test('SARIF stops at the 25,000 results GitHub code scanning accepts, new findings first, and says what it left out', async () => {
  const cwd = workspace();
  const report = realisticReport();
  const known = Array.from({ length: 25_010 }, (_, i) => finding('single-zone', 'error', `aws:eu-west-1/euw1-az${i % 3}`, `svc-${i}`, 'm', [`svc-${i}`]));
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify({ schemaVersion: 1, generatedBy: 't', entries: known.map((f) => ({ id: f.id, rule: f.rule, subject: f.subject, service: f.service, severity: f.severity })) }));
  const fresh = [finding('single-region', 'error', 'aws:us-east-1', 'checkout', 'm', ['checkout', 'aws:us-east-1'])];
  report.findings = [...known, ...fresh];
  const ctx = context(cwd);
  await runCheck({ report }, { ...base, baseline: 'baseline.json', format: 'sarif' }, ctx);
  assert.equal(ctx.exitCode, 1);
  const run = JSON.parse(ctx.out()).runs[0] as { results: { baselineState: string; properties: { service: string } }[]; properties: Record<string, unknown> };
  assert.equal(run.results.length, 25_000);
  assert.deepEqual([run.results[0]!.baselineState, run.results[0]!.properties.service], ['new', 'checkout'], 'the new finding comes first');
  assert.equal(run.results[1]!.baselineState, 'unchanged');
  assert.equal(run.properties.omittedResults, 11);
  assert.match(ctx.err(), /^faultline: warning: the SARIF leaves out 11 findings \(new ones come first\): GitHub code scanning rejects more than 25000 results per run; --format json lists them all$/m);
});
