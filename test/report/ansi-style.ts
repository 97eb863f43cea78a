/** The colours a terminal gets: the CLI's own style, so goldens see exactly what users see. */
export { terminalStyle as ansiStyle } from '../../src/cli/style.js';

// eslint-disable-next-line no-control-regex
export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
