import type { SourcePos } from '../core/errors.js';
import type { Requirement } from '../model/requirement.js';
import type { RuleId, Severity } from '../analysis/rules.js';

/** A service declared in faultline.yaml. */
export interface ServiceDecl {
  name: string;
  critical: boolean;
  /** Selects collected resources that implement the service. */
  resources?: { tags: Record<string, string> };
  dependsOn: Requirement[];
  /** Placement for things that are not collected: `[onprem:paris-dc1]`. */
  runsOn: Requirement[];
  /** Where the service is declared (the key), for SARIF locations and messages. */
  pos: SourcePos;
}

/** A vendor declared in faultline.yaml; `hostedOn` overrides the built-in catalogue. */
export interface VendorDecl {
  name: string;
  hostedOn?: Requirement[];
  pos: SourcePos;
}

/** A declared primary and its fallback: they must not share a failure. */
export interface FallbackDecl {
  primary: string;
  fallback: string;
  pos: SourcePos;
}

export interface Policy {
  /** Largest acceptable share of critical services lost with one region (0..1). */
  maxRegionShare: number;
  /** Severity overrides per rule; `off` silences a rule. */
  severity: Partial<Record<RuleId, Severity | 'off'>>;
}

/** faultline.yaml, validated and normalised. */
export interface Manifest {
  /** The path it was read from, as the user gave it. */
  file: string;
  services: ServiceDecl[];
  vendors: VendorDecl[];
  fallbacks: FallbackDecl[];
  policy: Policy;
  /** Position of `policy.maxRegionShare` (or of the file start), for estate-wide findings. */
  policyPos: SourcePos;
}

export const DEFAULT_MAX_REGION_SHARE = 0.5;

/** What the parser needs to know from outside the file. */
export interface ManifestOptions {
  /**
   * Vendor names the built-in catalogue knows (`slack`): `vendor:slack` is a valid reference
   * when `slack` is declared under `vendors:` or is in this set. Pass the catalogue's keys and
   * aliases, lower-case: like `Catalog.vendor`, the check also tries the name in lower case.
   */
  knownVendors: ReadonlySet<string>;
}
