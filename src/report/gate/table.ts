import { gateSummary, type GateResult } from '../../analysis/gate.js';
import type { BaselineEntry } from '../../analysis/baseline.js';
import { sanitizeForTerminal as clean } from '../../core/text.js';
import { findingLines } from '../finding-lines.js';
import type { Style } from '../style.js';
import { layoutColumns } from '../text.js';
import type { GateReporter } from './types.js';

const DEFAULT_WIDTH = 100;

/**
 * The gate in a terminal: new findings first with their causal chains, then entries fixed since
 * the baseline, the known ones (listed with --verbose), and the summary line.
 */
export const gateTable: GateReporter = (result, options) => {
  const { style } = options;
  const width = options.width ?? DEFAULT_WIDTH;
  const verbose = options.verbose === true;
  const path = clean(result.baselinePath);
  const sections: string[][] = [];

  if (result.fresh.length > 0) {
    const expired = new Map(result.expired.map((entry) => [entry.id, entry]));
    sections.push([
      `${style.red(style.bold(`New findings (${result.fresh.length})`))}  ${style.dim(`at or above ${result.failOn}, not accepted by ${path}`)}`,
      '',
      ...findingLines(result.fresh, {
        style,
        width,
        verbose,
        indent: 2,
        showSeverity: true,
        note: (f) => {
          const entry = expired.get(f.id);
          return entry ? `baseline entry expired ${entry.expires}` : undefined;
        },
      }),
    ]);
  }
  if (result.stale.length > 0) {
    const colour = result.failOnStale ? style.red : style.yellow;
    const advice = result.failOnStale ? 'fail the gate (--fail-on-stale): remove them' : 'remove them';
    sections.push([
      `${colour(style.bold(`Fixed since baseline (${result.stale.length})`))}  ${style.dim(`${advice} with faultline check --update-baseline`)}`,
      '',
      ...entryRows(result.stale, style).map((line) => `  ${line}`),
    ]);
  }
  if (result.known.length > 0) {
    const heading = `${style.bold(`Known (${result.known.length})`)}  ${style.dim(`accepted by ${path}`)}`;
    if (verbose) {
      sections.push([heading, '', ...entryRows(result.known.map((k) => k.entry), style, true).map((line) => `  ${line}`)]);
    } else sections.push([`${heading}${style.dim('; --verbose lists them')}`]);
  }
  if (result.below.length > 0) {
    sections.push([style.dim(`${result.below.length} ${result.below.length === 1 ? 'finding' : 'findings'} below --fail-on ${result.failOn}, not gated`)]);
  }

  const summary = gateSummary(result);
  const verdict = result.passed ? style.green(style.bold(summary)) : style.red(style.bold(summary));
  return [...sections.map((lines) => lines.join('\n')), verdict].join('\n\n') + '\n';
};

function entryRows(entries: readonly BaselineEntry[], style: Style, withReason = false): string[] {
  return layoutColumns(
    entries.map((entry) => {
      const cells = [clean(entry.rule), entry.service === '' ? style.dim('(estate)') : style.bold(clean(entry.service)), clean(entry.subject)];
      if (withReason) {
        const notes = [entry.reason, entry.expires ? `until ${entry.expires}` : undefined].filter((n): n is string => n !== undefined);
        cells.push(style.dim(clean(notes.join(', '))));
      }
      return cells;
    }),
    withReason ? [{}, {}, {}, {}] : [{}, {}, {}],
  );
}
