import type { DiagramView } from './types.js';

/** The view as JSON (schemaVersion 1), for web viewers and scripts; ends with "\n". */
export function toJson(view: DiagramView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}
