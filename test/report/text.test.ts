import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShare, layoutColumns, padVisible, shorten, visibleLength } from '../../src/report/text.js';
import { ansiStyle } from './ansi-style.js';

test('visible length ignores colour codes', () => {
  assert.equal(visibleLength(ansiStyle.red(ansiStyle.bold('checkout'))), 8);
  assert.equal(visibleLength('a → b'), 5);
});

test('padding is measured on the visible text', () => {
  assert.equal(padVisible(ansiStyle.red('ab'), 4), `${ansiStyle.red('ab')}  `);
  assert.equal(padVisible('7', 3, 'right'), '  7');
  assert.equal(padVisible('toolong', 3), 'toolong');
});

test('shortening keeps the start and the end of an id', () => {
  assert.equal(shorten('arn:aws:rds:eu-west-1:123456789012:db:orders', 20), 'arn:aw…012:db:orders');
  assert.equal([...shorten('arn:aws:rds:eu-west-1:123456789012:db:orders', 20)].length, 20);
  assert.equal(shorten('short', 20), 'short');
});

test('columns line up on visible width and carry no trailing blanks', () => {
  const lines = layoutColumns(
    [
      [ansiStyle.red('a'), 'bb', '1'],
      ['ccc', 'd', ''],
    ],
    [{}, {}, { align: 'right' }],
  );
  assert.deepEqual(lines, [`${ansiStyle.red('a')}    bb  1`, 'ccc  d']);
});

test('shares are whole percentages that never round a real share to 0% or 100%', () => {
  assert.equal(formatShare(0), '0%');
  assert.equal(formatShare(0.004), '<1%');
  assert.equal(formatShare(0.755), '76%');
  assert.equal(formatShare(0.996), '>99%');
  assert.equal(formatShare(1), '100%');
});
