import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../../src/analysis/analyze.js';
import { collectReplayedEstate } from '../../../src/cli/aws-options.js';
import type { Io } from '../../../src/cli/io.js';
import { loadEstate } from '../../../src/cli/load-estate.js';
import { resourceNames } from '../../../src/cli/commands/export.js';
import { emptyCatalog } from '../../../src/catalog/types.js';
import { compileEstate } from '../../../src/model/estate.js';
import { buildView, toDot, toSvg, type DiagramView } from '../../../src/report/diagram/index.js';
import { randomEstate } from '../../helpers/random-estate.js';
import { shopEstate } from '../../fixtures/diagram-estates.js';
import { expectedGraph, nativeDot, parseGraphvizJson, wasmDot } from './graphviz.js';

const AWS_FIXTURES = fileURLToPath(new URL('../../../fixtures/aws/', import.meta.url));
const DEMO_MANIFEST = fileURLToPath(new URL('../../../fixtures/demo/faultline.yaml', import.meta.url));

/** Every recorded AWS estate, collected through the SDK from the replay server (the demo one with its manifest). */
async function recordedViews(): Promise<[string, DiagramView][]> {
  const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: process.cwd() };
  const views: [string, DiagramView][] = [];
  for (const name of readdirSync(AWS_FIXTURES).sort()) {
    const snapshot = await collectReplayedEstate(`${AWS_FIXTURES}${name}`, io);
    const { estate } = await loadEstate(name === 'demo-company' ? { config: DEMO_MANIFEST } : {}, io, { snapshot });
    const report = analyze(estate);
    for (const level of ['service', 'resource'] as const) {
      views.push([`${name} ${level}`, buildView(estate, report, { level, resourceNames: resourceNames(snapshot) })]);
    }
  }
  assert.ok(views.length >= 6, 'the recorded estates were found');
  return views;
}

const README_PICTURE = fileURLToPath(new URL('../../../docs/demo.svg', import.meta.url));

let all: Promise<[string, DiagramView][]> | undefined;
const allViews = (): Promise<[string, DiagramView][]> => (all ??= recordedViews().then((recorded) => [...recorded, ...fixtureViews()]));

/** Every estate built in code, at both levels and in focus views. */
function fixtureViews(): [string, DiagramView][] {
  const views: [string, DiagramView][] = [];
  const shop = shopEstate();
  for (const level of ['service', 'resource'] as const) {
    views.push([`shop ${level}`, buildView(shop.estate, shop.report, { level, resourceNames: shop.names })]);
    for (const focus of ['aws:us-east-1', 'vendor:slack', 'checkout', 'account:aws:111111111111', 'provider:aws']) {
      views.push([`shop ${level} focus ${focus}`, buildView(shop.estate, shop.report, { level, focus })]);
    }
  }
  for (let seed = 1; seed <= 8; seed++) {
    const { manifest, snapshot } = randomEstate(seed);
    const estate = compileEstate({ snapshot, manifest, catalog: emptyCatalog });
    const report = analyze(estate);
    for (const level of ['service', 'resource'] as const) views.push([`random estate ${seed} ${level}`, buildView(estate, report, { level })]);
  }
  return views;
}

test('the DOT of every fixture estate renders with Debian Graphviz, which reads back exactly its clusters, nodes and edges', async () => {
  for (const [name, view] of await allViews()) {
    assert.deepEqual(parseGraphvizJson(nativeDot(toDot(view), 'json')), expectedGraph(view), name);
  }
});

test('the DOT of every fixture estate renders with the WASM Graphviz build', async () => {
  for (const [name, view] of await allViews()) {
    const dot = toDot(view);
    assert.deepEqual(parseGraphvizJson(await wasmDot(dot, 'json')), expectedGraph(view), name);
    const svg = await toSvg(dot);
    assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/, `${name}: a whole SVG document`);
  }
});

test('the README picture docs/demo.svg is what export draws of the demo estate today', async () => {
  const demo = (await allViews()).find(([name]) => name === 'demo-company service')![1];
  const svg = await toSvg(toDot(demo));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(README_PICTURE, svg);
  assert.equal(svg, readFileSync(README_PICTURE, 'utf8'), 'docs/demo.svg is stale: UPDATE_GOLDEN=1 npm test redraws it (or run the command in the README)');
});
