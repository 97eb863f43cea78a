import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The installed package's directory: the nearest one above this module holding package.json.
 * Searched rather than counted in `../`: this module runs as src/core/package-root.ts (tests,
 * through tsx), dist/core/package-root.js (tsc) and inside the bundle in dist/bundle/.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`faultline cannot find its package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

/** A path inside the installed package: `packagePath('catalog', 'vendors.yaml')`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
