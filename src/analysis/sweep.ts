import type { FailureGraph } from '../model/graph.js';
import type { Components } from './scc.js';

/**
 * Bit-parallel evaluation of many failure scenarios in one pass over the graph
 * (reference/graph-performance.md, section 5.B): bit s of a node's row says whether the node is
 * down in scenario s. Nodes are visited requirements-first; an ordinary node is down if any
 * requirement is (OR of rows), an anyOf gate if all are (AND), a k-of-n gate counts per bit.
 * Cycles are evaluated to their least fixpoint by iterating the component until it is stable,
 * which is what counter propagation computes for a single scenario.
 *
 * Cost: O(m · W) word operations for 32·W scenarios.
 */
export class ScenarioSweep {
  /** rows[v * words + w]: scenarios 32w..32w+31 where v is down. */
  readonly rows: Uint32Array;

  constructor(
    private readonly g: FailureGraph,
    private readonly components: Components,
    readonly words: number,
  ) {
    this.rows = new Uint32Array(g.size * words);
  }

  /** Evaluates `scenarios` (each a list of failed nodes); at most 32·words of them. */
  run(scenarios: readonly (readonly number[])[]): void {
    const { g, words, rows } = this;
    if (scenarios.length > 32 * words) throw new Error(`at most ${32 * words} scenarios per sweep`);
    const seeds = new Uint32Array(g.size * words);
    scenarios.forEach((failed, s) => {
      for (const v of failed) seeds[v * words + (s >>> 5)]! |= 1 << (s & 31);
    });
    rows.fill(0);
    const { order, start, count } = this.components;
    for (let c = 0; c < count; c++) {
      const from = start[c]!;
      const to = start[c + 1]!;
      if (to - from === 1) {
        this.evaluate(order[from]!, seeds);
        continue;
      }
      // A cycle: start from "up" (only seeds down) and iterate to the least fixpoint.
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = from; i < to; i++) if (this.evaluate(order[i]!, seeds)) changed = true;
      }
    }
  }

  /** Recomputes v's row; returns whether it changed. */
  private evaluate(v: number, seeds: Uint32Array): boolean {
    const { g, words, rows } = this;
    const begin = g.reqOffset[v]!;
    const end = g.reqOffset[v + 1]!;
    const need = g.need[v]!;
    const base = v * words;
    let changed = false;
    for (let w = 0; w < words; w++) {
      let down = seeds[base + w]!;
      if (end > begin) {
        if (need === 1) {
          for (let e = begin; e < end; e++) down |= rows[g.reqTargets[e]! * words + w]!;
        } else if (need === end - begin) {
          let all = 0xffffffff;
          for (let e = begin; e < end; e++) all &= rows[g.reqTargets[e]! * words + w]!;
          down |= all;
        } else if (need <= end - begin) {
          down |= thresholdBits(rows, g.reqTargets, begin, end, words, w, need);
        }
      }
      down >>>= 0;
      if (down !== rows[base + w]) {
        rows[base + w] = down;
        changed = true;
      }
    }
    return changed;
  }

  /** Whether v is down in scenario s after the last run. */
  isDown(v: number, s: number): boolean {
    return ((this.rows[v * this.words + (s >>> 5)]! >>> (s & 31)) & 1) === 1;
  }
}

/** Bits where at least `need` of the requirements are down: a per-bit count, for k-of-n gates. */
function thresholdBits(rows: Uint32Array, targets: Int32Array, begin: number, end: number, words: number, w: number, need: number): number {
  let result = 0;
  for (let bit = 0; bit < 32; bit++) {
    let downCount = 0;
    for (let e = begin; e < end; e++) downCount += (rows[targets[e]! * words + w]! >>> bit) & 1;
    if (downCount >= need) result |= 1 << bit;
  }
  return result;
}
