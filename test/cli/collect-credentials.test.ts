import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hermeticAwsEnv } from '../helpers/aws-env.js';
import { runCli } from '../helpers/cli.js';
import { withReplay } from '../helpers/replay.js';

hermeticAwsEnv(false);

test('without any AWS credentials collect exits 2 with how to configure them', async () => {
  await withReplay('two-zones-behind-one-nat', {}, async (server) => {
    process.env.AWS_ENDPOINT_URL = server.url;
    const run = await runCli(['collect', '--aws', '-o', 'snapshot.json'], { cwd: await mkdtemp(join(tmpdir(), 'faultline-nocreds-')) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^faultline: us-east-1 ec2:DescribeRegions: no AWS credentials found\n  hint: run `aws configure`, set AWS_PROFILE \(or pass --profile\), or run `aws sso login`\n$/);
    assert.equal(server.requests.length, 0, 'nothing was sent unsigned');
  });
});
