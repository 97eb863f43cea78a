import type { BlastEntry, ConcentrationEntry, Finding, Inventory, PairEntry, Report, VendorEntry } from '../analysis/types.js';
import type { Diagnostic } from '../model/snapshot.js';
import type { RenderOptions, Reporter } from './types.js';

/**
 * The JSON report of DESIGN.md section 7, a stable contract: keys in the documented order
 * whatever order the analysis built them in, pretty-printed with 2 spaces. `--top N` trims
 * `blastRadius` only. JSON.stringify escapes control characters, so untrusted strings are safe.
 */
export const json: Reporter = (report, options) => `${JSON.stringify(toJsonReport(report, options.top), null, 2)}\n`;

/**
 * The same text as `json`, in chunks of about 64 KB, for reports too big to be one string (V8
 * caps strings at about 512 MB; a million-resource estate's findings come near). Each entry of
 * a top-level list is stringified on its own and indented to its depth, so the joined chunks
 * equal `json(report, options)` byte for byte.
 */
export function* jsonChunks(report: Report, options: Pick<RenderOptions, 'top'>): Generator<string> {
  // The two long lists are mapped one entry at a time as they are written, not copied whole.
  const doc = toJsonReport({ ...report, findings: [], blastRadius: [] }, options.top) as unknown as Record<string, unknown>;
  const lazy: Record<string, { length: number; at: (i: number) => unknown }> = {
    findings: { length: report.findings.length, at: (i) => finding(report.findings[i]!) },
    blastRadius: { length: Math.min(report.blastRadius.length, Math.max(0, options.top)), at: (i) => blastEntry(report.blastRadius[i]!) },
  };
  const keys = Object.keys(doc).filter((key) => doc[key] !== undefined);
  let buffer = '{\n';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const value = doc[key];
    const comma = k < keys.length - 1 ? ',' : '';
    const list = lazy[key] ?? (Array.isArray(value) ? { length: value.length, at: (i: number): unknown => value[i] } : undefined);
    if (list === undefined || list.length === 0) {
      buffer += `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${comma}\n`;
      continue;
    }
    // Entries go out in batches stringified inside a `{ key: [...] }` wrapper, which puts them
    // at their final depth, indented by JSON.stringify itself; the wrapper is cut off again.
    const head = `{\n  ${JSON.stringify(key)}: [\n`;
    const tail = '\n  ]\n}';
    buffer += head.slice(2);
    for (let from = 0; from < list.length; from += BATCH) {
      const batch: unknown[] = [];
      for (let i = from; i < Math.min(list.length, from + BATCH); i++) batch.push(list.at(i));
      const text = JSON.stringify({ [key]: batch }, null, 2);
      buffer += `${from > 0 ? ',\n' : ''}${text.slice(head.length, text.length - tail.length)}`;
      if (buffer.length > 65536) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += `\n  ]${comma}\n`;
  }
  yield `${buffer}}\n`;
}

/** Entries stringified at once: tens of KB of findings. */
const BATCH = 64;

/** JSON strings hold no raw newlines, so every newline in stringified JSON starts a new line. */
function indent(text: string, by: string): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${by}`) : text;
}

/** The report as the JSON contract orders it, with `blastRadius` cut to `top` entries. */
export function toJsonReport(report: Report, top = Infinity): Report {
  return {
    schemaVersion: report.schemaVersion,
    inventory: inventory(report.inventory),
    findings: report.findings.map(finding),
    blastRadius: report.blastRadius.slice(0, Math.max(0, top)).map(blastEntry),
    concentration: report.concentration.map(concentrationEntry),
    vendors: report.vendors.map(vendorEntry),
    ...(report.pairs === undefined ? {} : { pairs: report.pairs.map(pairEntry) }),
  };
}

function vendorEntry(v: VendorEntry): VendorEntry {
  return {
    vendor: v.vendor,
    hostedOn: [...v.hostedOn],
    source: v.source,
    ...(v.confidence === undefined ? {} : { confidence: v.confidence }),
    ...(v.asOf === undefined ? {} : { asOf: v.asOf }),
    ...(v.sources === undefined ? {} : { sources: [...v.sources] }),
    ...(v.note === undefined ? {} : { note: v.note }),
  };
}

function pairEntry(p: PairEntry): PairEntry {
  return { failures: [p.failures[0], p.failures[1]], kind: p.kind, services: [...p.services], criticalServices: [...p.criticalServices] };
}

function inventory(i: Inventory): Inventory {
  return {
    resources: i.resources,
    services: i.services,
    criticalServices: i.criticalServices,
    vendors: i.vendors,
    regions: [...i.regions],
    zones: [...i.zones],
    diagnostics: i.diagnostics.map(diagnostic),
  };
}

function diagnostic(d: Diagnostic): Diagnostic {
  return {
    level: d.level,
    source: d.source,
    ...(d.account === undefined ? {} : { account: d.account }),
    ...(d.region === undefined ? {} : { region: d.region }),
    ...(d.api === undefined ? {} : { api: d.api }),
    ...(d.code === undefined ? {} : { code: d.code }),
    message: d.message,
  };
}

/** A finding with the contract's keys in the contract's order (shared with the gate's JSON). */
export function finding(f: Finding): Finding {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    service: f.service,
    message: f.message,
    because: [...f.because],
  };
}

function blastEntry(b: BlastEntry): BlastEntry {
  return { failure: b.failure, kind: b.kind, services: [...b.services], criticalServices: [...b.criticalServices], resources: b.resources };
}

function concentrationEntry(c: ConcentrationEntry): ConcentrationEntry {
  return { region: c.region, services: c.services, criticalServices: c.criticalServices, share: c.share };
}
