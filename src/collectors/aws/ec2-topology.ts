import {
  paginateDescribeInstances,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  type EC2Client,
  type Instance,
  type NatGateway,
  type RouteTable,
  type Subnet,
} from '@aws-sdk/client-ec2';
import type { CallOptions } from './call-options.js';

/** EC2 pages hold up to 1000 items; the service may return fewer and a token. */
const PAGE = 1000;

/** An instance with the owner of its reservation (the account, when nothing else says it). */
export interface OwnedInstance {
  instance: Instance;
  ownerId: string | undefined;
}

// Every paginate call gets a fresh `{}`: paginators mutate their input. The call options (an
// abort signal) go to every request of every page.

export async function describeInstances(client: EC2Client, call: CallOptions = {}): Promise<OwnedInstance[]> {
  const found: OwnedInstance[] = [];
  for await (const page of paginateDescribeInstances({ client, pageSize: PAGE }, {}, call)) {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) found.push({ instance, ownerId: reservation.OwnerId });
    }
  }
  return found;
}

export async function describeSubnets(client: EC2Client, call: CallOptions = {}): Promise<Subnet[]> {
  const found: Subnet[] = [];
  for await (const page of paginateDescribeSubnets({ client, pageSize: PAGE }, {}, call)) found.push(...(page.Subnets ?? []));
  return found;
}

export async function describeRouteTables(client: EC2Client, call: CallOptions = {}): Promise<RouteTable[]> {
  const found: RouteTable[] = [];
  for await (const page of paginateDescribeRouteTables({ client, pageSize: 100 }, {}, call)) found.push(...(page.RouteTables ?? []));
  return found;
}

export async function describeNatGateways(client: EC2Client, call: CallOptions = {}): Promise<NatGateway[]> {
  const found: NatGateway[] = [];
  for await (const page of paginateDescribeNatGateways({ client, pageSize: PAGE }, {}, call)) found.push(...(page.NatGateways ?? []));
  return found;
}
