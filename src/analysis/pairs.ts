/**
 * Order-2 failures: every pair of zones and every pair of regions, failed together. Reports the
 * pairs that take down services that neither member takes down alone ("no single failure takes
 * checkout down, but these two zones together do"). Evaluated with bit-parallel sweeps, 32·W
 * pairs per pass over the graph.
 */
import type { Estate } from '../model/estate.js';
import { NodeKind, type FailureGraph } from '../model/graph.js';
import { compareIds } from './analyze.js';
import { stronglyConnected } from './scc.js';
import { ScenarioSweep } from './sweep.js';
import type { PairEntry } from './types.js';


/** Words per sweep: 16 words = 512 scenarios per pass, about 64 bytes per node. */
const WORDS = 16;

export function analyzePairs(estate: Estate): PairEntry[] {
  const g = estate.graph;
  const components = stronglyConnected(g);
  const sweep = new ScenarioSweep(g, components, WORDS);
  const services: number[] = [];
  for (let v = 0; v < g.size; v++) if (g.kind[v] === NodeKind.service) services.push(v);
  const entries: PairEntry[] = [];

  for (const kind of ['zone', 'region'] as const) {
    const domains: number[] = [];
    const code = kind === 'zone' ? NodeKind.zone : NodeKind.region;
    for (let v = 0; v < g.size; v++) if (g.kind[v] === code) domains.push(v);
    domains.sort((a, b) => compareIds(g.ids[a]!, g.ids[b]!));
    if (domains.length < 2) continue;

    // Singles first: what each domain takes down alone.
    const single = new Map<number, Set<number>>();
    forEachBatch(domains.map((d) => [d]), sweep, (scenario, s) => single.set(scenario[0]!, downServices(sweep, services, s)));

    const pairs: [number, number][] = [];
    for (let i = 0; i < domains.length; i++) for (let j = i + 1; j < domains.length; j++) pairs.push([domains[i]!, domains[j]!]);
    forEachBatch(pairs, sweep, ([a, b], s) => {
      const alone = (v: number) => single.get(a!)!.has(v) || single.get(b!)!.has(v);
      const fresh = [...downServices(sweep, services, s)].filter((v) => !alone(v));
      if (fresh.length === 0) return;
      const names = fresh.map((v) => g.ids[v]!).sort(compareIds);
      entries.push({
        failures: [g.ids[a!]!, g.ids[b!]!],
        kind,
        services: names,
        criticalServices: fresh.filter((v) => g.critical[v]).map((v) => g.ids[v]!).sort(compareIds),
      });
    });
  }
  return entries.sort(
    (x, y) =>
      y.criticalServices.length - x.criticalServices.length ||
      y.services.length - x.services.length ||
      compareIds(x.failures[0], y.failures[0]) ||
      compareIds(x.failures[1], y.failures[1]),
  );
}

function forEachBatch<T extends readonly number[]>(scenarios: readonly T[], sweep: ScenarioSweep, visit: (scenario: T, index: number) => void): void {
  const batch = 32 * sweep.words;
  for (let from = 0; from < scenarios.length; from += batch) {
    const slice = scenarios.slice(from, from + batch);
    sweep.run(slice);
    slice.forEach((scenario, s) => visit(scenario, s));
  }
}

function downServices(sweep: ScenarioSweep, services: readonly number[], s: number): Set<number> {
  const down = new Set<number>();
  for (const v of services) if (sweep.isDown(v, s)) down.add(v);
  return down;
}

/** Exposed for tests: the sweep on arbitrary scenarios, as sets of down node ids. */
export function sweepScenarios(g: FailureGraph, scenarios: readonly (readonly number[])[]): Set<string>[] {
  const sweep = new ScenarioSweep(g, stronglyConnected(g), Math.max(1, Math.ceil(scenarios.length / 32)));
  sweep.run(scenarios);
  return scenarios.map((_, s) => {
    const down = new Set<string>();
    for (let v = 0; v < g.size; v++) if (sweep.isDown(v, s)) down.add(g.ids[v]!);
    return down;
  });
}
