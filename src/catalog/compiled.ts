/**
 * The catalogue as the build leaves it: the YAML data files, validated once by `npm run build`,
 * written as JSON with a hash of their text. Reading it costs about a millisecond instead of the
 * ~70 ms of parsing and validating the YAML on every run; a hash that does not match the data
 * files (an edited catalogue, no rebuild) means it is ignored and the YAML is read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../core/package-root.js';
import { buildCatalog } from './build.js';
import type { Catalog } from './types.js';

const DATA_FILES = ['VERSION', 'vendors.yaml', 'aws-resource-types.yaml', 'outages.yaml'] as const;
const FORMAT = 'faultline-compiled-catalog';

/** Where the build writes it: dist/catalog.json. */
export function compiledCatalogPath(): string {
  return packagePath('dist', 'catalog.json');
}

/** sha256 over the data files' names and text. */
export function catalogSourceHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of DATA_FILES) hash.update(`${name}\u0000`).update(readFileSync(join(dir, name))).update('\u0000');
  return hash.digest('hex');
}

/** The JSON the build writes, from a catalogue that loadCatalog has validated. */
export function compiledCatalogJson(catalog: Catalog, dir: string): string {
  return `${JSON.stringify({
    format: FORMAT,
    sourceHash: catalogSourceHash(dir),
    version: catalog.version,
    vendors: catalog.vendors(),
    resourceProfiles: catalog.resourceProfiles(),
    scenarios: catalog.scenarios(),
  })}\n`;
}

/** The compiled catalogue, if present and built from exactly the data files in `dir`. */
export function readCompiledCatalog(dir: string, path = compiledCatalogPath()): Catalog | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; sourceHash?: string; version: string; vendors: never[]; resourceProfiles: never[]; scenarios: never[] };
    if (data.format !== FORMAT || data.sourceHash !== catalogSourceHash(dir)) return undefined;
    return buildCatalog(data.version, data.vendors, data.resourceProfiles, data.scenarios);
  } catch {
    // A damaged build artefact is not the user's problem: the YAML is the source of truth.
    return undefined;
  }
}
