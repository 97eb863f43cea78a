import type { BaselineEntry } from '../../analysis/baseline.js';
import { finding } from '../json.js';
import type { GateReporter } from './types.js';

/**
 * The gate as JSON for scripts: the verdict, the counts of the summary line, and the findings
 * and entries behind them, keys in a fixed order.
 */
export const gateJson: GateReporter = (result) =>
  `${JSON.stringify(
    {
      schemaVersion: 1,
      passed: result.passed,
      failOn: result.failOn,
      failOnStale: result.failOnStale,
      baseline: result.baselinePath,
      summary: {
        new: result.fresh.length,
        known: result.known.length,
        fixed: result.stale.length,
        expired: result.expired.length,
        below: result.below.length,
      },
      new: result.fresh.map(finding),
      known: result.known.map(({ finding: f, entry }) => ({
        ...finding(f),
        ...(entry.reason === undefined ? {} : { reason: entry.reason }),
        ...(entry.expires === undefined ? {} : { expires: entry.expires }),
      })),
      fixed: result.stale.map(entry),
      expired: result.expired.map(entry),
      below: result.below.map(finding),
    },
    null,
    2,
  )}\n`;

function entry(e: BaselineEntry): BaselineEntry {
  return {
    id: e.id,
    rule: e.rule,
    subject: e.subject,
    service: e.service,
    severity: e.severity,
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    ...(e.expires === undefined ? {} : { expires: e.expires }),
  };
}
