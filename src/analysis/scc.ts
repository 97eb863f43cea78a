import type { FailureGraph } from '../model/graph.js';

export interface Components {
  /** Nodes in the order Tarjan completes their components: requirements before dependents. */
  order: Int32Array;
  /** Component c is order[start[c] .. start[c+1]). */
  start: Int32Array;
  count: number;
}

/**
 * Strongly connected components by an iterative Tarjan (deep chains cannot overflow the stack).
 * Edges run from a node to its requirements, so a component is completed after everything it
 * requires: the order is a valid evaluation order, with cycles grouped together.
 */
export function stronglyConnected(g: FailureGraph): Components {
  const n = g.size;
  const { reqOffset, reqTargets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const cursor = new Int32Array(n);
  const stack = new Int32Array(n);
  const call = new Int32Array(n);
  const order = new Int32Array(n);
  const starts: number[] = [];
  let sp = 0;
  let cp = 0;
  let written = 0;
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    cursor[root] = reqOffset[root]!;
    stack[sp++] = root;
    onStack[root] = 1;
    call[cp++] = root;
    while (cp > 0) {
      const v = call[cp - 1]!;
      if (cursor[v]! < reqOffset[v + 1]!) {
        const w = reqTargets[cursor[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          cursor[w] = reqOffset[w]!;
          stack[sp++] = w;
          onStack[w] = 1;
          call[cp++] = w;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = call[cp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] !== index[v]) continue;
      starts.push(written);
      let w: number;
      do {
        w = stack[--sp]!;
        onStack[w] = 0;
        order[written++] = w;
      } while (w !== v);
    }
  }
  starts.push(written);
  return { order, start: Int32Array.from(starts), count: starts.length - 1 };
}
