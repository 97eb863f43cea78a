import { gateSummary } from '../../analysis/gate.js';
import type { BaselineEntry } from '../../analysis/baseline.js';
import type { Finding } from '../../analysis/types.js';
import { escapeMarkdown as md } from '../markdown-escape.js';
import { foldedTable, markdownTable } from '../markdown.js';
import type { GateReporter } from './types.js';

/** Lets a bot find and update its own comment on the next run. */
export const CHECK_MARKER = '<!-- faultline:check -->';

/**
 * The gate as a pull-request comment: the verdict, the new findings with their causal chains,
 * then the known ones and those fixed since the baseline, folded.
 */
export const gateMarkdown: GateReporter = (result) => {
  const title = result.passed
    ? '## faultline check: passed'
    : `## faultline check: failed, ${result.fresh.length} new ${result.fresh.length === 1 ? 'finding' : 'findings'}${
        result.failOnStale && result.stale.length > 0 ? ` and ${result.stale.length} fixed since baseline` : ''
      }`;
  const blocks = [`${CHECK_MARKER}\n${title}`, `${gateSummary(result)} · gating at \`${result.failOn}\` and above against ${md(result.baselinePath)}`];

  if (result.fresh.length > 0) {
    const expired = new Map(result.expired.map((e) => [e.id, e]));
    const rows = result.fresh.map((f) => {
      const entry = expired.get(f.id);
      const note = entry ? ` (baseline entry expired ${md(entry.expires ?? '')})` : '';
      return [severity(f), md(f.rule), service(f.service), md(f.subject), md(f.message) + note, f.because.map(md).join(' → ')];
    });
    const table = foldedTable(['Severity', 'Rule', 'Service', 'Failure', 'Finding', 'Because'], capped(rows), [], `${Math.min(rows.length, MAX_ROWS) - 10} more new findings`);
    blocks.push(`### New findings\n\n${table}${overflow(rows.length)}`);
  } else {
    blocks.push('### New findings\n\nNone.');
  }

  if (result.known.length > 0) {
    const rows = result.known.map(({ finding: f, entry }) => [severity(f), md(f.rule), service(f.service), md(f.subject), md(entry.reason ?? ''), md(entry.expires ?? '')]);
    blocks.push(folded(`Known (${result.known.length}), accepted by the baseline`, markdownTable(['Severity', 'Rule', 'Service', 'Failure', 'Reason', 'Expires'], capped(rows)) + overflow(rows.length)));
  }
  if (result.stale.length > 0) {
    const rows = result.stale.map((e: BaselineEntry) => [md(e.rule), service(e.service), md(e.subject), md(e.reason ?? '')]);
    const advice = 'Remove them from the baseline with `faultline check --update-baseline`.';
    blocks.push(folded(`Fixed since baseline (${result.stale.length})`, `${advice}\n\n${markdownTable(['Rule', 'Service', 'Failure', 'Reason'], capped(rows))}${overflow(rows.length)}`, result.failOnStale));
  }
  if (result.below.length > 0) {
    blocks.push(`${result.below.length} ${result.below.length === 1 ? 'finding' : 'findings'} below \`${result.failOn}\` ${result.below.length === 1 ? 'is' : 'are'} not gated.`);
  }
  return `${blocks.join('\n\n')}\n`;
};

/**
 * Rows per table in a comment: GitHub refuses comments over 65,536 characters, and a first
 * baseline can hold thousands of entries. The full lists are in `--format json`.
 */
const MAX_ROWS = 100;

function capped<T>(rows: readonly T[]): T[] {
  return rows.slice(0, MAX_ROWS);
}

function overflow(count: number): string {
  return count > MAX_ROWS ? `\n\n…and ${count - MAX_ROWS} more (\`faultline check --format json\` lists them all).` : '';
}

function severity(f: Finding): string {
  return f.severity === 'error' ? '**error**' : f.severity;
}

function service(name: string): string {
  return name === '' ? '_(estate)_' : md(name);
}

function folded(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
