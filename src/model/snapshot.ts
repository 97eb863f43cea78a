/**
 * The snapshot: what collectors found, written once by `collect` and read by every other
 * command. Versioned and validated on read (see snapshot-io.ts). Collectors only describe what
 * they found; estate.ts turns it, with the manifest and the catalogue, into a failure graph.
 */

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** How a resource is placed, which decides the failure domain it needs. */
export type Placement = 'zonal' | 'regional' | 'global';

export interface SnapshotResource {
  /** The ARN (or provider-native id); the resource's id everywhere. */
  id: string;
  /** `<service>:<type>` as in the Tagging API's ResourceTypeFilters: `ec2:instance`, `rds:db`, `s3:bucket`. */
  type: string;
  /** `aws` */
  provider: string;
  /** Owning account id (`123456789012`); from the ARN, or from the collecting identity for S3. */
  account?: string;
  /** Region code (`us-east-1`); for S3, the region that returned the bucket (ARNs have none). */
  region?: string;
  /** Zone **id** (`use1-az1`) for zonal resources. Zone names differ per account; ids do not. */
  zone?: string;
  placement: Placement;
  /** A human name: the `Name` tag, or the last part of the ARN. Untrusted. */
  name?: string;
  /** Tags as collected. Keys and values are untrusted strings. */
  tags: Record<string, string>;
  /**
   * Other things this resource needs, found by inspecting topology: e.g. an instance in a
   * private subnet whose default route goes to a NAT gateway needs that NAT gateway's ARN.
   * Each item is an id in the DESIGN.md syntax.
   */
  requires?: string[];
}

/** One zone's name-to-id mapping, as DescribeAvailabilityZones reported it for one account. */
export interface SnapshotZone {
  provider: string;
  account?: string;
  region: string;
  /** `us-east-1a`: differs per account. */
  name: string;
  /** `use1-az1`: the same in every account. */
  id: string;
}

/** Something a collector could not do (a denied region or API); a warning, not a crash. */
export interface Diagnostic {
  level: 'warning' | 'error';
  /** The collector: `aws`, `manifest`. */
  source: string;
  account?: string;
  region?: string;
  /** `ec2:DescribeInstances`, `tagging:GetResources`. */
  api?: string;
  /** The provider's error code: `AccessDeniedException`, `UnauthorizedOperation`. */
  code?: string;
  message: string;
}

/** What one collector covered. */
export interface Coverage {
  provider: string;
  accounts: string[];
  regions: string[];
}

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  /** ISO-8601 time the collection finished. */
  collectedAt: string;
  tool: { name: 'faultline'; version: string };
  coverage: Coverage[];
  zones: SnapshotZone[];
  resources: SnapshotResource[];
  diagnostics: Diagnostic[];
}

/** A snapshot with nothing in it: what `audit --config` analyses when nothing was collected. */
export function emptySnapshot(version = '0.0.0'): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date(0).toISOString(),
    tool: { name: 'faultline', version },
    coverage: [],
    zones: [],
    resources: [],
    diagnostics: [],
  };
}
