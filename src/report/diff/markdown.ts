import type { ReportDiff } from '../../analysis/diff.js';
import { escapeMarkdown as md } from '../markdown-escape.js';
import { foldedTable, markdownTable } from '../markdown.js';
import { formatShare } from '../text.js';
import { diffSummary } from './summary.js';
import type { DiffReporter } from './types.js';

export const DIFF_MARKER = '<!-- faultline:diff -->';

/** The diff as a pull-request comment: what got worse first, then what got better. */
export const diffMarkdown: DiffReporter = (diff: ReportDiff, options) => {
  const blocks = [`${DIFF_MARKER}\n## faultline diff`, `${md(options.labels.before)} → ${md(options.labels.after)}: ${diffSummary(diff)}`];
  const f = diff.findings;
  if (f.added.length > 0) {
    blocks.push(
      `### New findings\n\n${foldedTable(
        ['Severity', 'Rule', 'Service', 'Failure', 'Finding', 'Because'],
        f.added.map((x) => [x.severity === 'error' ? '**error**' : x.severity, md(x.rule), x.service === '' ? '_(estate)_' : md(x.service), md(x.subject), md(x.message), x.because.map(md).join(' → ')]),
        [],
        `${f.added.length - 10} more`,
      )}`,
    );
  }
  if (f.removed.length > 0) {
    blocks.push(
      `### Resolved findings\n\n${foldedTable(
        ['Severity', 'Rule', 'Service', 'Failure'],
        f.removed.map((x) => [x.severity, md(x.rule), x.service === '' ? '_(estate)_' : md(x.service), md(x.subject)]),
        [],
        `${f.removed.length - 10} more`,
      )}`,
    );
  }
  if (f.changed.length > 0) {
    blocks.push(
      `### Changed findings\n\n${markdownTable(
        ['Rule', 'Service', 'Failure', 'Severity', 'Because now'],
        f.changed.map(({ before, after }) => [md(after.rule), md(after.service), md(after.subject), `${before.severity} → ${after.severity}`, after.because.map(md).join(' → ')]),
      )}`,
    );
  }
  const b = diff.blastRadius;
  if (b.added.length + b.removed.length + b.changed.length > 0) {
    const rows = [
      ...b.changed.map((c) => [
        md(c.failure),
        c.kind,
        `${c.before.criticalServices.length} → ${c.after.criticalServices.length}`,
        `${c.before.services.length} → ${c.after.services.length}`,
        [c.nowDown.length > 0 ? `now down: ${c.nowDown.map(md).join(', ')}` : '', c.noLongerDown.length > 0 ? `no longer down: ${c.noLongerDown.map(md).join(', ')}` : '']
          .filter(Boolean)
          .join('; '),
      ]),
      ...b.added.map((e) => [md(e.failure), e.kind, `0 → ${e.criticalServices.length}`, `0 → ${e.services.length}`, `now down: ${e.services.map(md).join(', ')}`]),
      ...b.removed.map((e) => [md(e.failure), e.kind, `${e.criticalServices.length} → 0`, `${e.services.length} → 0`, `no longer down: ${e.services.map(md).join(', ')}`]),
    ];
    blocks.push(`### Blast radius\n\n${foldedTable(['Failure', 'Kind', 'Critical down', 'Services down', 'What changed'], rows, ['left', 'left', 'right', 'right', 'left'], `${rows.length - 10} more`)}`);
  }
  if (diff.concentration.length > 0) {
    blocks.push(
      `### Region concentration\n\n${markdownTable(
        ['Region', 'Share before', 'Share after'],
        diff.concentration.map((c) => [md(c.region), c.before ? formatShare(c.before.share) : '—', c.after ? formatShare(c.after.share) : '—']),
        ['left', 'right', 'right'],
      )}`,
    );
  }
  if (diff.dependencies && diff.dependencies.added.length + diff.dependencies.removed.length > 0) {
    const rows = [
      ...diff.dependencies.added.map((d) => ['added', md(d.from), md(d.needs)]),
      ...diff.dependencies.removed.map((d) => ['removed', md(d.from), md(d.needs)]),
    ];
    blocks.push(`### Dependencies\n\n${foldedTable(['Change', 'What', 'Needs'], rows, [], `${rows.length - 10} more`)}`);
  }
  return `${blocks.join('\n\n')}\n`;
};
