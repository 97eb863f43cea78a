import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { parseManifest } from './parse.js';
import type { Manifest, ManifestOptions } from './types.js';

export type { ManifestOptions } from './types.js';

/** The names looked for, in order, when no --config is given. */
export const MANIFEST_NAMES = ['faultline.yaml', 'faultline.yml'] as const;

/** The manifest in `cwd` (faultline.yaml, then faultline.yml) as `join(cwd, name)`, if there is one. */
export function findManifest(cwd: string): string | undefined {
  for (const name of MANIFEST_NAMES) {
    const candidate = join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Reads and parses the manifest at `path`; a missing or unreadable file is a ConfigError too.
 * Messages name `displayPath` (the path as the user typed it) rather than the resolved one.
 */
export async function loadManifest(path: string, options: ManifestOptions, displayPath = path): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw readError(displayPath, error);
  }
  return parseManifest(text, displayPath, options);
}

function readError(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ConfigError('no such manifest file', {
      where: path,
      hint: 'create faultline.yaml (see README: faultline.yaml reference) or pass --config <file>',
      cause: error,
    });
  }
  if (code === 'EISDIR') {
    return new ConfigError('the manifest path is a directory, not a file', {
      where: path,
      hint: 'pass the YAML file itself, e.g. --config path/to/faultline.yaml',
      cause: error,
    });
  }
  return new ConfigError(`cannot read the manifest: ${(error as Error).message}`, {
    where: path,
    hint: 'check the file permissions, or pass another file with --config',
    cause: error,
  });
}
