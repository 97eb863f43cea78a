/**
 * What changed between two analyses of an estate (`faultline diff`): findings that appeared or
 * went away, failures whose blast radius grew or shrank, region concentration, and, when both
 * sides are snapshots, the dependencies themselves. Pure.
 */
import { NodeKind, nodeLabel, requirementsOf, type FailureGraph } from '../model/graph.js';
import type { BlastEntry, ConcentrationEntry, Finding, Report } from './types.js';

/** One edge of the failure graph, readable: `checkout` needs `anyOf(vendor:sendgrid, vendor:mailgun)`. */
export interface Dependency {
  from: string;
  needs: string;
}

/** One side of a diff: a report, and the dependencies when it was computed from a snapshot. */
export interface DiffSide {
  report: Report;
  dependencies?: Dependency[];
}

export interface InventoryCounts {
  services: number;
  criticalServices: number;
  vendors: number;
  regions: number;
  zones: number;
  resources: number;
}

export interface FindingChange {
  before: Finding;
  after: Finding;
}

export interface BlastChange {
  failure: string;
  kind: BlastEntry['kind'];
  before: BlastEntry;
  after: BlastEntry;
  /** Services this failure now takes down that it did not before. */
  nowDown: string[];
  /** Services it took down before and no longer does. */
  noLongerDown: string[];
}

export interface ConcentrationChange {
  region: string;
  before?: ConcentrationEntry | undefined;
  after?: ConcentrationEntry | undefined;
}

export interface ReportDiff {
  inventory: { before: InventoryCounts; after: InventoryCounts };
  findings: { added: Finding[]; removed: Finding[]; changed: FindingChange[] };
  blastRadius: { added: BlastEntry[]; removed: BlastEntry[]; changed: BlastChange[] };
  concentration: ConcentrationChange[];
  /** Present only when both sides carry dependencies (two snapshots). */
  dependencies?: { added: Dependency[]; removed: Dependency[] };
}

/**
 * Every requirement of every node but the synthetic gates, which appear inside the label of
 * what needs them (`anyOf(a, b)`), so a redundancy group reads as one dependency.
 */
export function dependenciesOf(graph: FailureGraph): Dependency[] {
  // Sorted as `from NUL needs` strings, natively: NUL orders before any character of an id, so
  // this is by `from`, then `needs`, without a comparator called millions of times.
  const keys: string[] = [];
  for (let v = 0; v < graph.size; v++) {
    if (graph.kind[v] === NodeKind.gate) continue;
    for (const u of requirementsOf(graph, v)) keys.push(`${graph.ids[v]!}\u0000${nodeLabel(graph, u)}`);
  }
  return keys.sort().map((key) => {
    const cut = key.indexOf('\u0000');
    return { from: key.slice(0, cut), needs: key.slice(cut + 1) };
  });
}

export function diffReports(before: DiffSide, after: DiffSide): ReportDiff {
  const diff: ReportDiff = {
    inventory: { before: counts(before.report), after: counts(after.report) },
    findings: diffFindings(before.report.findings, after.report.findings),
    blastRadius: diffBlast(before.report.blastRadius, after.report.blastRadius),
    concentration: diffConcentration(before.report.concentration, after.report.concentration),
  };
  if (before.dependencies && after.dependencies) diff.dependencies = diffDependencies(before.dependencies, after.dependencies);
  return diff;
}

/** True when nothing at all changed. */
export function isEmptyDiff(diff: ReportDiff): boolean {
  const { findings: f, blastRadius: b, dependencies: d } = diff;
  return (
    f.added.length + f.removed.length + f.changed.length + b.added.length + b.removed.length + b.changed.length + diff.concentration.length === 0 &&
    (d === undefined || d.added.length + d.removed.length === 0) &&
    JSON.stringify(diff.inventory.before) === JSON.stringify(diff.inventory.after)
  );
}

function counts(report: Report): InventoryCounts {
  const i = report.inventory;
  return {
    services: i.services,
    criticalServices: i.criticalServices,
    vendors: i.vendors,
    regions: i.regions.length,
    zones: i.zones.length,
    resources: i.resources,
  };
}

function diffFindings(before: readonly Finding[], after: readonly Finding[]): ReportDiff['findings'] {
  const old = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  const changed: FindingChange[] = [];
  for (const f of after) {
    const was = old.get(f.id);
    // The message may carry counts; a finding changes when its severity or its cause does.
    if (was && (was.severity !== f.severity || was.because.join('\u0000') !== f.because.join('\u0000'))) changed.push({ before: was, after: f });
  }
  return { added: after.filter((f) => !old.has(f.id)), removed: before.filter((f) => !now.has(f.id)), changed };
}

function diffBlast(before: readonly BlastEntry[], after: readonly BlastEntry[]): ReportDiff['blastRadius'] {
  const old = new Map(before.map((e) => [e.failure, e]));
  const now = new Map(after.map((e) => [e.failure, e]));
  const changed: BlastChange[] = [];
  for (const entry of after) {
    const was = old.get(entry.failure);
    if (!was) continue;
    const wasDown = new Set(was.services);
    const isDown = new Set(entry.services);
    const nowDown = entry.services.filter((s) => !wasDown.has(s));
    const noLongerDown = was.services.filter((s) => !isDown.has(s));
    const criticalChanged = was.criticalServices.length !== entry.criticalServices.length || was.criticalServices.some((s) => !entry.criticalServices.includes(s));
    if (nowDown.length > 0 || noLongerDown.length > 0 || criticalChanged || was.resources !== entry.resources) {
      changed.push({ failure: entry.failure, kind: entry.kind, before: was, after: entry, nowDown, noLongerDown });
    }
  }
  return { added: after.filter((e) => !old.has(e.failure)), removed: before.filter((e) => !now.has(e.failure)), changed };
}

function diffConcentration(before: readonly ConcentrationEntry[], after: readonly ConcentrationEntry[]): ConcentrationChange[] {
  const old = new Map(before.map((e) => [e.region, e]));
  const now = new Map(after.map((e) => [e.region, e]));
  const regions = [...new Set([...after.map((e) => e.region), ...before.map((e) => e.region)])];
  return regions
    .map((region) => ({ region, before: old.get(region), after: now.get(region) }))
    .filter(({ before: b, after: a }) => !b || !a || b.services !== a.services || b.criticalServices !== a.criticalServices || b.share !== a.share);
}

/**
 * One pass over both lists in (from, needs) order, as `dependenciesOf` gives them: a snapshot of
 * a million resources has millions of dependencies, too many to put in sets of string keys.
 */
function diffDependencies(before: readonly Dependency[], after: readonly Dependency[]): { added: Dependency[]; removed: Dependency[] } {
  const [old, now] = [inOrder(before), inOrder(after)];
  const added: Dependency[] = [];
  const removed: Dependency[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < now.length) {
    const order = i === old.length ? 1 : j === now.length ? -1 : compareDependencies(old[i]!, now[j]!);
    if (order < 0) removed.push(old[i++]!);
    else if (order > 0) added.push(now[j++]!);
    else {
      // On both sides, however many times it appears on each: not a change.
      const same = old[i]!;
      while (i < old.length && compareDependencies(old[i]!, same) === 0) i++;
      while (j < now.length && compareDependencies(now[j]!, same) === 0) j++;
    }
  }
  return { added, removed };
}

function compareDependencies(a: Dependency, b: Dependency): number {
  return compare(a.from, b.from) || compare(a.needs, b.needs);
}

/** The list itself when already in order (as `dependenciesOf` returns it), else a sorted copy. */
function inOrder(list: readonly Dependency[]): readonly Dependency[] {
  for (let i = 1; i < list.length; i++) if (compareDependencies(list[i - 1]!, list[i]!) > 0) return [...list].sort(compareDependencies);
  return list;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
