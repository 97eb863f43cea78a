/**
 * A diagram view: what `faultline export` draws, independent of the output format. Built once
 * from the estate and the analysis by `buildView`, then rendered by pure functions (DOT, Mermaid,
 * JSON) or laid out to SVG. Every string in it is untrusted text: renderers escape it.
 */

/** `service`: one node per service, vendor and shared resource group; `resource`: every resource. */
export type DiagramLevel = 'service' | 'resource';
export const diagramLevels: readonly DiagramLevel[] = ['service', 'resource'];

/**
 * - `service`, `vendor`, `resource`: one thing of the estate (its DESIGN.md id is the node id);
 * - `resources`: several resources that belong to no single service, aggregated by type and place;
 * - `gate`: a redundancy group ("any of", "2 of 3") or a declared fallback pair;
 * - `domain`: a region, zone or provider drawn as a small node inside its own cluster, only where
 *   something needs it other than by placement (a member of an "any of" group, a cross-region need);
 * - `failure`: the failed thing of a `--focus` blast-radius view, when it is a failure domain.
 */
export type DiagramNodeKind = 'service' | 'vendor' | 'resource' | 'resources' | 'gate' | 'domain' | 'failure';

export interface DiagramNode {
  /** Stable: the DESIGN.md id (`checkout`, `vendor:slack`, an ARN), a gate id (`checkout#1`), or `<place>#<type>`. */
  id: string;
  kind: DiagramNodeKind;
  /** First line of the label. */
  label: string;
  /** Further label lines: resource counts, hosting, account. */
  lines: string[];
  /** Hover text: the full id and why the node is coloured. */
  tooltip: string;
  /** Innermost cluster id ('' for none): where the node is placed. */
  cluster: string;
  /** A critical service (drawn bold). */
  critical: boolean;
  /** A single point of failure for a critical service (drawn red). */
  spof: boolean;
  /** One region failing alone takes this service down (red border). */
  singleRegion: boolean;
  /** A redundancy group whose members all fail under one failure, or a service whose replicas do. */
  sharedFate: boolean;
  /**
   * Focus views: only some of the resources it stands for are reached (a blast radius that takes
   * one of three replicas: the service itself stays up; a needs view that needs one of its resources).
   */
  partial: boolean;
  /** Accounts its resources live in (sorted). */
  accounts: string[];
  /** Resources the node stands for (services and aggregates at service level; 1 for a resource). */
  resources: number;
}

export interface DiagramEdge {
  /** `from` needs `to`. */
  from: string;
  to: string;
  /** Set when the edge stands for resource-level needs: `2 × ec2:instance`. */
  label: string;
  /** On the causal chain of a SPOF or single-region finding (drawn red). */
  critical: boolean;
  /** An edge from a gate to one of its members, or of a fallback pair (drawn thin or dashed). */
  member: boolean;
  /**
   * Not a need: a global resource (IAM, Route 53, CloudFront) managed from this region keeps
   * serving when it fails, but cannot be changed (drawn dashed).
   */
  controlPlane: boolean;
}

export type DiagramClusterKind = 'provider' | 'region' | 'zone' | 'vendors' | 'hosting';

export interface DiagramCluster {
  /** The domain id (`aws:eu-west-1`), `vendors`, or `vendors/<hosting>`. */
  id: string;
  kind: DiagramClusterKind;
  label: string;
  /** A second label line: what failing alone takes down. */
  note: string;
  /** Enclosing cluster id, '' for the top level. */
  parent: string;
  /** Failing alone takes down a critical service (red border). */
  risky: boolean;
  /** The focus of a blast-radius view. */
  failed: boolean;
}

export interface LegendEntry {
  key: 'critical' | 'spof' | 'singleRegion' | 'sharedFate' | 'gate' | 'vendor' | 'edge' | 'redEdge' | 'controlPlane';
  text: string;
}

export interface DiagramFocus {
  id: string;
  /** `blast`: what a failure of `id` takes down; `needs`: what service `id` needs. */
  mode: 'blast' | 'needs';
  /** Hops from the focus (gates and a service's own resources do not count); absent = unlimited. */
  depth?: number;
}

/** The whole picture, sorted: nodes by cluster then id, edges by from then to, clusters by id. */
export interface DiagramView {
  schemaVersion: 1;
  level: DiagramLevel;
  focus?: DiagramFocus;
  /** One line saying what the picture shows. */
  title: string;
  clusters: DiagramCluster[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  legend: LegendEntry[];
  /** What is left out on purpose, for the caption: resources nothing needs that belong to no service. */
  omitted: { unneededResources: number };
}
