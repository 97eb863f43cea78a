import { NodeKind, type FailureGraph } from '../model/graph.js';

/**
 * Strongly connected components with more than one node (or a self-loop), found with an
 * iterative Tarjan so deep chains cannot overflow the stack. Each cycle is returned as node
 * indices in the order a walk along requirements visits them.
 */
export function findCycles(g: FailureGraph): number[][] {
  const n = g.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgeCursor = new Int32Array(n);
  const cycles: number[][] = [];
  let counter = 0;
  const { reqOffset, reqTargets } = g;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    edgeCursor[root] = reqOffset[root]!;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      if (edgeCursor[v]! < reqOffset[v + 1]!) {
        const w = reqTargets[edgeCursor[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          edgeCursor[w] = reqOffset[w]!;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || hasSelfLoop(g, v)) cycles.push(component.reverse());
    }
  }
  return cycles;
}

function hasSelfLoop(g: FailureGraph, v: number): boolean {
  for (let e = g.reqOffset[v]!; e < g.reqOffset[v + 1]!; e++) if (g.reqTargets[e] === v) return true;
  return false;
}

/** The named (non-gate) members of a cycle, which is what a user can act on. */
export function namedMembers(g: FailureGraph, cycle: readonly number[]): number[] {
  return cycle.filter((v) => g.kind[v] !== NodeKind.gate);
}
