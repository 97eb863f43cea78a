import assert from 'node:assert/strict';

/** Splits a Markdown table row on its unescaped pipes, as GitHub does. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

export function assertTablesWellFormed(text: string): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !lines[i + 1]?.match(/^\| (---|--:)/)) continue;
    const width = cells(lines[i]!).length;
    for (let j = i; j < lines.length && lines[j]!.startsWith('|'); j++) {
      assert.equal(cells(lines[j]!).length, width, `row ${j + 1} has the wrong number of cells: ${lines[j]}`);
      assert.ok(lines[j]!.endsWith(' |'), `row ${j + 1} is cut: ${lines[j]}`);
    }
  }
}

