import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseManifest } from '../../src/config/parse.js';
import { ConfigError } from '../../src/core/errors.js';
import { ruleIds } from '../../src/analysis/rules.js';

// The schema is for editors; the validator is what faultline runs. These tests keep them in step:
// every fixture the validator accepts must validate, and structurally wrong fixtures must not.

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/faultline.schema.json', root), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
const manifestsDir = new URL('fixtures/manifests/', root);
const fixtures = readdirSync(manifestsDir).filter((name) => name.endsWith('.yaml')).sort();
const read = (name: string): string => readFileSync(new URL(name, manifestsDir), 'utf8');
const options = { knownVendors: new Set(['slack', 'teams', 'stripe', 'sendgrid']) };

/** Where the schema must find each structurally invalid fixture wrong, so a rejection for another reason fails. */
const rejectedAt: Record<string, string> = {
  'critical-not-a-boolean.yaml': '/services/checkout/critical',
  'group-with-any-of-and-at-least.yaml': '/services/alerts/dependsOn/0',
  'max-region-share-above-one.yaml': '/policy/maxRegionShare',
  'region-id-without-region.yaml': '/services/checkout/dependsOn/0',
  'runs-on-a-vendor.yaml': '/services/checkout/runsOn/0',
  'tag-value-not-a-string.yaml': '/services/checkout/resources/tags/tier',
  'unknown-key-depend-on.yaml': '/services/checkout',
  'unknown-severity-rule.yaml': '/policy/severity',
  'version-2.yaml': '/version',
};

/** Invalid for the validator, but only semantically: JSON Schema cannot compare atLeast to a list length or resolve names. */
const semanticOnly = new Set(['at-least-larger-than-group.yaml', 'undeclared-service.yaml']);

function acceptedByValidator(name: string): boolean {
  try {
    parseManifest(read(name), name, options);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

test('the fixtures include valid and invalid manifests', () => {
  const valid = fixtures.filter(acceptedByValidator);
  assert.ok(valid.length >= 4, `valid fixtures: ${valid.join(', ')}`);
  assert.ok(fixtures.length - valid.length >= 8);
});

for (const name of fixtures) {
  if (acceptedByValidator(name)) {
    test(`the schema accepts ${name}, which the validator accepts`, () => {
      const ok = validate(parse(read(name)));
      assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
    });
  } else if (!semanticOnly.has(name)) {
    test(`the schema rejects ${name}, which the validator rejects`, () => {
      assert.equal(validate(parse(read(name))), false);
      const paths = new Set((validate.errors ?? []).map((e) => e.instancePath));
      assert.deepEqual([...paths], [rejectedAt[name]], 'add the fixture to rejectedAt with the path the schema should report');
    });
  }
}

test('the schema lists exactly the severity rules that policy.severity accepts', () => {
  const policy = (schema.$defs as Record<string, { properties: { severity: { properties: object } } }>).policy!;
  assert.deepEqual(Object.keys(policy.properties.severity.properties), ruleIds);
});

test('the schema tells places from other ids as parseId does', () => {
  const withRunsOn = (id: string): boolean => validate({ version: 1, services: { a: { runsOn: [id] } } });
  const withDependsOn = (id: string): boolean => validate({ version: 1, services: { a: { dependsOn: [id] } } });
  for (const place of ['aws:us-east-1', 'aws:us-east-1/use1-az2', 'provider:aws', 'account:aws:123456789012', 'onprem:paris-dc1']) {
    assert.equal(withRunsOn(place), true, place);
    assert.equal(withDependsOn(place), true, place);
  }
  for (const notPlace of ['checkout', 'vendor:slack', 'arn:aws:s3:::bucket']) {
    assert.equal(withRunsOn(notPlace), false, notPlace);
    assert.equal(withDependsOn(notPlace), true, notPlace);
  }
  for (const malformed of ['aws:', 'vendor:', 'account:aws', 'provider:AWS', 'arn:aws', 'my app', 'aws:us-east-1/']) {
    assert.equal(withDependsOn(malformed), false, malformed);
  }
});

test('the schema accepts the examples in the README reference', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.slice(readme.indexOf('## faultline.yaml reference'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 1, 'the README reference has a yaml example');
  for (const block of blocks) {
    assert.equal(validate(parse(block)), true, JSON.stringify(validate.errors, null, 2));
    parseManifest(block, 'README.md', options);
  }
});
