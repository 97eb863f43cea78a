import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeEstate, blastOf } from '../helpers/analyze.js';
import { manifest } from '../helpers/manifest.js';

test('a zone failure takes down services placed in it, and its region and provider take it down too', () => {
  const report = analyzeEstate({
    manifest: manifest({ services: { api: { critical: true, runsOn: ['aws:eu-west-1/euw1-az1'] } } }),
  });
  assert.deepEqual(blastOf(report, 'aws:eu-west-1/euw1-az1'), ['api']);
  assert.deepEqual(blastOf(report, 'aws:eu-west-1'), ['api']);
  assert.deepEqual(blastOf(report, 'provider:aws'), ['api']);
  assert.deepEqual(blastOf(report, 'api'), ['api']);
});

test('anyOf needs one member up: one zone failing does not take the service down, the region does', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: { api: { critical: true, runsOn: [{ anyOf: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'] }] } },
    }),
  });
  assert.deepEqual(blastOf(report, 'aws:eu-west-1/euw1-az1'), []);
  assert.deepEqual(blastOf(report, 'aws:eu-west-1'), ['api']);
  const sharedFate = report.findings.filter((f) => f.rule === 'shared-fate');
  assert.deepEqual(sharedFate.map((f) => [f.subject, f.service]), [['aws:eu-west-1', 'api']], 'only the most specific common cause is reported');
});

test('atLeast k of n fails once fewer than k members are up', () => {
  const zones = ['gcp:europe-west1/b', 'gcp:europe-west1/c', 'gcp:europe-west4/a'];
  const report = analyzeEstate({
    manifest: manifest({ services: { db: { critical: true, runsOn: [{ atLeast: 3, of: zones }] }, cache: { runsOn: [{ atLeast: 2, of: zones }] } } }),
  });
  assert.deepEqual(blastOf(report, 'gcp:europe-west1/b'), ['db']);
  assert.deepEqual(blastOf(report, 'gcp:europe-west1'), ['cache', 'db']);
  assert.deepEqual(blastOf(report, 'gcp:europe-west4'), ['db']);
});

test('a dependency cycle with no outside failure stays up and is reported as a warning', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: {
        a: { critical: true, dependsOn: ['b'], runsOn: ['onprem:paris-dc1'] },
        b: { dependsOn: ['a'] },
      },
    }),
  });
  assert.deepEqual(blastOf(report, 'a'), ['a', 'b']);
  assert.deepEqual(blastOf(report, 'onprem:paris-dc1'), ['a', 'b']);
  const cycles = report.findings.filter((f) => f.rule === 'dependency-cycle');
  assert.equal(cycles.length, 1);
  assert.equal(cycles[0]!.severity, 'warning');
  assert.deepEqual(cycles[0]!.because, ['a', 'b', 'a']);
});

test('a service used by a critical service is a SPOF for it, with the causal chain', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: {
        checkout: { critical: true, dependsOn: ['payments'] },
        payments: { dependsOn: ['vendor:stripe'] },
      },
      vendors: { stripe: { hostedOn: ['aws:us-east-1'] } },
    }),
  });
  const spof = report.findings.find((f) => f.rule === 'spof' && f.subject === 'payments');
  assert.ok(spof, 'payments is a spof of checkout');
  assert.equal(spof.service, 'checkout');
  assert.deepEqual(spof.because, ['checkout', 'payments']);
  const region = report.findings.find((f) => f.rule === 'single-region' && f.service === 'checkout');
  assert.deepEqual(region?.because, ['checkout', 'payments', 'vendor:stripe', 'aws:us-east-1']);
  assert.equal(region?.severity, 'error');
  const nonCritical = report.findings.find((f) => f.rule === 'single-region' && f.service === 'payments');
  assert.equal(nonCritical?.severity, 'warning', 'findings on non-critical services are one level lower');
});

test('a fallback hosted in the same region as its primary is shared fate', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: { comms: { critical: true, dependsOn: [{ anyOf: ['vendor:slack', 'vendor:teams'] }] } },
      vendors: { slack: { hostedOn: ['aws:us-east-1'] }, teams: { hostedOn: ['azure:eastus'] }, zoom: { hostedOn: ['aws:us-east-1'] } },
      fallbacks: [{ primary: 'vendor:slack', fallback: 'vendor:zoom' }],
    }),
  });
  const sf = report.findings.filter((f) => f.rule === 'shared-fate');
  assert.deepEqual(sf.map((f) => f.subject), ['aws:us-east-1']);
  assert.match(sf[0]!.message, /primary vendor:slack and its fallback vendor:zoom both fail when aws:us-east-1 fails/);
  assert.deepEqual(blastOf(report, 'aws:us-east-1'), [], 'slack and teams are in different clouds');
});

test('blast radius is ranked by critical services, then services, then resources', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: {
        a: { critical: true, runsOn: ['aws:eu-west-1/euw1-az1'] },
        b: { runsOn: ['aws:eu-west-1/euw1-az2'] },
        c: { runsOn: ['aws:eu-west-1/euw1-az2'] },
      },
    }),
  });
  const order = report.blastRadius.map((b) => b.failure);
  assert.deepEqual(order.slice(0, 4), ['provider:aws', 'aws:eu-west-1', 'aws:eu-west-1/euw1-az1', 'a']);
  assert.ok(order.indexOf('aws:eu-west-1/euw1-az2') < order.indexOf('b'));
});

test('region concentration above policy.maxRegionShare is a finding', () => {
  const report = analyzeEstate({
    manifest: manifest({
      maxRegionShare: 0.5,
      services: {
        a: { critical: true, runsOn: ['aws:us-east-1'] },
        b: { critical: true, runsOn: ['aws:us-east-1'] },
        c: { critical: true, runsOn: ['aws:eu-west-1'] },
      },
    }),
  });
  assert.deepEqual(report.concentration.map((c) => [c.region, c.criticalServices, Number(c.share.toFixed(3))]), [
    ['aws:us-east-1', 2, 0.667],
    ['aws:eu-west-1', 1, 0.333],
  ]);
  const rc = report.findings.filter((f) => f.rule === 'region-concentration');
  assert.deepEqual(rc.map((f) => f.subject), ['aws:us-east-1']);
});

test('policy severity overrides and turns rules off', () => {
  const report = analyzeEstate({
    manifest: manifest({
      severity: { 'single-provider': 'off', 'single-region': 'warning' },
      services: { a: { critical: true, runsOn: ['aws:us-east-1'] } },
    }),
  });
  assert.equal(report.findings.some((f) => f.rule === 'single-provider'), false);
  assert.equal(report.findings.find((f) => f.rule === 'single-region')?.severity, 'warning');
});

test('finding ids are stable across runs and differ by subject and service', () => {
  const m = manifest({ services: { a: { critical: true, runsOn: ['aws:us-east-1'] }, b: { critical: true, runsOn: ['aws:us-east-1'] } } });
  const first = analyzeEstate({ manifest: m }).findings.map((f) => f.id);
  const second = analyzeEstate({ manifest: m }).findings.map((f) => f.id);
  assert.deepEqual(first, second);
  assert.equal(new Set(first).size, first.length);
});

test('a catalogue alias and the vendor it names are one vendor, so they share every failure', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const catalog = loadBuiltinCatalog();
  const teams = catalog.vendor('teams');
  assert.ok(teams && teams.name !== 'teams', 'the catalogue knows teams as an alias');
  const report = analyzeEstate({
    catalog,
    manifest: manifest({ services: { chat: { critical: true, dependsOn: [{ anyOf: ['vendor:teams', `vendor:${teams.name}`] }] } } }),
  });
  assert.deepEqual(blastOf(report, `vendor:${teams.name}`), ['chat']);
  assert.equal(report.blastRadius.some((b) => b.failure === 'vendor:teams'), false);
});

test('vendors hosted on a shared platform in the catalogue share its failure (Atlassian, April 2022)', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const report = analyzeEstate({
    catalog: loadBuiltinCatalog(),
    manifest: manifest({ services: { ops: { critical: true, dependsOn: [{ anyOf: ['vendor:jira', 'vendor:opsgenie'] }] } } }),
  });
  assert.deepEqual(blastOf(report, 'vendor:atlassian-cloud'), ['ops']);
  assert.ok(report.findings.some((f) => f.rule === 'shared-fate' && f.subject === 'vendor:atlassian-cloud' && f.service === 'ops'));
});

test('a finding implied by an equally critical service on the chain is reported once, at its root', () => {
  const report = analyzeEstate({
    manifest: manifest({
      services: {
        storefront: { critical: true, dependsOn: ['checkout', 'search'] },
        checkout: { critical: true, runsOn: ['aws:eu-west-1'] },
        search: { runsOn: ['aws:us-east-1/use1-az4'] },
      },
    }),
  });
  const regional = report.findings.filter((f) => f.rule === 'single-region' && f.subject === 'aws:eu-west-1').map((f) => f.service);
  assert.deepEqual(regional, ['checkout'], 'storefront is down with eu-west-1 only because checkout is');
  assert.deepEqual(blastOf(report, 'aws:eu-west-1'), ['checkout', 'storefront'], 'the blast radius still lists both');
  const zonal = report.findings.filter((f) => f.rule === 'single-zone').map((f) => [f.service, f.severity]);
  assert.deepEqual(zonal, [['storefront', 'error'], ['search', 'warning']], 'a non-critical service on the chain does not hide the critical one');
});

test('a service needing a CloudFront distribution gets a control-plane warning on us-east-1, not a single-region error', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const { emptySnapshot } = await import('../../src/model/snapshot.js');
  const snapshot = emptySnapshot();
  snapshot.resources.push({
    id: 'arn:aws:cloudfront::111111111111:distribution/E2QWRUHAPOMQZL', type: 'cloudfront:distribution', provider: 'aws',
    account: '111111111111', placement: 'global', tags: { app: 'storefront' },
  });
  const report = analyzeEstate({ catalog: loadBuiltinCatalog(), snapshot, manifest: manifest({ services: { storefront: { critical: true } } }) });
  const cp = report.findings.filter((f) => f.rule === 'control-plane');
  assert.equal(cp.length, 1);
  assert.equal(cp[0]!.severity, 'warning');
  assert.equal(cp[0]!.service, 'storefront');
  assert.match(cp[0]!.message, /managed from aws:us-east-1: when aws:us-east-1 fails it keeps serving, but changes to it stop/);
  assert.deepEqual(cp[0]!.because, ['storefront', 'arn:aws:cloudfront::111111111111:distribution/E2QWRUHAPOMQZL', 'aws:us-east-1 (control plane)']);
  assert.equal(report.findings.some((f) => f.rule === 'single-region'), false, 'a global resource does not need us-east-1 to serve');
});

test('vendors hosted in one region per the catalogue: anyOf(slack, intercom) is shared fate and single-region', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const report = analyzeEstate({
    catalog: loadBuiltinCatalog(),
    manifest: manifest({ services: { support: { critical: true, dependsOn: [{ anyOf: ['vendor:slack', 'vendor:intercom'] }] } } }),
  });
  assert.ok(report.findings.some((f) => f.rule === 'shared-fate' && f.subject === 'aws:us-east-1' && f.service === 'support'));
  assert.ok(report.findings.some((f) => f.rule === 'single-region' && f.subject === 'aws:us-east-1' && f.service === 'support'));
  const slack = report.vendors.find((v) => v.vendor === 'vendor:slack');
  assert.equal(slack?.source, 'catalogue');
  assert.equal(slack?.confidence, 'high');
  assert.ok(slack?.sources?.some((url) => url.startsWith('https://slack.engineering/')));
});

test('a manifest hostedOn overrides the catalogue', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const report = analyzeEstate({
    catalog: loadBuiltinCatalog(),
    manifest: manifest({
      services: { chat: { critical: true, dependsOn: ['vendor:slack'] } },
      vendors: { slack: { hostedOn: [{ anyOf: ['aws:us-east-1', 'aws:us-west-2'] }] } },
    }),
  });
  assert.deepEqual(blastOf(report, 'aws:us-east-1'), []);
  assert.deepEqual(report.vendors.find((v) => v.vendor === 'vendor:slack'), { vendor: 'vendor:slack', hostedOn: ['anyOf(aws:us-east-1, aws:us-west-2)'], source: 'manifest' });
});

test('unknown and customer-selected hosting each yield an unknown-hosting finding that says which', async () => {
  const { loadBuiltinCatalog } = await import('../../src/catalog/load.js');
  const report = analyzeEstate({
    catalog: loadBuiltinCatalog(),
    manifest: manifest({ services: { data: { critical: true, dependsOn: ['vendor:snowflake', 'vendor:datadog', 'vendor:in-house-crm'] } }, vendors: { 'in-house-crm': {} } }),
  });
  const unknown = report.findings.filter((f) => f.rule === 'unknown-hosting').map((f) => [f.subject, f.severity, f.message.split(',')[0]]);
  assert.deepEqual(unknown, [
    ['vendor:datadog', 'info', 'the hosting of vendor:datadog is unknown'],
    ['vendor:in-house-crm', 'info', 'the hosting of vendor:in-house-crm is unknown'],
    ['vendor:snowflake', 'info', 'you choose where vendor:snowflake runs'],
  ]);
});
