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
