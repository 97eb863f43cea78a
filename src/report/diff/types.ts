import type { ReportDiff } from '../../analysis/diff.js';
import type { Style } from '../style.js';

export interface DiffRenderOptions {
  style: Style;
  /** List everything (every dependency, every service); otherwise long lists are cut. */
  verbose?: boolean;
  /** Terminal columns for the table (default 100). */
  width?: number;
  /** What was compared, as the user named the files. */
  labels: { before: string; after: string };
}

/** A renderer of a diff between two analyses: a pure function to text ending in "\n". */
export type DiffReporter = (diff: ReportDiff, options: DiffRenderOptions) => string;
