import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCatalog } from '../../src/catalog/types.js';
import { compileEstate } from '../../src/model/estate.js';
import { NodeKind, requirementsOf } from '../../src/model/graph.js';
import { emptySnapshot, type SnapshotResource } from '../../src/model/snapshot.js';
import { manifest } from '../helpers/manifest.js';

const queue = (name: string, tags: Record<string, string>): SnapshotResource => ({
  id: `arn:aws:sqs:eu-west-1:123456789012:${name}`,
  type: 'sqs:queue',
  provider: 'aws',
  account: '123456789012',
  region: 'eu-west-1',
  placement: 'regional',
  tags,
});

/** The resource ids a service requires directly or through its replica gates. */
function selected(estate: ReturnType<typeof compileEstate>, service: string): string[] {
  const g = estate.graph;
  const out: string[] = [];
  const visit = (v: number): void => {
    for (const u of requirementsOf(g, v)) {
      if (g.kind[u] === NodeKind.gate) visit(u);
      else if (g.ids[u]!.startsWith('arn:')) out.push(g.ids[u]!);
    }
  };
  visit(g.index.get(service)!);
  return out.sort();
}

test('manifest selectors pick resources with every tag they name, several selectors may pick one resource, the rest falls to the service tag', () => {
  const estate = compileEstate({
    snapshot: {
      ...emptySnapshot(),
      resources: [
        queue('a', { app: 'shop', env: 'prod' }),
        queue('b', { app: 'shop', env: 'dev' }),
        queue('c', { env: 'prod', team: 'money' }),
        queue('d', { app: 'shop', service: 'leftover' }),
        queue('e', { service: 'leftover' }),
      ],
    },
    manifest: manifest({
      services: {
        'shop-prod': { tags: { env: 'prod', app: 'shop' } },
        'all-prod': { tags: { env: 'prod' } },
        money: { tags: { team: 'money', env: 'prod' } },
        'shop-any': { tags: { app: 'shop', service: 'leftover' } },
      },
    }),
    catalog: emptyCatalog,
  });
  const arn = (n: string): string => `arn:aws:sqs:eu-west-1:123456789012:${n}`;
  assert.deepEqual(selected(estate, 'shop-prod'), [arn('a')]);
  assert.deepEqual(selected(estate, 'all-prod'), [arn('a'), arn('c')]);
  assert.deepEqual(selected(estate, 'money'), [arn('c')]);
  assert.deepEqual(selected(estate, 'shop-any'), [arn('d')]);
  // Claimed by no selector: b (dev) names no service; e is derived from its service tag.
  assert.deepEqual(selected(estate, 'leftover'), [arn('e')]);
});
