import type { Requirement } from '../model/requirement.js';
import type { Placement } from '../model/snapshot.js';

/**
 * How far a catalogue claim can be trusted: high (the vendor's own doc, blog or post-mortem,
 * recent), medium (vendor source but old, or strong third-party evidence), low (press, a third
 * party or an inference), unknown (no public source says).
 */
export type Confidence = 'high' | 'medium' | 'low' | 'unknown';

export const confidences: readonly Confidence[] = ['high', 'medium', 'low', 'unknown'];

/** Where a SaaS vendor is reported to run, with the evidence for it. */
export interface VendorHosting {
  /** Catalogue key, the `<name>` in `vendor:<name>`: `slack`. Lower-case. */
  name: string;
  /** Display name: `Slack`. */
  title: string;
  /** Company that owns it, when different from the title: `Salesforce`. */
  owner?: string;
  /** `chat`, `identity`, `cdn`, `platform`, ... */
  category: string;
  /** Other names that find this entry (`atlassian-jira` for `jira`). Lower-case. */
  aliases: string[];
  /**
   * Requirement list in the DESIGN.md id syntax: `[aws:us-east-1]`, `[provider:aws]`,
   * `[vendor:atlassian-cloud]`. Empty when unknown (confidence `unknown`) or customer-selected.
   */
  hostedOn: Requirement[];
  /** Every infrastructure provider the sources name, even when its role is unclear. */
  providers: string[];
  /** The customer picks provider and region (Snowflake, MongoDB Atlas): declare it in the manifest. */
  customerSelected: boolean;
  /**
   * Not a product users buy but a shared failure domain other entries are hostedOn
   * (`atlassian-cloud`: the platform and tenant behind Jira, Confluence, Statuspage, Opsgenie).
   */
  platform: boolean;
  /** About the hostedOn claim. */
  confidence: Confidence;
  /** Source URLs for the hosting claim; empty only when confidence is `unknown`. */
  sources: string[];
  /** Year, range or date of the newest source: `2023`, `2024-2025`, `2025-10`. */
  asOf: string;
  /** Other catalogue vendors that share a documented failure domain (same owner's platform). */
  sharesFailureDomainWith?: string[];
  note?: string;
  /** Ids of catalogue scenarios in which this vendor was publicly affected. */
  outages: string[];
}

/** How resilient an AWS resource type is, which decides the failure domain it needs. */
export interface ResourceProfile {
  /** `ec2:instance` */
  type: string;
  placement: Placement;
  /** Global services whose control plane runs in one region (IAM, Route 53, CloudFront). */
  controlPlaneRegion?: string;
  /** AWS documentation URL. */
  source: string;
  confidence: Confidence;
  asOf: string;
  note?: string;
}

/** A real outage, replayable with `simulate --scenario <id>`. */
export interface OutageScenario {
  /** `aws-use1-dynamodb-dns-2025-10` */
  id: string;
  title: string;
  /** Day it started, UTC: `2025-10-20`. */
  date: string;
  /** ISO-8601 UTC, when known. */
  start?: string;
  end?: string;
  /** Whose failure it was: `aws`, `cloudflare`, `crowdstrike`. */
  provider: string;
  /** The failure domain it took out: `region`, `availability_zone`, `account`, `cdn`, ... */
  domain: string;
  summary: string;
  /**
   * Ids to fail together when replaying it. A `*` last segment is a pattern (`account:aws:*`,
   * `aws:us-east-1/*`): the replay runs once per matching id of the estate (see `scenarioFailureSets`).
   * Empty when faultline cannot model the failed part; `approximation` says why.
   */
  fail: string[];
  /** How the replay differs from the event, when it does. */
  approximation?: string;
  sources: string[];
  /** About the scenario facts. */
  confidence: Exclude<Confidence, 'unknown'>;
  /** When the sources were last reviewed. */
  asOf: string;
}

/** The built-in knowledge faultline ships. */
export interface Catalog {
  /** Catalogue data version, `2026.11.21`. */
  readonly version: string;
  /** By key or alias, case-insensitive; a `vendor:` prefix is accepted. */
  vendor(name: string): VendorHosting | undefined;
  vendors(): readonly VendorHosting[];
  resourceProfile(type: string): ResourceProfile | undefined;
  resourceProfiles(): readonly ResourceProfile[];
  scenarios(): readonly OutageScenario[];
  /** By id, case-insensitive. */
  scenario(id: string): OutageScenario | undefined;
}

export const emptyCatalog: Catalog = {
  version: 'none',
  vendor: () => undefined,
  vendors: () => [],
  resourceProfile: () => undefined,
  resourceProfiles: () => [],
  scenarios: () => [],
  scenario: () => undefined,
};
