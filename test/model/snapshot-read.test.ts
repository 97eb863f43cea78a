import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readSnapshot, snapshotJsonLineChunks, snapshotToJsonLines, writeSnapshot } from '../../src/model/snapshot-io.js';
import { emptySnapshot, type Snapshot, type SnapshotZone } from '../../src/model/snapshot.js';

const dir = await mkdtemp(join(tmpdir(), 'faultline-snapshot-read-'));
after(() => rm(dir, { recursive: true, force: true }));

function estate(zoneCount: number): Snapshot {
  const zones: SnapshotZone[] = Array.from({ length: zoneCount }, (_, i) => ({ provider: 'aws', account: String(100000000000 + i), region: 'eu-west-1', name: 'eu-west-1a', id: 'euw1-az1' }));
  return {
    ...emptySnapshot('1.0.0'),
    zones,
    resources: [
      { id: 'arn:aws:sqs:eu-west-1:123456789012:jobs', type: 'sqs:queue', provider: 'aws', account: '123456789012', region: 'eu-west-1', placement: 'regional', tags: { app: 'web' } },
      { id: 'arn:aws:rds:eu-west-1:123456789012:db:orders', type: 'rds:db', provider: 'aws', region: 'eu-west-1', zone: 'euw1-az1', placement: 'zonal', tags: {} },
    ],
  };
}

test('a snapshot whose header lists hundreds of zones (longer than any sniffing buffer) reads as JSON Lines', async () => {
  const path = join(dir, 'many-zones.jsonl');
  const snapshot = estate(500);
  await writeSnapshot(path, snapshot);
  const read = await readSnapshot(path);
  assert.equal(read.zones.length, 500);
  assert.deepEqual(read.resources, snapshot.resources);
});

test('a pretty-printed snapshot document whose first key is format still reads as a document', async () => {
  const path = join(dir, 'pretty.json');
  const snapshot = estate(2);
  await writeFile(path, JSON.stringify({ format: 'faultline-snapshot', ...snapshot }, null, 2));
  const read = await readSnapshot(path);
  assert.deepEqual(read.resources, snapshot.resources);
});

test('JSON Lines with CRLF line ends and no final newline read every resource', async () => {
  const path = join(dir, 'crlf.jsonl');
  const snapshot = estate(1);
  const header = JSON.stringify({ format: 'faultline-snapshot', schemaVersion: 1, collectedAt: snapshot.collectedAt, tool: snapshot.tool, coverage: [], zones: snapshot.zones, diagnostics: [] });
  await writeFile(path, [header, ...snapshot.resources.map((r) => JSON.stringify(r))].join('\r\n'));
  const read = await readSnapshot(path);
  assert.deepEqual(read.resources, snapshot.resources);
});

test('multi-byte characters that straddle a 1 MB read chunk, in CRLF lines, read back exactly', async () => {
  const path = join(dir, 'straddle.jsonl');
  const snapshot = estate(1);
  const header = JSON.stringify({ format: 'faultline-snapshot', schemaVersion: 1, collectedAt: snapshot.collectedAt, tool: snapshot.tool, coverage: [], zones: [], diagnostics: [] });
  const base = snapshot.resources[0]!;
  // Names of 3-byte and 4-byte characters, enough lines that some fall across every chunk border.
  const resources = Array.from({ length: 12000 }, (_, i) => ({ ...base, id: `${base.id}-${i}`, name: `${'区'.repeat(i % 37)}名前-${'🙂'.repeat(i % 11)}-${i}`, tags: { owner: 'équipe-ß' } }));
  const text = [header, ...resources.map((r) => JSON.stringify(r))].join('\r\n');
  assert.ok(Buffer.byteLength(text) > 3 * (1 << 20), 'the file spans several read chunks');
  await writeFile(path, text);
  const read = await readSnapshot(path);
  assert.deepEqual(read.resources, resources);
});

test('a bad resource line far into a large snapshot is reported with its line number', async () => {
  const path = join(dir, 'bad-line.jsonl');
  const snapshot = estate(1);
  const good = JSON.stringify(snapshot.resources[0]);
  const header = JSON.stringify({ format: 'faultline-snapshot', schemaVersion: 1, collectedAt: snapshot.collectedAt, tool: snapshot.tool, coverage: [], zones: [], diagnostics: [] });
  // 30,000 lines span several 1 MB read chunks.
  const lines = [header, ...Array.from({ length: 30000 }, () => good), '{"id": "arn:aws:sqs:eu-west-1:1:x", "type": 7}'];
  await writeFile(path, `${lines.join('\n')}\n`);
  await assert.rejects(readSnapshot(path, 'big.jsonl'), (error: Error & { where?: string }) => {
    assert.match(error.message, /missing 'type'/);
    assert.equal(error.where, 'big.jsonl:30002');
    return true;
  });
});

test('the snapshot as JSON Lines chunks joins to the same text and reads back the same resources', async () => {
  const snapshot = estate(3);
  const one = snapshot.resources[0]!;
  snapshot.resources = Array.from({ length: 2000 }, (_, i) => ({ ...one, id: `${one.id}-${i}` }));
  const chunks = [...snapshotJsonLineChunks(snapshot)];
  assert.ok(chunks.length > 1);
  assert.equal(chunks.join(''), snapshotToJsonLines(snapshot));
  const path = join(dir, 'chunks.jsonl');
  await writeFile(path, chunks.join(''));
  assert.deepEqual((await readSnapshot(path)).resources, snapshot.resources);
});
