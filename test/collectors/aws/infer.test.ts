import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferRegionResources, natGatewayBySubnet, type RegionInventory } from '../../../src/collectors/aws/infer.js';
import type { DatabaseInstance } from '../../../src/collectors/aws/rds.js';

const ACCOUNT = '123456789012';
const base = (over: Partial<RegionInventory>): RegionInventory => ({
  region: 'eu-west-1',
  account: ACCOUNT,
  zones: [
    { name: 'eu-west-1a', id: 'euw1-az3' },
    { name: 'eu-west-1b', id: 'euw1-az1' },
  ],
  tagged: [],
  instances: [],
  subnets: [
    { SubnetId: 'subnet-a', VpcId: 'vpc-1', AvailabilityZone: 'eu-west-1a' },
    { SubnetId: 'subnet-b', VpcId: 'vpc-1', AvailabilityZone: 'eu-west-1b' },
  ],
  routeTables: [],
  natGateways: [{ NatGatewayId: 'nat-1', SubnetId: 'subnet-a', State: 'available' }],
  databases: [],
  loadBalancers: [],
  ...over,
});
const natRoute = (nat: string, state: 'active' | 'blackhole' = 'active') => ({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat, State: state });

test('a subnet without its own route table follows the main route table of its VPC', () => {
  const nat = natGatewayBySubnet(base({}).subnets, [
    { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true }], Routes: [natRoute('nat-1')] },
    { RouteTableId: 'rtb-a', VpcId: 'vpc-1', Associations: [{ SubnetId: 'subnet-a' }], Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }] },
  ]);
  assert.deepEqual([...nat], [['subnet-b', 'nat-1']]);
});

test('a blackholed default route to a deleted NAT gateway is not a dependency', () => {
  const nat = natGatewayBySubnet(base({}).subnets, [
    { RouteTableId: 'rtb-b', VpcId: 'vpc-1', Associations: [{ SubnetId: 'subnet-b' }], Routes: [natRoute('nat-gone', 'blackhole')] },
  ]);
  assert.equal(nat.size, 0);
});

test('an instance in zone b behind a NAT gateway in zone a requires the gateway, which is zonal in zone a', () => {
  const resources = inferRegionResources(
    base({
      instances: [{ ownerId: ACCOUNT, instance: { InstanceId: 'i-1', SubnetId: 'subnet-b', State: { Name: 'running' }, Placement: { AvailabilityZone: 'eu-west-1b' } } }],
      routeTables: [{ RouteTableId: 'rtb-b', VpcId: 'vpc-1', Associations: [{ SubnetId: 'subnet-b' }], Routes: [natRoute('nat-1')] }],
    }),
  );
  const instance = resources.find((r) => r.type === 'ec2:instance');
  const nat = resources.find((r) => r.type === 'ec2:natgateway');
  assert.deepEqual([instance?.zone, instance?.requires], ['euw1-az1', [`arn:aws:ec2:eu-west-1:${ACCOUNT}:natgateway/nat-1`]]);
  assert.deepEqual([nat?.id, nat?.placement, nat?.zone], [`arn:aws:ec2:eu-west-1:${ACCOUNT}:natgateway/nat-1`, 'zonal', 'euw1-az3']);
});

test('a regional NAT gateway is not tied to one zone, and terminated instances are left out', () => {
  const resources = inferRegionResources(
    base({
      natGateways: [{ NatGatewayId: 'nat-1', SubnetId: 'subnet-a', State: 'available', AvailabilityMode: 'regional' } as never],
      instances: [{ ownerId: ACCOUNT, instance: { InstanceId: 'i-gone', SubnetId: 'subnet-b', State: { Name: 'terminated' } } }],
    }),
  );
  assert.deepEqual(resources.filter((r) => r.type === 'ec2:natgateway').map((r) => [r.placement, r.zone]), [['regional', undefined]]);
  assert.equal(resources.filter((r) => r.type === 'ec2:instance').length, 0);
});

test('tags from GetResources merge into what EC2 described, and global resources carry no region', () => {
  const resources = inferRegionResources(
    base({
      instances: [{ ownerId: ACCOUNT, instance: { InstanceId: 'i-1', SubnetId: 'subnet-a', State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'old' }] } }],
      tagged: [
        { arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`, tags: { Name: 'web-1', app: 'web' } },
        { arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E1`, tags: { app: 'web' } },
      ],
    }),
  );
  const instance = resources.find((r) => r.type === 'ec2:instance');
  assert.deepEqual([instance?.name, instance?.tags, instance?.zone], ['web-1', { Name: 'web-1', app: 'web' }, 'euw1-az3']);
  const cdn = resources.find((r) => r.type === 'cloudfront:distribution');
  assert.deepEqual([cdn?.placement, cdn?.region, cdn?.account], ['global', undefined, ACCOUNT]);
});

test('database placement: Single-AZ by zone id, Multi-AZ regional, a cluster zonal only when every member is in one known zone', () => {
  const db = (identifier: string, zoneName: string | undefined, over: Partial<DatabaseInstance> = {}): DatabaseInstance => ({
    arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:${identifier}`, identifier, zoneName, secondaryZoneName: undefined, multiAz: false, status: 'available', clusterId: undefined, tags: {}, ...over,
  });
  const resources = inferRegionResources(
    base({
      databases: [
        db('single', 'eu-west-1b'),
        db('multi', 'eu-west-1a', { multiAz: true, secondaryZoneName: 'eu-west-1b' }),
        db('unmapped', 'eu-west-1z'),
        db('c1-a', 'eu-west-1a', { clusterId: 'c1' }),
        db('c1-b', 'eu-west-1a', { clusterId: 'c1' }),
        db('c2-a', 'eu-west-1a', { clusterId: 'c2' }),
        db('c2-unknown', undefined, { clusterId: 'c2' }),
        db('stopped', 'eu-west-1a', { status: 'stopped' }),
        db('deleting', 'eu-west-1a', { status: 'deleting' }),
      ],
    }),
  );
  const placed = resources.filter((r) => r.type === 'rds:db').map((r) => `${r.name} ${r.placement} ${r.zone ?? '-'}`);
  assert.deepEqual(placed, [
    'single zonal euw1-az1',
    'multi regional -',
    'unmapped regional -',
    'c1-a zonal euw1-az3',
    'c1-b zonal euw1-az3',
    'c2-a regional -',
    'c2-unknown regional -',
    'stopped zonal euw1-az3',
  ]);
});

test('a load balancer with nodes in one zone is zonal there; in two zones, or with a zone unknown, it is regional', () => {
  const lb = (name: string, zones: { zoneName?: string; subnetId?: string }[], state = 'active') => ({
    arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/${name}/0123456789abcdef`,
    name,
    type: 'network',
    state,
    zones: zones.map((z) => ({ zoneName: z.zoneName, subnetId: z.subnetId })),
  });
  const resources = inferRegionResources(
    base({
      loadBalancers: [
        lb('one-zone', [{ zoneName: 'eu-west-1b', subnetId: 'subnet-b' }]),
        lb('by-subnet', [{ subnetId: 'subnet-a' }]),
        lb('two-zones', [{ zoneName: 'eu-west-1a' }, { zoneName: 'eu-west-1b' }]),
        lb('unknown-zone', [{ zoneName: 'eu-west-1z' }]),
        lb('gone', [{ zoneName: 'eu-west-1a' }], 'failed'),
      ],
      tagged: [{ arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/one-zone/0123456789abcdef`, tags: { service: 'edge', Name: 'edge-nlb' } }],
    }),
  ).filter((r) => r.type === 'elasticloadbalancing:loadbalancer');
  assert.deepEqual(
    resources.map((r) => [r.name, r.placement, r.zone ?? null, r.account, r.tags.service ?? null]),
    [
      ['edge-nlb', 'zonal', 'euw1-az1', ACCOUNT, 'edge'],
      ['by-subnet', 'zonal', 'euw1-az3', ACCOUNT, null],
      ['two-zones', 'regional', null, ACCOUNT, null],
      ['unknown-zone', 'regional', null, ACCOUNT, null],
    ],
  );
});
