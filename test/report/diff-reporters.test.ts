import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffReports } from '../../src/analysis/diff.js';
import { diffReporterNames, diffReporters } from '../../src/report/diff/index.js';
import { plainStyle } from '../../src/report/style.js';
import { HOSTILE, hostileReport } from '../fixtures/audit-reports.js';
import { afterSide, beforeSide } from '../fixtures/report-diff.js';
import { ansiStyle, stripAnsi } from './ansi-style.js';
import { assertGolden } from './golden.js';
import { assertTablesWellFormed } from './markdown-tables.js';

const options = { style: plainStyle, labels: { before: 'snapshot-monday.json', after: 'snapshot-friday.json' } };
const diff = () => diffReports(beforeSide(), afterSide());

for (const name of diffReporterNames) {
  const ext = { table: 'txt', json: 'json', markdown: 'md' }[name];
  test(`the ${name} diff matches its golden file`, () => {
    assertGolden(`diff.${ext}`, diffReporters[name](diff(), options));
  });
}

test('the diff table ends with the summary and lines up the same in colour', () => {
  const out = diffReporters.table(diff(), options);
  assert.ok(out.endsWith('\n1 new finding, 1 resolved, 1 changed, 3 blast radii changed, 2 dependencies added, 1 removed\n'));
  assert.equal(stripAnsi(diffReporters.table(diff(), { ...options, style: ansiStyle })), out);
});

test('a diff of two reports says that dependencies need snapshots', () => {
  const out = diffReporters.table(diffReports({ report: beforeSide().report }, { report: afterSide().report }), options);
  assert.match(out, /diff two snapshots to compare dependencies too/);
});

test('hostile names cannot break the diff tables or the terminal', () => {
  const hostile = diffReports({ report: { ...hostileReport(), findings: [] } }, { report: hostileReport() });
  const md = diffReporters.markdown(hostile, { ...options, labels: { before: HOSTILE.pipe, after: HOSTILE.script } });
  assertTablesWellFormed(md);
  assert.ok(!md.includes('<script'));
  const table = diffReporters.table(hostile, options);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(table, /[\u0000-\u0009\u000b-\u001f]/);
  assert.deepEqual(JSON.parse(diffReporters.json(hostile, options)).findings.added[0].service, HOSTILE.quotes);
});
