/**
 * Colour as an injected object: renderers call `style.red(text)` and never know whether the
 * terminal has colour. The CLI builds a chalk-backed style on a TTY; tests and pipes get `plainStyle`.
 */
export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  blue(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const identity = (text: string): string => text;

export const plainStyle: Style = {
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
  blue: identity,
  bold: identity,
  dim: identity,
};
