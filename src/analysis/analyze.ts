/**
 * The analysis: every single failure candidate (provider, account, region, zone, vendor, service,
 * resource) is failed alone by counter propagation, and what it takes down becomes the
 * blast-radius ranking, the findings and the region concentration. Cost: O(Σ |blast(x)|), the
 * sum of what each failure reaches; cloud estates are shallow, so that is about 20·n
 * (reference/graph-performance.md, section 5.C).
 */
import type { Estate } from '../model/estate.js';
import { GateOrigin, NodeKind, dependentsOf, kindNames, nodeLabel, nodesOfKind, requirementsOf, type FailureGraph } from '../model/graph.js';
import { formatRequirement } from '../model/requirement.js';
import type { IdKind } from '../model/ids.js';
import { findCycles, namedMembers } from './cycles.js';
import { stronglyConnected, type Components } from './scc.js';
import { fingerprint } from './fingerprint.js';
import { Propagator } from './propagate.js';
import { SEVERITY_RANK, ruleIds, type RuleId } from './rules.js';
import { severityFor } from './severity.js';
import type { BlastEntry, ConcentrationEntry, Finding, Inventory, Report, VendorEntry } from './types.js';

/** The rule that fires when a failure domain of this kind takes a service down. */
const DOMAIN_RULE: Partial<Record<number, RuleId>> = {
  [NodeKind.provider]: 'single-provider',
  [NodeKind.account]: 'single-account',
  [NodeKind.region]: 'single-region',
  [NodeKind.zone]: 'single-zone',
  [NodeKind.vendor]: 'single-vendor',
};

/** Ranking ties are broken by kind (broad domains first), then id, so output is deterministic. */
const KIND_RANK: Record<IdKind, number> = { provider: 0, account: 1, region: 2, zone: 3, vendor: 4, service: 5, resource: 6 };

export function analyze(estate: Estate): Report {
  const g = estate.graph;
  const findings: Finding[] = [];
  const add = makeFindingSink(estate, findings);
  const propagator = new Propagator(g);
  const blastRadius: BlastEntry[] = [];
  const regionLoss: { region: number; services: number; critical: number }[] = [];
  const components = stronglyConnected(g);
  const fate = new SharedFate(g, components);
  const seed = new Int32Array(1);
  // Most of a million candidates take no service down: no per-candidate allocation until one does.
  const downServices = new Int32Array(g.size);
  // The services in id order, once: what a failure takes down is then put in id order by sorting
  // ranks natively, not by comparing id strings pairwise for every failure.
  const servicesById = Int32Array.from(nodesOfKind(g, NodeKind.service)).sort((a, b) => compareIds(g.ids[a]!, g.ids[b]!));
  const serviceRank = new Int32Array(g.size);
  servicesById.forEach((v, rank) => (serviceRank[v] = rank));
  const killedGates: number[] = [];

  // Dependents first (the reverse of the requirements-first component order): whatever a
  // failure takes down has been swept before the failure itself, which lets shared-fate judge
  // each cause during this one sweep instead of propagating every cause a second time.
  for (let position = components.order.length - 1; position >= 0; position--) {
    const x = components.order[position]!;
    const kind = g.kind[x]!;
    if (kind === NodeKind.gate || (kind === NodeKind.resource && failsAlone(g, x))) continue;
    seed[0] = x;
    const down = propagator.run(seed);
    let serviceCount = 0;
    let criticalCount = 0;
    let resources = 0;
    for (let i = 0; i < down; i++) {
      const v = propagator.order[i]!;
      const k = g.kind[v]!;
      if (k === NodeKind.service) {
        downServices[serviceCount++] = v;
        if (g.critical[v]) criticalCount++;
      } else if (k === NodeKind.resource) {
        resources++;
      } else if (k === NodeKind.gate && g.gateOrigin[v] !== GateOrigin.none) {
        killedGates.push(v);
      }
    }
    for (const gate of killedGates) fate.record(gate, x, propagator);
    killedGates.length = 0;
    if (kind === NodeKind.region) regionLoss.push({ region: x, services: serviceCount, critical: criticalCount });
    if (serviceCount === 0) continue;

    const ranks = new Int32Array(serviceCount);
    for (let i = 0; i < serviceCount; i++) ranks[i] = serviceRank[downServices[i]!]!;
    const services = Array.from(ranks.sort(), (rank) => servicesById[rank]!);
    blastRadius.push({
      failure: g.ids[x]!,
      kind: kindNames[kind] as IdKind,
      services: services.map((s) => g.ids[s]!),
      criticalServices: services.filter((s) => g.critical[s]).map((s) => g.ids[s]!),
      resources,
    });

    const domainRule = DOMAIN_RULE[kind];
    for (const s of services) {
      if (domainRule === undefined && (s === x || !g.critical[s])) continue;
      const chain = propagator.chain(s);
      if (impliedByAnotherService(g, chain)) continue;
      if (domainRule !== undefined) {
        add(domainRule, x, s, `${kindNames[kind]} ${g.ids[x]} failing alone takes ${g.ids[s]} down`, chainIds(g, chain));
      } else {
        add('spof', x, s, `${g.ids[x]} is a single point of failure for critical service ${g.ids[s]}`, chainIds(g, chain));
      }
    }
  }

  fate.finish(propagator, add);
  for (const cycle of findCycles(g, components)) {
    const members = namedMembers(g, cycle);
    if (members.length === 0) continue;
    const ids = members.map((v) => g.ids[v]!);
    const first = members.reduce((a, b) => (compareIds(g.ids[a]!, g.ids[b]!) <= 0 ? a : b));
    add('dependency-cycle', first, first, `${ids.join(' → ')} → ${ids[0]} depend on each other in a cycle; faultline treats the cycle as up unless something outside it fails`, [...ids, ids[0]!]);
  }
  for (const [vendor, hosting] of estate.vendorHosting) {
    if (hosting.from !== 'unknown') continue;
    const v = g.index.get(vendor)!;
    const known = estate.catalog.vendor(vendor.slice(7));
    const why = known?.customerSelected ? `you choose where ${vendor} runs` : `the hosting of ${vendor} is unknown`;
    add('unknown-hosting', v, -1, `${why}, so its failure domains cannot be judged; declare vendors.${vendor.slice(7)}.hostedOn in faultline.yaml`, [vendor]);
  }

  controlPlaneFindings(estate, add);
  const concentration = regionConcentration(g, regionLoss);
  const totalCritical = countCritical(g);
  for (const entry of concentration) {
    if (entry.share <= estate.policy.maxRegionShare || entry.criticalServices + entry.services === 0) continue;
    const basis = totalCritical > 0 ? `${entry.criticalServices} of ${totalCritical} critical services` : `${entry.services} services`;
    add('region-concentration', g.index.get(entry.region)!, -1,
      `${entry.region} failing takes down ${basis} (${percent(entry.share)}), above policy.maxRegionShare ${percent(estate.policy.maxRegionShare)}`,
      [entry.region]);
  }

  blastRadius.sort(compareBlast);
  findings.sort(compareFindings);
  return {
    schemaVersion: 1,
    inventory: inventory(estate),
    findings,
    blastRadius,
    concentration,
    vendors: vendorEntries(estate),
  };
}

/**
 * control-plane: a service needs a global resource (IAM role, Route 53 zone, CloudFront
 * distribution) whose control plane runs in one region. When that region fails, traffic keeps
 * flowing but changes stop: no new DNS records, no new roles, no deploys that touch them.
 */
function controlPlaneFindings(estate: Estate, add: FindingSink): void {
  const g = estate.graph;
  for (const [resource, region] of estate.controlPlanes) {
    for (const dependent of dependentsOf(g, resource)) {
      const service = g.kind[dependent] === NodeKind.gate ? g.gateOwner[dependent]! : dependent;
      if (service < 0 || g.kind[service] !== NodeKind.service) continue;
      const type = g.typeNames[g.resourceType[resource]!] ?? 'resource';
      add('control-plane', resource, service,
        `${g.ids[service]} needs ${type} ${g.ids[resource]}, managed from ${region}: when ${region} fails it keeps serving, but changes to it stop`,
        [g.ids[service]!, g.ids[resource]!, `${region} (control plane)`], region);
    }
  }
}

function vendorEntries(estate: Estate): VendorEntry[] {
  const entries: VendorEntry[] = [];
  for (const [vendor, hosting] of estate.vendorHosting) {
    if (hosting.from === 'manifest') entries.push({ vendor, hostedOn: hosting.hostedOn.map(formatRequirement), source: 'manifest' });
    else if (hosting.from === 'unknown') entries.push({ vendor, hostedOn: [], source: 'unknown' });
    else {
      const { entry } = hosting;
      entries.push({
        vendor,
        hostedOn: entry.hostedOn.map(formatRequirement),
        source: 'catalogue',
        confidence: entry.confidence,
        asOf: entry.asOf,
        sources: [...entry.sources],
        ...(entry.note ? { note: entry.note } : {}),
      });
    }
  }
  return entries.sort((a, b) => compareIds(a.vendor, b.vendor));
}

type FindingSink = (rule: RuleId, subject: number, service: number, message: string, because: string[], extra?: string) => void;

function makeFindingSink(estate: Estate, findings: Finding[]): FindingSink {
  const g = estate.graph;
  return (rule, subject, service, message, because, extra = '') => {
    const serviceId = service >= 0 ? g.ids[service]! : '';
    // Findings about a non-service owner (a vendor's hosting group) or estate-wide ones keep the rule's severity.
    const affectsCritical = service < 0 || g.kind[service] !== NodeKind.service || g.critical[service] === 1;
    const severity = severityFor(rule, estate.policy, affectsCritical);
    if (severity === undefined) return;
    const subjectId = g.ids[subject]!;
    findings.push({ id: fingerprint(rule, subjectId, serviceId, extra), rule, severity, subject: subjectId, service: serviceId, message, because });
  };
}

/**
 * shared-fate: a redundancy group (or a primary and its fallback) all of whose members fail
 * under one single failure. Only the most specific causes are reported: a cause is dropped when
 * it also takes down another cause of the same group (a region that takes down the zone that
 * kills the replicas says nothing the zone does not).
 *
 * Candidates are swept dependents first, so when a cause is swept every other cause it takes
 * down has been recorded already, and `isDown` on them decides it on the spot. Inside a
 * dependency cycle that order does not exist; groups with a cause in a cycle are decided at the
 * end by propagating each of their causes again.
 */
class SharedFate {
  /** Causes recorded so far, by group gate. */
  private readonly causes = new Map<number, number[]>();
  /** Undominated (gate, cause) pairs with the causal chain at the time, for acyclic gates. */
  private readonly found: { gate: number; cause: number; chain: number[] }[] = [];
  private readonly cyclicGates = new Set<number>();
  private readonly inCycle: Uint8Array;

  constructor(
    private readonly g: FailureGraph,
    components: Components,
  ) {
    this.inCycle = new Uint8Array(g.size);
    for (let c = 0; c < components.count; c++) {
      if (components.start[c + 1]! - components.start[c]! < 2) continue;
      for (let i = components.start[c]!; i < components.start[c + 1]!; i++) this.inCycle[components.order[i]!] = 1;
    }
  }

  /** `cause` failing alone takes `gate` down; `propagator` holds that run. */
  record(gate: number, cause: number, propagator: Propagator): void {
    let causes = this.causes.get(gate);
    if (causes === undefined) this.causes.set(gate, (causes = []));
    if (this.inCycle[cause]) this.cyclicGates.add(gate);
    if (!this.cyclicGates.has(gate) && !causes.some((c) => propagator.isDown(c))) {
      this.found.push({ gate, cause, chain: propagator.chain(gate) });
    }
    causes.push(cause);
  }

  finish(propagator: Propagator, add: FindingSink): void {
    for (const { gate, cause, chain } of this.found) if (!this.cyclicGates.has(gate)) sharedFateFinding(this.g, gate, cause, chain, add);
    const gatesByCause = new Map<number, number[]>();
    for (const gate of this.cyclicGates) {
      for (const cause of this.causes.get(gate)!) {
        const gates = gatesByCause.get(cause);
        if (gates) gates.push(gate);
        else gatesByCause.set(cause, [gate]);
      }
    }
    const seed = new Int32Array(1);
    for (const [cause, gates] of gatesByCause) {
      seed[0] = cause;
      propagator.run(seed);
      for (const gate of gates) {
        if (this.causes.get(gate)!.some((c) => c !== cause && propagator.isDown(c))) continue;
        sharedFateFinding(this.g, gate, cause, propagator.chain(gate), add);
      }
    }
  }
}

function sharedFateFinding(g: FailureGraph, gate: number, cause: number, chainNodes: readonly number[], add: FindingSink): void {
  const owner = g.gateOwner[gate]!;
  const members = requirementsOf(g, gate);
  const chain = chainIds(g, chainNodes);
  let message: string;
  let extra: string;
  if (g.gateOrigin[gate] === GateOrigin.fallback) {
    const [primary, fallback] = [g.ids[members[0]!]!, g.ids[members[1]!]!];
    message = `primary ${primary} and its fallback ${fallback} both fail when ${g.ids[cause]} fails`;
    extra = `fallback:${primary}|${fallback}`;
  } else if (g.gateOrigin[gate] === GateOrigin.replicas) {
    const type = g.typeNames[g.resourceType[members[0]!]!] ?? 'resource';
    message = `all ${members.length} ${type} replicas of ${g.ids[owner]} fail together when ${g.ids[cause]} fails`;
    extra = `replicas:${type}`;
  } else {
    const label = nodeLabel(g, gate);
    message = `redundancy group ${label} of ${g.ids[owner]} fails entirely when ${g.ids[cause]} fails`;
    extra = label;
  }
  add('shared-fate', cause, owner, message, owner >= 0 ? [g.ids[owner]!, ...chain] : chain, extra);
}

/**
 * Whether a finding for the service at chain[0] is implied by the same finding for another
 * service on its causal chain that is at least as critical: storefront goes down with a region
 * *because* checkout does, and checkout's finding already says so at the same or a higher
 * severity. The blast radius still lists every service; findings stay one per root cause.
 */
function impliedByAnotherService(g: FailureGraph, chain: readonly number[]): boolean {
  const service = chain[0]!;
  for (let i = 1; i < chain.length - 1; i++) {
    const v = chain[i]!;
    if (g.kind[v] === NodeKind.service && g.critical[v]! >= g.critical[service]!) return true;
  }
  return false;
}

/**
 * Whether x failing alone takes nothing else down: each of its dependents needs more than one
 * failed requirement (x is one replica among others). Such a resource has no blast radius, no
 * finding and kills no group, which is what most resources of a replicated estate are (63% of
 * the 100k bench estate): they are skipped without a propagation run.
 */
function failsAlone(g: FailureGraph, x: number): boolean {
  for (let e = g.depOffset[x]!, end = g.depOffset[x + 1]!; e < end; e++) if (g.need[g.depSources[e]!]! <= 1) return false;
  return true;
}

/** The chain as ids, gates shown as `anyOf(a, b)`. */
function chainIds(g: FailureGraph, chain: readonly number[]): string[] {
  return chain.map((v) => nodeLabel(g, v));
}

function regionConcentration(g: FailureGraph, losses: { region: number; services: number; critical: number }[]): ConcentrationEntry[] {
  const totalCritical = countCritical(g);
  const totalServices = nodesOfKind(g, NodeKind.service).length;
  return losses
    .map(({ region, services, critical }) => ({
      region: g.ids[region]!,
      services,
      criticalServices: critical,
      share: totalCritical > 0 ? critical / totalCritical : totalServices > 0 ? services / totalServices : 0,
    }))
    .sort((a, b) => b.share - a.share || b.services - a.services || compareIds(a.region, b.region));
}

function countCritical(g: FailureGraph): number {
  let n = 0;
  for (const v of nodesOfKind(g, NodeKind.service)) n += g.critical[v]!;
  return n;
}

function inventory(estate: Estate): Inventory {
  const g = estate.graph;
  const ids = (kind: number): string[] => Array.from(nodesOfKind(g, kind), (v) => g.ids[v]!);
  return {
    resources: nodesOfKind(g, NodeKind.resource).length,
    services: nodesOfKind(g, NodeKind.service).length,
    criticalServices: countCritical(g),
    vendors: nodesOfKind(g, NodeKind.vendor).length,
    regions: ids(NodeKind.region).sort(compareIds),
    zones: ids(NodeKind.zone).sort(compareIds),
    diagnostics: estate.diagnostics,
  };
}

function compareBlast(a: BlastEntry, b: BlastEntry): number {
  return (
    b.criticalServices.length - a.criticalServices.length ||
    b.services.length - a.services.length ||
    b.resources - a.resources ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    compareIds(a.failure, b.failure)
  );
}

const RULE_ORDER = new Map(ruleIds.map((r, i) => [r, i]));

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! ||
    compareIds(a.subject, b.subject) ||
    compareIds(a.service, b.service) ||
    compareIds(a.id, b.id)
  );
}

/** Plain code-unit order: deterministic across locales, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
