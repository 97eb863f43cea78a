import type { Requirement } from '../model/requirement.js';
import type { Placement } from '../model/snapshot.js';

export type Confidence = 'high' | 'medium' | 'low' | 'unknown';

/** Where a SaaS vendor is reported to run, with the evidence for it. */
export interface VendorHosting {
  /** Catalogue key, the `<name>` in `vendor:<name>`: `slack`. */
  name: string;
  /** Display name: `Slack`. */
  title: string;
  /** Requirement list in the DESIGN.md id syntax: `[aws:us-east-1]`. Empty when unknown. */
  hostedOn: Requirement[];
  confidence: Confidence;
  /** Source URLs for the hosting claim. */
  sources: string[];
  /** Year or date of the newest source. */
  asOf: string;
  /** Other catalogue vendors that share a documented failure domain (same owner's platform). */
  sharesFailureDomainWith?: string[];
  note?: string;
}

/** How resilient an AWS resource type is, which decides the failure domain it needs. */
export interface ResourceProfile {
  /** `ec2:instance` */
  type: string;
  placement: Placement;
  /** Global services whose control plane runs in one region (IAM, Route 53, CloudFront). */
  controlPlaneRegion?: string;
  source: string;
}

/** The built-in knowledge faultline ships. */
export interface Catalog {
  readonly version: string;
  vendor(name: string): VendorHosting | undefined;
  vendors(): readonly VendorHosting[];
  resourceProfile(type: string): ResourceProfile | undefined;
}

export const emptyCatalog: Catalog = {
  version: 'none',
  vendor: () => undefined,
  vendors: () => [],
  resourceProfile: () => undefined,
};
