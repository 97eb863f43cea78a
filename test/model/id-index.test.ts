import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdIndex } from '../../src/model/graph.js';

test('the id index interns each id once, finds every id after many rehashes, and knows nothing else', () => {
  const ids: string[] = [];
  const index = new IdIndex(ids);
  const make = (i: number): string => `arn:aws:sqs:eu-west-1:${String(100000000000 + (i % 37)).padStart(12, '0')}:queue-${i}`;
  for (let i = 0; i < 50000; i++) assert.equal(index.intern(make(i)), i);
  // Fresh string objects with the same text find the same node.
  for (let i = 0; i < 50000; i += 7) assert.equal(index.get(`${make(i)}`.slice(0)), i);
  for (let i = 0; i < 50000; i += 11) assert.equal(index.intern(make(i)), i);
  assert.equal(index.size, 50000);
  assert.equal(ids.length, 50000);
  assert.equal(index.get('arn:aws:sqs:eu-west-1:100000000000:queue-50000'), undefined);
  assert.equal(index.has(''), false);
  assert.equal(index.intern(''), 50000);
  assert.equal(index.get(''), 50000);
});
