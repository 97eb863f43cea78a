import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';

const dir = fileURLToPath(new URL('../../fixtures/manifests/', import.meta.url));
/** The fixtures that are valid manifests; every other one in the folder must be refused. */
const valid = ['checkout-and-incident-comms.yaml', 'nested-groups-across-places.yaml', 'services-and-vendors-without-bodies.yaml', 'version-only.yaml'];
const invalid = readdirSync(dir).filter((name) => name.endsWith('.yaml') && !valid.includes(name)).sort();

test('there are invalid manifest fixtures to check', () => {
  assert.ok(invalid.length >= 10, `found ${invalid.length}`);
});

for (const name of valid) {
  test(`audit --config ${name} analyses a valid manifest and exits 0`, async () => {
    const run = await runCli(['audit', '--config', name], { cwd: dir, env: { NO_COLOR: '1' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d+ services? \(\d+ critical\)/);
  });
}

for (const name of invalid) {
  test(`audit --config ${name} exits 2 naming the file, line and column, with a hint`, async () => {
    const run = await runCli(['audit', '--config', name], { cwd: dir, env: { NO_COLOR: '1' } });
    assert.equal(run.code, 2, run.stdout);
    assert.equal(run.stdout, '', 'nothing on stdout');
    assert.match(run.stderr, new RegExp(`^faultline: ${name.replace(/\./g, '\\.')}:\\d+:\\d+: .+\\n  hint: .+\\n$`));
  });
}

test('a directory given as the manifest exits 2 with the path and a hint', async () => {
  const run = await runCli(['audit', '--config', '.'], { cwd: dir, env: { NO_COLOR: '1' } });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^faultline: \.: .*director.*\n  hint: /);
});

test('an empty manifest exits 2 and says it is empty', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const cwd = mkdtempSync(join(tmpdir(), 'faultline-empty-'));
  writeFileSync(join(cwd, 'faultline.yaml'), '# nothing yet\n');
  const run = await runCli(['audit'], { cwd, env: { NO_COLOR: '1' } });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^faultline: faultline\.yaml(:1:1)?: .*empty/);
});
