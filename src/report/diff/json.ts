import type { DiffReporter } from './types.js';

/** The diff as JSON, keys in a fixed order, for scripts. */
export const diffJson: DiffReporter = (diff, options) =>
  `${JSON.stringify(
    {
      schemaVersion: 1,
      before: options.labels.before,
      after: options.labels.after,
      inventory: diff.inventory,
      findings: diff.findings,
      blastRadius: diff.blastRadius,
      concentration: diff.concentration,
      dependencies: diff.dependencies ?? null,
    },
    null,
    2,
  )}\n`;
