import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplayServer } from '../../src/replay/server.js';
import { withReplay } from '../helpers/replay.js';

async function estateWith(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-estate-'));
  const region = join(dir, '123456789012', 'us-east-1');
  await mkdir(region, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFile(join(region, name), JSON.stringify(data));
  return dir;
}

test('the tagging API ends pagination with an empty-string token, as AWS does', async () => {
  await withReplay('two-zones-behind-one-nat', { pageSize: 4 }, async (server) => {
    const call = async (body: object) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'ResourceGroupsTaggingAPI_20170126.GetResources', 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { PaginationToken: string; ResourceTagMappingList: unknown[] };
    };
    const first = await call({ ResourcesPerPage: 100 });
    assert.equal(first.ResourceTagMappingList.length, 4);
    const last = await call({ PaginationToken: first.PaginationToken });
    assert.deepEqual([last.ResourceTagMappingList.length, last.PaginationToken], [1, '']);
  });
});

test('actions the replay server does not serve are refused, never answered', async () => {
  await withReplay('two-zones-behind-one-nat', {}, async (server) => {
    const res = await fetch(server.url, { method: 'POST', body: 'Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-1' });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>InvalidAction<\/Code>/);
  });
});

test('a fixture the EC2 renderer cannot express fails when the server starts', async () => {
  const dir = await estateWith({ 'DescribeSubnets.json': { Subnets: [{ SubnetId: 's-1', Mystery: [1] }] } });
  await assert.rejects(startReplayServer({ estateDir: dir }), /no EC2 element name known for the list 'Mystery'/);
});

test('a fixture for an API the server does not replay, or a misnamed account folder, is rejected', async () => {
  const dir = await estateWith({ 'DescribeVolumes.json': { Volumes: [] } });
  await assert.rejects(startReplayServer({ estateDir: dir }), /'DescribeVolumes' is not an API the replay server serves/);
  const bad = await mkdtemp(join(tmpdir(), 'faultline-estate-'));
  await mkdir(join(bad, 'prod', 'us-east-1'), { recursive: true });
  await assert.rejects(startReplayServer({ estateDir: bad }), /an account folder is named by a 12-digit account id/);
});

test('RDS answers in awsQuery XML: a Result wrapper, DBInstance and Tag list members, and a Marker while more remain', async () => {
  await withReplay('demo-company', {}, async (server) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIAFAKE/20261121/eu-west-1/rds/aws4_request, SignedHeaders=host, Signature=0' },
      body: 'Action=DescribeDBInstances&Version=2014-10-31&MaxRecords=20',
    });
    assert.equal(res.status, 200);
    const xml = await res.text();
    assert.match(xml, /^<DescribeDBInstancesResponse xmlns="http:\/\/rds\.amazonaws\.com\/doc\/2014-10-31\/"><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>orders-db</);
    assert.match(xml, /<AvailabilityZone>eu-west-1b<\/AvailabilityZone>.*<MultiAZ>false<\/MultiAZ>/);
    assert.match(xml, /<TagList><Tag><Key>app<\/Key><Value>checkout<\/Value><\/Tag>/);
    assert.match(xml, /<\/DescribeDBInstancesResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/DescribeDBInstancesResponse>$/);
    assert.doesNotMatch(xml, /<Marker>/, 'one database: a single page');
  });
});

test('RDS refuses MaxRecords outside 20..100 and actions it does not serve, in the awsQuery error shape', async () => {
  await withReplay('demo-company', {}, async (server) => {
    const post = async (body: string) => {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      return { status: res.status, text: await res.text() };
    };
    const small = await post('Action=DescribeDBInstances&Version=2014-10-31&MaxRecords=5');
    assert.equal(small.status, 400);
    assert.match(small.text, /^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>InvalidParameterValue<\/Code><Message>Invalid value 5 for MaxRecords\. Must be between 20 and 100<\/Message><\/Error><RequestId>/);
    const write = await post('Action=DeleteDBInstance&Version=2014-10-31&DBInstanceIdentifier=orders-db');
    assert.equal(write.status, 400);
    assert.match(write.text, /<Code>InvalidAction<\/Code>/);
    assert.deepEqual(server.requests.map((r) => `${r.api} ${r.status}`), ['rds:DescribeDBInstances 400', 'rds:DeleteDBInstance 400']);
  });
});

test('an RDS fixture the awsQuery renderer cannot express fails when the server starts', async () => {
  const dir = await estateWith({ 'DescribeDBInstances.json': { DBInstances: [{ DBInstanceIdentifier: 'db-1', Mystery: ['x'] }] } });
  await assert.rejects(startReplayServer({ estateDir: dir }), /no RDS element name known for the list 'Mystery'/);
});
