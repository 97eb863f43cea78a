/**
 * Diagrams of an estate: `buildView` decides what to draw; the renderers turn a view into text.
 * Their names feed `export --format`'s choices: one list, here.
 */
import { toDot } from './dot.js';
import { toJson } from './json.js';
import { toMermaid } from './mermaid.js';
import type { DiagramView } from './types.js';

export { buildView, type ViewOptions } from './view.js';
export { toDot } from './dot.js';
export { toMermaid } from './mermaid.js';
export { toJson } from './json.js';
export { toSvg } from './svg.js';
export type * from './types.js';
export { diagramLevels } from './types.js';

/** Renderers that turn a view into text synchronously; `svg` lays out the DOT (see svg.ts). */
export const diagramRenderers = { dot: toDot, mermaid: toMermaid, json: toJson } as const satisfies Record<string, (view: DiagramView) => string>;
export const diagramFormats = ['dot', 'svg', 'mermaid', 'json'] as const;
export type DiagramFormat = (typeof diagramFormats)[number];

/** Above this many nodes a picture stops being readable: warn and suggest `--level service` or `--focus`. */
export const READABLE_NODES = 2000;
/** WASM Graphviz overflows its stack around 10,000 nodes (hpcc-js/wasm #89): refuse above this. */
export const WASM_MAX_NODES = 10000;
