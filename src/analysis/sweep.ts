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
  /** One node's row while it is being computed. */
  private readonly acc: Uint32Array;
  /** seeds[v * words + w]: scenarios of the current run in which v fails directly. */
  private readonly seeds: Uint32Array;

  constructor(
    private readonly g: FailureGraph,
    private readonly components: Components,
    readonly words: number,
  ) {
    this.rows = new Uint32Array(g.size * words);
    this.acc = new Uint32Array(words);
    this.seeds = new Uint32Array(g.size * words);
  }

  /** Evaluates `scenarios` (each a list of failed nodes); at most 32·words of them. */
  run(scenarios: readonly (readonly number[])[]): void {
    const { g, words, rows } = this;
    if (scenarios.length > 32 * words) throw new Error(`at most ${32 * words} scenarios per sweep`);
    const seeds = this.seeds;
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
    // Clear only what was set: the seed matrix is reused, not reallocated (n·words per sweep).
    for (const failed of scenarios) for (const v of failed) seeds.fill(0, v * words, (v + 1) * words);
  }

  /**
   * Recomputes v's row; returns whether it changed. Requirements are the outer loop and words
   * the inner one, so each requirement's row is read once, front to back, into `acc`.
   */
  private evaluate(v: number, seeds: Uint32Array): boolean {
    const { g, words, rows, acc } = this;
    const begin = g.reqOffset[v]!;
    const end = g.reqOffset[v + 1]!;
    const need = g.need[v]!;
    const base = v * words;
    const fanIn = end - begin;
    if (fanIn === 0 || need > fanIn) {
      acc.fill(0);
    } else if (need === 1) {
      // Any requirement down takes v down: OR of the rows.
      acc.fill(0);
      for (let e = begin; e < end; e++) {
        const row = g.reqTargets[e]! * words;
        for (let w = 0; w < words; w++) acc[w]! |= rows[row + w]!;
      }
    } else if (need === fanIn) {
      // An anyOf gate: down only where every member is: AND of the rows.
      acc.fill(0xffffffff);
      for (let e = begin; e < end; e++) {
        const row = g.reqTargets[e]! * words;
        for (let w = 0; w < words; w++) acc[w]! &= rows[row + w]!;
      }
    } else {
      for (let w = 0; w < words; w++) acc[w] = thresholdBits(rows, g.reqTargets, begin, end, words, w, need);
    }
    let changed = false;
    for (let w = 0; w < words; w++) {
      const down = (acc[w]! | seeds[base + w]!) >>> 0;
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
