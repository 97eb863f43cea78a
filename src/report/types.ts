import type { Report } from '../analysis/types.js';
import type { Style } from './style.js';

/** How a reporter renders: colour, how much of the ranking to show, how wide the terminal is. */
export interface RenderOptions {
  /** Colour, injected: `plainStyle` for pipes, files and tests. */
  style: Style;
  /** Blast-radius entries shown: 10 for the table by default; Infinity for json unless `--top`. */
  top: number;
  /** Show everything in full: no "+N more", no shortened ids. */
  verbose?: boolean;
  /** Columns available to the terminal table (default 100); other formats ignore it. */
  width?: number;
}

/**
 * A reporter: a pure function from the analysis result to text (ending in "\n"). It reads the
 * report and nothing else, and escapes every untrusted string for its own format.
 */
export type Reporter = (report: Report, options: RenderOptions) => string;
