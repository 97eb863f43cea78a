import type { Diagnostic } from '../model/snapshot.js';
import type { IdKind } from '../model/ids.js';
import type { RuleId, Severity } from './rules.js';

/** A finding: one rule firing for one subject and one affected service. */
export interface Finding {
  /** Stable fingerprint of rule + subject + service (+ group for shared-fate): survives re-runs. */
  id: string;
  rule: RuleId;
  severity: Severity;
  /** What fails: an id in the DESIGN.md syntax (`aws:eu-west-1/euw1-az2`, `vendor:slack`). */
  subject: string;
  /** The affected service; empty for estate-wide findings (region-concentration). */
  service: string;
  message: string;
  /** The causal chain from the service to the failure: `[checkout, orders-db, aws:eu-west-1/euw1-az2]`. */
  because: string[];
}

/** What one failure candidate takes down on its own. */
export interface BlastEntry {
  failure: string;
  kind: IdKind;
  services: string[];
  criticalServices: string[];
  /** Resources down, the failed one included. */
  resources: number;
}

export interface ConcentrationEntry {
  region: string;
  /** Services down when the region fails. */
  services: number;
  criticalServices: number;
  /** criticalServices / all critical services (services / all services when none is critical). */
  share: number;
}

export interface Inventory {
  resources: number;
  services: number;
  criticalServices: number;
  vendors: number;
  regions: string[];
  zones: string[];
  diagnostics: Diagnostic[];
}

/** The analysis result: the JSON report contract of DESIGN.md section 7. */
export interface Report {
  schemaVersion: 1;
  inventory: Inventory;
  findings: Finding[];
  /** Every candidate that takes at least one service down, ranked. */
  blastRadius: BlastEntry[];
  concentration: ConcentrationEntry[];
  /** Every vendor, where it is hosted and how that is known. */
  vendors: VendorEntry[];
  /** With `--pairs`: pairs of zones or regions that take down what neither does alone. */
  pairs?: PairEntry[];
}

/** An order-2 failure: two zones (or regions) failing together. */
export interface PairEntry {
  failures: [string, string];
  kind: 'zone' | 'region';
  /** Services down with the pair that neither failure takes down alone. */
  services: string[];
  criticalServices: string[];
}

/** A vendor and the evidence for its hosting. */
export interface VendorEntry {
  vendor: string;
  /** The requirement items, formatted: `aws:us-east-1`, `anyOf(aws:us-east-1, aws:us-west-2)`. */
  hostedOn: string[];
  /** `manifest` (faultline.yaml hostedOn), `catalogue` (built in), or `unknown`. */
  source: 'manifest' | 'catalogue' | 'unknown';
  /** For catalogue entries: how far the claim can be trusted, as of when, and from where. */
  confidence?: string;
  asOf?: string;
  sources?: string[];
  note?: string;
}
