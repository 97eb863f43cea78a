import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependenciesOf, diffReports, isEmptyDiff } from '../../src/analysis/diff.js';
import { GateOrigin, GraphBuilder } from '../../src/model/graph.js';
import { afterSide, beforeSide } from '../fixtures/report-diff.js';

test('a diff lists new, resolved and changed findings by their stable id', () => {
  const diff = diffReports(beforeSide(), afterSide());
  assert.deepEqual(diff.findings.added.map((f) => f.id), ['single-vendor:vendor:twilio:notifications']);
  assert.deepEqual(diff.findings.removed.map((f) => f.rule), ['spof']);
  assert.deepEqual(diff.findings.changed.map((c) => [c.after.rule, c.before.severity, c.after.severity]), [['single-account', 'warning', 'error']]);
});

test('a diff shows which services a failure now takes down, and failures that appeared or went away', () => {
  const diff = diffReports(beforeSide(), afterSide());
  assert.deepEqual(
    diff.blastRadius.changed.map((c) => [c.failure, c.nowDown, c.noLongerDown]),
    [['aws:us-east-1', ['notifications'], []]],
  );
  assert.deepEqual(diff.blastRadius.added.map((e) => e.failure), ['vendor:twilio']);
  assert.deepEqual(diff.blastRadius.removed.map((e) => e.failure), ['vendor:acme-sso']);
  assert.deepEqual(diff.concentration.map((c) => [c.region, c.before?.share, c.after?.share]), [['aws:eu-west-1', 0.75, 0.5]]);
});

test('a diff of two snapshots compares dependencies; of two reports it cannot', () => {
  const diff = diffReports(beforeSide(), afterSide());
  assert.deepEqual(diff.dependencies, {
    added: [
      { from: 'checkout', needs: 'anyOf(vendor:stripe, vendor:adyen)' },
      { from: 'notifications', needs: 'vendor:twilio' },
    ],
    removed: [{ from: 'checkout', needs: 'vendor:stripe' }],
  });
  assert.equal(diffReports({ report: beforeSide().report }, { report: afterSide().report }).dependencies, undefined);
});

test('an estate compared with itself has an empty diff', () => {
  assert.equal(isEmptyDiff(diffReports(beforeSide(), beforeSide())), true);
  assert.equal(isEmptyDiff(diffReports(beforeSide(), afterSide())), false);
});

test('dependencies read a redundancy group as one requirement and skip the gates themselves', () => {
  const b = new GraphBuilder();
  const checkout = b.node('checkout', 'service');
  const orders = b.node('orders', 'service');
  const stripe = b.node('vendor:stripe', 'vendor');
  const adyen = b.node('vendor:adyen', 'vendor');
  b.require(checkout, orders);
  const group = b.gate(checkout, 1, GateOrigin.group);
  b.require(group, stripe);
  b.require(group, adyen);
  b.require(checkout, group);
  assert.deepEqual(dependenciesOf(b.build()), [
    { from: 'checkout', needs: 'anyOf(vendor:stripe, vendor:adyen)' },
    { from: 'checkout', needs: 'orders' },
  ]);
});

test('the dependency diff is a set difference on (from, needs), in any input order and with repeats', () => {
  const dep = (from: string, needs: string) => ({ from, needs });
  const before = { report: beforeSide().report, dependencies: [dep('b', 'x'), dep('a', 'y'), dep('a', 'x'), dep('a', 'x'), dep('c', 'z')] };
  const after = { report: beforeSide().report, dependencies: [dep('a', 'x'), dep('d', 'w'), dep('b', 'x'), dep('b', 'x'), dep('a', 'z')] };
  assert.deepEqual(diffReports(before, after).dependencies, {
    added: [dep('a', 'z'), dep('d', 'w')],
    removed: [dep('a', 'y'), dep('c', 'z')],
  });
});
