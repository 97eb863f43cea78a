/**
 * One collection for the benchmark, in its own process so its time and peak RSS are its own:
 * collects every region through the real SDK from the replay endpoint at `url` (which the
 * benchmark runs in its own process, as AWS would be remote), streams resources into a
 * snapshot file, prints the time.
 *
 *   node --import tsx bench/collect-child.ts <endpoint-url> <concurrency> <out.jsonl>
 */
import { awsCollector } from '../src/collectors/aws/index.js';
import { createSnapshotWriter } from '../src/model/snapshot-io.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../src/model/snapshot.js';

const [url, concurrency, out] = process.argv.slice(2);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
{
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
    endpoint: url!,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    concurrency: Number(concurrency),
    homeRegion: 'us-east-1',
  }).collect({ progress: { update: () => undefined, warn: (m) => process.stderr.write(`${m}\n`) }, sink: (r) => writer.add(r) });
  await writer.close({ coverage: snapshot.coverage, zones: snapshot.zones, diagnostics: snapshot.diagnostics });
  process.stderr.write(`faultline timing collect ${(performance.now() - started).toFixed(1)} ms\n`);
}
