import type { BlastEntry, ConcentrationEntry, Finding, Inventory, Report } from '../analysis/types.js';
import type { Diagnostic } from '../model/snapshot.js';
import { escapeMarkdown as md } from './markdown-escape.js';
import { countBySeverity, severityCounts, severityOrder } from './severity.js';
import { formatShare } from './text.js';
import { pairsMarkdown } from './pairs.js';
import { vendorMarkdown } from './vendor-section.js';
import type { RenderOptions, Reporter } from './types.js';

/** Tables longer than this fold their remaining rows into a `<details>` block. */
const OPEN_ROWS = 10;
/** "What goes down" lists longer than this fold the rest into a `<details>` in the cell. */
const OPEN_NAMES = 6;

/** Lets a bot find and update its own comment on the next run. */
export const AUDIT_MARKER = '<!-- faultline:audit -->';

const SEVERITY_TITLE = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;

/**
 * The audit report as a pull-request comment: a summary, the ranked single failures, findings by
 * severity with their causal chains, and region concentration. Long lists fold into `<details>`.
 */
export const markdown: Reporter = (report, options) => {
  const blocks = [
    `${AUDIT_MARKER}\n## faultline audit`,
    summary(report),
    diagnostics(report.inventory.diagnostics),
    blast(report, options),
    findings(report.findings),
    concentration(report.concentration, report.findings),
    pairsMarkdown(report.pairs),
    vendorMarkdown(report.vendors),
  ].filter((block) => block !== '');
  return `${blocks.join('\n\n')}\n`;
};

function summary(report: Report): string {
  const counts = countBySeverity(report.findings);
  const [errors, warnings, info] = severityCounts(counts);
  const i: Inventory = report.inventory;
  const estate = [
    `${i.services} ${i.services === 1 ? 'service' : 'services'} (${i.criticalServices} critical)`,
    `${i.vendors} ${i.vendors === 1 ? 'vendor' : 'vendors'}`,
    `${i.regions.length} ${i.regions.length === 1 ? 'region' : 'regions'}`,
    `${i.zones.length} ${i.zones.length === 1 ? 'zone' : 'zones'}`,
    ...(i.resources > 0 ? [`${i.resources} ${i.resources === 1 ? 'resource' : 'resources'}`] : []),
  ].join(', ');
  const findingCounts = [counts.error > 0 ? `**${errors}**` : errors, warnings, info].join(', ');
  return `${findingCounts} · ${estate}`;
}

function diagnostics(list: readonly Diagnostic[]): string {
  if (list.length === 0) return '';
  const lines = list.map((d) => {
    const where = [d.source, d.account, d.region, d.api].filter((p): p is string => p !== undefined && p !== '').map(md).join(' ');
    const code = d.code ? `${md(d.code)}: ` : '';
    return `> - ${d.level === 'error' ? '**error**' : 'warning'} ${where}: ${code}${md(d.message)}`;
  });
  return ['> [!WARNING]', '> The collection was incomplete, so findings may be missing:', '>', ...lines].join('\n');
}

function blast(report: Report, options: RenderOptions): string {
  const all = report.blastRadius;
  if (all.length === 0) return '### Single failures\n\nNo single failure takes a service down.';
  const shown = all.slice(0, Math.max(0, options.top));
  const scope = shown.length < all.length ? `The top ${shown.length} of ${all.length} single failures` : `${all.length} single ${all.length === 1 ? 'failure' : 'failures'}`;
  const { criticalServices: criticalTotal, services: serviceTotal } = report.inventory;
  const header = ['Failure', 'Kind', 'Critical down', 'Services down', 'Resources down', 'What goes down'];
  const rows = shown.map((entry) => [
    md(entry.failure),
    entry.kind,
    entry.criticalServices.length > 0 ? `**${entry.criticalServices.length}/${criticalTotal}**` : `0/${criticalTotal}`,
    `${entry.services.length}/${serviceTotal}`,
    String(entry.resources),
    goesDown(entry, options.verbose === true),
  ]);
  const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'left'];
  return `### Single failures\n\n${scope}, ranked by critical services down (critical services in bold).\n\n${foldedTable(header, rows, align, `${shown.length - OPEN_ROWS} more single failures`)}`;
}

function goesDown(entry: BlastEntry, verbose: boolean): string {
  const critical = new Set(entry.criticalServices);
  const names = [...entry.criticalServices, ...entry.services.filter((s) => !critical.has(s))].map((name) =>
    critical.has(name) ? `**${md(name)}**` : md(name),
  );
  if (verbose || names.length <= OPEN_NAMES) return names.join(', ');
  const open = names.slice(0, OPEN_NAMES);
  const rest = names.slice(OPEN_NAMES);
  return `<details><summary>${open.join(', ')}, +${rest.length} more</summary>${rest.join(', ')}</details>`;
}

function findings(list: readonly Finding[]): string {
  if (list.length === 0) return '### Findings\n\nNo findings.';
  const blocks = ['### Findings'];
  for (const severity of severityOrder) {
    const group = list.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const rows = group.map((f) => [
      md(f.rule),
      f.service === '' ? '_(estate)_' : md(f.service),
      md(f.subject),
      md(f.message),
      f.because.map(md).join(' → '),
    ]);
    const title = `${SEVERITY_TITLE[severity]} (${group.length})`;
    blocks.push(`#### ${title}\n\n${foldedTable(['Rule', 'Service', 'Failure', 'Finding', 'Because'], rows, [], `${group.length - OPEN_ROWS} more`)}`);
  }
  return blocks.join('\n\n');
}

function concentration(entries: readonly ConcentrationEntry[], list: readonly Finding[]): string {
  if (entries.length === 0) return '';
  const over = new Set(list.filter((f) => f.rule === 'region-concentration').map((f) => f.subject));
  const rows = entries.map((e) => {
    const flagged = over.has(e.region);
    const share = formatShare(e.share);
    return [md(e.region), String(e.services), String(e.criticalServices), flagged ? `**${share}**` : share, flagged ? '**over policy**' : ''];
  });
  const table = foldedTable(['Region', 'Services down', 'Critical down', 'Share of critical', 'Policy'], rows, ['left', 'right', 'right', 'right', 'left'], `${entries.length - OPEN_ROWS} more regions`);
  return `### Region concentration\n\nWhat goes down when one region fails.\n\n${table}`;
}

type Align = 'left' | 'right';

/** A Markdown table whose rows beyond OPEN_ROWS fold into a `<details>` block with its own header. */
export function foldedTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[], moreLabel: string): string {
  const open = rows.slice(0, OPEN_ROWS);
  const rest = rows.slice(OPEN_ROWS);
  const main = markdownTable(header, open, align);
  if (rest.length === 0) return main;
  return `${main}\n\n<details><summary>${moreLabel}</summary>\n\n${markdownTable(header, rest, align)}\n\n</details>`;
}

/** Cells must already be escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, c) => (align[c] === 'right' ? '--:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
