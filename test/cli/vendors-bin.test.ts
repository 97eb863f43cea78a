import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// npm test builds dist/ first; these run the bundle in dist/bundle/ that bin/faultline.js loads.
// It finds catalog/ and package.json from there.
test('the built bin lists the catalogue and prints its version', () => {
  const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
  const json = execFileSync(process.execPath, [bin, 'vendors', '--format', 'json'], { encoding: 'utf8' });
  assert.equal((JSON.parse(json) as { catalogueVersion: string }).catalogueVersion, '2026.11.21');
  assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+ \(catalogue 2026\.11\.21\)\n$/);
});

test('the built bin runs the demo: the lazily loaded chunks (replay endpoint, AWS collector) load from the bundle', () => {
  const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
  const run = spawnSync(process.execPath, [bin, 'demo', '--top', '1'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^10 services \(7 critical\) · 11 vendors · 4 regions · 6 zones · 30 resources$/m);
  assert.match(run.stderr, /collected 30 resources in 2 regions through the AWS SDK from a local replay endpoint/);
});
