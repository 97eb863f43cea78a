import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseManifest } from '../../src/config/parse.js';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_MAX_REGION_SHARE } from '../../src/config/types.js';

const options = { knownVendors: new Set(['slack', 'teams', 'stripe', 'sendgrid']) };
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/manifests/${name}.yaml`, import.meta.url), 'utf8');

test('the design example normalises to services, vendors, fallbacks and policy in declaration order', () => {
  const manifest = parseManifest(fixture('checkout-and-incident-comms'), 'faultline.yaml', options);
  assert.equal(manifest.file, 'faultline.yaml');
  assert.deepEqual(manifest.services, [
    {
      name: 'checkout',
      critical: true,
      resources: { tags: { app: 'checkout' } },
      dependsOn: ['payments', 'vendor:stripe', { anyOf: ['vendor:sendgrid', 'vendor:mailgun'] }],
      runsOn: [],
      pos: { file: 'faultline.yaml', line: 4, col: 3 },
    },
    {
      name: 'payments',
      critical: false,
      resources: { tags: { app: 'payments', env: 'prod' } },
      dependsOn: ['aws:eu-west-1'],
      runsOn: [],
      pos: { file: 'faultline.yaml', line: 11, col: 3 },
    },
    {
      name: 'incident-comms',
      critical: true,
      dependsOn: [{ atLeast: 1, of: ['vendor:slack', 'vendor:teams'] }],
      runsOn: ['onprem:paris-dc1'],
      pos: { file: 'faultline.yaml', line: 17, col: 3 },
    },
  ]);
  assert.deepEqual(manifest.vendors, [
    { name: 'acme-sso', hostedOn: ['aws:us-east-1'], pos: { file: 'faultline.yaml', line: 24, col: 3 } },
    { name: 'mailgun', hostedOn: [{ anyOf: ['aws:us-east-1', 'aws:us-west-2'] }], pos: { file: 'faultline.yaml', line: 26, col: 3 } },
  ]);
  assert.deepEqual(manifest.fallbacks, [{ primary: 'vendor:slack', fallback: 'vendor:teams', pos: { file: 'faultline.yaml', line: 29, col: 5 } }]);
  assert.deepEqual(manifest.policy, {
    maxRegionShare: 0.5,
    severity: { 'single-region': 'error', spof: 'error', 'shared-fate': 'error', 'single-provider': 'info' },
  });
  assert.deepEqual(manifest.policyPos, { file: 'faultline.yaml', line: 31, col: 3 });
});

test('a manifest with only a version gets every default', () => {
  const manifest = parseManifest(fixture('version-only'), 'f.yaml', options);
  assert.deepEqual(manifest, {
    file: 'f.yaml',
    services: [],
    vendors: [],
    fallbacks: [],
    policy: { maxRegionShare: DEFAULT_MAX_REGION_SHARE, severity: {} },
    policyPos: { file: 'f.yaml', line: 1, col: 1 },
  });
});

test('services and vendors without a body are declared with defaults; an empty policy keeps the defaults', () => {
  const manifest = parseManifest(fixture('services-and-vendors-without-bodies'), 'f.yaml', { knownVendors: new Set() });
  assert.deepEqual(
    manifest.services.map((s) => [s.name, s.critical, s.dependsOn, s.runsOn, 'resources' in s]),
    [
      ['batch', false, [], [], false],
      ['reports', false, [], [], false],
      ['api', false, ['batch', 'reports', 'vendor:stripe', 'vendor:zoom'], [], false],
    ],
  );
  assert.deepEqual(manifest.vendors, [
    { name: 'stripe', pos: { file: 'f.yaml', line: 9, col: 3 } },
    { name: 'zoom', pos: { file: 'f.yaml', line: 10, col: 3 } },
  ]);
  assert.deepEqual(manifest.policy, { maxRegionShare: 0.5, severity: {} });
  assert.deepEqual(manifest.policyPos, { file: 'f.yaml', line: 11, col: 1 }, 'without maxRegionShare, the position of policy');
});

test('nested groups and every kind of place are accepted without declaration', () => {
  const manifest = parseManifest(fixture('nested-groups-across-places'), 'f.yaml', { knownVendors: new Set() });
  const [ledger] = manifest.services;
  assert.deepEqual(ledger?.runsOn, [
    'account:aws:123456789012',
    { atLeast: 2, of: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2', 'aws:eu-west-1/euw1-az3'] },
  ]);
  assert.deepEqual(ledger?.dependsOn, [
    'arn:aws:rds:eu-west-1:123456789012:db:ledger',
    { anyOf: ['provider:gcp', { atLeast: 1, of: ['ovh:sbg', 'onprem:paris-dc1'] }] },
  ]);
  assert.deepEqual(manifest.policy, { maxRegionShare: 1, severity: { 'single-account': 'off', 'control-plane': 'warning' } });
  assert.deepEqual(manifest.policyPos, { file: 'f.yaml', line: 19, col: 3 });
});

test('a vendor reference is valid when the catalogue knows it, even if not declared', () => {
  const text = 'version: 1\nservices:\n  chat:\n    dependsOn: [vendor:slack]\n';
  assert.deepEqual(parseManifest(text, 'f.yaml', { knownVendors: new Set(['slack']) }).services[0]?.dependsOn, ['vendor:slack']);
  assert.throws(() => parseManifest(text, 'f.yaml', { knownVendors: new Set() }), /unknown vendor 'slack'/);
  const capitalised = text.replace('vendor:slack', 'vendor:Slack');
  assert.deepEqual(parseManifest(capitalised, 'f.yaml', { knownVendors: new Set(['slack']) }).services[0]?.dependsOn, ['vendor:Slack'], 'as case-insensitive as the catalogue');
});

test('anchors and aliases are followed', () => {
  const text = [
    'version: 1',
    'services:',
    '  a:',
    '    runsOn: &eu [aws:eu-west-1]',
    '  b:',
    '    runsOn: *eu',
    '    dependsOn: [*email]',
    'vendors:',
    '  mailgun:',
    '    hostedOn: [&email { anyOf: [aws:us-east-1, aws:us-west-2] }]',
  ].join('\n');
  // The alias *email is used before its anchor in document order, which YAML forbids.
  assert.throws(
    () => parseManifest(text, 'f.yaml', options),
    (error: unknown) => error instanceof ConfigError && error.format() === "f.yaml:7:17: unknown alias '*email'\n  hint: define the anchor (&name) before using it",
  );
  const ordered = text.replace('    dependsOn: [*email]\n', '');
  const manifest = parseManifest(ordered, 'f.yaml', options);
  assert.deepEqual(manifest.services[1]?.runsOn, ['aws:eu-west-1']);
});

test('a service named like a number keeps its source text', () => {
  const manifest = parseManifest('version: 1\nservices:\n  404:\n  "1.10":\n  other:\n    dependsOn: ["404"]\n', 'f.yaml', options);
  assert.deepEqual(
    manifest.services.map((s) => s.name),
    ['404', '1.10', 'other'],
  );
});
