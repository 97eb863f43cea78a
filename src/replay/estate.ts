import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A recorded AWS estate on disk:
 *
 *   fixtures/aws/<estate>/<account-id>/<region>/<Api>.json
 *
 * Each file holds the SDK-level output of one API for that account and region, with every page
 * merged into one list (`{"Reservations": [...]}` for DescribeInstances, `{"ResourceTagMappingList":
 * [...]}` for GetResources). A missing file means the API returned nothing. The enabled regions
 * (DescribeRegions) are the region folders. With several accounts, the first folder (sorted)
 * answers requests signed with plain credentials; assumed-role credentials select their account.
 */
export interface RecordedEstate {
  accounts: Map<string, Map<string, Map<string, Record<string, unknown>>>>;
  defaultAccount: string;
}

/** The list member of each replayed API's output: what pagination slices. */
export const LIST_KEYS: Record<string, string> = {
  GetResources: 'ResourceTagMappingList',
  DescribeRegions: 'Regions',
  DescribeAvailabilityZones: 'AvailabilityZones',
  DescribeInstances: 'Reservations',
  DescribeSubnets: 'Subnets',
  DescribeRouteTables: 'RouteTables',
  DescribeNatGateways: 'NatGateways',
  DescribeVpcEndpoints: 'VpcEndpoints',
  DescribeDBInstances: 'DBInstances',
  DescribeLoadBalancers: 'LoadBalancers',
};

export class EstateError extends Error {}

export async function loadEstate(estateDir: string): Promise<RecordedEstate> {
  const accounts = new Map<string, Map<string, Map<string, Record<string, unknown>>>>();
  let accountDirs: string[];
  try {
    accountDirs = (await readdir(estateDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (error) {
    throw new EstateError(`cannot read the recorded estate ${estateDir}: ${(error as Error).message}`);
  }
  for (const account of accountDirs) {
    if (!/^\d{12}$/.test(account)) throw new EstateError(`${join(estateDir, account)}: an account folder is named by a 12-digit account id`);
    const regions = new Map<string, Map<string, Record<string, unknown>>>();
    const regionDirs = (await readdir(join(estateDir, account), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const region of regionDirs) {
      const apis = new Map<string, Record<string, unknown>>();
      for (const file of (await readdir(join(estateDir, account, region))).sort()) {
        if (!file.endsWith('.json')) continue;
        const api = file.slice(0, -'.json'.length);
        const listKey = LIST_KEYS[api];
        const path = join(estateDir, account, region, file);
        if (listKey === undefined) throw new EstateError(`${path}: '${api}' is not an API the replay server serves`);
        let data: unknown;
        try {
          data = JSON.parse(await readFile(path, 'utf8'));
        } catch (error) {
          throw new EstateError(`${path}: ${(error as Error).message}`);
        }
        if (typeof data !== 'object' || data === null || !Array.isArray((data as Record<string, unknown>)[listKey])) {
          throw new EstateError(`${path}: expected an object with a '${listKey}' list`);
        }
        apis.set(api, data as Record<string, unknown>);
      }
      regions.set(region, apis);
    }
    accounts.set(account, regions);
  }
  const defaultAccount = accountDirs[0];
  if (defaultAccount === undefined) throw new EstateError(`${estateDir}: no account folders (expected <account-id>/<region>/<Api>.json)`);
  return { accounts, defaultAccount };
}
