/**
 * Builds the diagram view of an estate: which nodes, edges and clusters a picture shows, and how
 * each is flagged by the analysis. Pure: estate and report in, view out.
 *
 * Layout decisions, for readability on real estates (reference/graph-performance.md, section 7):
 * - placement is cluster membership (provider → region → zone), never an edge to a region node:
 *   hundreds of edges into one node explode dot's crossing minimisation;
 * - a node sits in the innermost cluster that holds all of its placement (a service with
 *   instances in three zones sits in the region; one spread over two regions in the provider);
 * - a failure domain becomes a small node of its own only where something needs it other than
 *   by placement: a member of an "any of" group, a resource that needs another region;
 * - vendors sit in a "SaaS vendors" cluster, grouped by where they are hosted, so two vendors
 *   that share a region share a box;
 * - accounts are a node attribute (a label line when the estate spans several, and the tooltip).
 */
import type { Report } from '../../analysis/types.js';
import type { Estate } from '../../model/estate.js';
import { GateOrigin, NodeKind, nodeLabel, type FailureGraph } from '../../model/graph.js';
import { parseId } from '../../model/ids.js';
import { focusSet, resourceOwners } from './focus.js';
import type {
  DiagramCluster,
  DiagramClusterKind,
  DiagramEdge,
  DiagramFocus,
  DiagramLevel,
  DiagramNode,
  DiagramNodeKind,
  DiagramView,
  LegendEntry,
} from './types.js';

export interface ViewOptions {
  level: DiagramLevel;
  /** Show only what a failure of this id reaches, or what this service needs. */
  focus?: string | undefined;
  /** With `focus`: at most this many hops from it. */
  depth?: number | undefined;
  /** Resource id → human name (the `Name` tag), from the snapshot. Untrusted text. */
  resourceNames?: ReadonlyMap<string, string> | undefined;
}

export const LEGEND: readonly LegendEntry[] = [
  { key: 'edge', text: 'A → B: A needs B' },
  { key: 'critical', text: 'critical service' },
  { key: 'spof', text: 'single point of failure for a critical service' },
  { key: 'singleRegion', text: 'goes down with one region' },
  { key: 'redEdge', text: 'on the path of a SPOF or single-region failure' },
  { key: 'sharedFate', text: 'redundancy that fails as one (shared fate)' },
  { key: 'gate', text: 'redundancy group: any of / k of n' },
  { key: 'vendor', text: 'SaaS vendor, grouped by where it is hosted' },
  { key: 'controlPlane', text: 'managed from that region: keeps serving if it fails, cannot change' },
];

const isDomainKind = (k: number): boolean => k === NodeKind.provider || k === NodeKind.region || k === NodeKind.zone;

/** What a view node is made of while it is being built. */
interface Draft {
  id: string;
  kind: DiagramNodeKind;
  /** The graph node it is named after (a service, vendor, resource, gate, domain), -1 for aggregates. */
  head: number;
  members: number[];
  places: string[][];
  accounts: Set<string>;
  path: string[];
}

interface EdgeDraft {
  from: string;
  to: string;
  direct: boolean;
  member: boolean;
  viaTypes: Map<string, number>;
  critical: boolean;
  controlPlane: boolean;
}

export function buildView(estate: Estate, report: Report, options: ViewOptions): DiagramView {
  const g = estate.graph;
  const level = options.level;
  const owner = resourceOwners(g);

  let focus: DiagramFocus | undefined;
  let focusNode = -1;
  let included: Uint8Array;
  if (options.focus !== undefined) {
    const set = focusSet(estate, options.focus, options.depth, level, owner);
    focus = set.focus;
    focusNode = set.node;
    included = set.included;
  } else {
    included = new Uint8Array(g.size).fill(1);
  }

  const paths = new PathCache();
  const placement = (v: number): number => {
    for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) {
      const u = g.reqTargets[e]!;
      // estate.ts records a resource's placement first, before its account and `requires`.
      if (isDomainKind(g.kind[u]!)) return u;
    }
    return -1;
  };
  const hostingGate = (v: number): boolean =>
    g.kind[v] === NodeKind.gate && g.gateOrigin[v] === GateOrigin.group && g.gateOwner[v]! >= 0 && g.kind[g.gateOwner[v]!] === NodeKind.vendor && onlyDomains(g, v);

  // 1. Which view node each included graph node belongs to.
  const keyOf = new Map<number, string>();
  const drafts = new Map<string, Draft>();
  const draft = (id: string, kind: DiagramNodeKind, head: number): Draft => {
    let d = drafts.get(id);
    if (!d) {
      d = { id, kind, head, members: [], places: [], accounts: new Set(), path: [] };
      drafts.set(id, d);
    }
    return d;
  };
  const aggregates = new Map<string, number[]>();
  const skipped = new Set<number>();
  let unneededResources = 0;
  for (let v = 0; v < g.size; v++) {
    if (!included[v]) continue;
    const k = g.kind[v]!;
    if (k === NodeKind.resource && level === 'service' && owner[v]! < 0) {
      if (g.depOffset[v + 1] === g.depOffset[v]) {
        unneededResources++;
        skipped.add(v);
        continue;
      }
      const place = placement(v);
      const key = `${place >= 0 ? g.ids[place] : 'unplaced'}#${typeName(g, v)}`;
      const list = aggregates.get(key);
      if (list) list.push(v);
      else aggregates.set(key, [v]);
    }
  }
  for (const [key, members] of aggregates) {
    const single = members.length === 1;
    const d = draft(single ? g.ids[members[0]!]! : key, single ? 'resource' : 'resources', single ? members[0]! : -1);
    for (const r of members) {
      keyOf.set(r, d.id);
      d.members.push(r);
    }
  }
  for (let v = 0; v < g.size; v++) {
    if (!included[v] || keyOf.has(v) || skipped.has(v)) continue;
    const k = g.kind[v]!;
    let d: Draft | undefined;
    if (k === NodeKind.service) d = draft(g.ids[v]!, 'service', v);
    else if (k === NodeKind.vendor) d = draft(g.ids[v]!, 'vendor', v);
    else if (k === NodeKind.resource) {
      if (level === 'service' && owner[v]! >= 0) {
        const s = owner[v]!;
        d = draft(g.ids[s]!, 'service', s);
      } else if (level === 'resource' || owner[v]! < 0) {
        d = draft(g.ids[v]!, 'resource', v);
      }
    } else if (k === NodeKind.gate) {
      const gateOwner = g.gateOwner[v]!;
      if (level === 'service' && g.gateOrigin[v] === GateOrigin.replicas && gateOwner >= 0) d = draft(g.ids[gateOwner]!, 'service', gateOwner);
      else if (hostingGate(v)) d = draft(g.ids[gateOwner]!, 'vendor', gateOwner);
      else d = draft(g.ids[v]!, 'gate', v);
    }
    if (!d) continue;
    keyOf.set(v, d.id);
    d.members.push(v);
  }

  // 2. Where each node sits: the innermost cluster holding all of its placement.
  const hostingText = new Map<string, string>();
  for (const d of drafts.values()) {
    if (d.kind === 'vendor') {
      const text = vendorHostingText(g, d.head, estate);
      hostingText.set(d.id, text);
      d.path = ['vendors', `vendors/${text}`];
      continue;
    }
    // A service stands where all of its resources are, even in a focus view that reaches only some.
    const placed = d.kind === 'service' && level === 'service' ? ownedResources(g, owner, d.head) : d.members;
    for (const v of placed) {
      const place = g.kind[v] === NodeKind.resource ? placement(v) : -1;
      if (place >= 0) d.places.push(paths.of(g.ids[place]!));
    }
    for (const v of d.members) {
      const k = g.kind[v]!;
      if (k === NodeKind.service) {
        for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) {
          const u = g.reqTargets[e]!;
          if (isDomainKind(g.kind[u]!)) d.places.push(paths.of(g.ids[u]!));
        }
      }
      for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) {
        const u = g.reqTargets[e]!;
        if (g.kind[u] === NodeKind.account) d.accounts.add(g.ids[u]!);
      }
    }
    d.path = commonPrefix(d.places);
  }

  // 3. Edges between view nodes; domains needed other than by placement become small nodes.
  const flags = findingFlags(report);
  const onFailurePath = failurePathNodes(g, flags.redChains);
  const edges = new Map<string, EdgeDraft>();
  const edge = (from: string, to: string, member: boolean): EdgeDraft => {
    const key = `${from}\u0000${to}`;
    let e = edges.get(key);
    if (!e) {
      e = { from, to, direct: false, member, viaTypes: new Map(), critical: false, controlPlane: false };
      edges.set(key, e);
    }
    return e;
  };
  for (const d of [...drafts.values()]) {
    for (const v of d.members) {
      const k = g.kind[v]!;
      const place = k === NodeKind.resource ? placement(v) : -1;
      for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) {
        const u = g.reqTargets[e]!;
        const uk = g.kind[u]!;
        if (!included[u] || uk === NodeKind.account) continue;
        let target: string | undefined;
        if (isDomainKind(uk)) {
          if (u === place || d.kind === 'vendor') continue;
          const domainPath = paths.of(g.ids[u]!);
          if (k !== NodeKind.gate && isPrefix(domainPath, d.path)) continue;
          const anchor = draft(g.ids[u]!, u === focusNode ? 'failure' : 'domain', u);
          anchor.path = domainPath;
          if (anchor.members.length === 0) anchor.members.push(u);
          target = anchor.id;
        } else {
          target = keyOf.get(u);
        }
        if (target === undefined || target === d.id) continue;
        const ed = edge(d.id, target, d.kind === 'gate');
        // Red when the needed thing is on a SPOF or single-region path and its failure alone
        // passes up this edge (a gate that needs more than one member down holds).
        if (onFailurePath.has(u) && (k !== NodeKind.gate || g.need[v]! <= 1)) ed.critical = true;
        if (k === NodeKind.resource && level === 'service' && d.kind === 'service') {
          const type = typeName(g, v);
          ed.viaTypes.set(type, (ed.viaTypes.get(type) ?? 0) + 1);
        } else {
          ed.direct = true;
        }
      }
    }
  }
  // A global resource managed from one region (IAM, Route 53, CloudFront: us-east-1) keeps
  // serving when that region fails, but cannot change: a dashed edge, not a need.
  for (const [resource, region] of estate.controlPlanes) {
    const key = keyOf.get(resource);
    const regionNode = g.index.get(region);
    if (key === undefined || (focus && (regionNode === undefined || !included[regionNode]))) continue;
    const regionPath = paths.of(region);
    if (isPrefix(regionPath, drafts.get(key)!.path)) continue;
    const anchor = draft(region, regionNode === focusNode ? 'failure' : 'domain', regionNode ?? -1);
    anchor.path = regionPath;
    if (anchor.members.length === 0 && regionNode !== undefined) anchor.members.push(regionNode);
    edge(key, region, false).controlPlane = true;
  }

  if (focusNode >= 0 && !keyOf.has(focusNode) && isDomainKind(g.kind[focusNode]!)) {
    const d = draft(g.ids[focusNode]!, 'failure', focusNode);
    d.path = paths.of(g.ids[focusNode]!);
    if (d.members.length === 0) d.members.push(focusNode);
  } else if (focusNode >= 0 && g.kind[focusNode] === NodeKind.account) {
    const d = draft(g.ids[focusNode]!, 'failure', focusNode);
    d.members.push(focusNode);
  }

  // Gates sit in the innermost cluster holding everything they connect.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    if (drafts.get(a)?.kind !== 'gate' || drafts.get(b)?.kind === 'gate') return;
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of edges.values()) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  for (const d of drafts.values()) {
    if (d.kind !== 'gate') continue;
    d.path = commonPrefix((neighbours.get(d.id) ?? []).map((id) => drafts.get(id)!.path));
  }

  // 4. Flags from the findings.
  const sharedFateGates = new Map<number, string[]>();
  for (const [key, causes] of flags.sharedFate) {
    const [ownerId, gateLabel] = splitOnce(key);
    const o = g.index.get(ownerId);
    const gate = o === undefined ? undefined : gateNamed(g, o, gateLabel);
    if (gate !== undefined) sharedFateGates.set(gate, causes);
  }

  const multiAccount = new Set<string>();
  for (const d of drafts.values()) for (const a of d.accounts) multiAccount.add(a);
  const showAccounts = multiAccount.size > 1;
  const zoneNames = new Map<string, string>();
  for (const [name, id] of estate.zoneAliases) if (name !== id) zoneNames.set(id, name.slice(name.lastIndexOf('/') + 1));

  const nodes: DiagramNode[] = [];
  for (const d of drafts.values()) {
    nodes.push(finishNode(g, d, { level, focus, included, flags, sharedFateGates, hostingText, showAccounts, names: options.resourceNames, estate }));
  }

  // 5. Clusters: every prefix of a node's path.
  const clusters = new Map<string, DiagramCluster>();
  const blast = new Map(report.blastRadius.map((b) => [b.failure, b]));
  for (const n of nodes) {
    const path = drafts.get(n.id)!.path;
    n.cluster = path.length > 0 ? path[path.length - 1]! : '';
    for (let i = 0; i < path.length; i++) {
      const id = path[i]!;
      if (clusters.has(id)) continue;
      clusters.set(id, makeCluster(id, i > 0 ? path[i - 1]! : '', blast, zoneNames, focus));
    }
  }

  const edgeList: DiagramEdge[] = [...edges.values()].map((e) => ({
    from: e.from,
    to: e.to,
    label: e.controlPlane && !e.direct && e.viaTypes.size === 0 ? 'control plane' : e.direct || e.viaTypes.size === 0 ? '' : [...e.viaTypes].sort(([a], [b]) => cmp(a, b)).map(([type, n]) => `${n} × ${type}`).join(', '),
    critical: e.critical,
    member: e.member,
    controlPlane: e.controlPlane && !e.direct && e.viaTypes.size === 0,
  }));
  nodes.sort((a, b) => cmp(a.id, b.id));
  edgeList.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  const clusterList = [...clusters.values()].sort((a, b) => cmp(a.id, b.id));

  return {
    schemaVersion: 1,
    level,
    ...(focus ? { focus } : {}),
    title: viewTitle(nodes, level, focus, report),
    clusters: clusterList,
    nodes,
    edges: edgeList,
    legend: [...LEGEND],
    omitted: { unneededResources },
  };
}

interface Flags {
  /** Subject → critical services it is a SPOF for. */
  spof: Map<string, Set<string>>;
  /** Service → regions that take it down alone. */
  singleRegion: Map<string, Set<string>>;
  /** Causal chains of spof and single-region findings. */
  redChains: string[][];
  /** `<owner>\u0000<gate label>` → failures that take the whole group down. */
  sharedFate: Map<string, string[]>;
}

function findingFlags(report: Report): Flags {
  const flags: Flags = { spof: new Map(), singleRegion: new Map(), redChains: [], sharedFate: new Map() };
  const add = (map: Map<string, Set<string>>, key: string, value: string): void => {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
  };
  // From the blast radius, not the findings: a finding implied by another on its chain is not
  // repeated, but the service still goes down with the region.
  for (const entry of report.blastRadius) {
    if (entry.kind === 'region') for (const service of entry.services) add(flags.singleRegion, service, entry.failure);
  }
  for (const f of report.findings) {
    if (f.rule === 'spof') {
      add(flags.spof, f.subject, f.service);
      flags.redChains.push(f.because);
    } else if (f.rule === 'single-region') {
      flags.redChains.push(f.because);
    } else if (f.rule === 'shared-fate') {
      // because = [owner, gate label, …, cause] (analysis/analyze.ts, sharedFate).
      const [ownerId, gateLabel] = f.because;
      if (ownerId === undefined || gateLabel === undefined) continue;
      const key = `${ownerId}\u0000${gateLabel}`;
      flags.sharedFate.set(key, [...(flags.sharedFate.get(key) ?? []), f.subject]);
    }
  }
  return flags;
}

interface FinishContext {
  level: DiagramLevel;
  focus: DiagramFocus | undefined;
  included: Uint8Array;
  flags: Flags;
  sharedFateGates: Map<number, string[]>;
  hostingText: Map<string, string>;
  showAccounts: boolean;
  names: ReadonlyMap<string, string> | undefined;
  estate: Estate;
}

function finishNode(g: FailureGraph, d: Draft, c: FinishContext): DiagramNode {
  const lines: string[] = [];
  const why: string[] = [];
  let label = d.id;
  let spof = false;
  let sharedFate = false;
  const resources = d.members.filter((v) => g.kind[v] === NodeKind.resource);
  for (const v of d.members) {
    const services = c.flags.spof.get(g.ids[v]!);
    if (services) {
      spof = true;
      const list = [...services].sort(cmp).join(', ');
      why.push(v === d.head || d.members.length === 1 ? `single point of failure for ${list}` : `holds a single point of failure for ${list}: ${g.ids[v]}`);
    }
    const causes = c.sharedFateGates.get(v);
    if (causes) {
      sharedFate = true;
      const what = g.kind[v] === NodeKind.gate && g.gateOrigin[v] === GateOrigin.replicas ? `all ${typeName(g, g.reqTargets[g.reqOffset[v]!]!)} replicas` : nodeLabel(g, v);
      const sorted = [...causes].sort(cmp);
      why.push(`shared fate: ${what} fail together when ${sorted.length === 1 ? sorted[0] : `any one of ${sorted.join(', ')}`} fails`);
    }
  }
  const regions = d.kind === 'service' ? c.flags.singleRegion.get(d.id) : undefined;
  if (regions) why.push(`one region failing takes it down: ${[...regions].sort(cmp).join(', ')}`);
  const critical = d.kind === 'service' && g.critical[d.head] === 1;
  let partial = false;

  switch (d.kind) {
    case 'service': {
      if (resources.length > 0) lines.push(typeCounts(g, resources));
      const zones = new Set<string>();
      for (const p of d.places) if (p.length === 3) zones.add(p[2]!);
      if (zones.size > 1 && d.path.length < 3) lines.push(`across ${zones.size} zones`);
      if (c.focus && !c.included[d.head]) {
        partial = true;
        lines.push(c.focus.mode === 'blast' ? 'stays up' : `only ${resources.length === 1 ? 'this resource is' : 'these resources are'} needed`);
      }
      break;
    }
    case 'resource': {
      const name = c.names?.get(d.id);
      label = name !== undefined && name !== '' ? name : shortResourceName(d.id);
      lines.push(typeName(g, d.head));
      break;
    }
    case 'resources': {
      label = `${resources.length} × ${typeName(g, resources[0]!)}`;
      lines.push('in no single service');
      break;
    }
    case 'vendor': {
      const hosting = c.estate.vendorHosting.get(d.id);
      if (hosting?.from === 'catalog') {
        label = hosting.entry.title;
        lines.push(`catalogue: ${hosting.entry.confidence} confidence`);
      } else if (hosting?.from === 'manifest') {
        label = d.id.slice('vendor:'.length);
        lines.push('hosting from faultline.yaml');
      } else {
        label = d.id.slice('vendor:'.length);
        lines.push('hosting unknown');
      }
      why.push(`hosted on ${c.hostingText.get(d.id)}`);
      break;
    }
    case 'gate': {
      const v = d.head;
      const members = g.reqOffset[v + 1]! - g.reqOffset[v]!;
      const needUp = g.gateNeedUp[v]!;
      label = g.gateOrigin[v] === GateOrigin.fallback ? 'fallback' : needUp === 1 ? 'any of' : `${needUp} of ${members}`;
      why.unshift(gateText(g, v));
      break;
    }
    case 'domain':
      break;
    case 'failure':
      label = `${d.id} fails`;
      break;
  }
  if (c.showAccounts && d.accounts.size > 0) {
    lines.push(d.accounts.size === 1 ? [...d.accounts][0]!.replace(/^account:[^:]*:/, 'account ') : `${d.accounts.size} accounts`);
  }
  return {
    id: d.id,
    kind: d.kind,
    label,
    lines,
    tooltip: [d.id, ...why].join('\n'),
    cluster: '',
    critical,
    spof,
    singleRegion: regions !== undefined,
    sharedFate,
    partial,
    accounts: [...d.accounts].sort(cmp),
    resources: resources.length,
  };
}

function makeCluster(
  id: string,
  parent: string,
  blast: Map<string, Report['blastRadius'][number]>,
  zoneNames: Map<string, string>,
  focus: DiagramFocus | undefined,
): DiagramCluster {
  if (id === 'vendors') return { id, kind: 'vendors', label: 'SaaS vendors', note: '', parent, risky: false, failed: false };
  if (id.startsWith('vendors/')) {
    const text = id.slice('vendors/'.length);
    return { id, kind: 'hosting', label: text === 'unknown' ? 'hosting unknown' : `hosted on ${text}`, note: '', parent, risky: false, failed: false };
  }
  const p = parseId(id);
  let kind: DiagramClusterKind;
  let label: string;
  if (p.kind === 'provider') {
    kind = 'provider';
    label = p.provider;
  } else if (p.kind === 'region') {
    kind = 'region';
    label = `${p.provider}:${p.region}`;
  } else if (p.kind === 'zone') {
    kind = 'zone';
    const name = zoneNames.get(id);
    label = name !== undefined ? `${p.zone} (${name})` : p.zone;
  } else {
    throw new Error(`not a placement: ${id}`);
  }
  const entry = blast.get(id);
  const critical = entry?.criticalServices.length ?? 0;
  const services = entry?.services.length ?? 0;
  const note = services === 0 ? '' : `alone takes down ${services} service${services === 1 ? '' : 's'}${critical > 0 ? ` (${critical} critical)` : ''}`;
  return { id, kind, label, note, parent, risky: critical > 0, failed: focus?.id === id };
}

/**
 * A gate in words for its tooltip. Replicas are listed sorted (their order is collection order,
 * which must not change the output) and capped: a group of 300 instances is not read one by one.
 */
function gateText(g: FailureGraph, gate: number): string {
  if (g.gateOrigin[gate] !== GateOrigin.replicas) return nodeLabel(g, gate);
  const members = Array.from(g.reqTargets.subarray(g.reqOffset[gate]!, g.reqOffset[gate + 1]!), (u) => g.ids[u]!).sort(cmp);
  const shown = members.slice(0, 10).join(', ');
  return `any of ${members.length} replicas: ${shown}${members.length > 10 ? `, +${members.length - 10} more` : ''}`;
}

/** `3 × ec2:instance, 1 × rds:db`, by type name. */
function typeCounts(g: FailureGraph, resources: readonly number[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const t = typeName(g, r);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => cmp(a, b)).map(([t, n]) => `${n} × ${t}`).join(', ');
}

function typeName(g: FailureGraph, v: number): string {
  const t = g.resourceType[v]!;
  return t >= 0 ? g.typeNames[t]! : 'resource';
}

/** The readable tail of an ARN: `db:orders` → `orders`, `instance/i-0abc` → `i-0abc`. */
function shortResourceName(id: string): string {
  if (!id.startsWith('arn:')) return id;
  const resource = id.split(':').slice(5).join(':');
  const cut = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
  return cut >= 0 && cut < resource.length - 1 ? resource.slice(cut + 1) : resource;
}

/** Where a vendor runs, as one line: its domain needs and hosting groups, or `unknown`. */
function vendorHostingText(g: FailureGraph, v: number, estate: Estate): string {
  const items: string[] = [];
  for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) {
    const u = g.reqTargets[e]!;
    const k = g.kind[u]!;
    if (isDomainKind(k) || k === NodeKind.vendor || (k === NodeKind.gate && onlyDomains(g, u))) items.push(nodeLabel(g, u));
  }
  if (items.length > 0) return items.join(', ');
  return estate.vendorHosting.get(g.ids[v]!)?.from === 'unknown' ? 'unknown' : 'nothing declared';
}

/** The resources a service owns (`resourceOwners`), directly or as replicas. */
function ownedResources(g: FailureGraph, owner: Int32Array, service: number): number[] {
  const out: number[] = [];
  for (let e = g.reqOffset[service]!; e < g.reqOffset[service + 1]!; e++) {
    const u = g.reqTargets[e]!;
    if (g.kind[u] === NodeKind.resource && owner[u] === service) out.push(u);
    else if (g.kind[u] === NodeKind.gate && g.gateOrigin[u] === GateOrigin.replicas) {
      for (let f = g.reqOffset[u]!; f < g.reqOffset[u + 1]!; f++) if (owner[g.reqTargets[f]!] === service) out.push(g.reqTargets[f]!);
    }
  }
  return out;
}

/** Whether a gate's members are all failure domains (or gates of them). */
function onlyDomains(g: FailureGraph, gate: number): boolean {
  for (let e = g.reqOffset[gate]!; e < g.reqOffset[gate + 1]!; e++) {
    const u = g.reqTargets[e]!;
    const k = g.kind[u]!;
    if (k === NodeKind.gate ? !onlyDomains(g, u) : !isDomainKind(k)) return false;
  }
  return true;
}

function viewTitle(nodes: readonly DiagramNode[], level: DiagramLevel, focus: DiagramFocus | undefined, report: Report): string {
  const services = nodes.filter((n) => n.kind === 'service');
  const down = services.filter((n) => !n.partial);
  const vendors = nodes.filter((n) => n.kind === 'vendor').length;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const depth = focus?.depth !== undefined ? `, depth ${focus.depth}` : '';
  if (focus?.mode === 'blast') {
    const critical = down.filter((n) => n.critical).length;
    return `If ${focus.id} fails${depth}: ${count(down.length, 'service')} down (${critical} critical)`;
  }
  if (focus?.mode === 'needs') return `What ${focus.id} needs${depth}: ${count(services.length - 1, 'other service')}, ${count(vendors, 'vendor')}`;
  const inv = report.inventory;
  return `${level === 'service' ? 'Services' : 'Resources'} of the estate: ${count(inv.services, 'service')} (${inv.criticalServices} critical), ${count(inv.vendors, 'vendor')}, ${count(inv.resources, 'resource')}`;
}

/** Cluster paths of failure domains, parsed once per id. */
class PathCache {
  private readonly cache = new Map<string, string[]>();
  of(id: string): string[] {
    let path = this.cache.get(id);
    if (!path) {
      const p = parseId(id);
      if (p.kind === 'provider') path = [id];
      else if (p.kind === 'region') path = [`provider:${p.provider}`, id];
      else if (p.kind === 'zone') path = [`provider:${p.provider}`, `${p.provider}:${p.region}`, id];
      else path = [];
      this.cache.set(id, path);
    }
    return path;
  }
}

function commonPrefix(paths: readonly (readonly string[])[]): string[] {
  if (paths.length === 0) return [];
  const first = paths[0]!;
  let n = first.length;
  for (const p of paths) {
    let i = 0;
    while (i < n && i < p.length && p[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function splitOnce(key: string): [string, string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * The graph nodes on the causal chain of a SPOF or single-region finding. Chains name gates by
 * their label (`anyOf(a, b)`), so those are matched against the labels of every gate.
 */
function failurePathNodes(g: FailureGraph, chains: readonly string[][]): Set<number> {
  const nodes = new Set<number>();
  for (const chain of chains) {
    let previous = -1;
    for (const item of chain) {
      // A chain names a gate by its label, right after the node that needs it.
      const v = g.index.get(item) ?? (previous >= 0 ? gateNamed(g, previous, item) : undefined);
      if (v === undefined) break;
      nodes.add(v);
      previous = v;
    }
  }
  return nodes;
}

/** The gate among `owner`'s requirements (or, for a fallback, among the gates it owns) whose label is `label`. */
function gateNamed(g: FailureGraph, owner: number, label: string): number | undefined {
  for (let e = g.reqOffset[owner]!; e < g.reqOffset[owner + 1]!; e++) {
    const u = g.reqTargets[e]!;
    if (g.kind[u] === NodeKind.gate && nodeLabel(g, u) === label) return u;
  }
  // A fallback gate is owned by its primary but needed by nothing; its id is `<owner>#<n>`.
  for (let n = 1; ; n++) {
    const u = g.index.get(`${g.ids[owner]}#${n}`);
    if (u === undefined) return undefined;
    if (g.gateOwner[u] === owner && nodeLabel(g, u) === label) return u;
  }
}

/** Code-unit order: the same on every machine and locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
