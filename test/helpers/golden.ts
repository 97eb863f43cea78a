import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/**
 * Compares `actual` with test/golden/<folder>/<name>. `UPDATE_GOLDEN=1 npm test` rewrites the
 * files; review the diff before committing it.
 */
export function assertGoldenIn(folder: string, name: string, actual: string): void {
  const path = join(GOLDEN_ROOT, folder, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${path} is missing: run UPDATE_GOLDEN=1 npm test to create it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${path} (UPDATE_GOLDEN=1 regenerates it)`);
}
