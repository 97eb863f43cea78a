import { isMap, isScalar, type Node } from 'yaml';
import { IdSyntaxError, parseId, type IdKind } from '../model/ids.js';
import type { Requirement } from '../model/requirement.js';
import { describe, type Walker, type YamlNode } from './yaml-walk.js';

/** A reference met while parsing, checked against the declared names once all are known. */
export interface RefUse {
  id: string;
  kind: IdKind;
  node: Node;
  /** Where it was used, for messages: "dependsOn of service 'checkout'". */
  context: string;
}

const PLACE_KINDS: ReadonlySet<IdKind> = new Set(['provider', 'region', 'zone', 'account']);
const GROUP_KEYS = ['anyOf', 'atLeast', 'of'] as const;

/** Parses an id string at `node` with parseId's message; collects it for the reference check. */
export function parseRef(walker: Walker, node: YamlNode, context: string, refs: RefUse[]): string {
  const id = walker.string(node, `an item of ${context}`, 'write an id such as payments, vendor:stripe or aws:us-east-1');
  let kind: IdKind;
  try {
    kind = parseId(id).kind;
  } catch (error) {
    if (!(error instanceof IdSyntaxError)) throw error;
    return walker.fail(node, `invalid id '${id}' in ${context}: ${error.message}`, 'see the id syntax in README: faultline.yaml reference');
  }
  refs.push({ id, kind, node: node!, context });
  return id;
}

/**
 * Parses a requirement list (`dependsOn`, `runsOn`, `hostedOn`). With `placesOnly`, every id
 * must be a provider, region, zone or account: a service cannot run on a vendor.
 */
export function parseRequirements(
  walker: Walker,
  node: YamlNode,
  context: string,
  placesOnly: boolean,
  refs: RefUse[],
): Requirement[] {
  return walker.items(node, context).map((item) => parseItem(walker, item, context, placesOnly, refs));
}

function parseItem(walker: Walker, node: YamlNode, context: string, placesOnly: boolean, refs: RefUse[]): Requirement {
  if (isScalar(node) && typeof node.value === 'string') {
    const id = parseRef(walker, node, context, refs);
    const kind = refs[refs.length - 1]!.kind;
    if (placesOnly && !PLACE_KINDS.has(kind)) {
      walker.fail(
        node,
        `${context} may only name places (regions, zones, providers, accounts), not the ${kind} '${id}'`,
        kind === 'service' || kind === 'vendor'
          ? `a dependency on ${kind === 'service' ? 'a service' : 'a vendor'} belongs in dependsOn`
          : 'write a place such as aws:us-east-1, aws:us-east-1/use1-az1, onprem:paris-dc1 or account:aws:123456789012',
      );
    }
    return id;
  }
  if (!isMap(node)) {
    walker.fail(
      node,
      `an item of ${context} must be an id or a group (anyOf / atLeast + of), not ${describe(node)}`,
      'write an id such as vendor:stripe, or { anyOf: [a, b] }, or { atLeast: 2, of: [a, b, c] }',
    );
  }
  const groupWhat = `a group in ${context}`;
  const entries = walker.entries(node, groupWhat, GROUP_KEYS);
  const anyOf = entries.find((e) => e.key === 'anyOf');
  const atLeast = entries.find((e) => e.key === 'atLeast');
  const of = entries.find((e) => e.key === 'of');
  const shapeHint = 'a group is either { anyOf: [a, b] } (one of them is enough) or { atLeast: k, of: [a, b, c] } (k of them)';
  if (anyOf !== undefined && (atLeast !== undefined || of !== undefined)) {
    walker.fail((atLeast ?? of)!.keyNode, `${groupWhat} has both anyOf and ${atLeast ? 'atLeast' : 'of'}`, shapeHint);
  }
  if (anyOf !== undefined) {
    const members = groupMembers(walker, anyOf.value, anyOf.keyNode, `anyOf in ${context}`, context, placesOnly, refs);
    return { anyOf: members };
  }
  if (atLeast === undefined && of === undefined) walker.fail(node, `${groupWhat} is empty: it needs anyOf, or atLeast and of`, shapeHint);
  if (atLeast === undefined) walker.fail(of!.keyNode, `${groupWhat} has 'of' without 'atLeast'`, 'add atLeast: <how many must stay up>, or use anyOf');
  if (of === undefined) walker.fail(atLeast.keyNode, `${groupWhat} has 'atLeast' without 'of'`, 'add of: [the members of the group]');
  const k = walker.number(atLeast.value, `atLeast in ${context}`);
  if (!Number.isInteger(k) || k < 1) walker.fail(atLeast.value, `atLeast in ${context} must be a whole number of at least 1, not ${String(k)}`, 'atLeast: k needs k members up, so k is 1 or more; use anyOf when one is enough');
  const members = groupMembers(walker, of.value, of.keyNode, `of in ${context}`, context, placesOnly, refs);
  if (k > members.length) {
    walker.fail(
      atLeast.value,
      `atLeast ${k} in ${context} is larger than its group of ${members.length}`,
      `atLeast counts members of 'of' that must stay up; it can be at most ${members.length}`,
    );
  }
  return { atLeast: k, of: members };
}

function groupMembers(
  walker: Walker,
  value: YamlNode,
  keyNode: Node,
  what: string,
  context: string,
  placesOnly: boolean,
  refs: RefUse[],
): Requirement[] {
  const items = walker.items(value, what);
  if (items.length === 0) walker.fail(value ?? keyNode, `${what} is empty`, 'list the members of the group, or remove the group');
  return items.map((item) => parseItem(walker, item, context, placesOnly, refs));
}
