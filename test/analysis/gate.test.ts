import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateGate, gateSummary } from '../../src/analysis/gate.js';
import { realisticReport } from '../fixtures/audit-reports.js';
import { acceptedBaseline, TODAY } from '../fixtures/gate-baselines.js';

const options = { failOn: 'error' as const, failOnStale: false, today: TODAY };

test('the gate fails on a new finding at or above --fail-on', () => {
  const result = evaluateGate(realisticReport().findings, acceptedBaseline(), 'b.json', options);
  assert.equal(result.passed, false);
  assert.equal(gateSummary(result), '2 new, 2 known (baseline), 1 fixed since baseline');
});

test('the gate passes when every finding at or above --fail-on is accepted, whatever lies below', () => {
  const findings = realisticReport().findings.filter((f) => f.severity !== 'error' || f.id.startsWith('single-region:') || f.id.startsWith('shared-fate:'));
  assert.equal(evaluateGate(findings, acceptedBaseline(), 'b.json', options).passed, true);
});

test('stale entries fail the gate only with --fail-on-stale', () => {
  const findings = realisticReport().findings.filter((f) => f.severity !== 'error' || f.id.startsWith('single-region:'));
  assert.equal(evaluateGate(findings, acceptedBaseline(), 'b.json', options).passed, true);
  assert.equal(evaluateGate(findings, acceptedBaseline(), 'b.json', { ...options, failOnStale: true }).passed, false);
});
