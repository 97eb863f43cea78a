import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { createSnapshotWriter, readSnapshot, writeSnapshot } from '../../src/model/snapshot-io.js';
import type { Snapshot } from '../../src/model/snapshot.js';

const sample: Snapshot = {
  schemaVersion: 1,
  collectedAt: '2026-11-21T05:00:00.000Z',
  tool: { name: 'faultline', version: '0.1.0' },
  coverage: [{ provider: 'aws', accounts: ['123456789012'], regions: ['us-east-1'] }],
  zones: [{ provider: 'aws', account: '123456789012', region: 'us-east-1', name: 'us-east-1a', id: 'use1-az4' }],
  resources: [
    {
      id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
      type: 'ec2:instance',
      provider: 'aws',
      account: '123456789012',
      region: 'us-east-1',
      zone: 'use1-az4',
      placement: 'zonal',
      name: 'web\n"quoted"\u001b[31m',
      tags: { app: 'web', 'odd key': 'line\nbreak' },
      requires: ['arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0def'],
    },
    { id: 'arn:aws:s3:::bucket', type: 's3:bucket', provider: 'aws', region: 'us-east-1', placement: 'regional', tags: {} },
  ],
  diagnostics: [{ level: 'warning', source: 'aws', region: 'eu-west-1', api: 'tagging:GetResources', code: 'AccessDeniedException', message: 'denied' }],
};

const tempDir = () => mkdtemp(join(tmpdir(), 'faultline-snapshot-'));

async function rejectsWith(promise: Promise<unknown>, message: RegExp, where?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InputError, `an InputError, got ${String(error)}`);
    assert.match(error.message, message);
    if (where !== undefined) assert.equal(error.where, where);
    assert.ok(error.hint, 'a hint');
    return true;
  });
}

test('a snapshot written as JSON Lines reads back equal, one resource per line', async () => {
  const dir = await tempDir();
  const path = join(dir, 'snapshot.json');
  await writeSnapshot(path, sample);
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(JSON.parse(lines[0]!).format, 'faultline-snapshot');
  assert.deepEqual(await readSnapshot(path), sample);
  assert.deepEqual(await readdir(dir), ['snapshot.json'], 'no temporary files are left behind');
});

test('the streaming writer takes the header fields known only at the end', async () => {
  const dir = await tempDir();
  const path = join(dir, 'out.json');
  const writer = createSnapshotWriter(path, { ...sample, diagnostics: [], zones: [] });
  for (let i = 0; i < 5000; i++) writer.add({ ...sample.resources[1]!, id: `arn:aws:s3:::bucket-${i}` });
  await assert.rejects(readFile(path), 'nothing appears before close');
  await writer.close({ zones: sample.zones, diagnostics: sample.diagnostics });
  const read = await readSnapshot(path);
  assert.equal(read.resources.length, 5000);
  assert.equal(read.resources[4999]!.id, 'arn:aws:s3:::bucket-4999');
  assert.deepEqual(read.zones, sample.zones);
  assert.deepEqual(read.diagnostics, sample.diagnostics);
});

test('a writer with groupBy lists resources by key, those of one key in the order they came, across many runs', async () => {
  const dir = await tempDir();
  const path = join(dir, 'grouped.json');
  const writer = createSnapshotWriter(path, sample, { groupBy: (r) => r.region ?? '' });
  // Regions finishing in a scrambled order, each in bursts; names with multi-byte characters, so
  // byte offsets and character offsets differ.
  const order = ['eu-west-1', 'us-east-1', 'ap-south-1', 'us-east-1', 'eu-west-1', 'ap-south-1', 'eu-west-1'];
  const expected = new Map<string, string[]>();
  order.forEach((region, burst) => {
    for (let i = 0; i < 700; i++) {
      const id = `arn:aws:sqs:${region}:123456789012:queue-${burst}-${i}`;
      writer.add({ id, type: 'sqs:queue', provider: 'aws', region, placement: 'regional', name: `файл-${burst}-${i}`, tags: {} });
      expected.set(region, [...(expected.get(region) ?? []), id]);
    }
  });
  await writer.close();
  const read = await readSnapshot(path);
  assert.deepEqual(read.resources.map((r) => r.id), ['ap-south-1', 'eu-west-1', 'us-east-1'].flatMap((region) => expected.get(region)!));
  assert.equal(read.resources[0]!.name, 'файл-2-0');
  assert.deepEqual(await readdir(dir), ['grouped.json'], 'no temporary files are left behind');
});

test('a writer with groupBy copes with keys that alternate on every resource (thousands of one-line runs)', async () => {
  const dir = await tempDir();
  const path = join(dir, 'alternating.json');
  const writer = createSnapshotWriter(path, sample, { groupBy: (r) => r.region ?? '' });
  const regions = ['us-east-1', 'eu-west-1', 'us-east-1', ''];
  const ids: Record<string, string[]> = {};
  for (let i = 0; i < 4000; i++) {
    const region = regions[i % regions.length]!;
    const id = `arn:aws:sqs:${region}:123456789012:q-${i}`;
    writer.add({ id, type: 'sqs:queue', provider: 'aws', ...(region ? { region, placement: 'regional' as const } : { placement: 'global' as const }), tags: {} });
    (ids[region] ??= []).push(id);
  }
  await writer.close();
  assert.deepEqual((await readSnapshot(path)).resources.map((r) => r.id), [...ids['']!, ...ids['eu-west-1']!, ...ids['us-east-1']!]);
});

test('an aborted writer leaves neither the target nor temporary files', async () => {
  const dir = await tempDir();
  const writer = createSnapshotWriter(join(dir, 'out.json'), sample);
  writer.add(sample.resources[0]!);
  await writer.abort();
  assert.deepEqual(await readdir(dir), []);
});

test('a single JSON document with a resources array is accepted for hand-written fixtures', async () => {
  const dir = await tempDir();
  const path = join(dir, 'hand.json');
  await writeFile(path, JSON.stringify(sample, null, 2));
  assert.deepEqual(await readSnapshot(path), sample);
});

test('a resource without a type is rejected with the file and line', async () => {
  const dir = await tempDir();
  const path = join(dir, 'snapshot.json');
  await writeSnapshot(path, sample);
  const lines = (await readFile(path, 'utf8')).split('\n');
  const broken = JSON.parse(lines[2]!) as Record<string, unknown>;
  delete broken.type;
  lines[2] = JSON.stringify(broken);
  await writeFile(path, lines.join('\n'));
  await rejectsWith(readSnapshot(path, 'snapshot.json'), /^resource arn:aws:s3:::bucket is missing 'type'$/, 'snapshot.json:3');
});

test('a zonal resource without a zone, bad tags and bad JSON are each rejected by line', async () => {
  const dir = await tempDir();
  const path = join(dir, 's.json');
  const header = JSON.stringify({ format: 'faultline-snapshot', schemaVersion: 1, collectedAt: sample.collectedAt, tool: sample.tool, coverage: [], zones: [], diagnostics: [] });
  const cases: [string, RegExp][] = [
    [JSON.stringify({ ...sample.resources[0], zone: undefined }), /is zonal but has no 'zone'/],
    [JSON.stringify({ ...sample.resources[1], tags: { a: 1 } }), /tag 'a' is not a string/],
    [JSON.stringify({ ...sample.resources[1], placement: 'galactic' }), /has placement "galactic"; expected zonal, regional or global/],
    ['{"id": "x",', /^invalid JSON/],
  ];
  for (const [line, message] of cases) {
    await writeFile(path, `${header}\n${line}\n`);
    await rejectsWith(readSnapshot(path, 's.json'), message, 's.json:2');
  }
});

test('a snapshot of another schema version is rejected with a hint to collect again', async () => {
  const dir = await tempDir();
  const path = join(dir, 'old.json');
  await writeFile(path, `${JSON.stringify({ format: 'faultline-snapshot', schemaVersion: 2, collectedAt: sample.collectedAt, tool: sample.tool })}\n`);
  await assert.rejects(readSnapshot(path, 'old.json'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, 'unsupported snapshot schemaVersion 2 (this faultline reads version 1)');
    assert.equal(error.where, 'old.json:1');
    assert.match(error.hint ?? '', /faultline collect/);
    return true;
  });
});

test('a missing file, a directory, an empty file and a non-snapshot are rejected clearly', async () => {
  const dir = await tempDir();
  await rejectsWith(readSnapshot(join(dir, 'nope.json'), 'nope.json'), /^snapshot file not found$/, 'nope.json');
  await mkdir(join(dir, 'folder'));
  await rejectsWith(readSnapshot(join(dir, 'folder'), 'folder'), /^the snapshot is not a file$/, 'folder');
  await writeFile(join(dir, 'empty.json'), '');
  await rejectsWith(readSnapshot(join(dir, 'empty.json'), 'empty.json'), /^invalid JSON/, 'empty.json');
  await writeFile(join(dir, 'other.json'), '{"format":"something-else","schemaVersion":1}\n');
  await rejectsWith(readSnapshot(join(dir, 'other.json'), 'other.json'), /^this is not a faultline snapshot/, 'other.json:1');
});

test('a writer into a missing directory fails with an InputError on close', async () => {
  const dir = await tempDir();
  const writer = createSnapshotWriter(join(dir, 'missing', 'out.json'), sample);
  writer.add(sample.resources[1]!);
  await rejectsWith(writer.close(), /^cannot write the snapshot \(ENOENT\)$/);
});
