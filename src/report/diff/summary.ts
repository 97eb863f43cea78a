import type { ReportDiff } from '../../analysis/diff.js';

/** "2 new findings, 1 resolved, 3 blast radii changed, 4 dependencies added, 1 removed". */
export function diffSummary(diff: ReportDiff): string {
  const f = diff.findings;
  const b = diff.blastRadius;
  const parts = [
    `${f.added.length} new ${f.added.length === 1 ? 'finding' : 'findings'}`,
    `${f.removed.length} resolved`,
    `${b.added.length + b.removed.length + b.changed.length} ${b.added.length + b.removed.length + b.changed.length === 1 ? 'blast radius' : 'blast radii'} changed`,
  ];
  if (f.changed.length > 0) parts.splice(2, 0, `${f.changed.length} changed`);
  if (diff.dependencies) parts.push(`${diff.dependencies.added.length} dependencies added`, `${diff.dependencies.removed.length} removed`);
  return parts.join(', ');
}
