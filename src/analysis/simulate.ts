/**
 * `simulate`: fail any set of things at once (two zones, a region and a vendor, a replayed
 * outage) and explain what goes down, why, and which redundancy held.
 */
import type { Estate } from '../model/estate.js';
import { GateOrigin, NodeKind, kindNames, nodeLabel, nodesOfKind, requirementsOf, type FailureGraph } from '../model/graph.js';
import type { IdKind } from '../model/ids.js';
import { compareIds } from './analyze.js';
import { Propagator } from './propagate.js';

export interface DownService {
  id: string;
  critical: boolean;
  /** Causal chain from the service to one of the failed things. */
  because: string[];
}

/** A redundancy group that lost members but held, and so kept its (still up) owner up. */
export interface HeldGroup {
  owner: string;
  group: string;
  membersDown: string[];
  membersUp: string[];
}

export interface SimulationResult {
  failed: { id: string; kind: IdKind }[];
  down: DownService[];
  survivors: string[];
  resourcesDown: number;
  /** Vendors, zones, regions… taken down as a consequence (not failed directly). */
  domainsDown: string[];
  held: HeldGroup[];
}

/** Kinds of failure domain, which a failure can take down as a consequence. */
const DOMAIN_KINDS = [NodeKind.provider, NodeKind.account, NodeKind.region, NodeKind.zone, NodeKind.vendor];

/** Fails the given node indices together; resolve ids first with `resolveFailures`. */
export function simulate(estate: Estate, failures: readonly number[]): SimulationResult {
  const g = estate.graph;
  const propagator = new Propagator(g);
  const down = propagator.run(Int32Array.from(failures));
  // Failure domains taken down as a consequence, and the resources: counted from what else went
  // down, so that a query costs the kind index's few hundred domains and its gates, not a pass
  // over the third of a million-node estate that a region takes down.
  const failedSet = new Set(failures);
  const domainsDown: string[] = [];
  let othersDown = 0;
  for (const k of DOMAIN_KINDS) {
    for (const v of nodesOfKind(g, k)) {
      if (!propagator.isDown(v)) continue;
      othersDown++;
      if (!failedSet.has(v)) domainsDown.push(g.ids[v]!);
    }
  }
  const gates = nodesOfKind(g, NodeKind.gate);
  for (let i = 0; i < gates.length; i++) if (propagator.isDown(gates[i]!)) othersDown++;
  const criticalDown: string[] = [];
  const otherDown: string[] = [];
  const nodeOf = new Map<string, number>();
  const survivors: string[] = [];
  for (const v of nodesOfKind(g, NodeKind.service)) {
    if (!propagator.isDown(v)) {
      survivors.push(g.ids[v]!);
      continue;
    }
    (g.critical[v] ? criticalDown : otherDown).push(g.ids[v]!);
    nodeOf.set(g.ids[v]!, v);
  }
  const resourcesDown = down - othersDown - nodeOf.size;
  // Critical first, each part by id. A bare sort() orders strings by UTF-16 code units, the
  // order compareIds defines, in native code: a one-off query should not wait for thousands of
  // calls to a comparator that has not warmed up yet.
  const services: DownService[] = [...criticalDown.sort(), ...otherDown.sort()].map((id) => {
    const v = nodeOf.get(id)!;
    return { id, critical: g.critical[v] === 1, because: propagator.chain(v).map((u) => nodeLabel(g, u)) };
  });
  // Only a group that lost a member can have held: the propagator lists what lost a requirement
  // (the groups among them still up held), so a query on a million-node estate costs what it
  // reaches, not every node.
  const touched: number[] = [];
  for (let i = 0; i < propagator.touchedCount; i++) {
    const w = propagator.touched[i]!;
    if (g.kind[w] !== NodeKind.gate || g.gateOrigin[w] === GateOrigin.none || propagator.isDown(w)) continue;
    // A group held only if what it serves stayed up: an owner down for another reason was not saved by it.
    const owner = g.gateOwner[w]!;
    if (owner >= 0 && propagator.isDown(owner)) continue;
    touched.push(w);
  }
  const held: HeldGroup[] = [];
  for (const v of Int32Array.from(touched).sort()) {
    const members = Array.from(requirementsOf(g, v));
    held.push({
      owner: ownerId(g, v),
      group: nodeLabel(g, v),
      membersDown: members.filter((u) => propagator.isDown(u)).map((u) => nodeLabel(g, u)),
      membersUp: members.filter((u) => !propagator.isDown(u)).map((u) => nodeLabel(g, u)),
    });
  }
  return {
    failed: failures.map((v) => ({ id: g.ids[v]!, kind: kindNames[g.kind[v]!] as IdKind })),
    down: services,
    survivors: survivors.sort(),
    resourcesDown,
    domainsDown: domainsDown.sort(),
    held: held.sort((a, b) => compareIds(a.owner, b.owner) || compareIds(a.group, b.group)),
  };
}

function ownerId(g: FailureGraph, gate: number): string {
  const owner = g.gateOwner[gate]!;
  return owner >= 0 ? g.ids[owner]! : '';
}

/** Ids the graph knows that are not gates: what `--fail` accepts. */
export function failureCandidates(g: FailureGraph): string[] {
  const ids: string[] = [];
  for (let v = 0; v < g.size; v++) if (g.kind[v] !== NodeKind.gate) ids.push(g.ids[v]!);
  return ids;
}
