import type { FailureGraph } from '../model/graph.js';

/**
 * Counter propagation of failures (Dowling–Gallier forward chaining): push the failed nodes; for
 * each dependent, count failed requirements and fail it once the count reaches `need`. Epoch
 * stamps make each run cost O(what it reaches + their in-edges) instead of O(n) for a reset.
 *
 * The result is the least fixpoint: a node is down only if something forces it down, so a
 * dependency cycle with no failure from outside stays up.
 *
 * One instance is reused for many runs; the arrays it exposes describe the last run only.
 */
export class Propagator {
  private readonly count: Int32Array;
  private readonly countEpoch: Uint32Array;
  private readonly downEpoch: Uint32Array;
  private readonly causeOf: Int32Array;
  /** The nodes down after the last run, in the order they failed (seeds first). */
  readonly order: Int32Array;
  /** How many entries of `order` belong to the last run. */
  downCount = 0;
  private epoch = 0;

  constructor(private readonly g: FailureGraph) {
    const n = g.size;
    this.count = new Int32Array(n);
    this.countEpoch = new Uint32Array(n);
    this.downEpoch = new Uint32Array(n);
    this.causeOf = new Int32Array(n);
    this.order = new Int32Array(n);
  }

  /** Fails `seeds` and everything that follows from them; returns the number of nodes down. */
  run(seeds: ArrayLike<number>): number {
    if (++this.epoch === 0xffffffff) {
      this.countEpoch.fill(0);
      this.downEpoch.fill(0);
      this.epoch = 1;
    }
    const { depOffset, depSources, need } = this.g;
    const { count, countEpoch, downEpoch, causeOf, order } = this;
    const epoch = this.epoch;
    let size = 0;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      if (downEpoch[s] === epoch) continue;
      downEpoch[s] = epoch;
      causeOf[s] = -1;
      order[size++] = s;
    }
    for (let head = 0; head < size; head++) {
      const u = order[head]!;
      const end = depOffset[u + 1]!;
      for (let e = depOffset[u]!; e < end; e++) {
        const w = depSources[e]!;
        if (downEpoch[w] === epoch) continue;
        const c = countEpoch[w] === epoch ? count[w]! + 1 : 1;
        countEpoch[w] = epoch;
        count[w] = c;
        if (c >= need[w]!) {
          downEpoch[w] = epoch;
          causeOf[w] = u;
          order[size++] = w;
        }
      }
    }
    this.downCount = size;
    return size;
  }

  /** Whether v is down after the last run. */
  isDown(v: number): boolean {
    return this.downEpoch[v] === this.epoch;
  }

  /** How many of v's requirements failed in the last run (whether or not that took v down). */
  failedRequirements(v: number): number {
    return this.countEpoch[v] === this.epoch ? this.count[v]! : 0;
  }

  /** The requirement whose failure took v down in the last run (-1 for a seed). */
  cause(v: number): number {
    return this.causeOf[v]!;
  }

  /** The causal chain from v down to the seed that took it down: [v, …, seed]. */
  chain(v: number): number[] {
    const path = [v];
    for (let u = this.causeOf[v]!; u >= 0; u = this.causeOf[u]!) path.push(u);
    return path;
  }
}
