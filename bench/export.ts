/**
 * Measures `faultline export` on a generated 3,000-service estate: compile, analyse, build the
 * service-level view, write DOT, then lay the DOT out with Debian's `dot -Tsvg` and with the WASM
 * build. Not a test (timings are not asserted); run it with:
 *
 *   node --import tsx bench/export.ts [services] [--wasm] [--write <dir>]
 *
 * `--write <dir>` also saves the estate as <dir>/estate.jsonl and <dir>/faultline.yaml, to time
 * the whole command: `time faultline export <dir>/estate.jsonl --config <dir>/faultline.yaml`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/analysis/analyze.js';
import { emptyCatalog } from '../src/catalog/types.js';
import type { Manifest } from '../src/config/types.js';
import { compileEstate } from '../src/model/estate.js';
import type { Requirement } from '../src/model/requirement.js';
import { writeSnapshot } from '../src/model/snapshot-io.js';
import { emptySnapshot, type Snapshot } from '../src/model/snapshot.js';
import { stringify } from 'yaml';
import { buildView, toDot, toMermaid, toSvg } from '../src/report/diagram/index.js';
import { manifest, type ManifestSpec } from '../test/helpers/manifest.js';
import { rng } from '../test/helpers/random-estate.js';

const services = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3000);
const withWasm = process.argv.includes('--wasm');
const writeIndex = process.argv.indexOf('--write');
const writeDir = writeIndex > 0 ? process.argv[writeIndex + 1] : undefined;

/** A company-shaped estate: services over 4 regions and 12 zones, a DAG of needs, 30 vendors. */
function generate(count: number): { snapshot: Snapshot; manifest: Manifest; spec: ManifestSpec } {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
  const types = ['ec2:instance', 'rds:db', 'dynamodb:table', 'sqs:queue', 'lambda:function', 'elasticache:cluster'];
  const snapshot = emptySnapshot();
  const spec: ManifestSpec = { services: {}, vendors: {} };
  const vendors = Array.from({ length: 30 }, (_, i) => `vendor-${i}`);
  for (const v of vendors) spec.vendors![v] = { hostedOn: rand() < 0.7 ? [`aws:${pick(regions)}`] : [{ anyOf: [`aws:${pick(regions)}`, `aws:${pick(regions)}`] }] };
  let n = 0;
  for (let s = 0; s < count; s++) {
    const name = `svc-${String(s).padStart(4, '0')}`;
    const region = pick(regions);
    const resources = 3 + Math.floor(rand() * 8);
    for (let r = 0; r < resources; r++) {
      const type = pick(types);
      const zonal = type === 'ec2:instance' || type === 'rds:db' || type === 'elasticache:cluster';
      snapshot.resources.push({
        id: `arn:aws:${type.split(':')[0]}:${region}:111111111111:${type.split(':')[1]}/r-${n++}`,
        type,
        provider: 'aws',
        account: rand() < 0.8 ? '111111111111' : '222222222222',
        region,
        ...(zonal ? { zone: `${region}-az${1 + Math.floor(rand() * 3)}` } : {}),
        placement: zonal ? 'zonal' : 'regional',
        tags: { app: name },
      });
    }
    const dependsOn: Requirement[] = [];
    for (let d = Math.floor(rand() * 3); d > 0 && s > 0; d--) dependsOn.push(`svc-${String(Math.floor(rand() * s)).padStart(4, '0')}`);
    if (rand() < 0.3) dependsOn.push(`vendor:${pick(vendors)}`);
    if (rand() < 0.1) dependsOn.push({ anyOf: [`vendor:${pick(vendors)}`, `vendor:${pick(vendors)}`] });
    spec.services![name] = { critical: rand() < 0.2, tags: { app: name }, dependsOn };
  }
  return { snapshot, manifest: manifest(spec), spec };
}

const time = <T>(label: string, fn: () => T): T => {
  const start = performance.now();
  const result = fn();
  rows.push([label, `${(performance.now() - start).toFixed(0)} ms`]);
  return result;
};
const rows: [string, string][] = [];

const input = time('generate', () => generate(services));
if (writeDir) {
  await writeSnapshot(join(writeDir, 'estate.jsonl'), input.snapshot);
  const services = Object.fromEntries(
    Object.entries(input.spec.services ?? {}).map(([name, s]) => [name, { critical: s.critical ?? false, resources: { tags: s.tags }, dependsOn: s.dependsOn ?? [] }]),
  );
  writeFileSync(join(writeDir, 'faultline.yaml'), stringify({ version: 1, services, vendors: input.spec.vendors }));
}
const estate = time('compile estate', () => compileEstate({ snapshot: input.snapshot, manifest: input.manifest, catalog: emptyCatalog }));
const report = time('analyze', () => analyze(estate));
const view = time('build service-level view', () => buildView(estate, report, { level: 'service' }));
const dot = time('toDot', () => toDot(view));
time('toMermaid', () => toMermaid(view));
const focus = time('build --focus aws:us-east-1 --depth 2 view', () => buildView(estate, report, { level: 'service', focus: 'aws:us-east-1', depth: 2 }));
rows.push(['export total (view + DOT)', '']);

const native = spawnSync('dot', ['-V'], { encoding: 'utf8' });
const nativeVersion = native.error ? 'not installed' : native.stderr.trim();
let nativeSvg = '';
if (!native.error) {
  const start = performance.now();
  const result = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  rows.push([`dot -Tsvg (${nativeVersion})`, `${((performance.now() - start) / 1000).toFixed(1)} s, exit ${result.status}`]);
  nativeSvg = result.stdout;
}
if (withWasm) {
  const start = performance.now();
  const svg = await toSvg(dot);
  rows.push(['WASM Graphviz layout to SVG', `${((performance.now() - start) / 1000).toFixed(1)} s, ${(svg.length / 1e6).toFixed(1)} MB`]);
}

const total = rows.find(([l]) => l === 'build service-level view')![1];
rows[rows.findIndex(([l]) => l === 'export total (view + DOT)')]![1] = `${Number.parseInt(total) + Number.parseInt(rows.find(([l]) => l === 'toDot')![1])} ms`;
console.log(`${services} services, ${input.snapshot.resources.length} resources, ${estate.graph.size} graph nodes`);
console.log(`service view: ${view.nodes.length} nodes, ${view.edges.length} edges, ${view.clusters.length} clusters, DOT ${(dot.length / 1e6).toFixed(2)} MB`);
console.log(`focus view: ${focus.nodes.length} nodes, ${focus.edges.length} edges; native SVG ${(nativeSvg.length / 1e6).toFixed(1)} MB`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(44)} ${value}`);
