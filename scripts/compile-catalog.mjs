// Build step: validate the built-in catalogue (a broken entry fails the build) and write it as
// JSON for fast loading. See src/catalog/compiled.ts.
import { renameSync, writeFileSync } from 'node:fs';
import { builtinCatalogDir, loadCatalog } from '../dist/catalog/load.js';
import { compiledCatalogJson, compiledCatalogPath } from '../dist/catalog/compiled.js';

const dir = builtinCatalogDir();
try {
  const path = compiledCatalogPath();
  writeFileSync(`${path}.tmp`, compiledCatalogJson(loadCatalog(dir), dir));
  renameSync(`${path}.tmp`, path); // atomic: a reader sees the old file or the new one
} catch (error) {
  console.error(typeof error?.format === 'function' ? error.format() : error);
  process.exitCode = 1;
}
