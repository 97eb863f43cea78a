import { json } from './json.js';
import { markdown } from './markdown.js';
import { table } from './table.js';
import type { Reporter } from './types.js';

export type { RenderOptions, Reporter } from './types.js';

/** The audit reporters. Their names feed `--format`'s choices: one list, here. */
export const reporters = { table, json, markdown } as const satisfies Record<string, Reporter>;
export type ReporterName = keyof typeof reporters;
export const reporterNames = Object.keys(reporters) as ReporterName[];
