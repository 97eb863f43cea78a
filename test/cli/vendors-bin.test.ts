import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// npm test builds dist/ first; this proves the built CLI finds catalog/ from dist/catalog/load.js.
test('the built bin lists the catalogue and prints its version', () => {
  const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
  const json = execFileSync(process.execPath, [bin, 'vendors', '--format', 'json'], { encoding: 'utf8' });
  assert.equal((JSON.parse(json) as { catalogueVersion: string }).catalogueVersion, '2026.11.21');
  assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+ \(catalogue 2026\.11\.21\)\n$/);
});
