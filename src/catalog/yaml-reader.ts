import { LineCounter, parseDocument, type Document } from 'yaml';
import type { CatalogProblem } from './errors.js';

export type Path = readonly (string | number)[];

/** An entry read from a list, with its index there, so later checks can point at it. */
export interface Indexed<T> {
  entry: T;
  index: number;
}

/**
 * Reads one YAML catalogue file and checks its shape field by field, keeping positions so every
 * problem says file:line:col. Checks collect problems instead of throwing, so one run lists them all.
 */
export class YamlReader {
  readonly problems: CatalogProblem[] = [];
  readonly root: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const pos = this.lines.linePos(error.pos[0]);
      this.problems.push({ where: `${file}:${pos.line}:${pos.col}`, message: `YAML syntax: ${firstLine(error.message)}` });
    }
    this.root = this.doc.errors.length === 0 ? this.doc.toJS() : undefined;
  }

  /** `file:line:col` of the node at `path`, or of its nearest existing parent. */
  where(path: Path): string {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return `${this.file}:${pos.line}:${pos.col}`;
      }
    }
    return this.file;
  }

  problem(path: Path, message: string): void {
    this.problems.push({ where: this.where(path), message });
  }

  /** The mapping at `path`, reporting keys outside `known` (typos in data are bugs). */
  object(value: unknown, path: Path, known: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problem(path, `${describe(path)} must be a mapping`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!known.includes(key)) this.problem([...path, key], `unknown field '${key}' (known: ${known.join(', ')})`);
    }
    return record;
  }

  string(record: Record<string, unknown>, key: string, path: Path, optional: true): string | undefined;
  string(record: Record<string, unknown>, key: string, path: Path, optional?: false): string;
  string(record: Record<string, unknown>, key: string, path: Path, optional = false): string | undefined {
    const value = record[key];
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem([...path, key], value === undefined ? `'${key}' is missing` : `'${key}' must be a non-empty string`);
      return optional ? undefined : '';
    }
    return value.trim();
  }

  boolean(record: Record<string, unknown>, key: string, path: Path): boolean {
    const value = record[key];
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      this.problem([...path, key], `'${key}' must be true or false`);
      return false;
    }
    return value;
  }

  list(record: Record<string, unknown>, key: string, path: Path, optional = false): unknown[] {
    const value = record[key];
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) {
      this.problem([...path, key], value === undefined ? `'${key}' is missing` : `'${key}' must be a list`);
      return [];
    }
    return value;
  }

  stringList(record: Record<string, unknown>, key: string, path: Path, optional = false): string[] {
    const out: string[] = [];
    this.list(record, key, path, optional).forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
      else this.problem([...path, key, i], `'${key}' items must be non-empty strings`);
    });
    return out;
  }

  oneOf<T extends string>(record: Record<string, unknown>, key: string, path: Path, allowed: readonly T[]): T {
    const value = this.string(record, key, path);
    if (!(allowed as readonly string[]).includes(value)) {
      if (value !== '') this.problem([...path, key], `'${key}' is '${value}'; expected one of ${allowed.join(', ')}`);
      return allowed[0]!;
    }
    return value as T;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function describe(path: Path): string {
  return path.length === 0 ? 'the file' : `'${path.join('.')}'`;
}
