import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptySnapshot, type Snapshot, type SnapshotResource } from '../../src/model/snapshot.js';
import { writeSnapshot } from '../../src/model/snapshot-io.js';
import { runCli } from '../helpers/cli.js';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-cli-'));
  temps.push(dir);
  return dir;
}

const env = { NO_COLOR: '1' };

function instance(name: string, app: string, zone: string): SnapshotResource {
  return {
    id: `arn:aws:ec2:eu-west-1:123456789012:instance/${name}`,
    type: 'ec2:instance',
    provider: 'aws',
    account: '123456789012',
    region: 'eu-west-1',
    zone,
    placement: 'zonal',
    name,
    tags: { app },
  };
}

/** Monday: checkout runs one instance in one zone. Friday: a second instance in another zone. */
function snapshots(): { monday: Snapshot; friday: Snapshot } {
  const monday = { ...emptySnapshot('0.1.0'), resources: [instance('i-0aaa', 'checkout', 'euw1-az1'), instance('i-0bbb', 'search', 'euw1-az1')] };
  const friday = { ...monday, resources: [...monday.resources, instance('i-0ccc', 'checkout', 'euw1-az2')] };
  return { monday, friday };
}

test('diff of two snapshots: the zone finding is resolved, and the new replica shows in the dependencies', async () => {
  const cwd = workdir();
  const { monday, friday } = snapshots();
  await writeSnapshot(join(cwd, 'monday.jsonl'), monday);
  await writeSnapshot(join(cwd, 'friday.jsonl'), friday);
  const run = await runCli(['diff', 'monday.jsonl', 'friday.jsonl'], { cwd, env });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.stdout.startsWith('Comparing monday.jsonl → friday.jsonl\n'), run.stdout);
  assert.match(run.stdout, /− \d+ resolved\n(?:.*\n)*? +\w+ +single-zone +checkout +aws:eu-west-1\/euw1-az1\n/);
  assert.match(run.stdout, /\n {2}\+ +checkout +needs +anyOf\(2 × ec2:instance\)\n/);
  assert.match(run.stdout, /\n {2}− +checkout +needs +arn:aws:ec2:eu-west-1:123456789012:instance\/i-0aaa\n/);
  assert.match(run.stdout, /\n {2}\+ +arn:aws:ec2:eu-west-1:123456789012:instance\/i-0ccc +needs +aws:eu-west-1\/euw1-az2\n/);
  assert.match(run.stdout, /\n\d+ new findings?, [1-9]\d* resolved, .*dependencies added, \d+ removed\n$/);
});

test('diff of two audit JSON reports, as a PR comment', async () => {
  const cwd = workdir();
  const { monday, friday } = snapshots();
  await writeSnapshot(join(cwd, 'monday.jsonl'), monday);
  await writeSnapshot(join(cwd, 'friday.jsonl'), friday);
  assert.equal((await runCli(['audit', 'monday.jsonl', '--format', 'json', '-o', 'monday.json'], { cwd, env })).code, 0);
  assert.equal((await runCli(['audit', 'friday.jsonl', '--format', 'json', '-o', 'friday.json'], { cwd, env })).code, 0);
  const run = await runCli(['diff', 'monday.json', 'friday.json', '--format', 'markdown'], { cwd, env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^<!-- faultline:diff -->\n## faultline diff\n\nmonday\.json → friday\.json: \d+ new findings?, [1-9]\d* resolved/);
  assert.match(run.stdout, /### Resolved findings\n\n\| Severity \| Rule \| Service \| Failure \|\n(?:.*\n)*?\| \w+ \| single-zone \| checkout \| aws:eu-west-1\/euw1-az1 \|/);
  assert.ok(!run.stdout.includes('### Dependencies'), 'reports carry no dependencies');
});

test('diff --format json is data a script can read', async () => {
  const cwd = workdir();
  const { monday, friday } = snapshots();
  await writeSnapshot(join(cwd, 'a.jsonl'), monday);
  await writeSnapshot(join(cwd, 'b.jsonl'), friday);
  const run = await runCli(['diff', 'a.jsonl', 'b.jsonl', '--format', 'json'], { cwd, env });
  const diff = JSON.parse(run.stdout) as { before: string; after: string; findings: { removed: { rule: string }[] }; dependencies: { added: unknown[] } };
  assert.equal(diff.before, 'a.jsonl');
  assert.ok(diff.findings.removed.some((f) => f.rule === 'single-zone'));
  assert.ok(diff.dependencies.added.length > 0);
});

test('diff of a missing file, or of JSON that is neither a report nor a snapshot, is exit 2 naming the file', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'a.json'), '{"name": "not faultline"}');
  const missing = await runCli(['diff', 'nope.json', 'a.json'], { cwd, env });
  assert.equal(missing.code, 2);
  assert.equal(
    missing.stderr,
    'faultline: nope.json: file not found\n  hint: pass two reports from `faultline audit --format json`, or two snapshots from `faultline collect`\n',
  );
  const other = await runCli(['diff', 'a.json', 'a.json'], { cwd, env });
  assert.equal(other.code, 2);
  assert.match(other.stderr, /^faultline: a\.json: this is neither a report nor a snapshot\n {2}hint: pass two reports/);
});

test('diff needs two files: one is a usage error, exit 2', async () => {
  const run = await runCli(['diff', 'a.json'], { cwd: workdir(), env });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /missing required argument 'new'/);
});
