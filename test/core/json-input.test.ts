import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors.js';
import { findJsonError, parseJsonInput } from '../../src/core/json-input.js';

function errorOf(text: string): InputError {
  try {
    parseJsonInput(text, 'base.json', 'the baseline', 'fix it');
  } catch (error) {
    assert.ok(error instanceof InputError);
    return error;
  }
  assert.fail('expected an InputError');
}

test('a trailing comma is reported at its line and column', () => {
  const error = errorOf('{\n  "entries": [\n    1,\n  ]\n}\n');
  assert.equal(error.where, 'base.json:4:3');
  assert.equal(error.message, 'the baseline is not valid JSON: trailing comma');
  assert.equal(error.hint, 'fix it');
});

test('a missing comma and a truncated file point at where the parser stopped', () => {
  assert.equal(errorOf('{"a": 1\n "b": 2}').where, 'base.json:2:2');
  assert.equal(errorOf('{"a": 1\n "b": 2}').message, "the baseline is not valid JSON: expected ',' or '}'");
  assert.equal(errorOf('{"a": [1, 2').where, 'base.json:1:12');
  assert.equal(errorOf('{"a": [1, 2').message, 'the baseline is not valid JSON: unexpected end of input');
  assert.equal(errorOf('').message, 'the baseline is not valid JSON: unexpected end of input');
});

test('a byte-order mark is accepted', () => {
  assert.deepEqual(parseJsonInput('\ufeff{"a": 1}', 'x.json', 'x', 'h'), { a: 1 });
});

test('the scanner agrees with JSON.parse on what is valid', () => {
  const samples = ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' 0 ', '"x"', '[1,]', '{"a":1,}', '01', '[1 2]', '{"a"}', '"\\x"', 'tru', '{"a":1}}', '-', '"\t"'];
  for (const text of samples) {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    assert.equal(findJsonError(text) === undefined, valid, `disagreement on ${JSON.stringify(text)}`);
  }
});
