import type { CollectorError } from '../../core/errors.js';
import { didYouMean } from '../../core/text.js';
import { SNAPSHOT_SCHEMA_VERSION, type Diagnostic, type Snapshot, type SnapshotResource, type SnapshotZone } from '../../model/snapshot.js';
import type { CollectContext, Collector } from '../types.js';
import { parseArn } from './arn.js';
import { assumedRoleCredentials, createRegionClients, defaultCredentials, type ClientSettings, type Credentials } from './clients.js';
import { describeInstances, describeNatGateways, describeRouteTables, describeSubnets } from './ec2-topology.js';
import { errorCode, errorMessage, fatalError, isCredentialRejection, rejectedCredentials } from './errors.js';
import { accountSeenIn, inferRegionResources, type RegionInventory } from './infer.js';
import type { CallOptions } from './call-options.js';
import { createLimit } from './limit.js';
import { describeLoadBalancers } from './elbv2.js';
import { describeDbInstances } from './rds.js';
import { describeEnabledRegions, describeZones } from './regions.js';
import { getTaggedResources } from './tagging.js';

export { parseArn, resourceType } from './arn.js';
export { DEFAULT_CONCURRENCY } from './defaults.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
export { natGatewayBySubnet, inferRegionResources, type RegionInventory } from './infer.js';

/** What `faultline collect --aws` and `audit --aws` configure. */
export interface AwsCollectorOptions {
  /** Regions to collect; default: every region enabled for the account (DescribeRegions). */
  regions?: string[] | undefined;
  /** A profile from ~/.aws/config for the SDK's default credential chain. */
  profile?: string | undefined;
  /** Roles to assume, one per account, for multi-account audits. */
  roleArns?: string[] | undefined;
  /** Regions (across accounts) collected at once. Default 16. */
  concurrency?: number | undefined;
  /** Region for DescribeRegions and STS. Default: the first of `regions`, AWS_REGION, or us-east-1. */
  homeRegion?: string | undefined;
  /** An explicit endpoint (the replay server); unset, the SDK honours AWS_ENDPOINT_URL. */
  endpoint?: string | undefined;
  /** The endpoint to name in "cannot reach" messages (AWS_ENDPOINT_URL, when set). */
  endpointHint?: string | undefined;
  /** Credentials to use instead of the default chain (tests, the demo). */
  credentials?: Credentials | undefined;
  /** Retry override (tests: `{ maxAttempts: 3, delayMs: 0 }`). Default: the SDK's standard strategy. */
  retry?: ClientSettings['retry'];
  /** The faultline version recorded in the snapshot. */
  toolVersion?: string | undefined;
  /** Clock, for deterministic tests. */
  now?: (() => Date) | undefined;
}

/** The API names used in diagnostics and the README's IAM policy. */
const API = {
  regions: 'ec2:DescribeRegions',
  zones: 'ec2:DescribeAvailabilityZones',
  tagging: 'tagging:GetResources',
  instances: 'ec2:DescribeInstances',
  subnets: 'ec2:DescribeSubnets',
  routeTables: 'ec2:DescribeRouteTables',
  natGateways: 'ec2:DescribeNatGateways',
  databases: 'rds:DescribeDBInstances',
  loadBalancers: 'elasticloadbalancing:DescribeLoadBalancers',
} as const;

interface Identity {
  /** Known up front only for an assumed role (from its ARN). */
  account: string | undefined;
  credentials: Credentials;
  roleArn: string | undefined;
}

/** Collects an AWS estate through the SDK: tags for the inventory, EC2 for topology, RDS for database zones. */
export function awsCollector(options: AwsCollectorOptions): Collector {
  return { name: 'aws', collect: (context) => collect(options, context) };
}

async function collect(options: AwsCollectorOptions, context: CollectContext): Promise<Snapshot> {
  const homeRegion = options.homeRegion ?? options.regions?.[0] ?? 'us-east-1';
  const settings: ClientSettings = { credentials: options.credentials ?? defaultCredentials(options.profile), endpoint: options.endpoint, retry: options.retry };
  const identities: Identity[] =
    options.roleArns && options.roleArns.length > 0
      ? options.roleArns.map((roleArn) => ({
          account: parseArn(roleArn)?.account || undefined,
          credentials: assumedRoleCredentials(roleArn, settings.credentials, homeRegion, settings),
          roleArn,
        }))
      : [{ account: undefined, credentials: settings.credentials, roleArn: undefined }];
  const multiAccount = identities.length > 1;
  const endpointHint = options.endpoint ?? options.endpointHint;
  const limit = createLimit(options.concurrency ?? DEFAULT_CONCURRENCY);

  const diagnostics: Diagnostic[] = [];
  const zones: SnapshotZone[] = [];
  const resources: SnapshotResource[] = [];
  const coveredAccounts = new Set<string>();
  const coveredRegions = new Set<string>();
  const seenRegionless = new Set<string>();
  let fatal: CollectorError | undefined;
  let regionsTotal = 0;
  let regionsDone = 0;
  let found = 0;

  const emit = (resource: SnapshotResource): void => {
    found++;
    if (context.sink) context.sink(resource);
    else resources.push(resource);
  };
  const stop = (): boolean => fatal !== undefined || context.signal?.aborted === true;
  const call: CallOptions = { abortSignal: context.signal };
  const diagnose = (identity: Identity, account: string | undefined, region: string, api: string, error: unknown): void => {
    const code = errorCode(error);
    const message = errorMessage(error);
    const diagnostic: Diagnostic = { level: 'warning', source: 'aws', region, api, code, message };
    const acct = account ?? identity.account;
    if (acct) diagnostic.account = acct;
    diagnostics.push(diagnostic);
    const where = multiAccount && acct ? `${acct} ${region}` : region;
    context.progress.warn(`${where} ${api}: ${code}: ${message}`);
  };
  const where = (identity: Identity, region: string, api: string): string =>
    `${identity.roleArn ? `${identity.roleArn} ` : ''}${region} ${api}`;

  /** Runs one API call; a non-fatal failure becomes a diagnostic and `undefined`. */
  async function attempt<T>(identity: Identity, region: string, api: string, request: () => Promise<T>): Promise<T | undefined> {
    try {
      return await request();
    } catch (error) {
      // Cancelled by an interrupt: the collection ends with the interrupt, not with this call.
      if (context.signal?.aborted) return undefined;
      const failure = fatalError(error, where(identity, region, api), endpointHint);
      if (failure !== undefined) {
        fatal ??= failure;
        return undefined;
      }
      diagnose(identity, undefined, region, api, error);
      return undefined;
    }
  }

  async function collectRegion(identity: Identity, region: string, accountHint: { value: string | undefined }): Promise<void> {
    if (stop()) return;
    const clients = createRegionClients(region, { ...settings, credentials: identity.credentials });
    try {
      const [zoneList, tagged, instances, subnets, routeTables, natGateways, databases, loadBalancers] = await Promise.all([
        attempt(identity, region, API.zones, () => describeZones(clients.ec2, call)),
        attempt(identity, region, API.tagging, () => getTaggedResources(clients.tagging, call)),
        attempt(identity, region, API.instances, () => describeInstances(clients.ec2, call)),
        attempt(identity, region, API.subnets, () => describeSubnets(clients.ec2, call)),
        attempt(identity, region, API.routeTables, () => describeRouteTables(clients.ec2, call)),
        attempt(identity, region, API.natGateways, () => describeNatGateways(clients.ec2, call)),
        attempt(identity, region, API.databases, () => describeDbInstances(clients.rds, call)),
        attempt(identity, region, API.loadBalancers, () => describeLoadBalancers(clients.elbv2, call)),
      ]);
      if (stop()) return;
      const inventory: RegionInventory = {
        region,
        account: undefined,
        zones: zoneList ?? [],
        tagged: tagged ?? [],
        instances: instances ?? [],
        subnets: subnets ?? [],
        routeTables: routeTables ?? [],
        natGateways: natGateways ?? [],
        databases: databases ?? [],
        loadBalancers: loadBalancers ?? [],
      };
      // The collecting identity's account (S3 ARNs have none): the role's, else any owner id or
      // ARN this region showed, else one an earlier region of this identity showed. No STS call.
      inventory.account = identity.account ?? accountSeenIn(inventory) ?? accountHint.value;
      accountHint.value ??= inventory.account;
      const answered = [zoneList, tagged, instances, subnets, routeTables, natGateways, databases, loadBalancers].some((x) => x !== undefined);
      if (answered) {
        coveredRegions.add(region);
        if (inventory.account) coveredAccounts.add(inventory.account);
      }
      for (const zone of inventory.zones) {
        const entry: SnapshotZone = { provider: 'aws', region, name: zone.name, id: zone.id };
        if (inventory.account) entry.account = inventory.account;
        zones.push(entry);
      }
      for (const resource of inferRegionResources(inventory)) {
        // Region-less ARNs (S3, CloudFront) can come back from more than one region: keep one.
        if (resource.id.includes(':::') || resource.placement === 'global') {
          if (seenRegionless.has(resource.id)) continue;
          seenRegionless.add(resource.id);
        }
        emit(resource);
      }
    } finally {
      clients.destroy();
      regionsDone++;
      context.progress.update(`aws: ${regionsDone}/${regionsTotal} regions, ${found} resources`);
    }
  }

  async function collectIdentity(identity: Identity): Promise<void> {
    const home = createRegionClients(homeRegion, { ...settings, credentials: identity.credentials });
    let enabled: string[] | undefined;
    try {
      enabled = await describeEnabledRegions(home.ec2, call);
    } catch (error) {
      if (context.signal?.aborted) return;
      const failure = fatalError(error, where(identity, homeRegion, API.regions), endpointHint);
      if (failure !== undefined) throw failure;
      if (isCredentialRejection(error)) throw rejectedCredentials(error, where(identity, homeRegion, API.regions));
      diagnose(identity, undefined, homeRegion, API.regions, error);
      if (options.regions === undefined) return;
    } finally {
      home.destroy();
    }
    let regions = options.regions ?? enabled ?? [];
    if (options.regions !== undefined && enabled !== undefined) {
      const on = new Set(enabled);
      for (const region of options.regions.filter((r) => !on.has(r))) {
        const near = didYouMean(region, enabled);
        const message = `${region} is not enabled for this account${near ? ` (did you mean ${near}?)` : ''}; skipped`;
        diagnose(identity, undefined, region, API.regions, { name: 'RegionNotEnabled', message });
      }
      regions = options.regions.filter((r) => on.has(r));
    }
    regionsTotal += regions.length;
    const accountHint = { value: identity.account };
    await Promise.all(regions.map((region) => limit(() => collectRegion(identity, region, accountHint))));
  }

  const outcomes = await Promise.allSettled(identities.map((identity) => collectIdentity(identity)));
  if (context.signal?.aborted) throw context.signal.reason ?? new Error('aborted');
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  if (fatal !== undefined) throw fatal;

  diagnostics.sort((a, b) => key(a).localeCompare(key(b)));
  zones.sort((a, b) => `${a.account}/${a.region}/${a.name}`.localeCompare(`${b.account}/${b.region}/${b.name}`));
  // The order `collect` writes a snapshot in (by account and region, each region's resources as
  // inferred), so a live `audit --aws` and an audit of the collected file see the same estate.
  const group = (r: SnapshotResource): string => `${r.account ?? ''}\u0000${r.region ?? ''}`;
  resources.sort((a, b) => (group(a) < group(b) ? -1 : group(a) > group(b) ? 1 : 0));
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: (options.now?.() ?? new Date()).toISOString(),
    tool: { name: 'faultline', version: options.toolVersion ?? '0.0.0' },
    coverage: [{ provider: 'aws', accounts: [...coveredAccounts].sort(), regions: [...coveredRegions].sort() }],
    zones,
    resources,
    diagnostics,
  };
}

function key(d: Diagnostic): string {
  return `${d.account ?? ''}/${d.region ?? ''}/${d.api ?? ''}`;
}
