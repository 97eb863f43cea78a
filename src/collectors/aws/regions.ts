import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { CallOptions } from './call-options.js';

/** The regions enabled for the account (DescribeRegions without AllRegions). Not paginated. */
export async function describeEnabledRegions(ec2: EC2Client, call: CallOptions = {}): Promise<string[]> {
  const out = await ec2.send(new DescribeRegionsCommand({}), call);
  return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
}

/** Zone name → zone id for this account. Names are shuffled per account; ids are not. Not paginated. */
export async function describeZones(ec2: EC2Client, call: CallOptions = {}): Promise<{ name: string; id: string }[]> {
  const out = await ec2.send(new DescribeAvailabilityZonesCommand({}), call);
  return (out.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName && z.ZoneId ? [{ name: z.ZoneName, id: z.ZoneId }] : []));
}
