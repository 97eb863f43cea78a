import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

/** The package version, from the package's package.json. */
export function packageVersion(): string {
  const raw = readFileSync(packagePath('package.json'), 'utf8');
  return (JSON.parse(raw) as { version: string }).version;
}
