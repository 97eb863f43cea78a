import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltinCatalog } from '../../src/catalog/load.js';
import { parseId } from '../../src/model/ids.js';
import { referencedIds } from '../../src/model/requirement.js';

const catalog = loadBuiltinCatalog();

test('the shipped catalogue loads and validates, with a dated version', () => {
  assert.match(catalog.version, /^\d{4}\.\d{1,2}\.\d{1,2}$/);
  assert.ok(catalog.vendors().length >= 30, `only ${catalog.vendors().length} vendors`);
  assert.ok(catalog.scenarios().length >= 25, `only ${catalog.scenarios().length} scenarios`);
});

test('loading the built-in catalogue twice returns the same object (read once per process)', () => {
  assert.equal(loadBuiltinCatalog(), catalog);
});

test('every vendor with a hosting claim has a source URL, asOf and a known confidence', () => {
  for (const vendor of catalog.vendors()) {
    assert.ok(vendor.asOf.length > 0, vendor.name);
    if (vendor.confidence !== 'unknown') assert.ok(vendor.sources.length > 0, `${vendor.name} has no source`);
    for (const url of vendor.sources) assert.match(url, /^https?:\/\//, vendor.name);
    for (const id of referencedIds(vendor.hostedOn)) assert.doesNotThrow(() => parseId(id), `${vendor.name}: ${id}`);
  }
});

test('unknown hosting stays unknown: no requirement is claimed without a source that says so', () => {
  for (const name of ['zoom', 'netlify', 'datadog', 'pagerduty', 'salesforce', 'sendgrid']) {
    const vendor = catalog.vendor(name);
    assert.ok(vendor, name);
    assert.deepEqual(vendor.hostedOn, [], name);
    assert.equal(vendor.confidence, 'unknown', name);
  }
  for (const vendor of catalog.vendors()) {
    assert.equal(vendor.hostedOn.length === 0, vendor.confidence === 'unknown' || vendor.customerSelected, vendor.name);
  }
});

test('Slack runs in aws:us-east-1, citing its 2023 engineering blog', () => {
  const slack = catalog.vendor('slack');
  assert.deepEqual(slack?.hostedOn, ['aws:us-east-1']);
  assert.equal(slack?.confidence, 'high');
  assert.ok(slack?.sources.includes('https://slack.engineering/slacks-migration-to-a-cellular-architecture/'));
});

test('Jira, Confluence, Statuspage and Opsgenie all need the one Atlassian platform, which needs AWS', () => {
  for (const name of ['jira', 'confluence', 'statuspage', 'opsgenie']) {
    const vendor = catalog.vendor(name);
    assert.deepEqual(vendor?.hostedOn, ['vendor:atlassian-cloud'], name);
    assert.equal(vendor?.sharesFailureDomainWith?.length, 3, name);
  }
  const platform = catalog.vendor('atlassian-cloud');
  assert.equal(platform?.platform, true);
  assert.deepEqual(platform?.hostedOn, ['provider:aws']);
});

test('vendor lookup ignores case and surrounding spaces, and accepts a vendor: id', () => {
  assert.equal(catalog.vendor('Slack')?.name, 'slack');
  assert.equal(catalog.vendor('  SLACK ')?.name, 'slack');
  assert.equal(catalog.vendor('vendor:slack')?.name, 'slack');
  assert.equal(catalog.vendor('Vendor:Stripe')?.name, 'stripe');
});

test('aliases find their vendor: atlassian-jira is jira, teams is microsoft-365', () => {
  assert.equal(catalog.vendor('atlassian-jira')?.name, 'jira');
  assert.equal(catalog.vendor('jira')?.name, 'jira');
  assert.equal(catalog.vendor('Teams')?.name, 'microsoft-365');
  assert.equal(catalog.vendor('twilio-sendgrid')?.name, 'sendgrid');
  assert.equal(catalog.vendor('atlassian')?.name, 'atlassian-cloud');
});

test('a vendor the catalogue does not know is undefined, not a guess', () => {
  assert.equal(catalog.vendor('acme-sso'), undefined);
  assert.equal(catalog.vendor(''), undefined);
});

test('zonal, regional and global AWS resource types, with us-east-1 control planes for the global ones', () => {
  const expect: Record<string, string> = {
    'ec2:instance': 'zonal', 'ec2:subnet': 'zonal', 'ec2:volume': 'zonal', 'ec2:natgateway': 'zonal', 'rds:db': 'zonal',
    'dynamodb:table': 'regional', 's3:bucket': 'regional', 'sqs:queue': 'regional', 'sns:topic': 'regional',
    'lambda:function': 'regional', 'elasticloadbalancing:loadbalancer': 'regional', 'ecs:cluster': 'regional',
    'eks:cluster': 'regional', 'kms:key': 'regional', 'secretsmanager:secret': 'regional',
    'iam:role': 'global', 'route53:hostedzone': 'global', 'cloudfront:distribution': 'global',
  };
  for (const [type, placement] of Object.entries(expect)) {
    const profile = catalog.resourceProfile(type);
    assert.equal(profile?.placement, placement, type);
    assert.match(profile.source, /^https:\/\/docs\.aws\.amazon\.com\//, type);
    assert.equal(profile.controlPlaneRegion, placement === 'global' ? 'us-east-1' : undefined, type);
  }
  assert.match(catalog.resourceProfile('rds:db')?.note ?? '', /Multi-AZ/);
  assert.equal(catalog.resourceProfile('EC2:Instance')?.type, 'ec2:instance');
  assert.equal(catalog.resourceProfile('ec2:fleet'), undefined);
});

test('the outage library replays the reference scenarios with faultline ids', () => {
  const fail = (id: string) => catalog.scenario(id)?.fail;
  assert.deepEqual(fail('aws-use1-dynamodb-dns-2025-10'), ['aws:us-east-1']);
  assert.deepEqual(fail('ovh-sbg-rbx-2017-11'), ['ovh:sbg', 'ovh:rbx']);
  assert.deepEqual(fail('ovh-sbg2-fire-2021-03'), ['ovh:sbg']);
  assert.deepEqual(fail('gcp-service-control-2025-06'), ['provider:gcp']);
  assert.deepEqual(fail('cloudflare-bot-mgmt-feature-file-2025-11'), ['vendor:cloudflare']);
  assert.deepEqual(fail('crowdstrike-channel-file-291-2024-07'), ['vendor:crowdstrike']);
  assert.deepEqual(fail('atlassian-site-deletion-2022-04'), ['vendor:atlassian-cloud']);
  assert.deepEqual(fail('aws-account-deletion-boudih-2025-07'), ['account:aws:*']);
  assert.equal(catalog.scenario('AWS-USE1-DYNAMODB-DNS-2025-10')?.date, '2025-10-20');
  assert.equal(catalog.scenario('no-such-outage'), undefined);
});

test('every scenario has sources, a confidence, and either ids to fail or a reason it cannot be replayed', () => {
  for (const scenario of catalog.scenarios()) {
    assert.ok(scenario.sources.length > 0, scenario.id);
    assert.ok(['high', 'medium', 'low'].includes(scenario.confidence), scenario.id);
    assert.ok(scenario.fail.length > 0 || (scenario.approximation ?? '').length > 0, scenario.id);
  }
});
