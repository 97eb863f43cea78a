import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/analysis/analyze.js';
import { emptyCatalog } from '../../../src/catalog/types.js';
import { compileEstate } from '../../../src/model/estate.js';
import { buildView, toDot, toSvg, type DiagramView } from '../../../src/report/diagram/index.js';
import { randomEstate } from '../../helpers/random-estate.js';
import { shopEstate } from '../../fixtures/diagram-estates.js';
import { expectedGraph, nativeDot, parseGraphvizJson, wasmDot } from './graphviz.js';

/** Every estate the diagram tests know, at both levels and in focus views. */
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

test('the DOT of every fixture estate renders with Debian Graphviz, which reads back exactly its clusters, nodes and edges', () => {
  for (const [name, view] of fixtureViews()) {
    assert.deepEqual(parseGraphvizJson(nativeDot(toDot(view), 'json')), expectedGraph(view), name);
  }
});

test('the DOT of every fixture estate renders with the WASM Graphviz build', async () => {
  for (const [name, view] of fixtureViews()) {
    const dot = toDot(view);
    assert.deepEqual(parseGraphvizJson(await wasmDot(dot, 'json')), expectedGraph(view), name);
    const svg = await toSvg(dot);
    assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/, `${name}: a whole SVG document`);
  }
});
