import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { CatalogError } from '../../src/catalog/errors.js';
import { builtinCatalogDir, loadCatalog } from '../../src/catalog/load.js';
import { InputError } from '../../src/core/errors.js';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the shipped catalogue with `edit` applied to one file's text. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-catalog-'));
  temps.push(dir);
  cpSync(builtinCatalogDir(), dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const changed = edit(before);
  assert.notEqual(changed, before, 'the edit must change the file');
  writeFileSync(path, changed);
  return dir;
}

function loadError(dir: string): CatalogError {
  try {
    loadCatalog(dir);
  } catch (error) {
    assert.ok(error instanceof CatalogError, String(error));
    return error;
  }
  assert.fail('the broken catalogue loaded');
}

test('an unmodified copy of the catalogue loads from another directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-catalog-'));
  temps.push(dir);
  cpSync(builtinCatalogDir(), dir, { recursive: true });
  assert.equal(loadCatalog(dir).vendor('slack')?.name, 'slack');
});

test('a malformed id in hostedOn is reported with file, line and column', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('hostedOn: [aws:us-east-1]\n    providers: [aws, gcp]', 'hostedOn: ["aws:us east 1"]\n    providers: [aws, gcp]'));
  const error = loadError(dir);
  assert.equal(error.problems.length, 1);
  assert.equal(error.message, "invalid id 'aws:us east 1': ids cannot contain spaces");
  assert.match(error.where ?? '', /vendors\.yaml:30:16$/);
  assert.ok(error instanceof InputError);
  assert.match(error.format(), /vendors\.yaml:30:16: invalid id 'aws:us east 1'.*\n  hint: fix the entries listed/);
});

test('a hostedOn that names a customer service instead of infrastructure is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('hostedOn: [provider:aws]\n    providers: [aws]\n    confidence: medium\n    asOf: "2024"', 'hostedOn: [checkout]\n    providers: [aws]\n    confidence: medium\n    asOf: "2024"'));
  assert.equal(loadError(dir).message, "'checkout' is a service id; expected a provider, region, zone, vendor, account id");
});

test('a malformed redundancy group in hostedOn is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('hostedOn: [gcp:us-east1]', 'hostedOn: [{atLeast: 3, of: [gcp:us-east1, gcp:us-west1]}]'));
  assert.equal(loadError(dir).message, 'atLeast must be a whole number from 1 to the number of members (2)');
});

test('a vendor claim without a source URL is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace(/sources:\n      - https:\/\/repost\.aws\/[^\n]+\n/, 'sources: []\n'));
  assert.equal(loadError(dir).message, "vendor 'stripe': a medium-confidence entry needs at least one source URL");
});

test('a source that is not a URL is rejected', () => {
  const dir = brokenCopy('outages.yaml', (t) => t.replace('https://www.fastly.com/blog/summary-of-june-8-outage', 'Fastly blog'));
  assert.equal(loadError(dir).message, "source 'Fastly blog' is not an http(s) URL");
});

test('a missing asOf or confidence is reported', () => {
  const dir = brokenCopy('aws-resource-types.yaml', (t) => t.replace('    confidence: high\n    asOf: "2022"\n    source: https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html\n', '    source: https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html\n'));
  const error = loadError(dir);
  assert.deepEqual(error.problems.map((p) => p.message), ["'confidence' is missing", "'asOf' is missing"]);
  assert.match(error.message, /^the catalogue has 2 problems:\n  .*aws-resource-types\.yaml:\d+:\d+: 'confidence' is missing\n/);
});

test('an empty hostedOn with a confidence other than unknown is rejected: unknown must say so', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('hostedOn: [provider:aws]\n    providers: [aws]\n    confidence: medium\n    asOf: "2024"', 'hostedOn: []\n    providers: [aws]\n    confidence: medium\n    asOf: "2024"'));
  assert.equal(loadError(dir).message, "vendor 'stripe': an empty hostedOn means unknown: set confidence: unknown, or customerSelected: true");
});

test('an alias used twice is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('aliases: [okta-workforce]', 'aliases: [atlassian-jira]'));
  assert.equal(loadError(dir).message, "'atlassian-jira' is already used by vendor 'jira'");
});

test('a hostedOn vendor that is not in the catalogue is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('key: atlassian-cloud', 'key: atlassian-platform-x'));
  const messages = loadError(dir).problems.map((p) => p.message);
  assert.ok(messages.includes("vendor 'jira' is hosted on 'vendor:atlassian-cloud', which is not in the catalogue"), messages.join('\n'));
});

test('an unknown field is reported, so a typo cannot silently drop data', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('    title: Slack\n', '    title: Slack\n    hostedon: [aws:us-west-2]\n'));
  assert.match(loadError(dir).message, /^unknown field 'hostedon' \(known: key, title,/);
});

test('a scenario that fails an invalid id, or a pattern outside accounts and zones, is rejected', () => {
  const bad = brokenCopy('outages.yaml', (t) => t.replace('fail: [ovh:sbg]', 'fail: ["ovh:"]'));
  assert.equal(loadError(bad).message, "invalid id 'ovh:': the region is missing after 'ovh:', e.g. ovh:us-east-1");
  const pattern = brokenCopy('outages.yaml', (t) => t.replace('fail: [ovh:sbg]', 'fail: ["ovh:*"]'));
  assert.equal(loadError(pattern).message, "'ovh:*': '*' is only allowed as the last segment of an account or zone id (account:aws:*, aws:us-east-1/*)");
});

test('a vendor citing an outage id that is not a scenario is rejected', () => {
  const dir = brokenCopy('vendors.yaml', (t) => t.replace('outages: [slack-aws-az-network-2021-06]', 'outages: [slack-outage-2099]'));
  assert.equal(loadError(dir).message, "outage 'slack-outage-2099' is not a scenario in outages.yaml");
});

test('a YAML syntax error is reported with its position, without follow-on schema noise', () => {
  const dir = brokenCopy('outages.yaml', (t) => t.replace('    title: Fastly global outage triggered by a valid customer configuration', '    title: Fastly: a: b'));
  const error = loadError(dir);
  assert.ok(error.problems.length >= 1);
  for (const problem of error.problems) {
    assert.match(problem.message, /^YAML syntax: /);
    assert.match(problem.where, /outages\.yaml:\d+:\d+$/);
  }
});

test('a missing catalogue file is named, with the reason', () => {
  const dir = brokenCopy('VERSION', () => '2026.11.21\n\n');
  unlinkSync(join(dir, 'outages.yaml'));
  const error = loadError(dir);
  assert.equal(error.message, 'cannot read the catalogue file (ENOENT)');
  assert.match(error.where ?? '', /outages\.yaml$/);
});

test('a malformed catalogue version is rejected', () => {
  const dir = brokenCopy('VERSION', () => 'latest\n');
  assert.equal(loadError(dir).message, "catalogue version 'latest' must look like 2026.11.21");
});
