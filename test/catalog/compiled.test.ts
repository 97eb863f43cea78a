import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compiledCatalogJson, readCompiledCatalog } from '../../src/catalog/compiled.js';
import { builtinCatalogDir, loadCatalog } from '../../src/catalog/load.js';

function compiledCopy(): { dir: string; json: string } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-catalog-'));
  cpSync(builtinCatalogDir(), dir, { recursive: true });
  const json = join(dir, 'catalog.json');
  writeFileSync(json, compiledCatalogJson(loadCatalog(dir), dir));
  return { dir, json };
}

test('the compiled catalogue answers exactly as the validated YAML does', () => {
  const { dir, json } = compiledCopy();
  const fromYaml = loadCatalog(dir);
  const compiled = readCompiledCatalog(dir, json);
  assert.ok(compiled, 'read back');
  assert.equal(compiled.version, fromYaml.version);
  assert.deepEqual(compiled.vendors(), fromYaml.vendors());
  assert.deepEqual(compiled.resourceProfiles(), fromYaml.resourceProfiles());
  assert.deepEqual(compiled.scenarios(), fromYaml.scenarios());
  assert.equal(compiled.vendor('Teams')?.name, fromYaml.vendor('Teams')?.name, 'aliases and case work the same');
});

test('an edited data file makes the compiled catalogue stale, so the YAML is read instead', () => {
  const { dir, json } = compiledCopy();
  appendFileSync(join(dir, 'vendors.yaml'), '\n# edited after the build\n');
  assert.equal(readCompiledCatalog(dir, json), undefined);
});

test('a damaged compiled catalogue is ignored, not fatal', () => {
  const { dir, json } = compiledCopy();
  writeFileSync(json, '{"format": "faultline-compiled-catalog", "sourceHash": ');
  assert.equal(readCompiledCatalog(dir, json), undefined);
});
