import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyze } from '../../src/analysis/analyze.js';
import { emptyCatalog } from '../../src/catalog/types.js';
import { compileEstate, estateCompiler, type Estate } from '../../src/model/estate.js';
import { NodeKind } from '../../src/model/graph.js';
import { scanSnapshot, writeSnapshot } from '../../src/model/snapshot-io.js';
import { emptySnapshot, type SnapshotResource } from '../../src/model/snapshot.js';
import { manifest } from '../helpers/manifest.js';
import { randomEstate } from '../helpers/random-estate.js';

const dir = await mkdtemp(join(tmpdir(), 'faultline-streamed-'));
after(() => rm(dir, { recursive: true, force: true }));

async function streamed(path: string, input: Omit<Parameters<typeof compileEstate>[0], 'snapshot'>): Promise<Estate> {
  let compiler: ReturnType<typeof estateCompiler> | undefined;
  await scanSnapshot(path, path, (head) => {
    const c = (compiler = estateCompiler({ ...input, snapshot: head }));
    return (resource) => c.add(resource);
  });
  return compiler!.finish();
}

test('compiling a snapshot as it streams from disk gives the same report as compiling it whole, on random estates', async () => {
  for (let seed = 1; seed <= 40; seed++) {
    const estate = randomEstate(seed);
    const path = join(dir, `random-${seed}.jsonl`);
    await writeSnapshot(path, estate.snapshot);
    const whole = analyze(compileEstate({ snapshot: estate.snapshot, manifest: estate.manifest, catalog: emptyCatalog }));
    const stream = analyze(await streamed(path, { manifest: estate.manifest, catalog: emptyCatalog }));
    assert.deepEqual(stream, whole, `seed ${seed}`);
  }
});

test('a resource may require one that comes later in the snapshot; one never collected is a warning and a node of unknown placement', async () => {
  const queue = (name: string, requires?: string[]): SnapshotResource => ({
    id: `arn:aws:sqs:eu-west-1:123456789012:${name}`,
    type: 'sqs:queue',
    provider: 'aws',
    account: '123456789012',
    region: 'eu-west-1',
    placement: 'regional',
    tags: { app: name },
    ...(requires ? { requires } : {}),
  });
  const arn = (name: string): string => `arn:aws:sqs:eu-west-1:123456789012:${name}`;
  const snapshot = { ...emptySnapshot(), resources: [queue('web', [arn('jobs'), arn('ghost')]), queue('jobs')] };
  const path = join(dir, 'forward.jsonl');
  await writeSnapshot(path, snapshot);
  const input = { manifest: manifest({ services: { web: { critical: true }, jobs: {} } }), catalog: emptyCatalog };
  const estate = await streamed(path, input);
  const report = analyze(estate);
  const jobs = report.blastRadius.find((b) => b.failure === arn('jobs'));
  assert.deepEqual(jobs?.services, ['jobs', 'web']);
  const ghost = report.blastRadius.find((b) => b.failure === arn('ghost'));
  assert.deepEqual(ghost?.services, ['web']);
  assert.deepEqual(
    estate.diagnostics.map((d) => d.message),
    [`${arn('web')} requires ${arn('ghost')}, which was not collected; it is treated as a resource of unknown placement`],
  );
  assert.deepEqual(report, analyze(compileEstate({ snapshot, ...input })));
});

test('a bare id required before the resource of that id arrives still names the resource', async () => {
  const vm = (id: string, requires?: string[]): SnapshotResource => ({
    id,
    type: 'vm:instance',
    provider: 'onprem',
    region: 'paris-dc1',
    placement: 'regional',
    tags: { app: id },
    ...(requires ? { requires } : {}),
  });
  const snapshot = { ...emptySnapshot(), resources: [vm('web-1', ['db-1']), vm('db-1')] };
  const path = join(dir, 'bare-ids.jsonl');
  await writeSnapshot(path, snapshot);
  const estate = await streamed(path, { catalog: emptyCatalog });
  assert.deepEqual(estate.diagnostics, []);
  const db = estate.graph.index.get('db-1')!;
  assert.equal(estate.graph.kind[db], NodeKind.resource);
  assert.deepEqual(analyze(estate), analyze(compileEstate({ snapshot, catalog: emptyCatalog })));
});
