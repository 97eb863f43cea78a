import type { PairEntry } from '../analysis/types.js';
import { sanitizeForTerminal } from '../core/text.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { Style } from './style.js';
import { layoutColumns } from './text.js';

/**
 * The `--pairs` section, shared by the table and Markdown reporters: pairs of zones or regions
 * that take down services neither takes down alone. Empty when `--pairs` was not asked for.
 */
export function pairsTableSection(pairs: readonly PairEntry[] | undefined, style: Style, top: number): string[] {
  if (pairs === undefined) return [];
  const heading = `${style.bold('Pairs of failures')}  ${style.dim('what two zones or two regions take down together that neither takes down alone')}`;
  if (pairs.length === 0) return [heading, '', '  none: every service that survives each zone and region alone also survives any two of them'];
  const rows = [
    ['FAILURES', 'KIND', 'CRIT', 'SVCS', 'NEWLY DOWN'].map((h) => style.dim(h)),
    ...pairs.slice(0, top).map((p) => [
      p.failures.map(sanitizeForTerminal).join(' + '),
      p.kind,
      String(p.criticalServices.length),
      String(p.services.length),
      p.services.map((s) => (p.criticalServices.includes(s) ? style.bold(sanitizeForTerminal(s)) : sanitizeForTerminal(s))).join(', '),
    ]),
  ];
  const lines = layoutColumns(rows, [{}, {}, { align: 'right' }, { align: 'right' }, {}]).map((line) => `  ${line}`);
  const more = pairs.length > top ? [`  ${style.dim(`+${pairs.length - top} more pairs (--top to show more)`)}`] : [];
  return [heading, '', ...lines, ...more];
}

export function pairsMarkdown(pairs: readonly PairEntry[] | undefined): string {
  if (pairs === undefined) return '';
  if (pairs.length === 0) return '### Pairs of failures\n\nNo pair of zones or regions takes down a service that survives each alone.';
  const rows = pairs.map(
    (p) =>
      `| ${p.failures.map(escapeMarkdown).join(' + ')} | ${p.kind} | ${p.criticalServices.length} | ${p.services.length} | ${p.services
        .map((s) => (p.criticalServices.includes(s) ? `**${escapeMarkdown(s)}**` : escapeMarkdown(s)))
        .join(', ')} |`,
  );
  return `### Pairs of failures\n\nWhat two zones or two regions take down together that neither takes down alone.\n\n| Failures | Kind | Critical | Services | Newly down |\n| --- | --- | --: | --: | --- |\n${rows.join('\n')}`;
}
