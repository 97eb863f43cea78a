import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { readSnapshot } from '../../src/model/snapshot-io.js';
import { hermeticAwsEnv } from '../helpers/aws-env.js';
import { runCli } from '../helpers/cli.js';
import { withReplay } from '../helpers/replay.js';

hermeticAwsEnv(true);
const ESTATE = 'two-zones-behind-one-nat';
const cwd = () => mkdtemp(join(tmpdir(), 'faultline-collect-'));

test('collect --aws writes a snapshot that readSnapshot reads back, through AWS_ENDPOINT_URL', async () => {
  const dir = await cwd();
  await withReplay(ESTATE, { pageSize: 3 }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    const snapshot = await readSnapshot(join(dir, 'snapshot.json'));
    assert.equal(snapshot.resources.length, 14);
    assert.deepEqual(snapshot.coverage[0]?.regions, ['us-east-1', 'us-west-2']);
    assert.equal(snapshot.zones.length, 6);
    assert.ok(server.requests.length > 0, 'the SDK honoured AWS_ENDPOINT_URL');
  });
  assert.deepEqual(await readdir(dir), ['snapshot.json']);
});

test('collect -o - writes the JSON Lines snapshot to stdout', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '--regions', 'us-west-2', '-o', '-'], { cwd: await cwd() });
    assert.equal(run.code, 0);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines[0]!.format, 'faultline-snapshot');
    assert.deepEqual(lines.slice(1).map((r) => r.name).sort(), ['batch-1', 'batch-results-123456789012', 'batch-trigger', 'public-a']);
  });
});

test('a denied region warns on stderr naming region and API and still exits 0', async () => {
  const dir = await cwd();
  await withReplay(ESTATE, { faults: { deny: [{ region: 'us-west-2' }] } }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^faultline: warning: us-west-2 tagging:GetResources: AccessDeniedException: User is not authorized .* \(continuing\)$/m);
    assert.match(run.stderr, /^faultline: warning: us-west-2 ec2:DescribeInstances: UnauthorizedOperation: .* \(continuing\)$/m);
    const snapshot = await readSnapshot(join(dir, 'snapshot.json'));
    assert.equal(snapshot.diagnostics.length, 8, 'six EC2 and tagging calls, rds:DescribeDBInstances and elasticloadbalancing:DescribeLoadBalancers');
    assert.deepEqual(snapshot.coverage[0]?.regions, ['us-east-1']);
  });
});

test('with --strict a denied region exits 2 after writing the snapshot', async () => {
  const dir = await cwd();
  await withReplay(ESTATE, { faults: { deny: [{ region: 'us-west-2', api: 'ec2:DescribeSubnets' }] } }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '--strict', '-o', 'snapshot.json'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^faultline: 1 collection problem with --strict \(first: us-west-2 ec2:DescribeSubnets: UnauthorizedOperation /m);
    assert.match(run.stderr, /hint: grant the read-only permissions listed in the README/);
    assert.equal((await readSnapshot(join(dir, 'snapshot.json'))).diagnostics.length, 1);
  });
});

test('an expired token exits 2 with a hint to run aws sso login', async () => {
  await withReplay(ESTATE, { faults: { expiredToken: true } }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const dir = await cwd();
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^faultline: us-east-1 ec2:DescribeRegions: the AWS session token has expired \(ExpiredToken: The provided token has expired\.\)\n  hint: run `aws sso login`/);
    assert.deepEqual(await readdir(dir), [], 'no snapshot and no temporary files');
  });
});

test('an unreachable endpoint exits 2 naming the endpoint', async () => {
  const url = await withReplay(ESTATE, {}, async (server) => server.url);
  process.env.AWS_ENDPOINT_URL = url;
  process.env.AWS_MAX_ATTEMPTS = '1';
  try {
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: await cwd(), env: { ...process.env } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`^faultline: ${url}: cannot reach the AWS endpoint \\(ECONNREFUSED`));
  } finally {
    delete process.env.AWS_MAX_ATTEMPTS;
  }
});

test('usage errors exit 2: no --aws, no -o, a bad region, a bad concurrency, a missing directory', async () => {
  const dir = await cwd();
  const cases: [string[], RegExp][] = [
    [['collect', '-o', 'x.json'], /^faultline: nothing to collect\n  hint: pass --aws/],
    [['collect', '--aws'], /required option '-o, --output <file>' not specified/],
    [['collect', '--aws', '--regions', 'eu-west-1,us-east1', '-o', 'x.json'], /^faultline: --regions: 'us-east1' is not an AWS region code\n  hint: did you mean us-east-1\?/],
    [['collect', '--aws', '--concurrency', '0', '-o', 'x.json'], /^faultline: --concurrency must be a whole number from 1 to 64, got '0'/],
    [['collect', '--aws', '-o', 'missing/x.json'], /^faultline: missing\/x.json: the output directory does not exist/],
  ];
  for (const [argv, message] of cases) {
    const run = await runCli(argv, { cwd: dir });
    assert.equal(run.code, 2, argv.join(' '));
    assert.match(run.stderr, message);
  }
});

test('progress goes to stderr on a TTY', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: await cwd(), tty: true });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /aws: 2\/2 regions, 14 resources/);
    assert.match(run.stderr, /collected 14 resources from 2 regions into snapshot.json\n$/);
  });
});

test('Ctrl-C stops a collection at once: requests in flight are cancelled, exit 130, no partial file, the earlier snapshot unchanged', async () => {
  const dir = await cwd();
  await writeFile(join(dir, 'snapshot.json'), 'earlier\n');
  await withReplay(ESTATE, { pageSize: 3, faults: { latencyMs: 300 } }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    let interrupt: ((signal: NodeJS.Signals) => void) | undefined;
    let stderr = '';
    const io: Io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: process.env,
      cwd: dir,
      onInterrupt: (handler) => {
        interrupt = handler;
        return () => (interrupt = undefined);
      },
    };
    const running = main(['collect', '--aws', '-o', 'snapshot.json'], io);
    // Once the regions' first requests are waiting in the server (300 ms each), interrupt.
    while (server.requests.length === 0 || server.pending === 0) await sleep(5);
    interrupt!('SIGINT');
    const code = await running;
    assert.equal(server.requests.length, 1, 'ended without waiting for the requests in flight');
    assert.equal(code, 130);
    assert.match(stderr, /^faultline: snapshot.json: interrupted: the collection stopped and nothing was written\n  hint: run the same command again to collect the whole estate; an earlier snapshot at this path is unchanged\n$/m);
    assert.equal(interrupt, undefined, 'the handler is released: a second Ctrl-C kills the process');
  });
  assert.deepEqual(await readdir(dir), ['snapshot.json']);
  assert.equal(await readFile(join(dir, 'snapshot.json'), 'utf8'), 'earlier\n');
});

for (const [signal, code, word] of [['SIGINT', 130, 'interrupted'], ['SIGTERM', 143, 'terminated']] as const) {
  test(`the built bin turns a real ${signal} into the same clean stop, exit ${code}`, async () => {
    const dir = await cwd();
    const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
    await withReplay(ESTATE, { faults: { latencyMs: 300 } }, async (server) => {
      const child = spawn(process.execPath, [bin, 'collect', '--aws', '-o', 'snapshot.json'], { cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: server.url } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      const exited = new Promise<number | null>((resolveExit) => child.once('exit', (exitCode) => resolveExit(exitCode)));
      while (server.requests.length === 0 || server.pending === 0) await sleep(5);
      child.kill(signal);
      assert.equal(await exited, code, stderr);
      assert.match(stderr, new RegExp(`${word}: the collection stopped and nothing was written`));
    });
    assert.deepEqual(await readdir(dir), [], 'no snapshot and no temporary files');
  });
}

test('a service behind a Network Load Balancer in one zone has a single-zone finding; one behind an ALB in two zones has none', async () => {
  await withReplay('load-balancers-one-zone-and-two', {}, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['audit', '--aws', '--format', 'json'], { cwd: await cwd() });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { rule: string; subject: string; service: string; because: string[] }[] };
    const zonal = report.findings.filter((f) => f.rule === 'single-zone');
    assert.deepEqual(
      zonal.map((f) => [f.service, f.subject, f.because]),
      [['payments', 'aws:eu-west-1/euw1-az1', ['payments', 'arn:aws:elasticloadbalancing:eu-west-1:555555555555:loadbalancer/net/payments-edge/2c7e4a9f1d3b5e80', 'aws:eu-west-1/euw1-az1']]],
    );
    assert.ok(report.findings.some((f) => f.rule === 'single-region' && f.service === 'storefront'), 'the ALB still needs its region');
  });
});

test('two collections of one estate write the same resources in the same order, whichever region answers first', async () => {
  const files: string[] = [];
  for (const slow of ['us-east-1', 'us-west-2']) {
    const dir = await cwd();
    // One region's tagging answers come late, so the other region finishes first.
    await withReplay(ESTATE, { faults: { throttle: [{ api: 'tagging:GetResources', region: slow, times: 2 }] } }, async (server) => {
      process.env.AWS_ENDPOINT_URL = server.url;
      const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
    });
    files.push((await readFile(join(dir, 'snapshot.json'), 'utf8')).split('\n').slice(1).join('\n'));
  }
  assert.equal(files[0], files[1]);
  const regions = files[0]!.trimEnd().split('\n').map((line) => (JSON.parse(line) as { region?: string }).region);
  assert.deepEqual([...new Set(regions)], ['us-east-1', 'us-west-2']);
});

test('a live audit --aws and an audit of the snapshot collect wrote report the same estate the same way, chains included', async () => {
  const dir = await cwd();
  const manifest = fileURLToPath(new URL('../../fixtures/demo/faultline.yaml', import.meta.url));
  await withReplay('demo-company', { faults: { throttle: [{ api: 'tagging:GetResources', region: 'eu-west-1', times: 2 }] } }, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const live = await runCli(['audit', '--aws', '--config', manifest, '--format', 'json'], { cwd: dir });
    const collected = await runCli(['collect', '--aws', '-o', 'snapshot.jsonl'], { cwd: dir });
    const fromFile = await runCli(['audit', 'snapshot.jsonl', '--config', manifest, '--format', 'json'], { cwd: dir });
    assert.deepEqual([live.code, collected.code, fromFile.code], [0, 0, 0], live.stderr + collected.stderr + fromFile.stderr);
    assert.equal(fromFile.stdout, live.stdout);
  });
});
