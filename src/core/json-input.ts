import { InputError } from './errors.js';
import { sanitizeForTerminal } from './text.js';

/**
 * Parses JSON read from `path`. A syntax error becomes an InputError whose `where` is
 * `path:line:col`, so an editor can jump to it. V8 does not report a position for every error
 * on Node 20 (not for a trailing comma, the classic hand-edit mistake), so on failure a small
 * scanner finds the offending character itself.
 */
export function parseJsonInput(text: string, path: string, what: string, hint: string): unknown {
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const found = findJsonError(body);
    const reason = found?.reason ?? sanitizeForTerminal(error instanceof Error ? error.message : String(error));
    const pos = found ? lineCol(text, found.offset + bom) : undefined;
    throw new InputError(`${what} is not valid JSON: ${reason}`, {
      where: pos ? `${path}:${pos.line}:${pos.col}` : path,
      hint,
      cause: error,
    });
  }
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The offset and a short reason for the first syntax error in `text`, or undefined if it is valid JSON. */
export function findJsonError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (reason?: string): never => {
    if (i >= text.length) throw new ScanError(text.length, 'unexpected end of input');
    throw new ScanError(i, reason ?? `unexpected ${JSON.stringify(text[i])}`);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('control character in a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 4;
        } else if (i >= text.length || !'"\\/bfnrt'.includes(text[i]!)) fail('bad escape');
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma' : 'expected a double-quoted property name');
        string();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('trailing comma');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}
