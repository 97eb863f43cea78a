import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeSnapshot } from '../../src/model/snapshot-io.js';
import { emptySnapshot, type Snapshot } from '../../src/model/snapshot.js';
import type { DiagramView } from '../../src/report/diagram/types.js';
import { resource, SHOP_NAT, shopEstate } from '../fixtures/diagram-estates.js';
import { runCli } from '../helpers/cli.js';

const MANIFEST = `version: 1
services:
  storefront:
    critical: true
    dependsOn: [checkout, search]
  checkout:
    critical: true
    dependsOn: [payments]
  payments:
    critical: true
  search: {}
`;

let dir = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-export-'));
  writeFileSync(join(dir, 'faultline.yaml'), MANIFEST);
  await writeSnapshot(join(dir, 'shop.jsonl'), shopEstate().snapshot);
  // No faultline.yaml next to these: services come from the app tags alone.
  mkdirSync(join(dir, 'large'));
  await writeSnapshot(join(dir, 'large', 'big.jsonl'), manyResources(2001));
  await writeSnapshot(join(dir, 'large', 'huge.jsonl'), manyResources(9900));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** `count` instances, 50 per service. */
function manyResources(count: number): Snapshot {
  const snapshot = emptySnapshot();
  for (let i = 0; i < count; i++) {
    const app = `svc-${Math.floor(i / 50)}`;
    snapshot.resources.push(resource(`arn:aws:ec2:us-east-1:111111111111:instance/i-${i}`, 'ec2:instance', { region: 'us-east-1', zone: `use1-az${1 + (i % 3)}` }, { app }));
  }
  return snapshot;
}

const cli = (argv: string[], cwd = dir) => runCli(['export', ...argv], { cwd, env: {} });
const large = (argv: string[]) => cli(argv, join(dir, 'large'));

test('export writes DOT to stdout by default, every resource of a small estate drawn', async () => {
  const run = await cli(['shop.jsonl', '--config', 'faultline.yaml']);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^digraph faultline \{\n/);
  assert.ok(run.stdout.includes(`"${SHOP_NAT}" [`));
  assert.ok(run.stdout.includes('"arn:aws:ec2:eu-west-1:111111111111:instance/i-checkout1" ['), 'resource level below 2,000 resources');
});

test('export --format mermaid --level service writes a flowchart with one node per service', async () => {
  const run = await cli(['shop.jsonl', '--config', 'faultline.yaml', '--format', 'mermaid', '--level', 'service']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^%% Services of the estate: 4 services \(3 critical\), 0 vendors, 11 resources\nflowchart LR\n/);
  assert.ok(!run.stdout.includes('i-checkout1'));
});

test('export --format json writes the view, and --focus --depth draw around one failure', async () => {
  const run = await cli(['shop.jsonl', '-c', 'faultline.yaml', '-f', 'json', '--level', 'service', '--focus', 'aws:eu-west-1/eu-west-1a', '--depth', '2']);
  assert.equal(run.code, 0, run.stderr);
  const view = JSON.parse(run.stdout) as DiagramView;
  assert.deepEqual(view.focus, { id: 'aws:eu-west-1/euw1-az1', mode: 'blast', depth: 2 });
  assert.deepEqual(view.nodes.map((n) => n.id), [SHOP_NAT, 'aws:eu-west-1/euw1-az1', 'checkout', 'storefront']);
});

test('export --format svg -o writes an SVG file rendered by the WASM Graphviz, nothing on stdout', async () => {
  const run = await cli(['shop.jsonl', '--config', 'faultline.yaml', '--format', 'svg', '-o', 'shop.svg']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  const svg = readFileSync(join(dir, 'shop.svg'), 'utf8');
  assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*<title>faultline<\/title>[\s\S]*shared&#45;nat[\s\S]*<\/svg>\n?$/);
});

test('--focus with an unknown id exits 2 and suggests the closest id', async () => {
  const run = await cli(['shop.jsonl', '--config', 'faultline.yaml', '--focus', 'chekout']);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, "faultline: --focus: nothing in the estate has the id 'chekout'\n  hint: did you mean checkout?\n");
});

test('--depth without --focus exits 2 and says what to add', async () => {
  const run = await cli(['shop.jsonl', '--config', 'faultline.yaml', '--depth', '2']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'faultline: --depth: --depth needs --focus\n  hint: add --focus <id>: the service, region, zone or vendor to draw around\n');
});

test('a negative --depth or an unknown --format is a usage error (exit 2)', async () => {
  const depth = await cli(['shop.jsonl', '--config', 'faultline.yaml', '--focus', 'checkout', '--depth', '-1']);
  assert.equal(depth.code, 2);
  assert.match(depth.stderr, /expected a whole number of at least 0, got '-1'/);
  const format = await cli(['shop.jsonl', '--format', 'png']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /Allowed choices are dot, svg, mermaid, json/);
});

test('above 2,000 resources the default level is service', async () => {
  const run = await large(['big.jsonl', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const view = JSON.parse(run.stdout) as DiagramView;
  assert.equal(view.level, 'service');
  assert.equal(view.nodes.length, 41, '41 services of up to 50 instances');
});

test('a diagram of more than 2,000 nodes warns on stderr and suggests --level service or --focus', async () => {
  const run = await large(['big.jsonl', '--level', 'resource']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^digraph faultline/);
  assert.equal(run.stderr, 'faultline: warning: the diagram has 2082 nodes, too many to read; --level service or --focus <id> draws a readable part of it\n');
});

test('--format svg refuses more than 10,000 nodes (exit 2) and points at --focus and native dot', async () => {
  const run = await large(['huge.jsonl', '--format', 'svg', '--level', 'resource']);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    'faultline: --format svg: the diagram has 10296 nodes; the built-in SVG renderer stops at 10000\n' +
      '  hint: draw less with --level service or --focus <id>, or render the DOT with a native Graphviz: faultline export --format dot | dot -Tsvg\n',
  );
});

test('the built bin pipes DOT into Debian Graphviz: faultline export | dot -Tsvg', () => {
  const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
  const exported = spawnSync(process.execPath, [bin, 'export', 'shop.jsonl', '--config', 'faultline.yaml', '--level', 'service'], { cwd: dir, encoding: 'utf8' });
  assert.equal(exported.status, 0, exported.stderr);
  const rendered = spawnSync('dot', ['-Tsvg'], { input: exported.stdout, encoding: 'utf8' });
  assert.ok(!rendered.error, 'Graphviz `dot` is installed (apt-get install graphviz; .ci/run does this)');
  assert.equal(rendered.status, 0, rendered.stderr);
  assert.equal(rendered.stderr, '');
  assert.match(rendered.stdout, /<svg[\s\S]*checkout[\s\S]*<\/svg>/);
});
