import type { BlastEntry, ConcentrationEntry, Finding, Inventory, PairEntry, Report, VendorEntry } from '../analysis/types.js';
import type { Diagnostic } from '../model/snapshot.js';
import type { Reporter } from './types.js';

/**
 * The JSON report of DESIGN.md section 7, a stable contract: keys in the documented order
 * whatever order the analysis built them in, pretty-printed with 2 spaces. `--top N` trims
 * `blastRadius` only. JSON.stringify escapes control characters, so untrusted strings are safe.
 */
export const json: Reporter = (report, options) => `${JSON.stringify(toJsonReport(report, options.top), null, 2)}\n`;

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

function finding(f: Finding): Finding {
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
