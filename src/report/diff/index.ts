import { diffJson } from './json.js';
import { diffMarkdown } from './markdown.js';
import { diffTable } from './table.js';
import type { DiffReporter } from './types.js';

export type { DiffRenderOptions, DiffReporter } from './types.js';

/** The `diff` reporters; their names feed `diff --format`'s choices. */
export const diffReporters = { table: diffTable, json: diffJson, markdown: diffMarkdown } as const satisfies Record<string, DiffReporter>;
export type DiffReporterName = keyof typeof diffReporters;
export const diffReporterNames = Object.keys(diffReporters) as DiffReporterName[];
