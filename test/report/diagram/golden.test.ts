import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildView, toDot, toJson, toMermaid, type ViewOptions } from '../../../src/report/diagram/index.js';
import { shopEstate } from '../../fixtures/diagram-estates.js';
import { assertExportGolden } from './golden.js';

const cases: [name: string, options: ViewOptions][] = [
  ['shop-service', { level: 'service' }],
  ['shop-resource', { level: 'resource' }],
  ['shop-focus-zone', { level: 'service', focus: 'aws:eu-west-1/euw1-az1' }],
  ['shop-focus-storefront-depth-2', { level: 'service', focus: 'storefront', depth: 2 }],
];

for (const [name, options] of cases) {
  test(`golden: ${name} as DOT, Mermaid and JSON`, () => {
    const shop = shopEstate();
    const view = buildView(shop.estate, shop.report, { ...options, resourceNames: shop.names });
    assertExportGolden(`${name}.dot`, toDot(view));
    assertExportGolden(`${name}.mmd`, toMermaid(view));
    assertExportGolden(`${name}.json`, toJson(view));
  });
}

test('exports are byte-identical whatever the order resources and zones were collected in', () => {
  const a = shopEstate('as-written');
  const b = shopEstate('reversed');
  assert.notDeepEqual(a.snapshot.resources.map((r) => r.id), b.snapshot.resources.map((r) => r.id), 'the inputs really differ in order');
  for (const [, options] of cases) {
    const va = buildView(a.estate, a.report, { ...options, resourceNames: a.names });
    const vb = buildView(b.estate, b.report, { ...options, resourceNames: b.names });
    assert.equal(toDot(vb), toDot(va));
    assert.equal(toMermaid(vb), toMermaid(va));
    assert.equal(toJson(vb), toJson(va));
  }
});
