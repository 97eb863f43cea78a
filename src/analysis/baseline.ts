/**
 * The baseline: findings a team has accepted, so a CI gate fails only on new ones (the
 * known-violations file of dependency-cruiser, plus `reason` and `expires` so accepted risk is
 * explained and revisited). A finding is matched by its `id`, a fingerprint of rule, subject and
 * service with nothing volatile in it, so the file survives re-runs and reads well in a diff.
 */
import { InputError } from '../core/errors.js';
import { lineCol, parseJsonInput } from '../core/json-input.js';
import { didYouMean, sanitizeForTerminal } from '../core/text.js';
import { SEVERITY_RANK, type Severity } from './rules.js';
import type { Finding } from './types.js';

export const BASELINE_SCHEMA_VERSION = 1;

/** One accepted finding. `reason` and `expires` are written by hand and kept by `--update-baseline`. */
export interface BaselineEntry {
  /** The finding's stable id: what matching uses. */
  id: string;
  rule: string;
  subject: string;
  service: string;
  /** The severity when it was accepted (informative: a severity change does not unmatch it). */
  severity: Severity;
  /** Why the risk is accepted, for the reviewer of the pull request. */
  reason?: string;
  /** `YYYY-MM-DD`: accepted through that day (UTC); from the next day the finding counts as new. */
  expires?: string;
}

/** `.faultline/baseline.json`. */
export interface Baseline {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  /** `faultline 0.1.0`: no timestamp, so regenerating an unchanged baseline changes nothing. */
  generatedBy: string;
  entries: BaselineEntry[];
}

const ENTRY_KEYS = ['id', 'rule', 'subject', 'service', 'severity', 'reason', 'expires'] as const;
const TOP_KEYS = ['schemaVersion', 'generatedBy', 'entries'] as const;
const REGENERATE = 'fix it by hand, or regenerate it with: faultline check --update-baseline';

/**
 * Reads a baseline file's text. Anything that is not a valid version-1 baseline is an
 * InputError naming the file (and line:col where it can): a broken baseline must never be
 * treated as empty, which would either pass everything or fail everything silently.
 */
export function parseBaseline(text: string, path: string): Baseline {
  const data = parseJsonInput(text, path, 'the baseline', REGENERATE);
  if (!isObject(data)) {
    throw new InputError('the baseline must be a JSON object with schemaVersion, generatedBy and entries', { where: path, hint: REGENERATE });
  }
  if (!('schemaVersion' in data)) {
    const looksLikeReport = 'findings' in data && 'blastRadius' in data;
    throw new InputError(looksLikeReport ? 'this is an audit report, not a baseline' : 'this is not a faultline baseline (it has no schemaVersion)', {
      where: path,
      hint: 'create a baseline with: faultline check --update-baseline',
    });
  }
  if (data.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    const newer = typeof data.schemaVersion === 'number' && data.schemaVersion > BASELINE_SCHEMA_VERSION;
    throw new InputError(
      `unsupported baseline schema version ${sanitizeForTerminal(JSON.stringify(data.schemaVersion) ?? 'undefined')} (this faultline reads version ${BASELINE_SCHEMA_VERSION})`,
      {
        where: path,
        hint: newer ? 'a newer faultline wrote it: upgrade faultline, or regenerate the baseline with --update-baseline' : REGENERATE,
      },
    );
  }
  rejectUnknownKeys(data, TOP_KEYS, '', path);
  if (typeof data.generatedBy !== 'string') throw invalid('generatedBy must be a string', path);
  if (!Array.isArray(data.entries)) throw invalid('entries must be an array', path);

  const entries = data.entries.map((raw, i) => {
    const at = `entries[${i}]`;
    // Only computed when reporting an error: searching the text for every entry would be quadratic.
    let located: string | undefined;
    const where = (): string => (located ??= entryWhere(text, path, raw));
    if (!isObject(raw)) throw invalid(`${at} must be an object`, where());
    rejectUnknownKeys(raw, ENTRY_KEYS, `${at}.`, where);
    for (const key of ['id', 'rule', 'subject', 'service'] as const) {
      if (typeof raw[key] !== 'string') throw invalid(`${at}.${key} must be a string`, where());
    }
    if (raw.id === '') throw invalid(`${at}.id is empty`, where());
    if (raw.severity !== 'error' && raw.severity !== 'warning' && raw.severity !== 'info') {
      throw invalid(`${at}.severity must be error, warning or info`, where());
    }
    if (raw.reason !== undefined && typeof raw.reason !== 'string') throw invalid(`${at}.reason must be a string`, where());
    if (raw.expires !== undefined && (typeof raw.expires !== 'string' || !isIsoDate(raw.expires))) {
      throw new InputError(`${at}.expires must be a date written YYYY-MM-DD`, { where: where(), hint: 'write the last day the risk is accepted, e.g. "2026-12-31"' });
    }
    const entry: BaselineEntry = {
      id: raw.id as string,
      rule: raw.rule as string,
      subject: raw.subject as string,
      service: raw.service as string,
      severity: raw.severity,
    };
    if (raw.reason !== undefined) entry.reason = raw.reason as string;
    if (raw.expires !== undefined) entry.expires = raw.expires as string;
    return entry;
  });
  return { schemaVersion: BASELINE_SCHEMA_VERSION, generatedBy: data.generatedBy, entries };
}

/** True when `today` (YYYY-MM-DD) is after the entry's last accepted day. */
export function isExpired(entry: Pick<BaselineEntry, 'expires'>, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

/** A finding the baseline accepts, with the entry that accepts it. */
export interface KnownFinding {
  finding: Finding;
  entry: BaselineEntry;
}

/** Findings measured against a baseline. */
export interface BaselineSplit {
  /**
   * Findings at or above `failOn` that the baseline does not accept: not in it, or in it with an
   * expired entry. Most severe first; the gate fails when this is not empty.
   */
  fresh: Finding[];
  /** Findings at or above `failOn` that a live entry accepts. */
  known: KnownFinding[];
  /** Entries past their `expires` date whose finding is still there (those findings are in `fresh`). */
  expired: BaselineEntry[];
  /** Entries whose finding is gone: fixed since the baseline was written. */
  stale: BaselineEntry[];
  /** Findings under `failOn`: reported, never gated. */
  below: Finding[];
}

export interface SplitOptions {
  failOn: Severity;
  /** `YYYY-MM-DD`, UTC. Injected so the result does not depend on the clock. */
  today: string;
}

export function splitByBaseline(findings: readonly Finding[], baseline: Baseline, options: SplitOptions): BaselineSplit {
  const entries = new Map<string, BaselineEntry>();
  for (const entry of baseline.entries) if (!entries.has(entry.id)) entries.set(entry.id, entry);
  const threshold = SEVERITY_RANK[options.failOn];
  const split: BaselineSplit = { fresh: [], known: [], expired: [], stale: [], below: [] };
  const present = new Set<string>();
  for (const finding of findings) {
    present.add(finding.id);
    if (SEVERITY_RANK[finding.severity] < threshold) {
      split.below.push(finding);
      continue;
    }
    const entry = entries.get(finding.id);
    if (entry === undefined) split.fresh.push(finding);
    else if (isExpired(entry, options.today)) {
      split.fresh.push(finding);
      split.expired.push(entry);
    } else split.known.push({ finding, entry });
  }
  split.stale = [...entries.values()].filter((entry) => !present.has(entry.id));
  // Stable sort: most severe first, the analysis's own ranking within a severity.
  split.fresh.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return split;
}

/**
 * The baseline for the current findings: one entry per finding (all severities, so raising
 * `--fail-on` later needs no new baseline), sorted by rule, subject, service, and keeping the
 * hand-written `reason` and `expires` of entries whose finding is still there.
 */
export function buildBaseline(findings: readonly Finding[], previous: Baseline | undefined, generatedBy: string): Baseline {
  const before = new Map(previous?.entries.map((entry) => [entry.id, entry]) ?? []);
  const byId = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (byId.has(finding.id)) continue;
    const entry: BaselineEntry = {
      id: finding.id,
      rule: finding.rule,
      subject: finding.subject,
      service: finding.service,
      severity: finding.severity,
    };
    const old = before.get(finding.id);
    if (old?.reason !== undefined) entry.reason = old.reason;
    if (old?.expires !== undefined) entry.expires = old.expires;
    byId.set(finding.id, entry);
  }
  const entries = [...byId.values()].sort(
    (a, b) => compare(a.rule, b.rule) || compare(a.subject, b.subject) || compare(a.service, b.service) || compare(a.id, b.id),
  );
  return { schemaVersion: BASELINE_SCHEMA_VERSION, generatedBy, entries };
}

/** The baseline file's text: pretty-printed, keys in a fixed order, ending in a newline. */
export function renderBaseline(findings: readonly Finding[], previous: Baseline | undefined, generatedBy: string): string {
  return `${JSON.stringify(buildBaseline(findings, previous, generatedBy), null, 2)}\n`;
}

/** Code-unit order: the same on every machine and locale, so the file never churns. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function rejectUnknownKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, where: string | (() => string)): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const guess = didYouMean(key, known);
    throw new InputError(`unknown key ${prefix}${sanitizeForTerminal(key)}`, {
      where: typeof where === 'string' ? where : where(),
      hint: guess ? `did you mean "${guess}"?` : `the keys are: ${known.join(', ')}`,
    });
  }
}

function invalid(message: string, where: string): InputError {
  return new InputError(`the baseline is invalid: ${message}`, { where, hint: REGENERATE });
}

/** path:line:col of an entry, found by its id, so the message points into a long file. */
function entryWhere(text: string, path: string, raw: unknown): string {
  if (!isObject(raw) || typeof raw.id !== 'string') return path;
  const at = text.indexOf(JSON.stringify(raw.id));
  if (at < 0) return path;
  const { line, col } = lineCol(text, at);
  return `${path}:${line}:${col}`;
}
