import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reporterNames, reporters } from '../../src/report/index.js';
import { plainStyle } from '../../src/report/style.js';
import { realisticReport } from '../fixtures/audit-reports.js';

test('the reporter registry names the audit formats, in the order --help lists them', () => {
  assert.deepEqual(reporterNames, ['table', 'json', 'markdown']);
});

test('every reporter returns text ending in one newline', () => {
  for (const name of reporterNames) {
    const out = reporters[name](realisticReport(), { style: plainStyle, top: 10 });
    assert.ok(out.endsWith('\n') && !out.endsWith('\n\n'), `${name} ends in exactly one newline`);
  }
});
