/**
 * Gathers an audit's inputs (snapshot file or live AWS collection, faultline.yaml, the built-in
 * catalogue) and compiles them into an Estate. Shared by audit, check, export, simulate and demo.
 */
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { analyze } from '../analysis/analyze.js';
import { analyzePairs } from '../analysis/pairs.js';
import type { Report } from '../analysis/types.js';
import { loadBuiltinCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { findManifest, loadManifest } from '../config/load.js';
import type { Manifest } from '../config/types.js';
import { InputError, UsageError } from '../core/errors.js';
import { estateCompiler, type Estate, type EstateCompiler } from '../model/estate.js';
import { IdSyntaxError } from '../model/ids.js';
import { emptySnapshot, type Snapshot } from '../model/snapshot.js';
import { readSnapshot, scanSnapshot } from '../model/snapshot-io.js';
import { collectAws, enforceStrict, type AwsCliOptions } from './aws-options.js';
import type { Io } from './io.js';
import { phaseTimer } from './timings.js';
import { packageVersion } from './version.js';

export interface EstateOptions extends AwsCliOptions {
  /** A snapshot file from `faultline collect`. */
  snapshot?: string | undefined;
  /** faultline.yaml; default ./faultline.yaml (or .yml) when present. */
  config?: string | undefined;
  serviceTag?: string | undefined;
  /**
   * false: compile the snapshot file's resources as they are read and return the snapshot
   * without them (what `audit` needs, in a fraction of the memory). Default true.
   */
  keepResources?: boolean | undefined;
}

export interface LoadedEstate {
  estate: Estate;
  catalog: Catalog;
  snapshot: Snapshot;
  manifest?: Manifest | undefined;
}

/** Every name and alias the catalogue answers to: a manifest may reference them undeclared. */
export function catalogVendorNames(catalog: Catalog): Set<string> {
  const names = new Set<string>();
  for (const v of catalog.vendors()) {
    names.add(v.name);
    for (const alias of v.aliases) names.add(alias);
  }
  return names;
}

export async function loadEstate(options: EstateOptions, io: Io, given?: { snapshot?: Snapshot }): Promise<LoadedEstate> {
  if (options.snapshot && options.aws) {
    throw new UsageError('give a snapshot file or --aws, not both', { hint: 'collect with --aws, or analyse a snapshot written by `faultline collect`' });
  }
  const lap = phaseTimer(io);
  const catalog = loadBuiltinCatalog();
  lap('catalog');
  const configPath = options.config ?? findManifest(io.cwd);
  const manifest = configPath
    ? await loadManifest(resolve(io.cwd, configPath), { knownVendors: catalogVendorNames(catalog) }, options.config ?? relative(io.cwd, configPath))
    : undefined;
  lap('manifest');

  const compile = (snapshot: Omit<Snapshot, 'resources'>, expectedResources?: number): EstateCompiler =>
    estateCompiler({ snapshot, manifest, catalog, serviceTag: options.serviceTag, expectedResources });
  let snapshot: Snapshot;
  let streamed: EstateCompiler | undefined;
  if (given?.snapshot) snapshot = given.snapshot;
  else if (options.snapshot && options.keepResources === false) {
    // Compiled as it is read: the parsed resources are never all in memory at once.
    const path = resolve(io.cwd, options.snapshot);
    const expected = Math.ceil((await stat(path).then((s) => s.size, () => 0)) / 300);
    const head = await scanSnapshot(path, options.snapshot, (header) => {
      const compiler = (streamed = compile(header, expected));
      return (resource) => {
        try {
          compiler.add(resource);
        } catch (error) {
          throw invalidId(error, options.snapshot);
        }
      };
    });
    snapshot = { ...head, resources: [] };
  } else if (options.snapshot) snapshot = await readSnapshot(resolve(io.cwd, options.snapshot), options.snapshot);
  else if (options.aws) snapshot = await collectAws(options, io);
  else if (manifest) snapshot = emptySnapshot(packageVersion());
  else {
    throw new UsageError('nothing to analyse: no snapshot, no --aws and no faultline.yaml here', {
      hint: 'pass a snapshot written by `faultline collect`, --aws to collect now, or --config <faultline.yaml>; `faultline demo` shows a whole run',
    });
  }
  if (!options.aws) enforceStrict(snapshot, options.strict);
  lap('read');

  try {
    let estate: Estate;
    if (streamed) estate = streamed.finish();
    else {
      const compiler = compile(snapshot, snapshot.resources.length);
      for (const resource of snapshot.resources) compiler.add(resource);
      estate = compiler.finish();
    }
    lap('compile');
    return { estate, catalog, snapshot, manifest };
  } catch (error) {
    throw invalidId(error, options.snapshot);
  }
}

/** An IdSyntaxError from compiling becomes the user's InputError; anything else is unchanged. */
function invalidId(error: unknown, snapshot: string | undefined): unknown {
  if (!(error instanceof IdSyntaxError)) return error;
  return new InputError(`the snapshot holds an invalid id: ${error.message}`, {
    where: snapshot ?? 'collected snapshot',
    hint: 're-run `faultline collect`; if it persists, please report it',
    cause: error,
  });
}

/**
 * Loads the estate and analyses it: what `audit` and `check` report on. The returned snapshot
 * is its header only (`resources` empty): once compiled, the resources live in the estate's
 * graph, and letting the parsed records go before the analysis runs is what keeps a
 * million-resource audit under 1 GB.
 */
export async function loadReport(options: EstateOptions & { pairs?: boolean }, io: Io): Promise<LoadedEstate & { report: Report }> {
  const { estate, catalog, manifest, snapshot } = await loadWithoutResources({ ...options, keepResources: false }, io);
  const lap = phaseTimer(io);
  const report = analyze(estate);
  lap('analyze');
  if (options.pairs) {
    report.pairs = analyzePairs(estate);
    lap('pairs');
  }
  return { estate, catalog, manifest, snapshot, report };
}

/** A frame of its own, so nothing in loadReport's keeps parsed resources reachable (from --aws or a given snapshot). */
async function loadWithoutResources(options: EstateOptions, io: Io): Promise<LoadedEstate> {
  const loaded = await loadEstate(options, io);
  return { ...loaded, snapshot: { ...loaded.snapshot, resources: [] } };
}
