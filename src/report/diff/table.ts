import type { BlastChange, Dependency, InventoryCounts, ReportDiff } from '../../analysis/diff.js';
import type { Finding } from '../../analysis/types.js';
import { sanitizeForTerminal as clean } from '../../core/text.js';
import { findingLines } from '../finding-lines.js';
import type { Style } from '../style.js';
import { formatShare, layoutColumns } from '../text.js';
import { diffSummary } from './summary.js';
import type { DiffReporter } from './types.js';

const DEFAULT_WIDTH = 100;
/** Dependencies listed before "+N more" unless --verbose. */
const MAX_DEPENDENCIES = 20;

/**
 * The diff in a terminal: new findings (red) and resolved ones (green), failures whose blast
 * radius grew or shrank with the services that moved, concentration, dependencies, and a summary.
 */
export const diffTable: DiffReporter = (diff, options) => {
  const { style } = options;
  const width = options.width ?? DEFAULT_WIDTH;
  const verbose = options.verbose === true;
  const sections: string[][] = [
    [`${style.bold('Comparing')} ${clean(options.labels.before)} ${style.dim('→')} ${clean(options.labels.after)}`, ...inventoryLine(diff.inventory.before, diff.inventory.after, style)],
  ];

  const f = diff.findings;
  if (f.added.length + f.removed.length + f.changed.length > 0) {
    const lines = [style.bold('Findings')];
    if (f.added.length > 0) lines.push('', `  ${style.red(style.bold(`+ ${f.added.length} new`))}`, ...findingLines(f.added, { style, width, verbose, indent: 4, showSeverity: true }));
    if (f.removed.length > 0) lines.push('', `  ${style.green(style.bold(`− ${f.removed.length} resolved`))}`, ...headsOnly(f.removed, style));
    if (f.changed.length > 0) {
      lines.push('', `  ${style.yellow(style.bold(`~ ${f.changed.length} changed`))}`);
      const rows = f.changed.map(({ before, after }) => [
        clean(after.rule),
        after.service === '' ? style.dim('(estate)') : style.bold(clean(after.service)),
        clean(after.subject),
        before.severity === after.severity ? style.dim('cause changed') : `${before.severity} → ${after.severity}`,
      ]);
      lines.push(...layoutColumns(rows, [{}, {}, {}, {}]).map((line) => `    ${line}`));
    }
    sections.push(lines);
  }

  const b = diff.blastRadius;
  if (b.added.length + b.removed.length + b.changed.length > 0) {
    const rows: string[][] = [
      ...b.changed.map((c) => changedRow(c, style)),
      ...b.added.map((e) => [style.red('+'), clean(e.failure), e.kind, `${e.criticalServices.length}`, `${e.services.length}`, style.red(names(e.services, verbose))]),
      ...b.removed.map((e) => [style.green('−'), clean(e.failure), e.kind, '0', '0', style.green(`no longer takes down ${names(e.services, verbose)}`)]),
    ];
    const header = ['', 'FAILURE', 'KIND', 'CRIT', 'SVCS', 'WHAT CHANGED'].map((h) => style.dim(h));
    sections.push([
      `${style.bold('Blast radius')}  ${style.dim('single failures whose reach changed; CRIT/SVCS: critical services, services down now')}`,
      '',
      ...layoutColumns([header, ...rows], [{}, {}, {}, { align: 'right' }, { align: 'right' }, {}]).map((line) => `  ${line}`),
    ]);
  }

  if (diff.concentration.length > 0) {
    const rows = diff.concentration.map((c) => [
      clean(c.region),
      c.before ? formatShare(c.before.share) : style.dim('—'),
      '→',
      c.after ? formatShare(c.after.share) : style.dim('—'),
      style.dim(`${c.before?.criticalServices ?? 0} → ${c.after?.criticalServices ?? 0} critical, ${c.before?.services ?? 0} → ${c.after?.services ?? 0} services`),
    ]);
    sections.push([style.bold('Region concentration'), '', ...layoutColumns(rows, [{}, { align: 'right' }, {}, { align: 'right' }, {}]).map((line) => `  ${line}`)]);
  }

  if (diff.dependencies) {
    const { added, removed } = diff.dependencies;
    if (added.length + removed.length > 0) {
      sections.push([
        style.bold('Dependencies'),
        '',
        ...dependencyLines(
          [...added.map((d) => ({ ...d, sign: style.green('+') })), ...removed.map((d) => ({ ...d, sign: style.red('−') }))],
          verbose,
          style,
        ),
      ]);
    }
  } else {
    sections.push([style.dim('Dependencies: reports do not carry them; diff two snapshots to compare dependencies too.')]);
  }

  sections.push([style.bold(diffSummary(diff))]);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
};

function inventoryLine(before: InventoryCounts, after: InventoryCounts, style: Style): string[] {
  const keys: [keyof InventoryCounts, string][] = [
    ['services', 'services'],
    ['criticalServices', 'critical'],
    ['vendors', 'vendors'],
    ['regions', 'regions'],
    ['zones', 'zones'],
    ['resources', 'resources'],
  ];
  const changed = keys.filter(([key]) => before[key] !== after[key]);
  if (changed.length === 0) return [];
  return [changed.map(([key, label]) => `${label} ${before[key]} → ${style.bold(String(after[key]))}`).join(style.dim(' · '))];
}

function headsOnly(findings: readonly Finding[], style: Style): string[] {
  return layoutColumns(
    findings.map((f) => [f.severity, clean(f.rule), f.service === '' ? style.dim('(estate)') : clean(f.service), clean(f.subject)]),
    [{}, {}, {}, {}],
  ).map((line) => `    ${line}`);
}

function changedRow(change: BlastChange, style: Style): string[] {
  const worse = change.after.criticalServices.length > change.before.criticalServices.length || change.after.services.length > change.before.services.length;
  const parts: string[] = [];
  if (change.nowDown.length > 0) parts.push(style.red(`+ ${change.nowDown.map(clean).join(', ')}`));
  if (change.noLongerDown.length > 0) parts.push(style.green(`− ${change.noLongerDown.map(clean).join(', ')}`));
  if (parts.length === 0) parts.push(style.dim(`resources ${change.before.resources} → ${change.after.resources}`));
  return [
    worse ? style.red('↑') : style.green('↓'),
    clean(change.failure),
    change.kind,
    arrow(change.before.criticalServices.length, change.after.criticalServices.length),
    arrow(change.before.services.length, change.after.services.length),
    parts.join('  '),
  ];
}

function arrow(before: number, after: number): string {
  return before === after ? String(after) : `${before}→${after}`;
}

function names(services: readonly string[], verbose: boolean): string {
  const shown = verbose ? services : services.slice(0, 5);
  const more = services.length - shown.length;
  return shown.map(clean).join(', ') + (more > 0 ? `, +${more} more` : '');
}

function dependencyLines(deps: readonly (Dependency & { sign: string })[], verbose: boolean, style: Style): string[] {
  const shown = verbose ? deps : deps.slice(0, MAX_DEPENDENCIES);
  const rows = shown.map((d) => [d.sign, clean(d.from), style.dim('needs'), clean(d.needs)]);
  const lines = layoutColumns(rows, [{}, {}, {}, {}]).map((line) => `  ${line}`);
  if (shown.length < deps.length) lines.push(style.dim(`  … ${deps.length - shown.length} more (--verbose lists them)`));
  return lines;
}
