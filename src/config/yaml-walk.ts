import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { ConfigError, type SourcePos } from '../core/errors.js';
import { didYouMean } from '../core/text.js';

/** A YAML node after aliases are resolved; `null` for a key with no value (`batch:`). */
export type YamlNode = Node | null;

const MAX_ALIAS_EXPANSIONS = 1_000_000;

/** One entry of a mapping, with its key as text and the key's node for positions. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: YamlNode;
}

/**
 * Reads the YAML AST while keeping every node's position, so that each error says
 * file:line:col. All checks throw a ConfigError at the first problem.
 */
export class Walker {
  /** Alias expansions so far; bounded so that nested aliases ("billion laughs") cannot hang us. */
  private aliasBudget = MAX_ALIAS_EXPANSIONS;
  private readonly aliasTargets = new Map<object, unknown>();

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  pos(node: YamlNode | undefined): SourcePos {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file, line: 1, col: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  where(node: YamlNode | undefined): string {
    const { file, line, col } = this.pos(node);
    return `${file}:${line}:${col}`;
  }

  /** Every manifest error says how to fix it: `hint` is required. */
  fail(node: YamlNode | undefined, message: string, hint: string): never {
    throw new ConfigError(message, { where: this.where(node), hint });
  }

  /** Follows `*alias` to its anchored node, so anchors work anywhere a value does. */
  resolve(node: unknown): YamlNode {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (--this.aliasBudget < 0) {
        this.fail(node, `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS})`, 'expand nested anchors by hand or use fewer aliases');
      }
      // yaml's Alias.resolve searches the whole document on every call; nested aliases resolve
      // the same few alias nodes over and over, so each one's target is looked up once.
      let target = this.aliasTargets.get(node);
      if (target === undefined) {
        target = node.resolve(this.doc);
        if (target === undefined) this.fail(node, `unknown alias '*${node.source}'`, 'define the anchor (&name) before using it');
        this.aliasTargets.set(node, target);
      }
      return this.resolve(target);
    }
    return node as Node;
  }

  /** True for an absent value: `key:` or `key: null` or `key: ~`. */
  isNull(node: YamlNode): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  /**
   * The entries of a mapping, in source order. Duplicate keys point at the second occurrence
   * and name the line of the first; keys outside `allowed` (when given) get a did-you-mean.
   * `what` names the mapping in messages ("service 'checkout'", "the top level").
   */
  entries(node: YamlNode, what: string, allowed?: readonly string[], duplicateNoun = 'key'): Entry[] {
    const map = this.expectMap(node, what);
    const seen = new Map<string, Node>();
    const out: Entry[] = [];
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const keyNode = this.resolve(pair.key);
      const key = this.keyText(keyNode, what);
      const first = seen.get(key);
      if (first !== undefined) {
        const noun = duplicateNoun === 'key' ? `key '${key}' in ${what}` : `${duplicateNoun} '${key}'`;
        this.fail(keyNode, `duplicate ${noun} (first on line ${this.pos(first).line})`, 'remove or rename one of them');
      }
      seen.set(key, keyNode!);
      if (allowed !== undefined) this.checkAllowed(key, keyNode, what, allowed);
      out.push({ key, keyNode: keyNode!, value: this.resolve(pair.value) });
    }
    return out;
  }

  /** Refuses a key outside `allowed`, suggesting the nearest allowed one. */
  checkAllowed(key: string, keyNode: YamlNode, what: string, allowed: readonly string[]): void {
    if (allowed.includes(key)) return;
    const guess = didYouMean(key, allowed);
    this.fail(
      keyNode,
      `unknown key '${key}' in ${what}${guess === undefined ? '' : `; did you mean '${guess}'?`}`,
      `allowed keys: ${allowed.join(', ')}`,
    );
  }

  expectMap(node: YamlNode, what: string): YAMLMap {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping (key: value), not ${describe(node)}`, 'indent its keys under it, one `key: value` per line (see README: faultline.yaml reference)');
    return node;
  }

  /** The items of a sequence; a single scalar is not accepted, so `dependsOn: payments` is caught. */
  items(node: YamlNode, what: string): YamlNode[] {
    if (!isSeq(node)) {
      this.fail(node, `${what} must be a list, not ${describe(node)}`, 'write it as a YAML list: [a, b] or one "- item" per line');
    }
    return (node as YAMLSeq).items.map((item) => this.resolve(item));
  }

  string(node: YamlNode, what: string, hint?: string): string {
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.fail(node, `${what} must be a string, not ${describe(node)}`, hint ?? 'quote it: "value"');
    }
    return node.value as string;
  }

  boolean(node: YamlNode, what: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.fail(node, `${what} must be true or false, not ${describe(node)}`, 'write true or false without quotes');
    }
    return node.value as boolean;
  }

  number(node: YamlNode, what: string): number {
    if (!isScalar(node) || typeof node.value !== 'number') this.fail(node, `${what} must be a number, not ${describe(node)}`, 'write a plain number without quotes, e.g. 0.5');
    return node.value as number;
  }

  /**
   * A mapping key as text. A plain key that YAML reads as a number or boolean (`404:`) keeps
   * its source text, so a service may be named `404`; a null or complex key is refused.
   */
  private keyText(node: YamlNode, what: string): string {
    if (isScalar(node)) {
      if (typeof node.value === 'string') return node.value;
      if (typeof node.value === 'number' || typeof node.value === 'boolean') return node.source ?? String(node.value);
    }
    return this.fail(node, `a key in ${what} must be a name, not ${describe(node)}`, 'use a plain name (letters, digits, ".", "_", "-") as the key');
  }
}

/** How a node reads in a message: "a list", "the number 3", "nothing". */
export function describe(node: YamlNode): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
    if (typeof v === 'number') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  }
  return 'an unsupported value';
}
