import type { Confidence, OutageScenario } from './types.js';
import { checkId, checkKey, checkUrl } from './check.js';
import type { Indexed, YamlReader } from './yaml-reader.js';
import { isFailPattern } from './scenarios.js';

const FIELDS = [
  'id', 'title', 'date', 'start', 'end', 'provider', 'domain', 'summary', 'fail', 'approximation', 'sources', 'confidence', 'asOf',
] as const;
const SCENARIO_CONFIDENCE: readonly Exclude<Confidence, 'unknown'>[] = ['high', 'medium', 'low'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Reads outages.yaml. */
export function readOutages(reader: YamlReader): Indexed<OutageScenario>[] {
  if (reader.root === undefined) return [];
  const root = reader.object(reader.root, [], ['schemaVersion', 'scenarios']);
  if (!root) return [];
  if (root.schemaVersion !== 1) reader.problem(['schemaVersion'], 'schemaVersion must be 1');
  const out: Indexed<OutageScenario>[] = [];
  reader.list(root, 'scenarios', []).forEach((raw, i) => {
    const path = ['scenarios', i];
    const r = reader.object(raw, path, FIELDS);
    if (!r) return;
    const id = reader.string(r, 'id', path);
    checkKey(reader, id, [...path, 'id'], 'scenario id');
    const date = reader.string(r, 'date', path);
    if (date !== '' && !DATE.test(date)) reader.problem([...path, 'date'], `date '${date}' must be YYYY-MM-DD`);
    const sources = reader.stringList(r, 'sources', path);
    if (sources.length === 0) reader.problem([...path, 'sources'], `scenario '${id}' needs at least one source URL`);
    sources.forEach((url, j) => checkUrl(reader, url, [...path, 'sources', j]));
    const fail = reader.stringList(r, 'fail', path);
    fail.forEach((item, j) => checkFailItem(reader, item, [...path, 'fail', j]));
    const scenario: OutageScenario = {
      id,
      title: reader.string(r, 'title', path),
      date,
      provider: reader.string(r, 'provider', path),
      domain: reader.string(r, 'domain', path),
      summary: reader.string(r, 'summary', path),
      fail,
      sources,
      confidence: reader.oneOf(r, 'confidence', path, SCENARIO_CONFIDENCE),
      asOf: reader.string(r, 'asOf', path),
    };
    for (const key of ['start', 'end'] as const) {
      const value = reader.string(r, key, path, true);
      if (value === undefined) continue;
      if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) reader.problem([...path, key], `${key} '${value}' must be an ISO-8601 UTC instant, e.g. 2025-10-20T06:48:00Z`);
      scenario[key] = value;
    }
    const approximation = reader.string(r, 'approximation', path, true);
    if (approximation !== undefined) scenario.approximation = approximation;
    if (fail.length === 0 && approximation === undefined) {
      reader.problem([...path, 'fail'], `scenario '${id}' fails nothing: add an approximation saying why it cannot be replayed`);
    }
    out.push({ entry: scenario, index: i });
  });
  return out;
}

function checkFailItem(reader: YamlReader, item: string, path: (string | number)[]): void {
  if (!item.includes('*')) {
    checkId(reader, item, path, ['provider', 'region', 'zone', 'account', 'vendor', 'resource']);
    return;
  }
  if (!isFailPattern(item)) {
    reader.problem(path, `'${item}': '*' is only allowed as the last segment of an account or zone id (account:aws:*, aws:us-east-1/*)`);
  }
}
