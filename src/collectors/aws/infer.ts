import type { NatGateway, RouteTable, Subnet } from '@aws-sdk/client-ec2';
import type { Placement, SnapshotResource } from '../../model/snapshot.js';
import { arnName, ec2Arn, parseArn, resourceType } from './arn.js';
import type { OwnedInstance } from './ec2-topology.js';
import type { LoadBalancerInfo } from './elbv2.js';
import type { DatabaseInstance } from './rds.js';
import type { TaggedResource } from './tagging.js';

/**
 * Pure inference over what one account and region returned: placement (zone ids, regions,
 * accounts) and the hidden dependency of instances on the NAT gateway their subnet's default
 * route goes through. Any list may be missing when its API was denied.
 */
export interface RegionInventory {
  region: string;
  /** The collecting identity's account, when known: the owner of S3 buckets (their ARNs have none). */
  account: string | undefined;
  partition?: string;
  zones: { name: string; id: string }[];
  tagged: TaggedResource[];
  instances: OwnedInstance[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  natGateways: NatGateway[];
  /** RDS DescribeDBInstances; empty when denied (the Tagging API still lists tagged ones, as regional). */
  databases: DatabaseInstance[];
  /** ELBv2 DescribeLoadBalancers; empty when denied (tagged ones are still listed, as regional). */
  loadBalancers: LoadBalancerInfo[];
}

/** Types that live in one zone when their zone is known. */
const ZONAL_TYPES = new Set(['ec2:instance', 'ec2:subnet', 'ec2:natgateway', 'rds:db', 'elasticloadbalancing:loadbalancer']);
/** Instances in these states no longer need anything, and nothing needs them. */
const GONE = new Set(['terminated', 'shutting-down']);
const DEFAULT_ROUTES = new Set(['0.0.0.0/0']);

function nameFrom(tags: Record<string, string>, fallback: string): string {
  const name = tags.Name;
  return name !== undefined && name !== '' ? name : fallback;
}

function tagRecord(tags: { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

/**
 * For each subnet, the NAT gateway its default route goes through, if any. A subnet without an
 * explicit route table association uses its VPC's main route table.
 */
export function natGatewayBySubnet(subnets: readonly Subnet[], routeTables: readonly RouteTable[]): Map<string, string> {
  const tableBySubnet = new Map<string, RouteTable>();
  const mainByVpc = new Map<string, RouteTable>();
  for (const table of routeTables) {
    for (const association of table.Associations ?? []) {
      if (association.SubnetId) tableBySubnet.set(association.SubnetId, table);
      if (association.Main && table.VpcId) mainByVpc.set(table.VpcId, table);
    }
  }
  const result = new Map<string, string>();
  for (const subnet of subnets) {
    if (!subnet.SubnetId) continue;
    const table = tableBySubnet.get(subnet.SubnetId) ?? (subnet.VpcId ? mainByVpc.get(subnet.VpcId) : undefined);
    for (const route of table?.Routes ?? []) {
      if (route.NatGatewayId && route.DestinationCidrBlock && DEFAULT_ROUTES.has(route.DestinationCidrBlock) && route.State !== 'blackhole') {
        result.set(subnet.SubnetId, route.NatGatewayId);
        break;
      }
    }
  }
  return result;
}

/** Builds the snapshot resources for one account and region. */
export function inferRegionResources(inv: RegionInventory): SnapshotResource[] {
  const partition = inv.partition ?? 'aws';
  const zoneIdByName = new Map(inv.zones.map((z) => [z.name, z.id]));
  const zoneOf = (id: string | undefined, name: string | undefined): string | undefined =>
    id || (name ? zoneIdByName.get(name) : undefined);
  const byId = new Map<string, SnapshotResource>();

  const account = inv.account;
  const subnetZone = new Map<string, string>();
  for (const subnet of inv.subnets) {
    const zone = zoneOf(subnet.AvailabilityZoneId, subnet.AvailabilityZone);
    if (!subnet.SubnetId) continue;
    if (zone) subnetZone.set(subnet.SubnetId, zone);
    const owner = subnet.OwnerId ?? account;
    const arn = subnet.SubnetArn ?? (owner ? ec2Arn(inv.region, owner, 'subnet', subnet.SubnetId, partition) : undefined);
    if (arn === undefined) continue;
    add(arn, 'ec2:subnet', owner, zone, tagRecord(subnet.Tags), subnet.SubnetId);
  }

  const natArn = new Map<string, string>();
  for (const gateway of inv.natGateways) {
    if (!gateway.NatGatewayId || gateway.State === 'deleted' || gateway.State === 'deleting' || account === undefined) continue;
    const arn = ec2Arn(inv.region, account, 'natgateway', gateway.NatGatewayId, partition);
    natArn.set(gateway.NatGatewayId, arn);
    // A regional NAT gateway (availabilityMode=regional) spans zones; a zonal one lives in its subnet's zone.
    const regional = (gateway as { AvailabilityMode?: string }).AvailabilityMode === 'regional';
    const zone = regional || !gateway.SubnetId ? undefined : subnetZone.get(gateway.SubnetId);
    add(arn, 'ec2:natgateway', account, zone, tagRecord(gateway.Tags), gateway.NatGatewayId);
  }

  const natBySubnet = natGatewayBySubnet(inv.subnets, inv.routeTables);
  for (const { instance, ownerId } of inv.instances) {
    if (!instance.InstanceId || GONE.has(instance.State?.Name ?? '')) continue;
    const owner = ownerId ?? account;
    if (owner === undefined) continue;
    const arn = ec2Arn(inv.region, owner, 'instance', instance.InstanceId, partition);
    const zone =
      zoneOf(instance.Placement?.AvailabilityZoneId, instance.Placement?.AvailabilityZone) ??
      (instance.SubnetId ? subnetZone.get(instance.SubnetId) : undefined);
    const resource = add(arn, 'ec2:instance', owner, zone, tagRecord(instance.Tags), instance.InstanceId);
    const nat = instance.SubnetId ? natBySubnet.get(instance.SubnetId) : undefined;
    const needs = nat === undefined ? undefined : natArn.get(nat) ?? (account ? ec2Arn(inv.region, account, 'natgateway', nat, partition) : undefined);
    if (needs !== undefined) resource.requires = [needs];
  }

  // A load balancer with nodes in one zone dies with it; in two or more it survives the loss of one.
  for (const lb of inv.loadBalancers) {
    if (lb.state === 'failed') continue;
    const zones = new Set(lb.zones.map((z) => zoneOf(undefined, z.zoneName) ?? (z.subnetId ? subnetZone.get(z.subnetId) : undefined)));
    const zone = zones.size === 1 ? [...zones][0] : undefined;
    const parsed = parseArn(lb.arn);
    add(lb.arn, 'elasticloadbalancing:loadbalancer', parsed?.account || account, zone, {}, lb.name ?? (parsed ? arnName(parsed) : lb.arn));
  }

  /** Clusters whose every instance is in one zone: the cluster is zonal there too. */
  const clusterZone = new Map<string, string>();
  for (const [db, zone] of databasePlacements(inv.databases, zoneIdByName)) {
    if (db.clusterId !== undefined && zone !== undefined) clusterZone.set(db.clusterId, zone);
    const arn = db.arn ?? (db.identifier && account ? `arn:${partition}:rds:${inv.region}:${account}:db:${db.identifier}` : undefined);
    if (arn === undefined) continue;
    const owner = parseArn(arn)?.account || account;
    add(arn, 'rds:db', owner, zone, db.tags, db.identifier ?? arn);
  }

  // Tags from GetResources are authoritative; they also bring every non-EC2 resource.
  for (const { arn, tags } of inv.tagged) {
    const existing = byId.get(arn);
    if (existing !== undefined) {
      existing.tags = { ...existing.tags, ...tags };
      existing.name = nameFrom(existing.tags, existing.name ?? arn);
      continue;
    }
    const parsed = parseArn(arn);
    if (parsed === undefined) continue;
    const type = resourceType(parsed);
    const resource: SnapshotResource = {
      id: arn,
      type,
      provider: 'aws',
      placement: 'regional',
      name: nameFrom(tags, arnName(parsed)),
      tags,
    };
    const owner = parsed.account || account;
    if (owner) resource.account = owner;
    const zone = type === 'rds:cluster' ? clusterZone.get(arnName(parsed)) : undefined;
    if (zone !== undefined) {
      resource.placement = 'zonal';
      resource.zone = zone;
    }
    if (parsed.region) resource.region = parsed.region;
    else if (parsed.service === 's3') resource.region = inv.region; // S3 ARNs carry no region: it is the region that returned it.
    else resource.placement = 'global';
    byId.set(arn, resource);
  }
  return [...byId.values()];

  function add(arn: string, type: string, owner: string | undefined, zone: string | undefined, tags: Record<string, string>, fallbackName: string): SnapshotResource {
    const placement: Placement = zone !== undefined && ZONAL_TYPES.has(type) ? 'zonal' : 'regional';
    const resource: SnapshotResource = { id: arn, type, provider: 'aws', region: inv.region, placement, name: nameFrom(tags, fallbackName), tags };
    if (owner) resource.account = owner;
    if (placement === 'zonal') resource.zone = zone;
    byId.set(arn, resource);
    return resource;
  }
}

/** DB instances on their way out: nothing should be planned around them. */
const DB_GONE = new Set(['deleting', 'deleted']);

/**
 * Each live DB instance with the zone id it is confined to, or `undefined` when it survives the
 * loss of one zone (or its zone is unknown):
 * - Single-AZ: zonal in its AvailabilityZone (a NAME, mapped to this account's zone id).
 * - Multi-AZ DB instance deployment (MultiAZ=true): RDS keeps a synchronous standby in another
 *   zone and fails over to it automatically when the primary's zone is disrupted, so it is
 *   regional. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 * - Cluster member (Aurora, Multi-AZ DB cluster): the cluster volume spans three zones, but the
 *   compute does not. On a failure Aurora promotes a reader, so a cluster whose instances sit in
 *   two or more zones survives one zone (regional); a cluster whose every instance is in one zone
 *   loses all its compute with that zone (zonal there: recreating a writer elsewhere is recovery,
 *   not survival). Only the members this region returned are counted, which is all of them: a
 *   cluster lives in one region. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-failover.html
 */
export function databasePlacements(databases: readonly DatabaseInstance[], zoneIdByName: ReadonlyMap<string, string>): [DatabaseInstance, string | undefined][] {
  const live = databases.filter((db) => !DB_GONE.has(db.status ?? ''));
  const zoneOf = (db: DatabaseInstance): string | undefined => (db.zoneName ? zoneIdByName.get(db.zoneName) : undefined);
  const clusterZones = new Map<string, Set<string | undefined>>();
  for (const db of live) {
    if (db.clusterId === undefined) continue;
    const zones = clusterZones.get(db.clusterId) ?? new Set<string | undefined>();
    zones.add(db.multiAz ? undefined : zoneOf(db));
    clusterZones.set(db.clusterId, zones);
  }
  return live.map((db) => {
    if (db.multiAz) return [db, undefined];
    if (db.clusterId !== undefined) {
      const zones = [...(clusterZones.get(db.clusterId) ?? [])];
      // One known zone for every member: the cluster dies with it. An unknown zone is not a guess.
      return [db, zones.length === 1 ? zones[0] : undefined];
    }
    return [db, zoneOf(db)];
  });
}

/** The account an inventory shows, for S3 buckets: from an owner id or any ARN that has one. */
export function accountSeenIn(inv: Pick<RegionInventory, 'instances' | 'subnets' | 'routeTables' | 'tagged'> & Partial<Pick<RegionInventory, 'databases'>>): string | undefined {
  for (const { ownerId } of inv.instances) if (ownerId) return ownerId;
  for (const subnet of inv.subnets) if (subnet.OwnerId) return subnet.OwnerId;
  for (const table of inv.routeTables) if (table.OwnerId) return table.OwnerId;
  for (const { arn } of [...inv.tagged, ...(inv.databases ?? [])]) {
    const account = arn === undefined ? undefined : parseArn(arn)?.account;
    if (account) return account;
  }
  return undefined;
}
