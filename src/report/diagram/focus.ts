/**
 * `--focus <id> [--depth N]`: the part of the graph a diagram shows. For a service, what it needs
 * (its requirement closure); for anything else, what its failure takes down (its blast radius,
 * by counter propagation). This is how a 50,000-resource estate gets a readable picture.
 */
import { Propagator } from '../../analysis/propagate.js';
import { UsageError } from '../../core/errors.js';
import { didYouMean, sanitizeForTerminal } from '../../core/text.js';
import { GateOrigin, NodeKind, type FailureGraph } from '../../model/graph.js';
import { lookupId, type Estate } from '../../model/estate.js';
import type { DiagramFocus, DiagramLevel } from './types.js';

export interface FocusSet {
  focus: DiagramFocus;
  /** The focused node. */
  node: number;
  /** 1 for every graph node in the view. */
  included: Uint8Array;
}

/**
 * The nodes a focus view shows. Depth counts hops a reader sees: a gate and the nodes beyond it
 * are one hop, and at service level moving between a service and its own resources is free
 * (they are one node there).
 * Throws a UsageError (with a did-you-mean) when `id` names nothing in the estate.
 */
export function focusSet(estate: Estate, id: string, depth: number | undefined, level: DiagramLevel, owner: Int32Array): FocusSet {
  const g = estate.graph;
  const node = lookupId(estate, id);
  if (node === undefined || g.kind[node] === NodeKind.gate) {
    const guess = didYouMean(id, g.ids.filter((_, v) => g.kind[v] !== NodeKind.gate));
    // Ids come from the estate (tags, ARNs): keep escape sequences out of the terminal.
    throw new UsageError(`nothing in the estate has the id '${sanitizeForTerminal(id)}'`, {
      where: '--focus',
      hint: guess !== undefined ? `did you mean ${sanitizeForTerminal(guess)}?` : 'use an id from `faultline audit` (a service, vendor:<name>, a region such as aws:us-east-1, a zone, or an ARN)',
    });
  }
  const mode = g.kind[node] === NodeKind.service ? 'needs' : 'blast';
  const included = new Uint8Array(g.size);
  const limit = depth ?? Infinity;
  if (mode === 'blast') {
    const propagator = new Propagator(g);
    const down = propagator.run([node]);
    const inBlast = new Uint8Array(g.size);
    for (let i = 0; i < down; i++) inBlast[propagator.order[i]!] = 1;
    walk(g, node, limit, level, owner, 'dependents', (w) => inBlast[w] === 1, included);
  } else {
    walk(g, node, limit, level, owner, 'requirements', () => true, included);
  }
  const focus: DiagramFocus = depth === undefined ? { id: g.ids[node]!, mode } : { id: g.ids[node]!, mode, depth };
  return { focus, node, included };
}

/**
 * 0-1 breadth-first search from `start` along one CSR direction, marking nodes within `limit`
 * hops in `out`. Zero-cost steps are appended to the level being scanned, so a node's recorded
 * distance is final when it is scanned.
 */
function walk(
  g: FailureGraph,
  start: number,
  limit: number,
  level: DiagramLevel,
  owner: Int32Array,
  direction: 'dependents' | 'requirements',
  allowed: (w: number) => boolean,
  out: Uint8Array,
): void {
  const [offset, targets] = direction === 'dependents' ? [g.depOffset, g.depSources] : [g.reqOffset, g.reqTargets];
  const dist = new Map<number, number>([[start, 0]]);
  let current = [start];
  for (let d = 0; current.length > 0 && d <= limit; d++) {
    const next: number[] = [];
    for (let i = 0; i < current.length; i++) {
      const u = current[i]!;
      if (dist.get(u) !== d) continue;
      out[u] = 1;
      const unit = level === 'service' ? unitOf(g, owner, u) : -1;
      const fromGate = g.kind[u] === NodeKind.gate;
      for (let e = offset[u]!; e < offset[u + 1]!; e++) {
        const w = targets[e]!;
        if (!allowed(w)) continue;
        // A gate and what lies beyond it are one hop: "needs any of (a, b)" reaches a and b.
        const throughGate = direction === 'dependents' ? g.kind[w] === NodeKind.gate : fromGate;
        const free = throughGate || (unit >= 0 && unitOf(g, owner, w) === unit);
        const nd = free ? d : d + 1;
        if (nd > limit) continue;
        const seen = dist.get(w);
        if (seen !== undefined && seen <= nd) continue;
        dist.set(w, nd);
        (free ? current : next).push(w);
      }
    }
    current = next;
  }
}

/** The service a node belongs to at service level (itself, its owner, a replica gate's owner), or -1. */
function unitOf(g: FailureGraph, owner: Int32Array, v: number): number {
  const k = g.kind[v];
  if (k === NodeKind.service) return v;
  if (k === NodeKind.resource) return owner[v]!;
  if (k === NodeKind.gate && g.gateOrigin[v] === GateOrigin.replicas) return g.gateOwner[v]!;
  return -1;
}

/**
 * The one service each resource belongs to: selected by exactly one service (directly or as a
 * replica). -1 for none, -2 for several (a shared resource is drawn on its own).
 */
export function resourceOwners(g: FailureGraph): Int32Array {
  const owner = new Int32Array(g.size).fill(-1);
  const claim = (r: number, s: number): void => {
    if (g.kind[r] !== NodeKind.resource) return;
    owner[r] = owner[r] === -1 || owner[r] === s ? s : -2;
  };
  for (let s = 0; s < g.size; s++) {
    if (g.kind[s] !== NodeKind.service) continue;
    for (let e = g.reqOffset[s]!; e < g.reqOffset[s + 1]!; e++) {
      const u = g.reqTargets[e]!;
      if (g.kind[u] === NodeKind.gate && g.gateOrigin[u] === GateOrigin.replicas) {
        for (let f = g.reqOffset[u]!; f < g.reqOffset[u + 1]!; f++) claim(g.reqTargets[f]!, s);
      } else {
        claim(u, s);
      }
    }
  }
  return owner;
}
