/**
 * One collection for the benchmark, in its own process so its peak RSS is its own: starts the
 * replay server with 50 ms latency, collects every region through the real SDK with the given
 * concurrency and page size, streams resources into a snapshot file, prints the time.
 *
 *   node --import tsx bench/collect-child.ts <estate-dir> <concurrency> <page-size> <out.jsonl>
 */
import { awsCollector } from '../src/collectors/aws/index.js';
import { createSnapshotWriter } from '../src/model/snapshot-io.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../src/model/snapshot.js';
import { startReplayServer } from '../src/replay/server.js';

const [estateDir, concurrency, pageSize, out] = process.argv.slice(2);
const server = await startReplayServer({ estateDir: estateDir!, faults: { latencyMs: 50 }, pageSize: Number(pageSize) });
try {
  const writer = createSnapshotWriter(out!, {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date().toISOString(),
    tool: { name: 'faultline', version: 'bench' },
    coverage: [],
    zones: [],
    diagnostics: [],
  });
  const started = performance.now();
  const snapshot = await awsCollector({
    endpoint: server.url,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    concurrency: Number(concurrency),
    homeRegion: 'us-east-1',
  }).collect({ progress: { update: () => undefined, warn: (m) => process.stderr.write(`${m}\n`) }, sink: (r) => writer.add(r) });
  await writer.close({ coverage: snapshot.coverage, zones: snapshot.zones, diagnostics: snapshot.diagnostics });
  process.stderr.write(`faultline timing collect ${(performance.now() - started).toFixed(1)} ms\n`);
  process.stderr.write(`faultline requests ${server.requests.length}\n`);
} finally {
  await server.close();
}
