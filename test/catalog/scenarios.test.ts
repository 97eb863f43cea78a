import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFailPattern, scenarioFailureSets } from '../../src/catalog/scenarios.js';
import type { OutageScenario } from '../../src/catalog/types.js';

function scenario(fail: string[]): OutageScenario {
  return { id: 't', title: 't', date: '2025-01-01', provider: 'aws', domain: 'account', summary: 's', fail, sources: ['https://example.com/'], confidence: 'high', asOf: '2026-11-21' };
}

test('account and zone wildcards are patterns; region, provider and mid-id wildcards are not', () => {
  assert.equal(isFailPattern('account:aws:*'), true);
  assert.equal(isFailPattern('aws:us-east-1/*'), true);
  assert.equal(isFailPattern('aws:*'), false);
  assert.equal(isFailPattern('provider:*'), false);
  assert.equal(isFailPattern('vendor:*'), false);
  assert.equal(isFailPattern('account:*:123'), false);
  assert.equal(isFailPattern('account:aws:12*'), false);
  assert.equal(isFailPattern('aws:us-east-1'), false);
});

test('a concrete scenario replays as one failure set', () => {
  assert.deepEqual(scenarioFailureSets(scenario(['ovh:sbg', 'ovh:rbx']), ['x']), [['ovh:sbg', 'ovh:rbx']]);
});

test('an account pattern replays once per account of that provider in the estate', () => {
  const ids = ['account:aws:222222222222', 'account:aws:111111111111', 'account:gcp:proj-1', 'aws:us-east-1', 'account:aws:111111111111'];
  assert.deepEqual(scenarioFailureSets(scenario(['account:aws:*']), ids), [['account:aws:111111111111'], ['account:aws:222222222222']]);
});

test('a zone pattern matches the zones of that region only', () => {
  const ids = ['aws:us-east-1/use1-az1', 'aws:us-east-1/use1-az2', 'aws:us-east-2/use2-az1', 'aws:us-east-1'];
  assert.deepEqual(scenarioFailureSets(scenario(['aws:us-east-1/*']), ids), [['aws:us-east-1/use1-az1'], ['aws:us-east-1/use1-az2']]);
});

test('a pattern that matches nothing leaves nothing to replay, and concrete ids still fail', () => {
  assert.deepEqual(scenarioFailureSets(scenario(['account:gcp:*']), ['account:aws:1']), []);
  assert.deepEqual(scenarioFailureSets(scenario(['vendor:x', 'account:gcp:*']), []), [['vendor:x']]);
  assert.deepEqual(scenarioFailureSets(scenario([]), ['account:aws:1']), []);
});
