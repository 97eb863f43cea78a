import { IdSyntaxError, parseId, type IdKind } from '../model/ids.js';
import type { Requirement } from '../model/requirement.js';
import type { Path, YamlReader } from './yaml-reader.js';

/** What a vendor can be hosted on: infrastructure and other vendors, never a customer's service. */
const HOSTING_KINDS: readonly IdKind[] = ['provider', 'region', 'zone', 'vendor', 'account'];

/** Checks an id and its kind; returns the kind, or undefined after reporting the problem. */
export function checkId(reader: YamlReader, id: string, path: Path, kinds: readonly IdKind[]): IdKind | undefined {
  try {
    const kind = parseId(id).kind;
    if (!kinds.includes(kind)) {
      reader.problem(path, `'${id}' is a ${kind} id; expected a ${kinds.join(', ')} id`);
      return undefined;
    }
    return kind;
  } catch (error) {
    if (!(error instanceof IdSyntaxError)) throw error;
    reader.problem(path, `invalid id '${id}': ${error.message}`);
    return undefined;
  }
}

/**
 * Parses a requirement list in the shared grammar (a reference, `{anyOf: [...]}` or
 * `{atLeast: k, of: [...]}`, nesting allowed), reporting every malformed item.
 */
export function readRequirements(reader: YamlReader, value: unknown, path: Path): Requirement[] {
  if (!Array.isArray(value)) {
    reader.problem(path, 'a requirement list must be a list, e.g. [aws:us-east-1]');
    return [];
  }
  const out: Requirement[] = [];
  value.forEach((item, i) => {
    const parsed = readRequirement(reader, item, [...path, i]);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}

function readRequirement(reader: YamlReader, item: unknown, path: Path): Requirement | undefined {
  if (typeof item === 'string') return checkId(reader, item, path, HOSTING_KINDS) ? item : undefined;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    reader.problem(path, 'a requirement is an id, {anyOf: [...]} or {atLeast: k, of: [...]}');
    return undefined;
  }
  const record = item as Record<string, unknown>;
  if ('anyOf' in record) {
    if (!reader.object(record, path, ['anyOf'])) return undefined;
    const members = readRequirements(reader, record.anyOf, [...path, 'anyOf']);
    if (members.length < 2) reader.problem([...path, 'anyOf'], 'anyOf needs at least two members');
    return { anyOf: members };
  }
  if (!reader.object(record, path, ['atLeast', 'of'])) return undefined;
  const members = readRequirements(reader, record.of, [...path, 'of']);
  const k = record.atLeast;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > members.length) {
    reader.problem([...path, 'atLeast'], `atLeast must be a whole number from 1 to the number of members (${members.length})`);
    return undefined;
  }
  return { atLeast: k, of: members };
}

/** A source must be an absolute http(s) URL, so a reader can follow it. */
export function checkUrl(reader: YamlReader, url: string, path: Path): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return true;
  } catch {
    // fall through to the report below
  }
  reader.problem(path, `source '${url}' is not an http(s) URL`);
  return false;
}

const KEY = /^[a-z0-9][a-z0-9._-]*$/;

/** Catalogue keys, aliases and scenario ids: lower-case, valid as the `<name>` of `vendor:<name>`. */
export function checkKey(reader: YamlReader, key: string, path: Path, what: string): boolean {
  if (KEY.test(key)) return true;
  reader.problem(path, `${what} '${key}' must be lower-case letters, digits, ".", "_" and "-"`);
  return false;
}
