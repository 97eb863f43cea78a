import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePairs, sweepScenarios } from '../../src/analysis/pairs.js';
import { emptyCatalog } from '../../src/catalog/types.js';
import { compileEstate } from '../../src/model/estate.js';
import { NodeKind } from '../../src/model/graph.js';
import { manifest } from '../helpers/manifest.js';
import { bruteForceDown, oracleModel, randomEstate, rng } from '../helpers/random-estate.js';

const SEEDS = 150;

test(`--pairs equals brute force for every pair of zones and of regions on ${SEEDS} random estates`, () => {
  let pairsSeen = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const input = randomEstate(seed);
    const estate = compileEstate({ ...input, catalog: emptyCatalog });
    const model = oracleModel(input);
    const services = new Set(input.manifest.services.map((s) => s.name));
    const expected: string[] = [];
    for (const kind of ['zone', 'region'] as const) {
      const domains = [...model.keys()].filter((id) => !id.startsWith('provider:') && !id.startsWith('account:') && !id.startsWith('vendor:') && !id.startsWith('arn:') && id.includes(':') && id.includes('/') === (kind === 'zone')).sort();
      const alone = new Map(domains.map((d) => [d, bruteForceDown(model, [d])]));
      for (let i = 0; i < domains.length; i++) {
        for (let j = i + 1; j < domains.length; j++) {
          const [a, b] = [domains[i]!, domains[j]!];
          const both = bruteForceDown(model, [a, b]);
          const fresh = [...both].filter((id) => services.has(id) && !alone.get(a)!.has(id) && !alone.get(b)!.has(id)).sort();
          if (fresh.length > 0) expected.push(`${a} + ${b}: ${fresh.join(',')}`);
        }
      }
    }
    const actual = analyzePairs(estate).map((p) => `${p.failures[0]} + ${p.failures[1]}: ${p.services.join(',')}`);
    assert.deepEqual(actual.sort(), expected.sort(), `seed ${seed}`);
    pairsSeen += expected.length;
  }
  assert.ok(pairsSeen > 20, `saw ${pairsSeen} pairs that matter`);
});

test('the bit-parallel sweep equals brute force on random multi-failure scenarios, cycles included', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const input = randomEstate(seed);
    const estate = compileEstate({ ...input, catalog: emptyCatalog });
    const g = estate.graph;
    const model = oracleModel(input);
    const named = [...model.keys()];
    const rand = rng(seed * 7919);
    const scenarios = Array.from({ length: 70 }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => named[Math.floor(rand() * named.length)]!));
    const results = sweepScenarios(g, scenarios.map((ids) => ids.map((id) => g.index.get(id)!)));
    scenarios.forEach((ids, s) => {
      const expected = [...bruteForceDown(model, ids)].filter((id) => model.has(id)).sort();
      const actual = [...results[s]!].filter((id) => g.kind[g.index.get(id)!] !== NodeKind.gate).sort();
      assert.deepEqual(actual, expected, `seed ${seed}, failing ${ids.join(' + ')}`);
    });
  }
});

test('two zones together take down a service that survives each alone', () => {
  const estate = compileEstate({
    snapshot: { schemaVersion: 1, collectedAt: '', tool: { name: 'faultline', version: '0' }, coverage: [], zones: [], resources: [], diagnostics: [] },
    catalog: emptyCatalog,
    manifest: manifest({ services: { checkout: { critical: true, runsOn: [{ anyOf: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'] }] } } }),
  });
  assert.deepEqual(analyzePairs(estate), [
    { failures: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'], kind: 'zone', services: ['checkout'], criticalServices: ['checkout'] },
  ]);
});
