import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostileReport, realisticReport } from '../fixtures/audit-reports.js';
import { json, jsonChunks } from '../../src/report/json.js';
import { plainStyle } from '../../src/report/style.js';
import type { Report } from '../../src/analysis/types.js';

const reports: [string, () => Report][] = [
  ['realistic', realisticReport],
  ['hostile strings', hostileReport],
  ['no findings, no blast radius', () => ({ ...realisticReport(), findings: [], blastRadius: [] })],
];

for (const [name, make] of reports) {
  test(`the chunked JSON report is byte for byte the JSON report (${name})`, () => {
    for (const top of [Infinity, 1, 0]) {
      const chunks = [...jsonChunks(make(), { top })];
      assert.equal(chunks.join(''), json(make(), { style: plainStyle, top }));
    }
  });
}

test('a report with many findings is written in many chunks, none of them huge', () => {
  const report = realisticReport();
  const one = report.findings[0]!;
  report.findings = Array.from({ length: 5000 }, (_, i) => ({ ...one, id: `f${i}` }));
  const chunks = [...jsonChunks(report, { top: Infinity })];
  assert.ok(chunks.length > 10);
  // About 64 KB each, plus at most one batch of entries.
  assert.ok(chunks.every((c) => c.length < 150000));
  assert.deepEqual(JSON.parse(chunks.join('')).findings.length, 5000);
});
