import { gateJson } from './json.js';
import { gateJunit } from './junit.js';
import { gateMarkdown } from './markdown.js';
import { gateSarif } from './sarif.js';
import { gateTable } from './table.js';
import type { GateReporter } from './types.js';

export type { GateRenderOptions, GateReporter } from './types.js';

/** The `check` reporters. Their names feed `check --format`'s choices. */
export const gateReporters = {
  table: gateTable,
  json: gateJson,
  markdown: gateMarkdown,
  sarif: gateSarif,
  junit: gateJunit,
} as const satisfies Record<string, GateReporter>;
export type GateReporterName = keyof typeof gateReporters;
export const gateReporterNames = Object.keys(gateReporters) as GateReporterName[];
