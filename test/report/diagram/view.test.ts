import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import { emptySnapshot } from '../../../src/model/snapshot.js';
import { buildView } from '../../../src/report/diagram/view.js';
import type { DiagramView } from '../../../src/report/diagram/types.js';
import { buildDiagramEstate, resource, SHOP_DB, SHOP_NAT, shopEstate, smallCatalog } from '../../fixtures/diagram-estates.js';

const shop = shopEstate();
const view = (level: 'service' | 'resource', focus?: string, depth?: number): DiagramView =>
  buildView(shop.estate, shop.report, { level, focus, depth, resourceNames: shop.names });
const node = (v: DiagramView, id: string) => {
  const n = v.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} is in the view (have ${v.nodes.map((x) => x.id).join(', ')})`);
  return n;
};
const edge = (v: DiagramView, from: string, to: string) => v.edges.find((e) => e.from === from && e.to === to);

test('at service level a service stands for its resources and sits in the innermost cluster holding all of them', () => {
  const v = view('service');
  const checkout = node(v, 'checkout');
  assert.equal(checkout.cluster, 'aws:eu-west-1', 'instances in three zones: the region');
  assert.deepEqual(checkout.lines, ['3 × ec2:instance, 1 × rds:db', 'across 3 zones']);
  assert.equal(checkout.resources, 4);
  assert.equal(node(v, 'search').cluster, 'aws:eu-west-1/euw1-az3', 'both instances in one zone: the zone');
  assert.equal(node(v, 'payments').cluster, 'aws:us-east-1');
  assert.equal(node(v, 'warehouse').cluster, 'onprem:paris-dc1', 'runsOn is placement too');
  assert.equal(node(v, 'storefront').cluster, '', 'a service with no placement of its own is not in a cluster');
  assert.ok(!v.nodes.some((n) => n.id === SHOP_DB), 'the database is inside checkout');
});

test('placement is cluster membership: no edge points at a zone or region a resource merely runs in', () => {
  const v = view('resource');
  for (const e of v.edges) {
    const target = v.nodes.find((n) => n.id === e.to)!;
    if (target.kind === 'domain') assert.equal(node(v, e.from).kind, 'gate', `${e.from} → ${e.to} is a group member, not placement`);
  }
  const clusters = new Map(v.clusters.map((c) => [c.id, c]));
  assert.equal(clusters.get('aws:eu-west-1/euw1-az1')?.parent, 'aws:eu-west-1');
  assert.equal(clusters.get('aws:eu-west-1')?.parent, 'provider:aws');
  assert.equal(clusters.get('aws:eu-west-1/euw1-az1')?.label, 'euw1-az1 (eu-west-1a)', 'the zone name of the account is shown next to its id');
});

test('a resource no single service owns is its own node, and needs through resources aggregate with a count', () => {
  const v = view('service');
  const nat = node(v, SHOP_NAT);
  assert.equal(nat.kind, 'resource');
  assert.equal(nat.label, 'shared-nat', 'the Name tag');
  assert.equal(nat.cluster, 'aws:eu-west-1/euw1-az1');
  assert.equal(edge(v, 'checkout', SHOP_NAT)?.label, '3 × ec2:instance');
  assert.equal(v.omitted.unneededResources, 1, 'the untagged bucket nothing needs is left out');
  assert.ok(!v.nodes.some((n) => n.id.includes('logs-bucket')));
});

test('redundancy groups are gate nodes; a domain in a group is a small node inside its own cluster', () => {
  const v = view('service');
  const gate = node(v, 'reports#1');
  assert.equal(gate.kind, 'gate');
  assert.equal(gate.label, 'any of');
  assert.equal(node(v, 'aws:eu-west-1').kind, 'domain');
  assert.equal(node(v, 'aws:eu-west-1').cluster, 'aws:eu-west-1');
  assert.ok(edge(v, 'reports#1', 'aws:eu-west-1')?.member);
  assert.ok(edge(v, 'reports#1', 'aws:us-east-1')?.member);
  assert.equal(node(v, 'checkout#2').label, 'any of');
  assert.equal(node(v, 'vendor:slack#1').label, 'fallback');
});

test('at resource level replicas hang off an "any of" gate, and the gate-to-replica edges are not red', () => {
  const v = view('resource');
  const gate = v.nodes.find((n) => n.kind === 'gate' && edge(v, 'checkout', n.id));
  assert.ok(gate, 'checkout needs a replica gate');
  const members = v.edges.filter((e) => e.from === gate.id);
  assert.equal(members.length, 3);
  assert.ok(members.every((e) => e.member && !e.critical), 'one instance failing does not take checkout down');
  for (const n of ['1', '2', '3']) assert.equal(edge(v, `arn:aws:ec2:eu-west-1:111111111111:instance/i-checkout${n}`, SHOP_NAT)?.critical, true);
  assert.equal(v.nodes.filter((n) => n.kind === 'resource').length, 11, 'every resource, even one nothing needs');
});

test('SPOFs and single-region services are flagged, critical services marked, and red edges follow failure paths', () => {
  const v = view('service');
  assert.equal(node(v, SHOP_NAT).spof, true);
  assert.match(node(v, SHOP_NAT).tooltip, /single point of failure for checkout$/m);
  assert.equal(node(v, 'payments').singleRegion, true);
  assert.equal(node(v, 'checkout').critical, true);
  assert.equal(node(v, 'search').critical, false);
  assert.equal(edge(v, 'storefront', 'checkout')?.critical, true);
  assert.equal(edge(v, 'payments', 'vendor:stripe')?.critical, false, 'Stripe is not on the path of a SPOF or single-region finding');
  assert.equal(edge(v, 'checkout#2', 'vendor:mailgun')?.critical, false);
});

test('shared fate is marked on the group that fails as one, with the failure that does it', () => {
  const v = view('service');
  const chat = node(v, 'incident-comms#1');
  assert.equal(chat.sharedFate, true);
  assert.match(chat.tooltip, /fail together when aws:us-east-1 fails/);
  assert.equal(node(v, 'vendor:slack#1').sharedFate, true, 'the declared fallback pair');
  assert.equal(node(v, 'search').sharedFate, true, 'both search replicas sit in one zone');
  assert.equal(node(v, 'checkout#2').sharedFate, false);
});

test('vendors sit in a vendors cluster, grouped by where they are hosted', () => {
  const v = view('service');
  assert.equal(node(v, 'vendor:slack').cluster, 'vendors/aws:us-east-1');
  assert.equal(node(v, 'vendor:mattermost').cluster, 'vendors/aws:us-east-1', 'the "backup" chat shares the box with Slack');
  assert.equal(node(v, 'vendor:slack').label, 'Slack', 'the catalogue title');
  assert.deepEqual(node(v, 'vendor:slack').lines, ['catalogue: high confidence']);
  assert.equal(node(v, 'vendor:sendgrid').cluster, 'vendors/unknown');
  assert.equal(node(v, 'vendor:mailgun').cluster, 'vendors/anyOf(aws:us-east-1, aws:us-west-2)');
  const hosting = v.clusters.find((c) => c.id === 'vendors/aws:us-east-1');
  assert.deepEqual([hosting?.label, hosting?.parent], ['hosted on aws:us-east-1', 'vendors']);
});

test('a region whose failure takes down critical services is a risky cluster with a note', () => {
  const v = view('service');
  const us = v.clusters.find((c) => c.id === 'aws:us-east-1')!;
  assert.equal(us.risky, true);
  assert.equal(us.note, 'alone takes down 4 services (4 critical)');
  const paris = v.clusters.find((c) => c.id === 'onprem:paris-dc1')!;
  assert.equal(paris.risky, false, 'warehouse and reports are not critical');
});

test('--focus on a zone shows its blast radius: what it takes down, and the failed zone as a node', () => {
  const v = view('service', 'aws:eu-west-1/euw1-az1');
  assert.deepEqual(v.focus, { id: 'aws:eu-west-1/euw1-az1', mode: 'blast' });
  assert.deepEqual(v.nodes.map((n) => n.id).sort(), [SHOP_NAT, 'aws:eu-west-1/euw1-az1', 'checkout', 'storefront'].sort());
  assert.equal(node(v, 'aws:eu-west-1/euw1-az1').kind, 'failure');
  assert.equal(v.clusters.find((c) => c.id === 'aws:eu-west-1/euw1-az1')?.failed, true);
  assert.equal(v.title, 'If aws:eu-west-1/euw1-az1 fails: 2 services down (2 critical)');
});

test('--focus accepts a zone name for the zone id', () => {
  assert.equal(view('service', 'aws:eu-west-1/eu-west-1a').focus?.id, 'aws:eu-west-1/euw1-az1');
});

test('in a blast radius, a service that loses a replica but stays up is drawn as partial', () => {
  const v = view('service', 'aws:eu-west-1/euw1-az3');
  assert.equal(node(v, 'search').partial, false, 'both search instances are in the zone');
  const checkout = node(v, 'checkout');
  assert.equal(checkout.partial, true);
  assert.deepEqual(checkout.lines, ['1 × ec2:instance', 'across 3 zones', 'stays up']);
  assert.equal(checkout.cluster, 'aws:eu-west-1', 'placed by all of its resources, not only those reached');
  assert.match(v.title, /: 2 services down \(1 critical\)$/);
});

test('--depth counts hops a reader sees: a gate and what is beyond it is one hop, a service and its resources one node', () => {
  const ids = (depth: number) => view('service', 'aws:eu-west-1/euw1-az1', depth).nodes.map((n) => n.id).sort();
  assert.deepEqual(ids(1), [SHOP_NAT, 'aws:eu-west-1/euw1-az1', 'checkout'].sort(), 'checkout-1 runs in the zone; its replica gate and service are the same node');
  assert.deepEqual(ids(2), [SHOP_NAT, 'aws:eu-west-1/euw1-az1', 'checkout', 'storefront'].sort());
  assert.equal(view('service', 'aws:eu-west-1/euw1-az1', 0).nodes.length, 1);
});

test('--focus on a service shows what it needs', () => {
  const v = view('service', 'storefront', 1);
  assert.deepEqual(v.focus, { id: 'storefront', mode: 'needs', depth: 1 });
  assert.deepEqual(v.nodes.map((n) => n.id).sort(), ['checkout', 'search', 'storefront']);
  const two = view('service', 'storefront', 2);
  for (const id of ['checkout#2', 'vendor:mailgun', 'vendor:sendgrid', 'payments', SHOP_NAT]) node(two, id);
  assert.ok(!two.nodes.some((n) => n.id === 'vendor:stripe'), 'stripe is three hops away');
  const all = view('service', 'storefront');
  for (const id of ['payments', 'vendor:stripe', SHOP_NAT, 'checkout#2', 'vendor:mailgun']) node(all, id);
  assert.ok(!all.nodes.some((n) => n.id === 'incident-comms'));
  assert.equal(all.title, 'What storefront needs: 3 other services, 3 vendors');
});

test('--focus with an unknown id is a usage error that suggests the closest id', () => {
  assert.throws(() => view('service', 'chekout'), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, "nothing in the estate has the id 'chekout'");
    assert.equal(error.where, '--focus');
    assert.equal(error.hint, 'did you mean checkout?');
    return true;
  });
  assert.throws(() => view('service', 'checkout#1'), UsageError, 'a gate id is not an id a user can name');
});

test('accounts are a label line when the estate spans several accounts', () => {
  const snapshot = emptySnapshot();
  snapshot.resources = [
    resource('arn:aws:ec2:eu-west-1:111111111111:instance/i-a', 'ec2:instance', { region: 'eu-west-1', zone: 'euw1-az1' }, { app: 'api' }),
    resource('arn:aws:ec2:eu-west-1:222222222222:instance/i-b', 'ec2:instance', { region: 'eu-west-1', zone: 'euw1-az1', account: '222222222222' }, { app: 'worker' }),
  ];
  const e = buildDiagramEstate({}, snapshot);
  const v = buildView(e.estate, e.report, { level: 'service' });
  assert.deepEqual(node(v, 'api').lines, ['1 × ec2:instance', 'account 111111111111']);
  assert.deepEqual(node(v, 'worker').accounts, ['account:aws:222222222222']);
  const single = buildView(shop.estate, shop.report, { level: 'service' });
  assert.deepEqual(node(single, 'payments').accounts, ['account:aws:111111111111'], 'kept as an attribute');
  assert.ok(!node(single, 'payments').lines.some((l) => l.startsWith('account')));
});

test('views are sorted: nodes and clusters by id, edges by their ends', () => {
  const v = view('resource');
  const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(v.nodes.map((n) => n.id), sorted(v.nodes.map((n) => n.id)));
  assert.deepEqual(v.clusters.map((c) => c.id), sorted(v.clusters.map((c) => c.id)));
  const keys = v.edges.map((e) => `${e.from}\u0000${e.to}`);
  assert.deepEqual(keys, sorted(keys));
});

test('a global resource managed from one region draws a dashed control-plane edge to that region, not a need', () => {
  const snapshot = emptySnapshot();
  snapshot.resources = [
    { id: 'arn:aws:cloudfront::111111111111:distribution/E1', type: 'cloudfront:distribution', provider: 'aws', account: '111111111111', placement: 'global', tags: { app: 'web' } },
    resource('arn:aws:ec2:eu-west-1:111111111111:instance/i-web', 'ec2:instance', { region: 'eu-west-1', zone: 'euw1-az1' }, { app: 'api' }),
  ];
  const catalog = {
    ...smallCatalog([]),
    resourceProfile: (type: string) =>
      type === 'cloudfront:distribution' ? { type, placement: 'global' as const, controlPlaneRegion: 'us-east-1', source: 'https://docs.aws.amazon.com', confidence: 'high' as const, asOf: '2025' } : undefined,
  };
  const e = buildDiagramEstate({ services: { web: { critical: true, tags: { app: 'web' }, dependsOn: ['api'] }, api: { tags: { app: 'api' } } } }, snapshot, catalog);
  const v = buildView(e.estate, e.report, { level: 'service' });
  assert.equal(node(v, 'web').cluster, 'provider:aws', 'a global resource is placed at provider level');
  assert.deepEqual(edge(v, 'web', 'aws:us-east-1'), { from: 'web', to: 'aws:us-east-1', label: 'control plane', critical: false, member: false, controlPlane: true });
  assert.equal(node(v, 'aws:us-east-1').kind, 'domain');
  assert.equal(node(v, 'aws:us-east-1').cluster, 'aws:us-east-1');
  assert.equal(edge(v, 'web', 'api')?.controlPlane, false);
  const focused = buildView(e.estate, e.report, { level: 'service', focus: 'aws:eu-west-1' });
  assert.ok(!focused.edges.some((x) => x.controlPlane), 'a focus view leaves out regions it does not reach');
});
