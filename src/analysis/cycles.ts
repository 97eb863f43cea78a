import { NodeKind, type FailureGraph } from '../model/graph.js';
import { stronglyConnected, type Components } from './scc.js';

/**
 * The dependency cycles: components with more than one node, or a node that requires itself.
 * Each is returned as node indices in the order a walk along requirements meets them.
 */
export function findCycles(g: FailureGraph, components: Components = stronglyConnected(g)): number[][] {
  const cycles: number[][] = [];
  const { order, start, count } = components;
  for (let c = 0; c < count; c++) {
    const size = start[c + 1]! - start[c]!;
    const first = order[start[c]!]!;
    if (size === 1 && !requiresItself(g, first)) continue;
    // Tarjan pops a component in reverse discovery order; reversing gives the walk order.
    cycles.push(Array.from(order.subarray(start[c]!, start[c + 1]!)).reverse());
  }
  return cycles;
}

function requiresItself(g: FailureGraph, v: number): boolean {
  for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) if (g.reqTargets[e] === v) return true;
  return false;
}

/** The named (non-gate) members of a cycle, which is what a user can act on. */
export function namedMembers(g: FailureGraph, cycle: readonly number[]): number[] {
  return cycle.filter((v) => g.kind[v] !== NodeKind.gate);
}
