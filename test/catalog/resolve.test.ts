import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import { resolveVendorHosting } from '../../src/catalog/resolve.js';

const catalog = loadBuiltinCatalog();

test('a vendor without a manifest hostedOn gets the catalogue hosting', () => {
  const resolved = resolveVendorHosting('slack', catalog);
  assert.deepEqual(resolved.hostedOn, ['aws:us-east-1']);
  assert.equal(resolved.origin, 'catalogue');
  assert.equal(resolved.entry?.name, 'slack');
});

test('a manifest hostedOn overrides the catalogue', () => {
  const resolved = resolveVendorHosting('okta', catalog, { hostedOn: [{ anyOf: ['aws:us-east-1', 'aws:us-west-2'] }] });
  assert.deepEqual(resolved.hostedOn, [{ anyOf: ['aws:us-east-1', 'aws:us-west-2'] }]);
  assert.equal(resolved.origin, 'manifest');
  assert.equal(resolved.entry?.name, 'okta');
});

test('an alias resolves to its entry but keeps the name it was referenced by', () => {
  const resolved = resolveVendorHosting('teams', catalog);
  assert.equal(resolved.name, 'teams');
  assert.equal(resolved.entry?.name, 'microsoft-365');
  assert.deepEqual(resolved.hostedOn, ['provider:azure']);
});

test('unknown, customer-selected and uncatalogued vendors resolve to an empty hostedOn, each saying why', () => {
  assert.equal(resolveVendorHosting('zoom', catalog).origin, 'unknown');
  assert.equal(resolveVendorHosting('snowflake', catalog).origin, 'customer-selected');
  const acme = resolveVendorHosting('acme-sso', catalog);
  assert.equal(acme.origin, 'not-in-catalogue');
  assert.equal(acme.entry, undefined);
  for (const name of ['zoom', 'snowflake', 'acme-sso']) assert.deepEqual(resolveVendorHosting(name, catalog).hostedOn, []);
});

test('a manifest entry without hostedOn does not hide the catalogue', () => {
  assert.equal(resolveVendorHosting('slack', catalog, {}).origin, 'catalogue');
});
