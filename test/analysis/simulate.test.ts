import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../src/analysis/simulate.js';
import { emptyCatalog } from '../../src/catalog/types.js';
import { compileEstate, lookupId } from '../../src/model/estate.js';
import { emptySnapshot } from '../../src/model/snapshot.js';
import { manifest } from '../helpers/manifest.js';
import { bruteForceDown, oracleModel, randomEstate } from '../helpers/random-estate.js';
import { rng } from '../helpers/rng.js';

const estate = compileEstate({
  snapshot: {
    ...emptySnapshot(),
    zones: [{ provider: 'aws', account: '111111111111', region: 'eu-west-1', name: 'eu-west-1a', id: 'euw1-az1' }],
  },
  catalog: emptyCatalog,
  manifest: manifest({
    services: {
      web: { critical: true, runsOn: [{ anyOf: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2', 'aws:eu-west-1/euw1-az3'] }], dependsOn: ['db'] },
      db: { critical: true, runsOn: [{ anyOf: ['aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'] }] },
      batch: { runsOn: ['aws:eu-west-1/euw1-az3'] },
    },
  }),
});
const ids = (...names: string[]) => names.map((n) => lookupId(estate, n)!);

test('one zone failing: everything survives, and the groups that held are listed', () => {
  const result = simulate(estate, ids('aws:eu-west-1/euw1-az1'));
  assert.deepEqual(result.down, []);
  assert.deepEqual(result.survivors, ['batch', 'db', 'web']);
  assert.deepEqual(result.held.map((h) => [h.owner, h.membersDown, h.membersUp.length]), [
    ['db', ['aws:eu-west-1/euw1-az1'], 1],
    ['web', ['aws:eu-west-1/euw1-az1'], 2],
  ]);
});

test('two zones failing together take down what neither takes down alone, with the chain', () => {
  const result = simulate(estate, ids('aws:eu-west-1/euw1-az1', 'aws:eu-west-1/euw1-az2'));
  assert.deepEqual(result.down.map((d) => d.id), ['db', 'web']);
  assert.deepEqual(result.down.find((d) => d.id === 'web')!.because, ['web', 'db', 'anyOf(aws:eu-west-1/euw1-az1, aws:eu-west-1/euw1-az2)', 'aws:eu-west-1/euw1-az2']);
  assert.deepEqual(result.survivors, ['batch']);
  assert.deepEqual(result.held, [], "web's zone group kept a member up, but web went down with db: nothing held");
});

test('zone names resolve to zone ids when the snapshot maps them', () => {
  assert.equal(lookupId(estate, 'aws:eu-west-1/eu-west-1a'), lookupId(estate, 'aws:eu-west-1/euw1-az1'));
  assert.equal(lookupId(estate, 'aws:eu-west-1/eu-west-1z'), undefined);
});

test('simulate agrees with a brute-force fixpoint on what goes down, for random sets of failures on random estates', () => {
  const rand = rng(20261121);
  let compared = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const random = randomEstate(seed);
    const compiled = compileEstate({ snapshot: random.snapshot, manifest: random.manifest, catalog: emptyCatalog });
    const model = oracleModel(random);
    const candidates = [...model.keys()];
    const serviceNames = new Set(random.manifest.services.map((s) => s.name));
    for (let trial = 0; trial < 4; trial++) {
      const failed = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => candidates[Math.floor(rand() * candidates.length)]!))];
      const result = simulate(compiled, failed.map((id) => lookupId(compiled, id)!));
      const down = bruteForceDown(model, failed);
      const where = `seed ${seed}, failing ${failed.join(' + ')}`;
      assert.deepEqual(result.down.map((d) => d.id).sort(), [...down].filter((id) => serviceNames.has(id)).sort(), `${where}: services down`);
      assert.deepEqual(result.survivors, [...serviceNames].filter((id) => !down.has(id)).sort(), `${where}: survivors`);
      assert.equal(result.resourcesDown, [...down].filter((id) => id.startsWith('arn:')).length, `${where}: resources down`);
      // Everything else the oracle knows is a failure domain: providers, accounts, regions, zones, vendors.
      const domains = [...down].filter((id) => !serviceNames.has(id) && !id.startsWith('arn:') && !failed.includes(id));
      assert.deepEqual(result.domainsDown, domains.sort(), `${where}: domains down`);
      compared++;
    }
  }
  assert.ok(compared >= 480, `compared ${compared} simulations`);
});
