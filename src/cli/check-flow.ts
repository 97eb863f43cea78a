/**
 * The CI gate around an analysed report: read the baseline, decide, render, set the exit code;
 * or write a new baseline. `commands/check.ts` loads the report and calls in here, so the flow
 * is testable with a hand-built report.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseBaseline, renderBaseline, isExpired, type Baseline } from '../analysis/baseline.js';
import { evaluateGate, gateSummary } from '../analysis/gate.js';
import type { Severity } from '../analysis/rules.js';
import type { Report } from '../analysis/types.js';
import type { Manifest } from '../config/types.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { InputError, type SourcePos } from '../core/errors.js';
import { plural } from '../core/text.js';
import { gateReporters, type GateReporterName } from '../report/gate/index.js';
import { SARIF_MAX_RESULTS, sarifOmitted } from '../report/gate/sarif.js';
import { plainStyle } from '../report/style.js';
import type { CliContext } from './context.js';
import type { Io } from './io.js';
import { writeOutput } from './output.js';
import { styleFor } from './style.js';
import { packageVersion } from './version.js';

export const DEFAULT_BASELINE = '.faultline/baseline.json';

export interface CheckOptions {
  baseline: string;
  updateBaseline?: boolean;
  failOn: Severity;
  failOnStale?: boolean;
  format: GateReporterName;
  output?: string;
  verbose?: boolean;
  /** `YYYY-MM-DD` for `expires`; default today (UTC). */
  today?: string;
}

/** What the gate runs on: the analysed report, and where its findings point in the sources. */
export interface CheckInput {
  report: Report;
  manifest?: Manifest | undefined;
  /** The snapshot file, as the user named it: where SARIF points when there is no manifest. */
  snapshotPath?: string | undefined;
}

export async function runCheck(input: CheckInput, options: CheckOptions, ctx: CliContext): Promise<void> {
  if (options.updateBaseline) {
    await updateBaseline(input.report, options, ctx.io);
    return;
  }
  const baseline = await readBaselineFile(ctx.io, options.baseline, 'check');
  if (baseline === undefined) {
    throw new InputError('no baseline file', {
      where: options.baseline,
      hint: `create it from the current findings with: faultline check --update-baseline${options.baseline === DEFAULT_BASELINE ? '' : ` --baseline ${options.baseline}`} (then commit it)`,
    });
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result = evaluateGate(input.report.findings, baseline, options.baseline, {
    failOn: options.failOn,
    failOnStale: options.failOnStale === true,
    today,
  });
  const toFile = options.output !== undefined && options.output !== '-';
  const text = gateReporters[options.format](result, {
    style: toFile ? plainStyle : styleFor(ctx.io.stdout, ctx.io.env),
    verbose: options.verbose === true,
    width: terminalWidth(ctx.io),
    toolVersion: packageVersion(),
    locate: (service) => declaration(input.manifest, service),
    estateLocation: estateLocation(input, options.baseline),
  });
  await writeOutput(ctx.io, options.output, text);
  const omitted = options.format === 'sarif' ? sarifOmitted(result) : 0;
  if (omitted > 0) {
    ctx.io.stderr.write(
      `faultline: warning: the SARIF leaves out ${plural(omitted, 'finding')} (new ones come first): GitHub code scanning rejects more than ${SARIF_MAX_RESULTS} results per run; --format json lists them all\n`,
    );
  }
  // The table ends with the summary line; every other format is data, so it goes to stderr.
  if (options.format !== 'table' || toFile) ctx.io.stderr.write(`faultline: ${gateSummary(result)}\n`);
  ctx.exitCode = result.passed ? 0 : 1;
}

/** Where faultline.yaml declares a service, or a vendor (shared-fate findings can be about a vendor's fallback). */
function declaration(manifest: Manifest | undefined, service: string): SourcePos | undefined {
  if (!manifest) return undefined;
  const declared = manifest.services.find((s) => s.name === service)?.pos;
  if (declared || !service.startsWith('vendor:')) return declared;
  return manifest.vendors.find((v) => `vendor:${v.name}` === service)?.pos;
}

/**
 * `policy.maxRegionShare` in the manifest; without a manifest, the snapshot or, for a live
 * `--aws` run, the baseline: code scanning refuses results without a location in the repository.
 */
function estateLocation(input: CheckInput, baselinePath: string): SourcePos {
  if (input.manifest) return input.manifest.policyPos;
  return { file: input.snapshotPath ?? baselinePath, line: 1, col: 1 };
}

function terminalWidth(io: Io): number {
  const columns = (io.stdout as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : 100;
}

async function updateBaseline(report: Report, options: CheckOptions, io: Io): Promise<void> {
  const previous = await readBaselineFile(io, options.baseline, 'update');
  const text = renderBaseline(report.findings, previous, `faultline ${packageVersion()}`);
  const path = resolve(io.cwd, options.baseline);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write the baseline (${code ?? String(error)})`, { where: options.baseline, hint: 'check the path and its permissions', cause: error });
  }

  const written = parseBaseline(text, options.baseline);
  const before = new Set(previous?.entries.map((e) => e.id) ?? []);
  const after = new Set(written.entries.map((e) => e.id));
  const added = written.entries.filter((e) => !before.has(e.id)).length;
  const removed = previous ? previous.entries.filter((e) => !after.has(e.id)).length : 0;
  const kept = written.entries.filter((e) => e.reason !== undefined || e.expires !== undefined).length;
  const details = [`${added} added`, `${removed} removed`, ...(kept > 0 ? [`${kept} with a reason or expiry date kept`] : [])].join(', ');
  io.stderr.write(`faultline: wrote ${options.baseline}: ${plural(written.entries.length, 'entry', 'entries')} (${details})\n`);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const expired = written.entries.filter((e) => isExpired(e, today));
  if (expired.length > 0) {
    io.stderr.write(
      `faultline: warning: ${plural(expired.length, 'entry has', 'entries have')} an expires date that has passed; the gate counts ${expired.length === 1 ? 'it' : 'them'} as new until the date is changed or removed\n`,
    );
  }
}

/**
 * Reads the baseline; undefined when the file does not exist. A file that exists but is not a
 * valid baseline is an error in both modes: `--update-baseline` must not overwrite the reasons
 * and expiry dates someone wrote by hand because of one misplaced comma.
 */
export async function readBaselineFile(io: Io, path: string, mode: 'check' | 'update'): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`cannot read the baseline (${code ?? String(error)})`, { where: path, hint: 'check the path and its permissions', cause: error });
  }
  try {
    return parseBaseline(text, path);
  } catch (error) {
    if (mode === 'update' && error instanceof InputError) {
      throw new InputError(error.message, {
        where: error.where,
        hint: 'fix it by hand to keep the reasons and expiry dates written in it, or delete it to start a new baseline',
        cause: error,
      });
    }
    throw error;
  }
}
