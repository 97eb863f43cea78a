/**
 * The CI gate: the current findings against a baseline. Pure; the `check` command reads the
 * files, picks the exit code from `passed`, and renders the result in the format asked for.
 */
import type { Severity } from './rules.js';
import { splitByBaseline, type Baseline, type BaselineSplit } from './baseline.js';
import type { Finding } from './types.js';

export interface GateOptions {
  /** The least severity that fails the gate (`--fail-on`, default error). */
  failOn: Severity;
  /** Stale entries (fixed since the baseline) fail the gate too, so baselines shrink. */
  failOnStale: boolean;
  /** `YYYY-MM-DD`, UTC, for `expires`. */
  today: string;
}

/** What `check` decided, and everything its reporters show. */
export interface GateResult extends BaselineSplit {
  failOn: Severity;
  failOnStale: boolean;
  /** Where the baseline was read from, as the user wrote it: reporters name it in hints. */
  baselinePath: string;
  /** No fresh finding, and no stale entry when `failOnStale`. */
  passed: boolean;
}

export function evaluateGate(findings: readonly Finding[], baseline: Baseline, baselinePath: string, options: GateOptions): GateResult {
  const split = splitByBaseline(findings, baseline, options);
  const passed = split.fresh.length === 0 && !(options.failOnStale && split.stale.length > 0);
  return { ...split, failOn: options.failOn, failOnStale: options.failOnStale, baselinePath, passed };
}

/** "2 new, 5 known (baseline), 1 fixed since baseline": the line every check prints. */
export function gateSummary(result: Pick<GateResult, 'fresh' | 'known' | 'stale'>): string {
  return `${result.fresh.length} new, ${result.known.length} known (baseline), ${result.stale.length} fixed since baseline`;
}
