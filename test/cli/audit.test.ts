import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Report } from '../../src/analysis/types.js';
import { collectReplayedEstate } from '../../src/cli/aws-options.js';
import { writeSnapshot } from '../../src/model/snapshot-io.js';
import { runCli } from '../helpers/cli.js';
import { estateDir } from '../helpers/replay.js';
import { CHECKOUT_MANIFEST } from '../fixtures/checkout-manifest.js';

const MANIFEST = CHECKOUT_MANIFEST;

function workdir(files: Record<string, string> = { 'faultline.yaml': MANIFEST }): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-audit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const plain = { NO_COLOR: '1' };

test('audit finds ./faultline.yaml and prints inventory, ranking, findings and concentration', async () => {
  const run = await runCli(['audit'], { cwd: workdir(), env: plain });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^2 services \(1 critical\) · 1 vendor · 2 regions · 2 zones/);
  assert.match(run.stdout, /Single failures/);
  assert.match(run.stdout, /aws:eu-west-1\/euw1-az1 +zone/);
  assert.match(run.stdout, /single-zone +checkout +aws:eu-west-1\/euw1-az1/);
  assert.match(run.stdout, /checkout → aws:eu-west-1\/euw1-az1/);
  assert.match(run.stdout, /Region concentration/);
  assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when piped');
});

test('colour only when asked for: FORCE_COLOR colours, NO_COLOR wins over a TTY', async () => {
  const forced = await runCli(['audit'], { cwd: workdir(), env: { FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[31m/);
  const noColor = await runCli(['audit'], { cwd: workdir(), env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, /\u001b\[/);
});

test('audit --format json is the report contract: every failure that takes a service down, ranked', async () => {
  const run = await runCli(['audit', '--format', 'json'], { cwd: workdir(), env: plain });
  assert.equal(run.code, 0);
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(Object.keys(report), ['schemaVersion', 'inventory', 'findings', 'blastRadius', 'concentration', 'vendors']);
  // vendor:slack is hosted in aws:us-east-1 per the built-in catalogue; payments takes checkout down.
  assert.deepEqual(report.blastRadius.map((b) => b.failure), [
    'provider:aws', 'aws:eu-west-1', 'payments', 'aws:us-east-1', 'aws:eu-west-1/euw1-az1', 'vendor:slack', 'checkout',
  ]);
  assert.deepEqual(Object.keys(report.findings[0]!), ['id', 'rule', 'severity', 'subject', 'service', 'message', 'because']);
  const trimmed = JSON.parse((await runCli(['audit', '--format', 'json', '--top', '2'], { cwd: workdir(), env: plain })).stdout) as Report;
  assert.equal(trimmed.blastRadius.length, 2);
});

test('audit --fail-on error exits 1 when an error finding exists, 0 with --fail-on none', async () => {
  assert.equal((await runCli(['audit', '--fail-on', 'error'], { cwd: workdir(), env: plain })).code, 1);
  assert.equal((await runCli(['audit'], { cwd: workdir(), env: plain })).code, 0);
});

test('audit -o writes the report atomically and leaves no temporary file', async () => {
  const dir = workdir();
  const run = await runCli(['audit', '--format', 'markdown', '-o', 'report.md'], { cwd: dir, env: plain });
  assert.equal(run.code, 0);
  assert.equal(run.stdout, '');
  assert.match(readFileSync(join(dir, 'report.md'), 'utf8'), /^## faultline audit$/m);
  assert.deepEqual(readdirSync(dir).sort(), ['faultline.yaml', 'report.md']);
});

test('audit --pairs reports two zones that together take down what neither does alone', async () => {
  const run = await runCli(['audit', '--pairs', '--format', 'json'], { cwd: workdir(), env: plain });
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(report.pairs, [
    { failures: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'], kind: 'zone', services: ['payments'], criticalServices: [] },
  ]);
  const table = await runCli(['audit', '--pairs'], { cwd: workdir(), env: plain });
  assert.match(table.stdout, /Pairs of failures/);
  assert.match(table.stdout, /aws:eu-west-1\/euw1-az1 \+ aws:eu-west-1\/euw1-az2 +zone +0 +1 +payments/);
  const markdown = await runCli(['audit', '--pairs', '--format', 'markdown'], { cwd: workdir(), env: plain });
  assert.match(markdown.stdout, /\| aws:eu-west-1\/euw1-az1 \+ aws:eu-west-1\/euw1-az2 \| zone \| 0 \| 1 \| payments \|/);
  const without = await runCli(['audit', '--format', 'json'], { cwd: workdir(), env: plain });
  assert.equal('pairs' in (JSON.parse(without.stdout) as object), false, 'no pairs key unless asked');
});

test('two instances in zones b and c behind one NAT gateway in zone a make zone a a SPOF in audit', async () => {
  const dir = workdir({});
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir };
  const snapshot = await collectReplayedEstate(estateDir('two-zones-behind-one-nat'), io);
  await writeSnapshot(join(dir, 'snapshot.jsonl'), snapshot);
  const nat = snapshot.resources.find((r) => r.type === 'ec2:natgateway' && r.region === 'us-east-1')!;
  const web = snapshot.resources.filter((r) => r.tags.app === 'web' && r.type === 'ec2:instance');
  assert.ok(web.length === 2 && web.every((r) => r.zone !== nat.zone), 'the fixture: two web instances outside the NAT gateway zone');
  const run = await runCli(['audit', 'snapshot.jsonl', '--format', 'json'], { cwd: dir, env: plain });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const zonal = report.findings.filter((f) => f.rule === 'single-zone' && f.service === 'web');
  assert.equal(zonal.length, 1, JSON.stringify(zonal, null, 2));
  assert.equal(zonal[0]!.subject, `aws:us-east-1/${nat.zone}`);
  assert.ok(zonal[0]!.because.some((step) => step.includes(':natgateway/')), 'the chain goes through the NAT gateway');
});

// Every error a user can trigger: message, where, hint, exit 2.
const errorCases: [string, string[], Record<string, string>, RegExp][] = [
  ['nothing to analyse', ['audit'], {}, /nothing to analyse: no snapshot, no --aws and no faultline\.yaml here\n  hint: pass a snapshot/],
  ['a missing --config file', ['audit', '--config', 'nope.yaml'], {}, /nope\.yaml: no such manifest file\n  hint: create faultline\.yaml/],
  ['invalid YAML with its position', ['audit'], { 'faultline.yaml': 'version: 1\nservices:\n  a: [\n' }, /faultline\.yaml:\d+:\d+: /],
  ['a missing snapshot file', ['audit', 'missing.jsonl', '--config', 'faultline.yaml'], { 'faultline.yaml': MANIFEST }, /missing\.jsonl/],
  ['a snapshot and --aws together', ['audit', 'snap.jsonl', '--aws'], {}, /give a snapshot file or --aws, not both/],
  ['an unknown format', ['audit', '--format', 'xml'], { 'faultline.yaml': MANIFEST }, /argument 'xml' is invalid\. Allowed choices are table, json, markdown/],
  ['a --top that is not a positive number', ['audit', '--top', '0'], { 'faultline.yaml': MANIFEST }, /expected a whole number of at least 1, got '0'/],
  ['an unknown command', ['audti'], {}, /unknown command 'audti'/],
];
for (const [name, argv, files, message] of errorCases) {
  test(`audit error: ${name} exits 2 with a clear message`, async () => {
    const run = await runCli(argv, { cwd: workdir(files), env: plain });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  });
}

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));

test('the built bin runs the demo end to end: npx faultline demo', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'demo'], { env: { ...process.env, NO_COLOR: '1' } });
  assert.match(stdout, /^10 services \(7 critical\) · 11 vendors · 4 regions · 6 zones · 30 resources\n/);
  assert.match(stdout, /control-plane +storefront +arn:aws:cloudfront::111111111111:distribution\/E2QWRUHAPOMQZL/);
  assert.match(stdout, /shared-fate +support-chat +aws:us-east-1/);
  assert.match(stdout, /primary vendor:slack and its fallback vendor:mattermost both fail when aws:us-east-1 fails/);
  assert.match(stdout, /all 3 ec2:instance replicas of checkout fail together when arn:aws:ec2:eu-west-1:111111111111:natgateway\//);
  // orders-db is a Single-AZ database: the zone it lives in takes checkout down on its own.
  assert.match(stdout, /single-zone +checkout +aws:eu-west-1\/euw1-az2\n +zone aws:eu-west-1\/euw1-az2 failing alone takes checkout down\n +checkout → rds:db:orders-db → aws:eu-west-1\/euw1-az2\n/);
  assert.match(stderr, /collected 30 resources in 2 regions through the AWS SDK/);
});
