import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findManifest, loadManifest } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';

const options = { knownVendors: new Set<string>() };

function withDir(run: (dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-config-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('findManifest prefers faultline.yaml over faultline.yml', withDir((dir) => {
  assert.equal(findManifest(dir), undefined);
  writeFileSync(join(dir, 'faultline.yml'), 'version: 1\n');
  assert.equal(findManifest(dir), join(dir, 'faultline.yml'));
  writeFileSync(join(dir, 'faultline.yaml'), 'version: 1\n');
  assert.equal(findManifest(dir), join(dir, 'faultline.yaml'));
}));

test('loadManifest reads and parses the file, with its path in positions', withDir(async (dir) => {
  const path = join(dir, 'faultline.yaml');
  writeFileSync(path, 'version: 1\nservices:\n  api:\n');
  const manifest = await loadManifest(path, options);
  assert.equal(manifest.file, path);
  assert.deepEqual(manifest.services[0]?.pos, { file: path, line: 3, col: 3 });
  writeFileSync(path, 'version: 1\nservices:\n  api:\n    critical: 1\n');
  await assert.rejects(loadManifest(path, options), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.where, `${path}:4:15`);
    return true;
  });
}));

test('a missing manifest is a ConfigError naming the path, with a hint to create one or pass --config', withDir(async (dir) => {
  const path = join(dir, 'nope.yaml');
  await assert.rejects(loadManifest(path, options), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.format(),
      `${path}: no such manifest file\n  hint: create faultline.yaml (see README: faultline.yaml reference) or pass --config <file>`,
    );
    return true;
  });
}));

test('a directory given as the manifest is a ConfigError', withDir(async (dir) => {
  const path = join(dir, 'faultline.yaml');
  mkdirSync(path);
  await assert.rejects(loadManifest(path, options), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.format(), `${path}: the manifest path is a directory, not a file\n  hint: pass the YAML file itself, e.g. --config path/to/faultline.yaml`);
    return true;
  });
}));
