/**
 * `faultline diff old new`: each side is a JSON report (from `audit --format json`) or a
 * snapshot (from `collect`), told apart by content. Snapshots are analysed with the same
 * manifest and catalogue, which also yields their dependencies. `commands/diff.ts` supplies
 * the analysis, so this flow is testable with reports alone.
 */
import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diffReports, type DiffSide } from '../analysis/diff.js';
import { looksLikeReport, validateReport } from '../analysis/report-input.js';
import { InputError } from '../core/errors.js';
import { diffReporters, type DiffReporterName } from '../report/diff/index.js';
import { plainStyle } from '../report/style.js';
import type { CliContext } from './context.js';
import type { Io } from './io.js';
import { writeOutput } from './output.js';
import { styleFor } from './style.js';

const HINT = 'pass two reports from `faultline audit --format json`, or two snapshots from `faultline collect`';

export interface DiffOptions {
  format: DiffReporterName;
  output?: string;
  verbose?: boolean;
}

/**
 * Analyses the snapshot file at `path` (as the user named it, relative to the working directory)
 * into a report and its dependencies. It reads the file itself, so it can compile the resources
 * as they stream past instead of holding two whole snapshots.
 */
export type AnalyseSnapshot = (path: string) => Promise<DiffSide>;

export async function runDiff(before: string, after: string, options: DiffOptions, ctx: CliContext, analyseSnapshot: AnalyseSnapshot): Promise<void> {
  const [old, now] = [await loadSide(before, ctx.io, analyseSnapshot), await loadSide(after, ctx.io, analyseSnapshot)];
  const diff = diffReports(old, now);
  const toFile = options.output !== undefined && options.output !== '-';
  const columns = (ctx.io.stdout as { columns?: unknown }).columns;
  const text = diffReporters[options.format](diff, {
    style: toFile ? plainStyle : styleFor(ctx.io.stdout, ctx.io.env),
    verbose: options.verbose === true,
    width: typeof columns === 'number' && columns > 0 ? columns : 100,
    labels: { before, after },
  });
  await writeOutput(ctx.io, options.output, text);
}

/** A report when the file is one JSON document shaped like a report; otherwise a snapshot. */
export async function loadSide(path: string, io: Io, analyseSnapshot: AnalyseSnapshot): Promise<DiffSide> {
  const absolute = resolve(io.cwd, path);
  const head = await readHead(absolute, path);
  // JSON Lines snapshots announce themselves on line 1; only a single document can be a report.
  if (!/^\s*\{[^\n]*"format"\s*:\s*"faultline-snapshot"/.test(head)) {
    const text = await readFile(absolute, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      data = undefined;
    }
    if (looksLikeReport(data)) return { report: validateReport(data, path) };
    if (typeof data === 'object' && data !== null && !('resources' in data)) {
      throw new InputError('this is neither a report nor a snapshot', { where: path, hint: HINT });
    }
  }
  return analyseSnapshot(path);
}

async function readHead(absolute: string, path: string): Promise<string> {
  try {
    const handle = await open(absolute, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`, {
      where: path,
      hint: HINT,
      cause: error,
    });
  }
}
