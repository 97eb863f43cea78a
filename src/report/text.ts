/** Layout helpers for text reporters: widths measured on what the terminal shows. */

// SGR colour sequences only: untrusted strings are sanitised before styling, so the only escape
// sequences left in a rendered cell are the ones our Style added.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** The number of columns `text` occupies: colour codes excluded. */
export function visibleLength(text: string): number {
  return [...text.replace(SGR, '')].length;
}

/** padEnd on the visible length, so coloured cells line up with plain ones. */
export function padVisible(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Shortens plain text to `max` columns, keeping its start and, longer, its end (an ARN's end names
 * the resource, its start the service): `arn:aws:rds…012:db:orders`.
 */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const tail = Math.ceil(((max - 1) * 2) / 3);
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

export interface Column {
  align?: 'left' | 'right';
}

/**
 * Lays out rows as aligned columns separated by `gap` spaces. The last column is not padded, so
 * lines carry no trailing blanks.
 */
export function layoutColumns(rows: readonly (readonly string[])[], columns: readonly Column[], gap = 2): string[] {
  const widths = columns.map((_, c) => Math.max(0, ...rows.map((row) => visibleLength(row[c] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, c) => (c === row.length - 1 && columns[c]?.align !== 'right' ? cell : padVisible(cell, widths[c] ?? 0, columns[c]?.align)))
      .join(' '.repeat(gap))
      .trimEnd(),
  );
}

/** The widths `layoutColumns` will use, to budget a last, variable-width column. */
export function columnWidths(rows: readonly (readonly string[])[], count: number): number[] {
  return Array.from({ length: count }, (_, c) => Math.max(0, ...rows.map((row) => visibleLength(row[c] ?? ''))));
}

/** A share as a whole percentage, never rounding a non-zero share down to "0%". */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 1) return '<1%';
  if (percent < 100 && percent > 99) return '>99%';
  return `${Math.round(percent)}%`;
}

/**
 * An ARN as a reader scans it in a terminal: `arn:aws:rds:eu-west-1:111111111111:db:orders-db`
 * becomes `rds:db:orders-db`. The region and account are in the zone or region next to it in
 * every chain; `--verbose` and the JSON report keep the whole ARN. Other ids are unchanged.
 */
export function compactId(id: string): string {
  if (!id.startsWith('arn:')) return id;
  const parts = id.split(':');
  if (parts.length < 6) return id;
  const resource = parts.slice(5).join(':');
  return `${parts[2]}:${resource}`;
}
