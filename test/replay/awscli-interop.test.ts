import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withReplay } from '../helpers/replay.js';

/**
 * Debian's aws CLI (botocore's own parsers) reads every response the replay server sends, so the
 * fixtures are the real wire protocol and not just what our SDK happens to accept. .ci/run
 * installs it; a pyenv `aws` earlier on PATH is a different CLI, so the Debian one is found
 * through dpkg. Async execFile only: the server runs in this process.
 */
const run = promisify(execFile);

async function debianAws(): Promise<string> {
  try {
    const { stdout } = await run('dpkg', ['-L', 'awscli']);
    const path = stdout.split('\n').find((line) => line.endsWith('/bin/aws'));
    if (path) return path;
  } catch {
    // reported below
  }
  assert.fail('Debian awscli is not installed: apt-get install -y awscli python3-botocore (.ci/run does this)');
}

/** A hermetic environment for the CLI: fake keys, no profile, no metadata service, no pager, one attempt. */
async function cliEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: await mkdtemp(join(tmpdir(), 'faultline-awscli-')),
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFORTESTS',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    ...extra,
  };
}

test("Debian's aws CLI parses every response of the replay endpoint, across pages", async () => {
  const aws = await debianAws();
  const env = await cliEnv({ AWS_DEFAULT_REGION: 'us-east-1' });
  await withReplay('two-zones-behind-one-nat', { pageSize: 2 }, async (server) => {
    const cli = async (...args: string[]): Promise<Record<string, unknown[]>> => {
      const { stdout } = await run(aws, ['--endpoint-url', server.url, '--output', 'json', ...args], { env, timeout: 60_000 });
      return JSON.parse(stdout) as Record<string, unknown[]>;
    };
    // Two at a time: each is a Python process, and the machine is shared.
    const [tagged, regions] = await Promise.all([
      cli('resourcegroupstaggingapi', 'get-resources', '--page-size', '2'),
      cli('ec2', 'describe-regions'),
    ]);
    const [zones, reservations] = await Promise.all([cli('ec2', 'describe-availability-zones'), cli('ec2', 'describe-instances', '--page-size', '5')]);
    const [subnets, tables] = await Promise.all([cli('ec2', 'describe-subnets', '--page-size', '5'), cli('ec2', 'describe-route-tables', '--page-size', '5')]);
    const [nats, endpoints] = await Promise.all([cli('ec2', 'describe-nat-gateways', '--page-size', '5'), cli('ec2', 'describe-vpc-endpoints', '--page-size', '5')]);

    type Tagged = { ResourceARN: string; Tags: { Key: string; Value: string }[] };
    const arns = (tagged.ResourceTagMappingList as Tagged[]).map((m) => m.ResourceARN);
    assert.equal(arns.length, 5);
    assert.ok(arns.includes('arn:aws:s3:::web-assets-123456789012'));
    assert.deepEqual((regions.Regions as { RegionName: string }[]).map((r) => r.RegionName), ['us-east-1', 'us-west-2']);
    assert.deepEqual((zones.AvailabilityZones as { ZoneName: string; ZoneId: string; State: string }[]).map((z) => `${z.ZoneName}=${z.ZoneId} ${z.State}`), [
      'us-east-1a=use1-az4 available',
      'us-east-1b=use1-az6 available',
      'us-east-1c=use1-az1 available',
    ]);
    type Instance = { InstanceId: string; State: { Name: string }; Placement: { AvailabilityZone: string }; Tags: { Key: string; Value: string }[] };
    const instances = (reservations.Reservations as { Instances: Instance[] }[]).flatMap((r) => r.Instances);
    assert.deepEqual(
      instances.map((i) => `${i.Tags.find((t) => t.Key === 'Name')?.Value} ${i.Placement.AvailabilityZone} ${i.State.Name}`).sort(),
      ['bastion us-east-1a running', 'web-b us-east-1b running', 'web-c us-east-1c running'],
    );
    assert.equal(subnets.Subnets!.length, 3);
    type Table = { Routes: { DestinationCidrBlock?: string; NatGatewayId?: string }[]; Associations: { SubnetId?: string; Main: boolean }[] };
    const natRoutes = (tables.RouteTables as Table[]).flatMap((t) => t.Routes).filter((r) => r.NatGatewayId !== undefined);
    assert.equal(natRoutes.length, 2);
    assert.ok((tables.RouteTables as Table[]).some((t) => t.Associations.some((a) => a.Main === true)));
    type Nat = { NatGatewayId: string; SubnetId: string; NatGatewayAddresses: { PublicIp: string }[] };
    assert.deepEqual((nats.NatGateways as Nat[]).map((n) => [n.NatGatewayId, n.NatGatewayAddresses[0]?.PublicIp]), [[natRoutes[0]!.NatGatewayId, '3.221.18.40']]);
    assert.deepEqual((endpoints.VpcEndpoints as { VpcEndpointType: string; ServiceName: string }[]).map((e) => `${e.VpcEndpointType} ${e.ServiceName}`), ['Gateway com.amazonaws.us-east-1.s3']);
    assert.ok(server.requests.filter((r) => r.api === 'tagging:GetResources').length >= 3, 'the CLI followed the pagination tokens');
  });
});

test("Debian's aws CLI pages through RDS DescribeDBInstances (awsQuery) and reads every field faultline uses", async () => {
  const aws = await debianAws();
  const env = await cliEnv();
  // The server hands out 2 per page whatever is asked; 20 is the smallest MaxRecords RDS accepts.
  await withReplay('single-az-multi-az-and-aurora-databases', { pageSize: 2 }, async (server) => {
    const { stdout } = await run(
      aws,
      ['--endpoint-url', server.url, '--region', 'eu-central-1', '--output', 'json', 'rds', 'describe-db-instances', '--page-size', '20'],
      { env, timeout: 60_000 },
    );
    type Db = { DBInstanceIdentifier: string; DBInstanceArn: string; AvailabilityZone?: string; MultiAZ: boolean; SecondaryAvailabilityZone?: string; DBInstanceStatus: string; DBClusterIdentifier?: string; TagList: { Key: string; Value: string }[]; InstanceCreateTime: string; Endpoint: { Port: number } };
    const dbs = (JSON.parse(stdout) as { DBInstances: Db[] }).DBInstances;
    assert.deepEqual(
      dbs.map((d) => `${d.DBInstanceIdentifier} ${d.AvailabilityZone ?? '-'} ${d.MultiAZ} ${d.SecondaryAvailabilityZone ?? '-'} ${d.DBInstanceStatus} ${d.DBClusterIdentifier ?? '-'}`),
      [
        'billing-db eu-central-1a false - available -',
        'accounts-db eu-central-1b true eu-central-1c available -',
        'events-1 eu-central-1a false - available events',
        'events-2 eu-central-1b false - available events',
        'audit-1 eu-central-1c false - available audit',
        'audit-2 eu-central-1c false - available audit',
        'scratch-db eu-central-1b false - available -',
        'retired-db eu-central-1a false - deleting -',
        'new-db - false - creating -',
      ],
    );
    assert.equal(dbs[0]!.DBInstanceArn, 'arn:aws:rds:eu-central-1:444444444444:db:billing-db');
    assert.deepEqual(dbs[0]!.TagList, [{ Key: 'app', Value: 'billing' }, { Key: 'Name', Value: 'billing-db' }]);
    assert.deepEqual(dbs[6]!.TagList, []);
    assert.equal(dbs[0]!.Endpoint.Port, 5432, 'integers parse as numbers');
    const calls = server.requests.filter((r) => r.api === 'rds:DescribeDBInstances');
    assert.deepEqual(calls.map((r) => `${r.region} ${r.status}`), Array(5).fill('eu-central-1 200'), 'the CLI followed the Marker across five pages');
  });
});

test("Debian's aws CLI pages through ELBv2 DescribeLoadBalancers (awsQuery, <member> lists) and reads every field faultline uses", async () => {
  const aws = await debianAws();
  const env = await cliEnv();
  // The server hands out one per page. (Not the CLI's --page-size: ELBv2 has an API parameter
  // of that name, and the CLI turns its own paging off when it is given.)
  await withReplay('load-balancers-one-zone-and-two', { pageSize: 1 }, async (server) => {
    const { stdout } = await run(
      aws,
      ['--endpoint-url', server.url, '--region', 'eu-west-1', '--output', 'json', 'elbv2', 'describe-load-balancers'],
      { env, timeout: 60_000 },
    );
    type Lb = { LoadBalancerArn: string; LoadBalancerName: string; Type: string; State: { Code: string }; AvailabilityZones: { ZoneName: string; SubnetId: string }[]; CreatedTime: string };
    const lbs = (JSON.parse(stdout) as { LoadBalancers: Lb[] }).LoadBalancers;
    assert.deepEqual(
      lbs.map((lb) => `${lb.LoadBalancerName} ${lb.Type} ${lb.State.Code} ${lb.AvailabilityZones.map((z) => `${z.ZoneName}/${z.SubnetId}`).join(',')}`),
      [
        'storefront application active eu-west-1a/subnet-0a1c6e2f9b4d3a501,eu-west-1b/subnet-0b2d7f3a0c5e4b602',
        'payments-edge network active eu-west-1b/subnet-0b2d7f3a0c5e4b602',
        'legacy-internal network active eu-west-1c/subnet-0c3e8a4b1d6f5c703',
      ],
    );
    assert.equal(lbs[1]!.LoadBalancerArn, 'arn:aws:elasticloadbalancing:eu-west-1:555555555555:loadbalancer/net/payments-edge/2c7e4a9f1d3b5e80');
    const calls = server.requests.filter((r) => r.api === 'elasticloadbalancing:DescribeLoadBalancers');
    assert.deepEqual(calls.map((r) => `${r.region} ${r.status}`), Array(3).fill('eu-west-1 200'), 'the CLI followed NextMarker across three pages');
  });
});

test("Debian's aws CLI reads the replay endpoint's throttling and denial errors", async () => {
  const aws = await debianAws();
  const env = await cliEnv({ AWS_DEFAULT_REGION: 'us-west-2' });
  const faults = { throttle: [{ api: 'DescribeInstances', times: 5 }, { api: 'rds:DescribeDBInstances', region: 'us-west-2', times: 5 }], deny: [{ api: 'GetResources' }, { api: 'rds:DescribeDBInstances', region: 'us-east-1' }] };
  await withReplay('two-zones-behind-one-nat', { faults }, async (server) => {
    const failure = async (...args: string[]): Promise<string> => {
      try {
        await run(aws, ['--endpoint-url', server.url, ...args], { env, timeout: 60_000 });
      } catch (error) {
        return String((error as { stderr?: string }).stderr);
      }
      assert.fail(`aws ${args.join(' ')} should have failed`);
    };
    const [throttled, denied] = await Promise.all([failure('ec2', 'describe-instances'), failure('resourcegroupstaggingapi', 'get-resources')]);
    assert.match(throttled, /\(RequestLimitExceeded\) when calling the DescribeInstances operation.*Request limit exceeded\./);
    assert.match(denied, /\(AccessDeniedException\) when calling the GetResources operation.*: User is not authorized/);
    const [rdsThrottled, rdsDenied] = await Promise.all([failure('rds', 'describe-db-instances'), failure('rds', 'describe-db-instances', '--region', 'us-east-1')]);
    assert.match(rdsThrottled, /\(Throttling\) when calling the DescribeDBInstances operation.*: Rate exceeded/);
    assert.match(rdsDenied, /\(AccessDenied\) when calling the DescribeDBInstances operation.*: User is not authorized to perform: rds:DescribeDBInstances/);
  });
});
