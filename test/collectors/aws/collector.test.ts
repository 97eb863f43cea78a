import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsCollector, type AwsCollectorOptions } from '../../../src/collectors/aws/index.js';
import type { Snapshot } from '../../../src/model/snapshot.js';
import { CollectorError } from '../../../src/core/errors.js';
import type { ReplayServer } from '../../../src/replay/server.js';
import { fakeCredentials, noDelayRetry, recordingProgress, withReplay } from '../../helpers/replay.js';

const ESTATE = 'two-zones-behind-one-nat';
const LB_ESTATE = 'load-balancers-one-zone-and-two';
const NAT = /^arn:aws:ec2:us-east-1:123456789012:natgateway\/nat-/;

async function collect(server: ReplayServer, extra: Partial<AwsCollectorOptions> = {}) {
  const progress = recordingProgress();
  const snapshot = await awsCollector({ endpoint: server.url, credentials: fakeCredentials, retry: noDelayRetry, ...extra }).collect({ progress });
  return { snapshot, progress };
}

const byName = (snapshot: Snapshot, name: string) => {
  const found = snapshot.resources.filter((r) => r.name === name);
  assert.equal(found.length, 1, `one resource named ${name}`);
  return found[0]!;
};

test('collects tagged and untagged resources of every enabled region across many small pages', async () => {
  await withReplay(ESTATE, { pageSize: 2 }, async (server) => {
    const { snapshot } = await collect(server);
    assert.deepEqual(snapshot.coverage, [{ provider: 'aws', accounts: ['123456789012'], regions: ['us-east-1', 'us-west-2'] }]);
    assert.deepEqual(
      snapshot.resources.map((r) => r.type).sort(),
      ['ec2:instance', 'ec2:instance', 'ec2:instance', 'ec2:instance', 'ec2:natgateway', 'ec2:subnet', 'ec2:subnet', 'ec2:subnet', 'ec2:subnet',
        'lambda:function', 'rds:db', 's3:bucket', 's3:bucket', 'sqs:queue'],
    );
    // The never-tagged bastion is only visible to DescribeInstances.
    assert.deepEqual(byName(snapshot, 'bastion').tags, { Name: 'bastion' });
    const pages = server.requests.filter((r) => r.api === 'tagging:GetResources' && r.region === 'us-east-1').length;
    assert.equal(pages, 3, 'five tagged resources at two per page take three GetResources calls');
    assert.deepEqual(snapshot.diagnostics, []);
  });
});

test('an instance in a private subnet routed to a NAT gateway in another zone requires that gateway', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    const { snapshot } = await collect(server);
    const webB = byName(snapshot, 'web-b');
    const webC = byName(snapshot, 'web-c');
    const nat = byName(snapshot, 'shared-nat');
    assert.match(nat.id, NAT);
    assert.equal(nat.placement, 'zonal');
    assert.equal(nat.zone, 'use1-az4', 'the NAT gateway sits in zone a, which is use1-az4 in this account');
    assert.deepEqual([webB.zone, webC.zone], ['use1-az6', 'use1-az1']);
    assert.deepEqual(webB.requires, [nat.id]);
    assert.deepEqual(webC.requires, [nat.id]);
    assert.equal(byName(snapshot, 'bastion').requires, undefined, 'a public subnet routes to the internet gateway');
  });
});

test('zone names are resolved to zone ids through DescribeAvailabilityZones', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    const { snapshot } = await collect(server, { regions: ['us-east-1'] });
    // web-b's Placement has only the zone name (us-east-1b); the account maps it to use1-az6.
    assert.equal(byName(snapshot, 'web-b').zone, 'use1-az6');
    assert.deepEqual(
      snapshot.zones.map((z) => `${z.account} ${z.name}=${z.id}`),
      ['123456789012 us-east-1a=use1-az4', '123456789012 us-east-1b=use1-az6', '123456789012 us-east-1c=use1-az1'],
    );
  });
});

test('an S3 bucket takes its region from the region that returned it and its account from the collecting identity', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    const { snapshot } = await collect(server);
    const east = snapshot.resources.find((r) => r.id === 'arn:aws:s3:::web-assets-123456789012');
    const west = snapshot.resources.find((r) => r.id === 'arn:aws:s3:::batch-results-123456789012');
    assert.deepEqual([east?.region, east?.account, east?.placement], ['us-east-1', '123456789012', 'regional']);
    assert.deepEqual([west?.region, west?.account], ['us-west-2', '123456789012']);
    // web-db is Multi-AZ: its standby in another zone makes it survive the loss of one.
    const db = byName(snapshot, 'web-db');
    assert.deepEqual([db.type, db.region, db.account, db.placement, db.zone], ['rds:db', 'us-east-1', '123456789012', 'regional', undefined]);
  });
});

test('throttling of both kinds is retried by the SDK and the data is complete', async () => {
  const clean = await withReplay(ESTATE, {}, (server) => collect(server));
  await withReplay(
    ESTATE,
    { pageSize: 2, faults: { throttle: [{ api: 'tagging:GetResources', times: 2 }, { api: 'ec2:DescribeInstances', times: 2 }, { api: 'ec2:DescribeSubnets', region: 'us-west-2', times: 1 }] } },
    async (server) => {
      const { snapshot, progress } = await collect(server);
      assert.deepEqual(progress.warnings, []);
      assert.deepEqual(snapshot.diagnostics, []);
      assert.deepEqual(snapshot.resources, clean.snapshot.resources);
      const statuses = server.requests.filter((r) => r.status !== 200).map((r) => `${r.api} ${r.status}`).sort();
      assert.deepEqual(statuses, [
        'ec2:DescribeInstances 503', 'ec2:DescribeInstances 503', 'ec2:DescribeSubnets 503',
        'tagging:GetResources 400', 'tagging:GetResources 400',
      ]);
    },
  );
});

test('a region where every call is denied becomes diagnostics while the other regions complete', async () => {
  await withReplay(ESTATE, { faults: { deny: [{ region: 'us-west-2' }] } }, async (server) => {
    const { snapshot, progress } = await collect(server);
    assert.deepEqual(snapshot.coverage[0]?.regions, ['us-east-1']);
    assert.ok(snapshot.resources.every((r) => r.region === 'us-east-1'));
    assert.equal(snapshot.resources.length, 10);
    assert.deepEqual(
      snapshot.diagnostics.map((d) => `${d.region} ${d.api} ${d.code}`),
      [
        'us-west-2 ec2:DescribeAvailabilityZones UnauthorizedOperation',
        'us-west-2 ec2:DescribeInstances UnauthorizedOperation',
        'us-west-2 ec2:DescribeNatGateways UnauthorizedOperation',
        'us-west-2 ec2:DescribeRouteTables UnauthorizedOperation',
        'us-west-2 ec2:DescribeSubnets UnauthorizedOperation',
        'us-west-2 elasticloadbalancing:DescribeLoadBalancers AccessDenied',
        'us-west-2 rds:DescribeDBInstances AccessDenied',
        'us-west-2 tagging:GetResources AccessDeniedException',
      ],
    );
    assert.equal(progress.warnings.length, 8);
    assert.ok(progress.warnings.some((w) => w.startsWith('us-west-2 tagging:GetResources: AccessDeniedException: User is not authorized')));
  });
});

test('one denied API leaves the rest of the region collected', async () => {
  await withReplay(ESTATE, { faults: { deny: [{ api: 'ec2:DescribeRouteTables' }] } }, async (server) => {
    const { snapshot } = await collect(server, { regions: ['us-east-1'] });
    assert.equal(byName(snapshot, 'web-b').requires, undefined, 'without route tables the NAT dependency cannot be seen');
    assert.equal(byName(snapshot, 'web-b').zone, 'use1-az6');
    assert.deepEqual(snapshot.diagnostics.map((d) => d.api), ['ec2:DescribeRouteTables']);
  });
});

test('only read-only Describe and Get calls reach AWS, exactly those of the IAM policy in the README', async () => {
  const apis = new Set<string>();
  for (const estate of [ESTATE, LB_ESTATE]) {
    await withReplay(estate, { pageSize: 2 }, async (server) => {
      await collect(server);
      for (const request of server.requests) {
        assert.match(request.action, /^(Describe|Get)[A-Z]/);
        // IAM names the Tagging API's actions `tag:`.
        apis.add(request.api.replace(/^tagging:/, 'tag:'));
      }
    });
  }
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const policy = JSON.parse(/### Minimal IAM policy[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!) as { Statement: { Action: string[] }[] };
  assert.deepEqual([...apis].sort(), [...policy.Statement[0]!.Action].sort());
});

test('--regions limits collection and names a region that is not enabled', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    const { snapshot, progress } = await collect(server, { regions: ['us-west-2', 'us-east-2'] });
    assert.deepEqual(snapshot.coverage[0]?.regions, ['us-west-2']);
    assert.deepEqual(snapshot.diagnostics.map((d) => `${d.region} ${d.code}`), ['us-east-2 RegionNotEnabled']);
    assert.deepEqual(progress.warnings, ['us-east-2 ec2:DescribeRegions: RegionNotEnabled: us-east-2 is not enabled for this account (did you mean us-east-1?); skipped']);
    assert.ok(!server.requests.some((r) => r.region === 'us-east-1' && r.api !== 'ec2:DescribeRegions'));
  });
});

test('--role-arn assumes one role per account and collects each account', async () => {
  await withReplay('two-accounts-one-region-each', {}, async (server) => {
    const { snapshot } = await collect(server, {
      roleArns: ['arn:aws:iam::222222222222:role/faultline-audit', 'arn:aws:iam::333333333333:role/faultline-audit'],
    });
    assert.deepEqual(snapshot.coverage, [{ provider: 'aws', accounts: ['222222222222', '333333333333'], regions: ['eu-west-1', 'us-east-1'] }]);
    assert.deepEqual(
      snapshot.resources.filter((r) => r.type !== 'ec2:subnet').map((r) => `${r.account} ${r.region} ${r.zone ?? '-'} ${r.name}`).sort(),
      [
        '222222222222 us-east-1 - ledger-archive-222222222222',
        '222222222222 us-east-1 use1-az1 ledger-1',
        '333333333333 eu-west-1 - ledger-events',
        '333333333333 eu-west-1 euw1-az3 ledger-eu-1',
      ],
    );
    assert.equal(server.requests.filter((r) => r.api === 'sts:AssumeRole').length, 2);
  });
});

test('an expired session token stops the collection with a hint to log in again', async () => {
  await withReplay(ESTATE, { faults: { expiredToken: true } }, async (server) => {
    await assert.rejects(collect(server), (error: unknown) => {
      assert.ok(error instanceof CollectorError);
      assert.match(error.message, /^the AWS session token has expired \(ExpiredToken/);
      assert.match(error.hint ?? '', /aws sso login/);
      assert.equal(error.where, 'us-east-1 ec2:DescribeRegions');
      return true;
    });
  });
});

test('an unreachable endpoint stops the collection and names the endpoint', async () => {
  const url = await withReplay(ESTATE, {}, async (server) => server.url); // a port that is now closed
  await assert.rejects(
    awsCollector({ endpoint: url, credentials: fakeCredentials, retry: { maxAttempts: 1, delayMs: 0 } }).collect({ progress: recordingProgress() }),
    (error: unknown) => {
      assert.ok(error instanceof CollectorError);
      assert.match(error.message, /^cannot reach the AWS endpoint \(ECONNREFUSED/);
      assert.equal(error.where, url);
      return true;
    },
  );
});

test('resources go to the sink as regions finish when one is given', async () => {
  await withReplay(ESTATE, {}, async (server) => {
    const streamed: string[] = [];
    const snapshot = await awsCollector({ endpoint: server.url, credentials: fakeCredentials, retry: noDelayRetry }).collect({
      progress: recordingProgress(),
      sink: (r) => void streamed.push(r.id),
    });
    assert.equal(snapshot.resources.length, 0);
    assert.equal(streamed.length, 14);
    assert.equal(new Set(streamed).size, 14);
  });
});

test('load balancers take their zones from DescribeLoadBalancers: one zone is zonal there, two are regional, and never-tagged ones are found', async () => {
  await withReplay(LB_ESTATE, { pageSize: 1 }, async (server) => {
    const { snapshot } = await collect(server);
    const lbs = snapshot.resources.filter((r) => r.type === 'elasticloadbalancing:loadbalancer').sort((a, b) => (a.name! < b.name! ? -1 : 1));
    assert.deepEqual(
      lbs.map((r) => [r.name, r.placement, r.zone ?? null, r.account, r.tags]),
      [
        ['legacy-internal', 'zonal', 'euw1-az2', '555555555555', {}],
        ['payments-edge', 'zonal', 'euw1-az1', '555555555555', { service: 'payments' }],
        ['storefront-alb', 'regional', null, '555555555555', { service: 'storefront', Name: 'storefront-alb' }],
      ],
    );
    const pages = server.requests.filter((r) => r.api === 'elasticloadbalancing:DescribeLoadBalancers').length;
    assert.equal(pages, 3, 'three load balancers at one per page take three calls (Marker / NextMarker)');
    assert.deepEqual(snapshot.diagnostics, []);
  });
});

test('with DescribeLoadBalancers denied, tagged load balancers are still collected, as regional, and the denial is a diagnostic', async () => {
  await withReplay(LB_ESTATE, { faults: { deny: [{ api: 'elasticloadbalancing:DescribeLoadBalancers' }] } }, async (server) => {
    const { snapshot } = await collect(server);
    const lbs = snapshot.resources.filter((r) => r.type === 'elasticloadbalancing:loadbalancer');
    assert.deepEqual(lbs.map((r) => [r.name, r.placement]).sort(), [['payments-edge', 'regional'], ['storefront-alb', 'regional']]);
    assert.deepEqual(snapshot.diagnostics.map((d) => [d.api, d.code]), [['elasticloadbalancing:DescribeLoadBalancers', 'AccessDenied']]);
  });
});
