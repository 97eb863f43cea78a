import { paginateDescribeDBInstances, type RDSClient } from '@aws-sdk/client-rds';
import type { CallOptions } from './call-options.js';

/**
 * One RDS DB instance, reduced to what placement needs. DescribeDBInstances also returns
 * Neptune and DocumentDB instances (same `rds:db` ARNs, same placement rules).
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html
 */
export interface DatabaseInstance {
  /** `arn:aws:rds:<region>:<account>:db:<identifier>` */
  arn: string | undefined;
  identifier: string | undefined;
  /** The zone NAME (`eu-west-1b`): RDS reports no zone id, so it is mapped per account. */
  zoneName: string | undefined;
  /** The standby's zone name, for a Multi-AZ DB instance deployment. */
  secondaryZoneName: string | undefined;
  /** Multi-AZ DB instance deployment: a synchronous standby in another zone. */
  multiAz: boolean;
  /** `available`, `stopped`, `deleting`… */
  status: string | undefined;
  /** The Aurora (or Multi-AZ DB cluster) this instance belongs to. */
  clusterId: string | undefined;
  tags: Record<string, string>;
}

/** DescribeDBInstances accepts 20 to 100 records per page; 100 means the fewest calls. */
const PAGE = 100;

/** Every DB instance in the client's region, all pages (Marker / MaxRecords). */
export async function describeDbInstances(client: RDSClient, call: CallOptions = {}): Promise<DatabaseInstance[]> {
  const found: DatabaseInstance[] = [];
  // A fresh input object each call: the paginator writes its Marker into the one it is given.
  for await (const page of paginateDescribeDBInstances({ client, pageSize: PAGE }, {}, call)) {
    for (const db of page.DBInstances ?? []) {
      const tags: Record<string, string> = {};
      for (const tag of db.TagList ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
      found.push({
        arn: db.DBInstanceArn,
        identifier: db.DBInstanceIdentifier,
        zoneName: db.AvailabilityZone,
        secondaryZoneName: db.SecondaryAvailabilityZone,
        multiAz: db.MultiAZ === true,
        status: db.DBInstanceStatus,
        clusterId: db.DBClusterIdentifier,
        tags,
      });
    }
  }
  return found;
}
