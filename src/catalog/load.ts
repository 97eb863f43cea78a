import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packagePath } from '../core/package-root.js';
import { referencedIds } from '../model/requirement.js';
import { CatalogError, type CatalogProblem } from './errors.js';
import { readOutages } from './read-outages.js';
import { readResourceTypes } from './read-resource-types.js';
import { readVendors } from './read-vendors.js';
import type { Catalog, OutageScenario, ResourceProfile, VendorHosting } from './types.js';
import { YamlReader, type Indexed } from './yaml-reader.js';
import { buildCatalog } from './build.js';
import { readCompiledCatalog } from './compiled.js';

export { normaliseVendorName } from './build.js';

/** The files a catalogue directory holds. */
export const CATALOG_FILES = {
  version: 'VERSION',
  vendors: 'vendors.yaml',
  resourceTypes: 'aws-resource-types.yaml',
  outages: 'outages.yaml',
} as const;

const VERSION = /^\d{4}\.\d{1,2}\.\d{1,2}$/;

/** The `catalog/` directory shipped at the package root. */
export function builtinCatalogDir(): string {
  return packagePath('catalog');
}

let builtin: Catalog | undefined;

/** The built-in catalogue, read and validated once per process. */
export function loadBuiltinCatalog(): Catalog {
  // The build validates the YAML once and writes it as JSON (scripts/compile-catalog.mjs); it is
  // used when its hash matches the data files, so an edited catalogue is never served stale.
  builtin ??= readCompiledCatalog(builtinCatalogDir()) ?? loadCatalog(builtinCatalogDir(), {
    hint: 'the built-in catalogue ships with faultline, so this is a bug: please report it (reinstalling may help)',
  });
  return builtin;
}

/** Only the version, without reading the data files: `2026.11.21`. For `--version`. */
export function builtinCatalogVersion(): string {
  return readVersion(builtinCatalogDir(), []);
}

export interface LoadCatalogOptions {
  /** The hint shown with a validation error. */
  hint?: string;
}

/**
 * Reads and validates a catalogue directory (see CATALOG_FILES). Throws a CatalogError listing
 * every problem with file:line:col; never returns partial data.
 */
export function loadCatalog(dir: string, options: LoadCatalogOptions = {}): Catalog {
  const problems: CatalogProblem[] = [];
  const version = readVersion(dir, problems);
  const vendorsFile = open(dir, CATALOG_FILES.vendors, problems);
  const typesFile = open(dir, CATALOG_FILES.resourceTypes, problems);
  const outagesFile = open(dir, CATALOG_FILES.outages, problems);
  const vendors = vendorsFile ? readVendors(vendorsFile) : [];
  const profiles = typesFile ? readResourceTypes(typesFile) : [];
  const scenarios = outagesFile ? readOutages(outagesFile) : [];
  if (vendorsFile?.root !== undefined && outagesFile?.root !== undefined) crossCheck(vendorsFile, vendors, outagesFile, scenarios);
  for (const file of [vendorsFile, typesFile, outagesFile]) if (file) problems.push(...file.problems);
  if (problems.length > 0) {
    throw new CatalogError(problems, options.hint ?? 'fix the entries listed; every entry needs a source URL, asOf and confidence');
  }
  return buildCatalog(
    version,
    vendors.map((v) => v.entry),
    profiles.map((p) => p.entry),
    scenarios.map((s) => s.entry),
  );
}

function display(dir: string, name: string): string {
  const path = join(dir, name);
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

function readText(dir: string, name: string, problems: CatalogProblem[]): string | undefined {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    problems.push({ where: display(dir, name), message: `cannot read the catalogue file (${code})` });
    return undefined;
  }
}

function open(dir: string, name: string, problems: CatalogProblem[]): YamlReader | undefined {
  const text = readText(dir, name, problems);
  return text === undefined ? undefined : new YamlReader(display(dir, name), text);
}

function readVersion(dir: string, problems: CatalogProblem[]): string {
  const text = readText(dir, CATALOG_FILES.version, problems)?.trim();
  if (text === undefined) return 'unknown';
  if (!VERSION.test(text)) problems.push({ where: display(dir, CATALOG_FILES.version), message: `catalogue version '${text}' must look like 2026.11.21` });
  return text;
}

/** References between entries: keys and aliases unique, hostedOn/sharesFailureDomainWith/outages resolve. */
function crossCheck(
  vendorsFile: YamlReader,
  vendors: Indexed<VendorHosting>[],
  outagesFile: YamlReader,
  scenarios: Indexed<OutageScenario>[],
): void {
  const owners = new Map<string, string>();
  for (const { entry, index } of vendors) {
    for (const [name, field] of [[entry.name, 'key'], ...entry.aliases.map((a, j) => [a, `aliases.${j}`])] as [string, string][]) {
      const taken = owners.get(name);
      const path = ['vendors', index, ...field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
      if (taken !== undefined) vendorsFile.problem(path, `'${name}' is already used by vendor '${taken}'`);
      else owners.set(name, entry.name);
    }
  }
  const keys = new Set(vendors.map((v) => v.entry.name));
  const scenarioIds = new Set<string>();
  for (const { entry, index } of scenarios) {
    if (scenarioIds.has(entry.id)) outagesFile.problem(['scenarios', index, 'id'], `scenario id '${entry.id}' is listed twice`);
    scenarioIds.add(entry.id);
  }
  const byKey = new Map(vendors.map((v) => [v.entry.name, v.entry]));
  for (const { entry, index } of vendors) {
    for (const id of referencedIds(entry.hostedOn)) {
      if (!id.startsWith('vendor:')) continue;
      const target = id.slice('vendor:'.length);
      if (!keys.has(target)) vendorsFile.problem(['vendors', index, 'hostedOn'], `vendor '${entry.name}' is hosted on '${id}', which is not in the catalogue`);
      else if (reaches(byKey, target, entry.name)) vendorsFile.problem(['vendors', index, 'hostedOn'], `vendor '${entry.name}' is hosted on '${id}', which is hosted on '${entry.name}': a cycle`);
    }
    (entry.sharesFailureDomainWith ?? []).forEach((other, j) => {
      if (other === entry.name || !keys.has(other)) {
        vendorsFile.problem(['vendors', index, 'sharesFailureDomainWith', j], `'${other}' is not another vendor of the catalogue`);
      }
    });
    entry.outages.forEach((id, j) => {
      if (!scenarioIds.has(id)) vendorsFile.problem(['vendors', index, 'outages', j], `outage '${id}' is not a scenario in ${CATALOG_FILES.outages}`);
    });
  }
}

/** Whether `from`'s hosting chain (through vendor ids) reaches `to`. */
function reaches(byKey: Map<string, VendorHosting>, from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const vendor = byKey.get(from);
  if (!vendor) return false;
  for (const id of referencedIds(vendor.hostedOn)) {
    if (id.startsWith('vendor:') && reaches(byKey, id.slice('vendor:'.length), to, seen)) return true;
  }
  return false;
}


