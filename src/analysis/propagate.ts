import type { FailureGraph } from '../model/graph.js';

/**
 * Counter propagation of failures (Dowling–Gallier forward chaining): push the failed nodes; for
 * each dependent, count failed requirements and fail it once the count reaches `need`.
 *
 * The result is the least fixpoint: a node is down only if something forces it down, so a
 * dependency cycle with no failure from outside stays up.
 *
 * All per-node state is one Int32 (4 bytes a node): 0 untouched; k > 0 lost k requirements and
 * still up; negative, down, holding its cause as -(cause + 2) (-1 for a seed). A run first
 * clears what the previous run wrote, which it listed in `order` and `touched`, so each run
 * costs O(what it reaches + their in-edges), never O(n). One array instead of one per fact
 * (count, epoch stamps, cause) is what makes a region failure on a million-node estate fast: it
 * visits a third of the nodes in no useful order, and each separate array was a cache miss and,
 * in a fresh process, a page fault more per visit.
 *
 * One instance is reused for many runs; what it exposes describes the last run only.
 */
export class Propagator {
  private readonly state: Int32Array;
  /** The nodes down after the last run, in the order they failed (seeds first). */
  readonly order: Int32Array;
  /** The nodes that lost a requirement in the last run, in the order first hit; some went down after. */
  readonly touched: Int32Array;
  /** How many entries of `order` belong to the last run. */
  downCount = 0;
  /** How many entries of `touched` belong to the last run. */
  touchedCount = 0;

  constructor(private readonly g: FailureGraph) {
    this.state = new Int32Array(g.size);
    this.order = new Int32Array(g.size);
    this.touched = new Int32Array(g.size);
  }

  /** Fails `seeds` and everything that follows from them; returns the number of nodes down. */
  run(seeds: ArrayLike<number>): number {
    const { state, order, touched } = this;
    for (let i = 0; i < this.downCount; i++) state[order[i]!] = 0;
    for (let i = 0; i < this.touchedCount; i++) state[touched[i]!] = 0;
    const { depOffset, depSources, need } = this.g;
    let size = 0;
    let hits = 0;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      if (state[s]! < 0) continue;
      state[s] = -1;
      order[size++] = s;
    }
    for (let head = 0; head < size; head++) {
      const u = order[head]!;
      const end = depOffset[u + 1]!;
      for (let e = depOffset[u]!; e < end; e++) {
        const w = depSources[e]!;
        const lost = state[w]!;
        if (lost < 0) continue;
        if (lost + 1 >= need[w]!) {
          state[w] = -(u + 2);
          order[size++] = w;
        } else {
          if (lost === 0) touched[hits++] = w;
          state[w] = lost + 1;
        }
      }
    }
    this.downCount = size;
    this.touchedCount = hits;
    return size;
  }

  /** Whether v is down after the last run. */
  isDown(v: number): boolean {
    return this.state[v]! < 0;
  }

  /** The causal chain from v down to the seed that took it down: [v, …, seed]. */
  chain(v: number): number[] {
    const path = [v];
    for (let u = -this.state[v]! - 2; u >= 0; u = -this.state[u]! - 2) path.push(u);
    return path;
  }
}
