import type { Finding } from '../analysis/types.js';
import { sanitizeForTerminal as clean } from '../core/text.js';
import { severityColour } from './severity.js';
import type { Style } from './style.js';
import { compactId, layoutColumns, shorten } from './text.js';

export interface FindingLinesOptions {
  style: Style;
  /** Columns available from the start of the line. */
  width: number;
  verbose: boolean;
  /** Spaces before the head line; message and chain are indented two more. */
  indent: number;
  /** Show the severity as the first column (when the findings are not grouped by it). */
  showSeverity?: boolean;
  /** A dim note after the head line: "baseline entry expired 2026-01-31". */
  note?: (finding: Finding) => string | undefined;
}

/**
 * Findings for a terminal, three lines each: rule, service and subject in aligned columns; the
 * message; and the causal chain on one line (`checkout → orders-db → aws:eu-west-1/euw1-az2`).
 */
export function findingLines(findings: readonly Finding[], options: FindingLinesOptions): string[] {
  const { style } = options;
  const pad = ' '.repeat(options.indent);
  const inner = ' '.repeat(options.indent + 2);
  const heads = layoutColumns(
    findings.map((f) => {
      const colour = severityColour(style, f.severity);
      const cells = [colour(f.rule), f.service === '' ? style.dim('(estate)') : style.bold(clean(f.service)), clean(f.subject)];
      const note = options.note?.(f);
      if (note !== undefined) cells[2] = `${cells[2]}  ${style.dim(clean(note))}`;
      return options.showSeverity ? [colour(style.bold(f.severity)), ...cells] : cells;
    }),
    options.showSeverity ? [{}, {}, {}, {}] : [{}, {}, {}],
  );
  const lines: string[] = [];
  findings.forEach((finding, i) => {
    lines.push(pad + heads[i]!);
    lines.push(inner + clean(finding.message));
    if (finding.because.length > 0) {
      const chain = finding.because.map(clean);
      const fitted = options.verbose ? chain : fitChain(chain.map(compactId), options.width - inner.length);
      lines.push(inner + style.dim(fitted.join(' → ')));
    }
  });
  return lines;
}

/** A chain step is never shortened below this; the chain then overflows instead. */
const MIN_STEP_WIDTH = 20;

/**
 * Keeps a causal chain on one line: first elide middle steps (the ends say what goes down and
 * what failed; more of the tail, the cause, is kept), then shorten the longest ids in the middle.
 */
export function fitChain(steps: readonly string[], width: number): string[] {
  const length = (chain: readonly string[]): number => chain.reduce((sum, step) => sum + [...step].length, 0) + (chain.length - 1) * 3;
  let fitted = [...steps];
  for (let kept = steps.length - 1; length(fitted) > width && kept >= 3; kept--) {
    const tail = Math.ceil(kept / 2);
    fitted = [...steps.slice(0, kept - tail), '…', ...steps.slice(steps.length - tail)];
  }
  for (let excess = length(fitted) - width; excess > 0; excess = length(fitted) - width) {
    let longest = 0;
    fitted.forEach((step, i) => {
      if ([...step].length > [...fitted[longest]!].length) longest = i;
    });
    const current = [...fitted[longest]!].length;
    if (current <= MIN_STEP_WIDTH) break;
    fitted[longest] = shorten(fitted[longest]!, Math.max(MIN_STEP_WIDTH, current - excess));
  }
  return fitted;
}
