import { parseId } from '../model/ids.js';
import type { OutageScenario } from './types.js';

/** The largest number of failure sets one replay expands to; an estate with more accounts is trimmed. */
export const MAX_FAILURE_SETS = 1000;

/**
 * Whether `item` is a scenario pattern: `*` as the whole last segment of an account id
 * (`account:aws:*`: one account of that provider) or of a zone id (`aws:us-east-1/*`: one zone).
 */
export function isFailPattern(item: string): boolean {
  if (!item.endsWith('*') || item.indexOf('*') !== item.length - 1) return false;
  const stem = item.slice(0, -1);
  if (!(stem.endsWith(':') || stem.endsWith('/'))) return false;
  try {
    const kind = parseId(`${stem}x`).kind;
    return (kind === 'account' && stem.startsWith('account:')) || (kind === 'zone' && stem.endsWith('/'));
  } catch {
    return false;
  }
}

/**
 * The sets of ids to fail, one replay each, when `scenario` is replayed against an estate whose
 * ids are `estateIds`. Concrete ids are in every set. Each pattern is replaced by one matching
 * estate id at a time (the event hit one account or one zone, and the sources do not say which),
 * so the caller replays every set and reports the worst. A pattern that matches nothing drops
 * out; the result is empty when nothing is left to fail.
 */
export function scenarioFailureSets(scenario: OutageScenario, estateIds: Iterable<string>): string[][] {
  const fixed = scenario.fail.filter((item) => !isFailPattern(item));
  const patterns = scenario.fail.filter(isFailPattern);
  const ids = [...new Set(estateIds)].sort();
  let sets: string[][] = [fixed];
  for (const pattern of patterns) {
    const stem = pattern.slice(0, -1);
    const matches = ids.filter((id) => id.startsWith(stem) && id.length > stem.length && !id.slice(stem.length).includes('/'));
    if (matches.length === 0) continue;
    sets = sets.flatMap((set) => matches.map((match) => [...set, match])).slice(0, MAX_FAILURE_SETS);
  }
  return sets.filter((set) => set.length > 0);
}
