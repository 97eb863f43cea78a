import type { NatGateway, RouteTable, Subnet } from '@aws-sdk/client-ec2';
import type { Placement, SnapshotResource } from '../../model/snapshot.js';
import { arnTail, ec2Arn, parseArn, resourceType } from './arn.js';
import type { OwnedInstance } from './ec2-topology.js';
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
}

/** Types that live in one zone when their zone is known. */
const ZONAL_TYPES = new Set(['ec2:instance', 'ec2:subnet', 'ec2:natgateway']);
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
      name: nameFrom(tags, arnTail(parsed)),
      tags,
    };
    const owner = parsed.account || account;
    if (owner) resource.account = owner;
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

/** The account an inventory shows, for S3 buckets: from an owner id or any ARN that has one. */
export function accountSeenIn(inv: Pick<RegionInventory, 'instances' | 'subnets' | 'routeTables' | 'tagged'>): string | undefined {
  for (const { ownerId } of inv.instances) if (ownerId) return ownerId;
  for (const subnet of inv.subnets) if (subnet.OwnerId) return subnet.OwnerId;
  for (const table of inv.routeTables) if (table.OwnerId) return table.OwnerId;
  for (const { arn } of inv.tagged) {
    const account = parseArn(arn)?.account;
    if (account) return account;
  }
  return undefined;
}
