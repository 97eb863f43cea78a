/**
 * Random estates for property tests, and a brute-force evaluator that shares no code with the
 * engine: it reads the manifest and snapshot directly and iterates "down if a required item is
 * down" to a fixpoint, starting from everything up (the least fixpoint).
 */
import type { Manifest } from '../../src/config/types.js';
import type { Requirement } from '../../src/model/requirement.js';
import type { Snapshot, SnapshotResource } from '../../src/model/snapshot.js';
import { emptySnapshot } from '../../src/model/snapshot.js';
import { manifest, type ManifestSpec } from './manifest.js';
import { rng } from './rng.js';

export { rng } from './rng.js';

export interface RandomEstate {
  manifest: Manifest;
  snapshot: Snapshot;
}

export function randomEstate(seed: number): RandomEstate {
  const rand = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const providers = ['aws', 'gcp', 'onprem'];
  const regions = providers.flatMap((p) => [`${p}:r1`, `${p}:r2`]);
  const zones = regions.flatMap((r) => [`${r}/z1`, `${r}/z2`]);
  const accounts = ['account:aws:111111111111', 'account:aws:222222222222', 'account:gcp:p1'];
  const places = [...zones, ...regions, ...accounts, 'provider:aws'];
  const serviceNames = Array.from({ length: 4 + Math.floor(rand() * 6) }, (_, i) => `s${i}`);
  const vendorNames = ['v0', 'v1', 'v2'];

  const group = (pool: readonly string[], depth: number): Requirement => {
    const size = 2 + Math.floor(rand() * 2);
    const members: Requirement[] = Array.from({ length: size }, () => (depth < 1 && rand() < 0.2 ? group(pool, depth + 1) : pick(pool)));
    return rand() < 0.6 ? { anyOf: members } : { atLeast: 1 + Math.floor(rand() * size), of: members };
  };
  const items = (pool: readonly string[], max: number): Requirement[] =>
    Array.from({ length: Math.floor(rand() * (max + 1)) }, () => (rand() < 0.35 ? group(pool, 0) : pick(pool)));

  const spec: ManifestSpec = { services: {}, vendors: {}, fallbacks: [] };
  for (const v of vendorNames) spec.vendors![v] = rand() < 0.8 ? { hostedOn: items(places, 2) } : {};
  for (const s of serviceNames) {
    const refs = [...serviceNames, ...vendorNames.map((v) => `vendor:${v}`)];
    spec.services![s] = { critical: rand() < 0.5, runsOn: items(places, 2), dependsOn: items(refs, 2) };
  }
  if (rand() < 0.7) spec.fallbacks!.push({ primary: 'vendor:v0', fallback: 'vendor:v1' });

  const snapshot = emptySnapshot();
  const types = ['ec2:instance', 'rds:db', 's3:bucket'];
  const count = Math.floor(rand() * 12);
  for (let i = 0; i < count; i++) {
    const region = pick(['us-east-1', 'eu-west-1']);
    const zonal = rand() < 0.6;
    const account = pick(['111111111111', '222222222222']);
    const resource: SnapshotResource = {
      id: `arn:aws:svc:${region}:${account}:thing/r${i}`,
      type: pick(types),
      provider: 'aws',
      account,
      region,
      placement: zonal ? 'zonal' : 'regional',
      tags: rand() < 0.85 ? { app: pick(serviceNames) } : {},
    };
    if (zonal) resource.zone = pick(['az1', 'az2']);
    if (i > 0 && rand() < 0.3) resource.requires = [`arn:aws:svc:${pick(['us-east-1', 'eu-west-1'])}:111111111111:thing/r${Math.floor(rand() * i)}`];
    snapshot.resources.push(resource);
  }
  // Requirements must point at collected resources: drop the ones that do not exist.
  const ids = new Set(snapshot.resources.map((r) => r.id));
  for (const r of snapshot.resources) if (r.requires) r.requires = r.requires.filter((id) => ids.has(id));
  return { manifest: manifest(spec), snapshot };
}

/** The oracle's model: every id and its requirement list, built straight from the inputs. */
export function oracleModel(estate: RandomEstate): Map<string, Requirement[]> {
  const needs = new Map<string, Requirement[]>();
  const placeNeeds = (id: string): void => {
    if (needs.has(id)) return;
    if (id.startsWith('provider:')) return void needs.set(id, []);
    if (id.startsWith('account:')) {
      const provider = `provider:${id.split(':')[1]}`;
      placeNeeds(provider);
      return void needs.set(id, [provider]);
    }
    const slash = id.indexOf('/');
    const parent = slash >= 0 ? id.slice(0, slash) : `provider:${id.slice(0, id.indexOf(':'))}`;
    placeNeeds(parent);
    needs.set(id, [parent]);
  };
  const visit = (list: readonly Requirement[]): void => {
    for (const item of list) {
      if (typeof item !== 'string') visit('anyOf' in item ? item.anyOf : item.of);
      else if (!item.startsWith('vendor:') && !item.startsWith('arn:') && item.includes(':')) placeNeeds(item);
    }
  };
  const { manifest: m, snapshot } = estate;
  for (const r of snapshot.resources) {
    const place = r.placement === 'zonal' ? `aws:${r.region}/${r.zone}` : `aws:${r.region}`;
    const account = `account:aws:${r.account}`;
    placeNeeds(place);
    placeNeeds(account);
    needs.set(r.id, [place, account, ...(r.requires ?? [])]);
  }
  for (const v of m.vendors) {
    needs.set(`vendor:${v.name}`, v.hostedOn ?? []);
    visit(v.hostedOn ?? []);
  }
  for (const s of m.services) {
    const byType = new Map<string, string[]>();
    for (const r of snapshot.resources) {
      if (r.tags.app === s.name) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
    }
    const replicas: Requirement[] = [...byType.values()].map((ids) => (ids.length === 1 ? ids[0]! : { anyOf: ids }));
    needs.set(s.name, [...replicas, ...s.runsOn, ...s.dependsOn]);
    visit(s.runsOn);
  }
  return needs;
}

/** Brute force: iterate "down if a required item is down" from all-up to a fixpoint. */
export function bruteForceDown(model: ReadonlyMap<string, Requirement[]>, failed: Iterable<string>): Set<string> {
  const down = new Set(failed);
  const isDown = (item: Requirement): boolean => {
    if (typeof item === 'string') return down.has(item);
    const members = 'anyOf' in item ? item.anyOf : item.of;
    const needUp = 'anyOf' in item ? 1 : item.atLeast;
    return members.filter((x) => !isDown(x)).length < needUp;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, list] of model) {
      if (!down.has(id) && list.some(isDown)) {
        down.add(id);
        changed = true;
      }
    }
  }
  return down;
}
