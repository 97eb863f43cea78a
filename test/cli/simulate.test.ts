import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectReplayedEstate } from '../../src/cli/aws-options.js';
import { writeSnapshot } from '../../src/model/snapshot-io.js';
import { runCli } from '../helpers/cli.js';
import { estateDir } from '../helpers/replay.js';

const env = { NO_COLOR: '1' };
const demoManifest = new URL('../../fixtures/demo/faultline.yaml', import.meta.url).pathname;

/** The demo estate as a snapshot, collected once through the SDK from the replay endpoint. */
const demo = (async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-simulate-'));
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir };
  await writeSnapshot(join(dir, 'demo.jsonl'), await collectReplayedEstate(estateDir('demo-company'), io));
  return dir;
})();

async function simulate(...argv: string[]) {
  return runCli(['simulate', 'demo.jsonl', '--config', demoManifest, ...argv], { cwd: await demo, env });
}

test('simulate --list lists the outage library with dates', async () => {
  const run = await runCli(['simulate', '--list'], { cwd: tmpdir(), env });
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^2025-10-20  aws-use1-dynamodb-dns-2025-10 +AWS us-east-1 DynamoDB DNS/m);
  assert.match(run.stdout, /atlassian-site-deletion-2022-04/);
  assert.match(run.stdout, /crowdstrike-channel-file-291-2024-07/);
});

test('two zones failing at once, one given by its zone name: checkout and what needs it go down, with the chain', async () => {
  const run = await simulate('--fail', 'aws:eu-west-1/eu-west-1a', '--fail', 'aws:eu-west-1/euw1-az2', '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { failed: { id: string }[]; down: { id: string; because: string[] }[]; survivors: string[] };
  assert.deepEqual(result.failed.map((f) => f.id), ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2']);
  assert.deepEqual(result.down.map((d) => d.id), ['checkout', 'storefront', 'reports']);
  // The shortest chain: the Single-AZ orders-db lives in euw1-az2.
  assert.deepEqual(result.down[0]!.because, ['checkout', 'arn:aws:rds:eu-west-1:111111111111:db:orders-db', 'aws:eu-west-1/euw1-az2']);
  assert.ok(result.survivors.includes('payments'));
});

test('replaying AWS us-east-1 (20 Oct 2025) on the demo takes down six critical services, and the backup chat with Slack', async () => {
  const run = await simulate('--scenario', 'aws-use1-dynamodb-dns-2025-10');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^AWS us-east-1 DynamoDB DNS race condition/);
  assert.match(run.stdout, /7 of 10 services down \(6 critical\)/);
  assert.match(run.stdout, /incident-comms → anyOf\(vendor:slack, vendor:mattermost\) → vendor:mattermost → aws:us-east-1/);
  assert.match(run.stdout, /vendor:mailgun: anyOf\(aws:us-east-1, aws:us-west-2\)\n    lost aws:us-east-1; still up: aws:us-west-2/);
});

test('a scenario whose failed parts this estate does not use takes nothing down, and says so', async () => {
  const run = await simulate('--scenario', 'crowdstrike-channel-file-291-2024-07', '--format', 'json');
  const result = JSON.parse(run.stdout) as { down: unknown[]; notInEstate: string[] };
  assert.deepEqual(result.down, []);
  assert.deepEqual(result.notInEstate, ['vendor:crowdstrike']);
});

test('an account-level scenario replays once per account of the estate', async () => {
  const run = await simulate('--scenario', 'aws-account-deletion-boudih-2025-07', '--format', 'json');
  const result = JSON.parse(run.stdout) as { failed: { id: string }[]; down: { id: string }[]; scenario: { replays: number } };
  assert.deepEqual(result.failed.map((f) => f.id), ['account:aws:111111111111']);
  assert.equal(result.scenario.replays, 1);
  assert.ok(result.down.some((d) => d.id === 'checkout'));
});

const errorCases: [string, string[], RegExp][] = [
  ['an id the estate does not have, with a suggestion', ['--fail', 'vendor:slak'], /--fail: 'vendor:slak' is not in this estate\n  hint: did you mean vendor:slack\?/],
  ['an unknown scenario, with a suggestion', ['--scenario', 'aws-use1-dynamodb-dns-2025'], /--scenario: no outage scenario 'aws-use1-dynamodb-dns-2025'\n  hint: did you mean aws-use1-dynamodb-dns-2025-10\?/],
  ['nothing to simulate', [], /nothing to simulate\n  hint: pass --fail <id>/],
  ['--fail and --scenario together', ['--fail', 'checkout', '--scenario', 'x'], /give --fail or --scenario, not both/],
];
for (const [name, argv, message] of errorCases) {
  test(`simulate error: ${name} exits 2`, async () => {
    const run = await simulate(...argv);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stderr, message);
  });
}

test('simulate -o writes the Markdown result to a file', async () => {
  const dir = await demo;
  const run = await simulate('--fail', 'vendor:okta', '--format', 'markdown', '-o', 'okta.md');
  assert.equal(run.code, 0);
  assert.match(readFileSync(join(dir, 'okta.md'), 'utf8'), /\| \*\*auth\*\* \| yes \| auth → vendor:okta \|/);
});
