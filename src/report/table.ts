import type { BlastEntry, ConcentrationEntry, Finding, Inventory, Report } from '../analysis/types.js';
import { sanitizeForTerminal } from '../core/text.js';
import type { Diagnostic } from '../model/snapshot.js';
import { countBySeverity, severityColour, severityCounts, severityOrder } from './severity.js';
import { pairsTableSection } from './pairs.js';
import { vendorTableSection } from './vendor-section.js';
import type { Style } from './style.js';
import { findingLines } from './finding-lines.js';
import { columnWidths, compactId, formatShare, layoutColumns, shorten } from './text.js';
import type { RenderOptions, Reporter } from './types.js';

const DEFAULT_WIDTH = 100;
const INDENT = '  ';
/** A failure id wider than this is shortened in the middle (ARNs); `verbose` shows it whole. */
const MAX_FAILURE_WIDTH = 36;
/** The "what goes down" column never gets narrower than this, even on a narrow terminal. */
const MIN_LIST_WIDTH = 24;

const clean = sanitizeForTerminal;

/**
 * The terminal report: the estate in one line, the ranked single failures, the findings by
 * severity with their causal chains, region concentration, and a summary line.
 */
export const table: Reporter = (report, options) => {
  const { style } = options;
  const sections = [
    inventorySection(report.inventory, style),
    blastSection(report, options),
    findingsSection(report.findings, options),
    concentrationSection(report.concentration, report.findings, style),
    pairsTableSection(report.pairs, style, options.top),
    options.verbose ? vendorTableSection(report.vendors, style) : [],
  ].filter((lines) => lines.length > 0);
  const body = sections.map((lines) => lines.join('\n')).join('\n\n');
  return `${body}\n\n${summaryLine(report.findings, style)}\n`;
};

function inventorySection(inventory: Inventory, style: Style): string[] {
  const count = (n: number, one: string, many = `${one}s`): string => `${style.bold(String(n))} ${n === 1 ? one : many}`;
  const parts = [
    `${count(inventory.services, 'service')} (${inventory.criticalServices} critical)`,
    count(inventory.vendors, 'vendor'),
    count(inventory.regions.length, 'region'),
    count(inventory.zones.length, 'zone'),
  ];
  if (inventory.resources > 0) parts.push(count(inventory.resources, 'resource'));
  return [parts.join(style.dim(' · ')), ...inventory.diagnostics.map((d) => INDENT + diagnosticLine(d, style))];
}

function diagnosticLine(diagnostic: Diagnostic, style: Style): string {
  const level = diagnostic.level === 'error' ? style.red('error') : style.yellow('warning');
  const where = [diagnostic.source, diagnostic.account, diagnostic.region, diagnostic.api]
    .filter((part): part is string => part !== undefined && part !== '')
    .map(clean)
    .join(' ');
  const code = diagnostic.code ? `${clean(diagnostic.code)}: ` : '';
  return `${level} ${style.dim(where)}  ${code}${clean(diagnostic.message)}`;
}

function blastSection(report: Report, options: RenderOptions): string[] {
  const { style } = options;
  const all = report.blastRadius;
  if (all.length === 0) return [style.bold('Single failures'), INDENT + style.green('No single failure takes a service down.')];
  const shown = all.slice(0, Math.max(0, options.top));
  const scope = shown.length < all.length ? `top ${shown.length} of ${all.length}` : `${all.length}`;
  const heading = `${style.bold('Single failures')}  ${style.dim(`${scope} · CRIT/SVCS/RES: critical services, services, resources down`)}`;
  if (shown.length === 0) return [heading];

  const { criticalServices: criticalTotal, services: serviceTotal } = report.inventory;
  // Short numeric headers leave the width to what matters most: the names of what goes down.
  const header = ['FAILURE', 'KIND', 'CRIT', 'SVCS', 'RES'].map((h) => style.dim(h));
  const rows = shown.map((entry) => [
    options.verbose ? clean(entry.failure) : shorten(clean(compactId(entry.failure)), MAX_FAILURE_WIDTH),
    entry.kind,
    entry.criticalServices.length > 0
      ? style.red(style.bold(`${entry.criticalServices.length}/${criticalTotal}`))
      : `0/${criticalTotal}`,
    `${entry.services.length}/${serviceTotal}`,
    String(entry.resources),
  ]);
  const widths = columnWidths([header, ...rows], 5);
  const used = INDENT.length + widths.reduce((sum, w) => sum + w + 2, 0);
  const listWidth = Math.max(MIN_LIST_WIDTH, (options.width ?? DEFAULT_WIDTH) - used);
  const lines = layoutColumns(
    [
      [...header, style.dim('WHAT GOES DOWN')],
      ...rows.map((row, i) => [...row, goesDown(shown[i]!, listWidth, style, options.verbose === true)]),
    ],
    [{}, {}, { align: 'right' }, { align: 'right' }, { align: 'right' }, {}],
  );
  return [heading, '', ...lines.map((line) => INDENT + line)];
}

/**
 * The services a failure takes down, critical ones first and highlighted, cut with "+N more" to
 * fit `width` columns.
 */
function goesDown(entry: BlastEntry, width: number, style: Style, verbose: boolean): string {
  const critical = new Set(entry.criticalServices);
  const names = [...entry.criticalServices, ...entry.services.filter((s) => !critical.has(s))];
  const cells = names.map((name) => ({ text: clean(name), critical: critical.has(name) }));
  const paint = (cell: { text: string; critical: boolean }): string => (cell.critical ? style.red(style.bold(cell.text)) : cell.text);
  if (verbose) return cells.map(paint).join(', ');

  const taken: typeof cells = [];
  let used = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const sep = taken.length > 0 ? 2 : 0;
    const remaining = cells.length - i - 1;
    const more = remaining > 0 ? `, +${remaining} more`.length : 0;
    if (used + sep + [...cell.text].length + more > width) break;
    taken.push(cell);
    used += sep + [...cell.text].length;
  }
  if (taken.length === 0 && cells.length > 0) {
    // Not even one name fits next to its "+N more": shorten the first one rather than show nothing.
    const rest = cells.length - 1;
    const suffix = rest > 0 ? `, +${rest} more` : '';
    const first = cells[0]!;
    return paint({ ...first, text: shorten(first.text, Math.max(1, width - suffix.length)) }) + style.dim(suffix);
  }
  const hidden = cells.length - taken.length;
  return taken.map(paint).join(', ') + (hidden > 0 ? style.dim(`, +${hidden} more`) : '');
}

function findingsSection(findings: readonly Finding[], options: RenderOptions): string[] {
  const { style } = options;
  if (findings.length === 0) return [style.bold('Findings'), INDENT + style.green('No findings.')];
  const lines = [style.bold('Findings')];
  for (const severity of severityOrder) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', INDENT + severityColour(style, severity)(style.bold(severity)) + style.dim(` (${group.length})`));
    lines.push(...findingLines(group, { style, width: options.width ?? DEFAULT_WIDTH, verbose: options.verbose === true, indent: 4 }));
  }
  return lines;
}

function concentrationSection(entries: readonly ConcentrationEntry[], findings: readonly Finding[], style: Style): string[] {
  if (entries.length === 0) return [];
  // The report carries no policy; a region is over it exactly when the analysis said so.
  const over = new Set(findings.filter((f) => f.rule === 'region-concentration').map((f) => f.subject));
  const rows = entries.map((entry) => {
    const flagged = over.has(entry.region);
    const share = formatShare(entry.share);
    return [
      clean(entry.region),
      String(entry.services),
      entry.criticalServices > 0 ? style.bold(String(entry.criticalServices)) : '0',
      flagged ? style.red(style.bold(share)) : share,
      flagged ? style.red('over policy') : '',
    ];
  });
  const header = ['REGION', 'SERVICES', 'CRITICAL', 'SHARE', ''].map((h) => style.dim(h));
  const lines = layoutColumns([header, ...rows], [{}, { align: 'right' }, { align: 'right' }, { align: 'right' }, {}]);
  return [
    `${style.bold('Region concentration')}  ${style.dim('services down when one region fails; share of critical services')}`,
    '',
    ...lines.map((line) => INDENT + line),
  ];
}

function summaryLine(findings: readonly Finding[], style: Style): string {
  const counts = countBySeverity(findings);
  const [errors, warnings, info] = severityCounts(counts);
  const paint = (n: number, text: string, colour: (t: string) => string): string => (n > 0 ? colour(style.bold(text)) : style.dim(text));
  return [paint(counts.error, errors!, style.red), paint(counts.warning, warnings!, style.yellow), paint(counts.info, info!, style.blue)].join(
    style.dim(', '),
  );
}
