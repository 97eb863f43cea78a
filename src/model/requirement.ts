/**
 * A requirement item, in the grammar shared by `dependsOn`, `runsOn` and `hostedOn`:
 * a reference (an id, all needed), or a redundancy group that needs one (`anyOf`) or k
 * (`atLeast`) of its members up. Groups may nest.
 */
export type Requirement = string | AnyOf | AtLeast;

export interface AnyOf {
  anyOf: Requirement[];
}

export interface AtLeast {
  atLeast: number;
  of: Requirement[];
}

export function isGroup(item: Requirement): item is AnyOf | AtLeast {
  return typeof item !== 'string';
}

/** The members and the number that must stay up, for any group. */
export function groupShape(group: AnyOf | AtLeast): { members: Requirement[]; needUp: number; op: 'anyOf' | 'atLeast' } {
  return 'anyOf' in group
    ? { members: group.anyOf, needUp: 1, op: 'anyOf' }
    : { members: group.of, needUp: group.atLeast, op: 'atLeast' };
}

/** A readable one-line form: `anyOf(vendor:slack, vendor:teams)`, `2 of (a, b, c)`. */
export function formatRequirement(item: Requirement): string {
  if (typeof item === 'string') return item;
  const { members, needUp, op } = groupShape(item);
  const inner = members.map(formatRequirement).join(', ');
  // `atLeast: 1` is anyOf; both print the same, as the engine's gate labels do.
  return op === 'anyOf' || needUp === 1 ? `anyOf(${inner})` : `${needUp} of (${inner})`;
}

/** Every id mentioned by a list of requirement items, depth first. */
export function* referencedIds(items: readonly Requirement[]): Generator<string> {
  for (const item of items) {
    if (typeof item === 'string') yield item;
    else yield* referencedIds(groupShape(item).members);
  }
}
