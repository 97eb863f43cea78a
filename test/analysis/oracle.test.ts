import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeEstate } from '../helpers/analyze.js';
import { formatRequirement, type Requirement } from '../../src/model/requirement.js';
import { bruteForceDown, oracleModel, randomEstate } from '../helpers/random-estate.js';

const SEEDS = 300;

test(`the engine's blast radius equals a brute-force fixpoint for every single failure on ${SEEDS} random estates`, () => {
  let compared = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const estate = randomEstate(seed);
    const report = analyzeEstate(estate);
    const model = oracleModel(estate);
    const serviceNames = new Set(estate.manifest.services.map((s) => s.name));
    const critical = new Set(estate.manifest.services.filter((s) => s.critical).map((s) => s.name));
    const engine = new Map(report.blastRadius.map((b) => [b.failure, b]));

    for (const candidate of model.keys()) {
      const down = bruteForceDown(model, [candidate]);
      const services = [...down].filter((id) => serviceNames.has(id)).sort();
      const entry = engine.get(candidate);
      const where = `seed ${seed}, failing ${candidate}`;
      assert.deepEqual(entry?.services ?? [], services, `${where}: services down`);
      if (entry) {
        assert.deepEqual(entry.criticalServices, services.filter((s) => critical.has(s)), `${where}: critical services`);
        assert.equal(entry.resources, [...down].filter((id) => id.startsWith('arn:')).length, `${where}: resources down`);
      }
      compared++;
    }
    for (const failure of engine.keys()) assert.ok(model.has(failure), `seed ${seed}: the engine ranks ${failure}, which the oracle does not know`);
  }
  assert.ok(compared > SEEDS * 10, `compared ${compared} failures`);
});

test('shared-fate findings name exactly the most specific single failures that take a whole group down', () => {
  let checked = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const estate = randomEstate(seed);
    const report = analyzeEstate(estate);
    const model = oracleModel(estate);
    const groups: { owner: string; group: Requirement }[] = [];
    const collect = (owner: string, items: readonly Requirement[]): void => {
      for (const item of items) {
        if (typeof item === 'string') continue;
        groups.push({ owner, group: item });
        collect(owner, 'anyOf' in item ? item.anyOf : item.of);
      }
    };
    for (const s of estate.manifest.services) collect(s.name, [...s.runsOn, ...s.dependsOn]);
    for (const v of estate.manifest.vendors) collect(`vendor:${v.name}`, v.hostedOn ?? []);
    for (const f of estate.manifest.fallbacks) groups.push({ owner: f.primary, group: { anyOf: [f.primary, f.fallback] } });

    const expected = new Set<string>();
    for (const { owner, group } of groups) {
      const causes = [...model.keys()].filter((c) => groupDown(group, bruteForceDown(model, [c])));
      for (const c of causes) {
        const downByC = bruteForceDown(model, [c]);
        if (causes.some((other) => other !== c && downByC.has(other))) continue;
        expected.add(`${c} | ${owner} | ${formatRequirement(group)}`);
      }
    }
    const actual = new Set(
      report.findings
        .filter((f) => f.rule === 'shared-fate' && !f.message.includes(' replicas of '))
        .map((f) => `${f.subject} | ${f.service} | ${f.message.startsWith('primary') ? fallbackLabel(f.message) : groupLabel(f.message)}`),
    );
    assert.deepEqual([...actual].sort(), [...expected].sort(), `seed ${seed}`);
    checked += expected.size;
  }
  assert.ok(checked > 50, `checked ${checked} shared-fate findings`);
});

function groupDown(item: Requirement, down: ReadonlySet<string>): boolean {
  if (typeof item === 'string') return down.has(item);
  const members = 'anyOf' in item ? item.anyOf : item.of;
  const needUp = 'anyOf' in item ? 1 : item.atLeast;
  return members.filter((m) => !groupDown(m, down)).length < needUp;
}

function groupLabel(message: string): string {
  return /^redundancy group (.*) of \S+ fails entirely/.exec(message)![1]!;
}

function fallbackLabel(message: string): string {
  const [, primary, fallback] = /^primary (\S+) and its fallback (\S+) both fail/.exec(message)!;
  return `anyOf(${primary}, ${fallback})`;
}
