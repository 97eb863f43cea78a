import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsCollector, type AwsCollectorOptions } from '../../../src/collectors/aws/index.js';
import type { Snapshot, SnapshotResource } from '../../../src/model/snapshot.js';
import type { ReplayServer } from '../../../src/replay/server.js';
import { fakeCredentials, noDelayRetry, recordingProgress, withReplay } from '../../helpers/replay.js';

// eu-central-1 in account 444444444444: eu-central-1a = euc1-az2, 1b = euc1-az3, 1c = euc1-az1.
const DATABASES = 'single-az-multi-az-and-aurora-databases';
const ARN = 'arn:aws:rds:eu-central-1:444444444444:';

async function collect(server: ReplayServer, extra: Partial<AwsCollectorOptions> = {}) {
  const progress = recordingProgress();
  const snapshot = await awsCollector({ endpoint: server.url, credentials: fakeCredentials, retry: noDelayRetry, ...extra }).collect({ progress });
  return { snapshot, progress };
}

const find = (snapshot: Snapshot, id: string): SnapshotResource => {
  const found = snapshot.resources.find((r) => r.id === id);
  assert.ok(found, `${id} was collected`);
  return found;
};
const where = (r: SnapshotResource): string => `${r.placement} ${r.zone ?? '-'}`;

test('a Single-AZ database is zonal in the zone id its zone name maps to in this account', async () => {
  await withReplay(DATABASES, {}, async (server) => {
    const { snapshot } = await collect(server);
    // billing-db reports eu-central-1a, which this account's DescribeAvailabilityZones maps to euc1-az2.
    assert.equal(where(find(snapshot, `${ARN}db:billing-db`)), 'zonal euc1-az2');
    assert.deepEqual(snapshot.diagnostics, []);
  });
});

test('a Multi-AZ database is regional: its standby in another zone survives the loss of one', async () => {
  await withReplay(DATABASES, {}, async (server) => {
    const { snapshot } = await collect(server);
    const db = find(snapshot, `${ARN}db:accounts-db`);
    assert.equal(where(db), 'regional -');
    assert.deepEqual([db.region, db.account, db.tags.app], ['eu-central-1', '444444444444', 'accounts']);
  });
});

test('Aurora members are regional when their cluster spans zones and zonal when every member shares one', async () => {
  await withReplay(DATABASES, {}, async (server) => {
    const { snapshot } = await collect(server);
    assert.deepEqual(
      ['db:events-1', 'db:events-2', 'cluster:events', 'db:audit-1', 'db:audit-2', 'cluster:audit'].map((id) => `${id} ${where(find(snapshot, ARN + id))}`),
      ['db:events-1 regional -', 'db:events-2 regional -', 'cluster:events regional -', 'db:audit-1 zonal euc1-az1', 'db:audit-2 zonal euc1-az1', 'cluster:audit zonal euc1-az1'],
    );
  });
});

test('an untagged database that GetResources never returns is added from DescribeDBInstances; one being deleted is not', async () => {
  await withReplay(DATABASES, {}, async (server) => {
    const { snapshot } = await collect(server);
    const scratch = find(snapshot, `${ARN}db:scratch-db`);
    assert.deepEqual([scratch.type, scratch.name, scratch.tags, where(scratch)], ['rds:db', 'scratch-db', {}, 'zonal euc1-az3']);
    assert.equal(snapshot.resources.some((r) => r.id === `${ARN}db:retired-db`), false);
    // Still being created: no zone yet, so nothing can be said about one.
    assert.equal(where(find(snapshot, `${ARN}db:new-db`)), 'regional -');
  });
});

test('with GetResources denied, databases still come with the tags DescribeDBInstances returns', async () => {
  await withReplay(DATABASES, { faults: { deny: [{ api: 'tagging:GetResources' }] } }, async (server) => {
    const { snapshot } = await collect(server);
    const billing = find(snapshot, `${ARN}db:billing-db`);
    assert.deepEqual([billing.tags, billing.name, where(billing)], [{ app: 'billing', Name: 'billing-db' }, 'billing-db', 'zonal euc1-az2']);
    assert.deepEqual(snapshot.diagnostics.map((d) => `${d.api} ${d.code}`), ['tagging:GetResources AccessDeniedException']);
  });
});

test('DescribeDBInstances is followed across pages by Marker, asking for 100 records a page', async () => {
  const whole = await withReplay(DATABASES, {}, (server) => collect(server));
  await withReplay(DATABASES, { pageSize: 2 }, async (server) => {
    const { snapshot } = await collect(server);
    assert.deepEqual(snapshot.resources, whole.snapshot.resources);
    const calls = server.requests.filter((r) => r.api === 'rds:DescribeDBInstances');
    assert.equal(calls.length, 5, 'nine DB instances at two per page take five calls');
    assert.ok(calls.every((r) => r.status === 200 && r.region === 'eu-central-1'));
  });
});

test('RDS denied in one region is a diagnostic naming the region and rds:DescribeDBInstances; everything else is complete', async () => {
  const clean = await withReplay('demo-company', {}, (server) => collect(server));
  await withReplay('demo-company', { faults: { deny: [{ api: 'rds:DescribeDBInstances', region: 'eu-west-1' }] } }, async (server) => {
    const { snapshot, progress } = await collect(server);
    assert.deepEqual(snapshot.diagnostics.map((d) => `${d.level} ${d.region} ${d.api} ${d.code}`), [
      'warning eu-west-1 rds:DescribeDBInstances AccessDenied',
    ]);
    assert.equal(progress.warnings.length, 1);
    assert.match(progress.warnings[0]!, /^eu-west-1 rds:DescribeDBInstances: AccessDenied: User is not authorized to perform: rds:DescribeDBInstances/);
    assert.deepEqual(snapshot.coverage, clean.snapshot.coverage);
    // orders-db is still there from the Tagging API, only without its zone; nothing else changes.
    const orders = 'arn:aws:rds:eu-west-1:111111111111:db:orders-db';
    assert.equal(where(find(clean.snapshot, orders)), 'zonal euw1-az2');
    assert.equal(where(find(snapshot, orders)), 'regional -');
    assert.deepEqual(
      snapshot.resources.filter((r) => r.id !== orders),
      clean.snapshot.resources.filter((r) => r.id !== orders),
    );
    assert.equal(where(find(snapshot, 'arn:aws:rds:us-east-1:111111111111:db:payments-db')), 'regional -');
  });
});

test('RDS Throttling (HTTP 400) is retried by the SDK and the databases are complete', async () => {
  const clean = await withReplay(DATABASES, {}, (server) => collect(server));
  await withReplay(DATABASES, { pageSize: 3, faults: { throttle: [{ api: 'rds:DescribeDBInstances', times: 2 }] } }, async (server) => {
    const { snapshot, progress } = await collect(server);
    assert.deepEqual(progress.warnings, []);
    assert.deepEqual(snapshot.diagnostics, []);
    assert.deepEqual(snapshot.resources, clean.snapshot.resources);
    const rds = server.requests.filter((r) => r.service === 'rds').map((r) => r.status);
    assert.deepEqual(rds, [400, 400, 200, 200, 200]);
  });
});
