/**
 * A recorded estate for the collection benchmark: one account, 16 regions, 1,000 tagged
 * resources and 200 instances per region, in the replay server's layout
 * (`<dir>/<account>/<region>/<Api>.json`, see src/replay/estate.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const COLLECT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'sa-east-1', 'ca-central-1',
] as const;

const ACCOUNT = '210987654321';
const RESOURCES_PER_REGION = 1000;
const INSTANCES_PER_REGION = 200;

/** Writes the estate under `dir` unless it is there already; returns `dir`. */
export async function buildCollectEstate(dir: string): Promise<string> {
  if (existsSync(join(dir, ACCOUNT, COLLECT_REGIONS.at(-1)!, 'GetResources.json'))) return dir;
  for (const region of COLLECT_REGIONS) {
    const at = join(dir, ACCOUNT, region);
    await mkdir(at, { recursive: true });
    const zones = ['a', 'b', 'c'].map((letter, i) => ({ RegionName: region, ZoneName: `${region}${letter}`, ZoneId: `${region.replace(/-/g, '')}-az${i + 1}`, State: 'available', ZoneType: 'availability-zone' }));
    const instanceId = (i: number): string => `i-${region.replace(/-/g, '')}${String(i).padStart(8, '0')}`;
    const mappings = [];
    for (let i = 0; i < RESOURCES_PER_REGION; i++) {
      const service = `svc-${i % 40}`;
      const arn =
        i < INSTANCES_PER_REGION
          ? `arn:aws:ec2:${region}:${ACCOUNT}:instance/${instanceId(i)}`
          : i % 2 === 0
            ? `arn:aws:sqs:${region}:${ACCOUNT}:${service}-q-${i}`
            : `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${service}-t-${i}`;
      mappings.push({ ResourceARN: arn, Tags: [{ Key: 'service', Value: service }, { Key: 'team', Value: 'bench' }] });
    }
    const reservations = Array.from({ length: INSTANCES_PER_REGION }, (_, i) => ({
      ReservationId: `r-${region.replace(/-/g, '')}${i}`,
      OwnerId: ACCOUNT,
      Instances: [{ InstanceId: instanceId(i), Placement: { AvailabilityZone: zones[i % 3]!.ZoneName }, SubnetId: `subnet-${i % 3}`, VpcId: 'vpc-1', State: { Code: 16, Name: 'running' } }],
    }));
    await writeFile(join(at, 'GetResources.json'), JSON.stringify({ ResourceTagMappingList: mappings }));
    await writeFile(join(at, 'DescribeAvailabilityZones.json'), JSON.stringify({ AvailabilityZones: zones }));
    await writeFile(join(at, 'DescribeInstances.json'), JSON.stringify({ Reservations: reservations }));
  }
  return dir;
}
