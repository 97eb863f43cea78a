/**
 * Seeded synthetic estates for the benchmark: a snapshot (JSON Lines, through snapshot-io's
 * writer) and a matching faultline.yaml, with the shape of a large real estate:
 *
 * - several accounts across 16 regions, 3 zones each (zone names shuffled per account, as AWS does);
 * - services of heavy-tailed size (about 100 resources on average) made of instances with their
 *   volumes, functions, queues, tables, buckets, load balancers, one database and sometimes a
 *   cache: replica groups by type, most spread across zones, some packed into one zone, some
 *   active in two regions;
 * - hubs with large fan-in: a NAT gateway and a KMS key per account and region that every
 *   instance or function there `requires`, one global hosted zone every load balancer needs;
 * - platform services (auth, config, mesh, flags) that most declared services depend on, SaaS
 *   vendors from the catalogue and declared ones, `anyOf` vendor groups, fallbacks;
 * - a few deep chains of services (each depends on the next), 10 to 40 long.
 *
 * Same size and seed, same bytes: the files are cached under `.bench/`.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSnapshotWriter } from '../src/model/snapshot-io.js';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotResource, type SnapshotZone } from '../src/model/snapshot.js';
import { rng } from '../test/helpers/rng.js';

/** Bump when the shape changes, so stale cached estates are not reused. */
export const GENERATOR_VERSION = 1;

export interface GeneratedEstate {
  resources: number;
  snapshot: string;
  manifest: string;
}

const REGIONS = [
  ['us-east-1', 'use1'], ['us-east-2', 'use2'], ['us-west-1', 'usw1'], ['us-west-2', 'usw2'],
  ['eu-west-1', 'euw1'], ['eu-west-2', 'euw2'], ['eu-west-3', 'euw3'], ['eu-central-1', 'euc1'],
  ['eu-north-1', 'eun1'], ['ap-southeast-1', 'apse1'], ['ap-southeast-2', 'apse2'], ['ap-northeast-1', 'apne1'],
  ['ap-northeast-2', 'apne2'], ['ap-south-1', 'aps1'], ['sa-east-1', 'sae1'], ['ca-central-1', 'cac1'],
] as const;
/** Most estates lean on a home region or two. */
const REGION_WEIGHTS = [30, 8, 3, 14, 14, 4, 3, 8, 2, 4, 2, 3, 1, 2, 1, 1];

const CATALOG_VENDORS = ['slack', 'stripe', 'datadog', 'pagerduty', 'github', 'auth0', 'okta', 'sendgrid', 'twilio', 'snowflake', 'mongodb-atlas'];
const PLATFORM = ['auth', 'config-store', 'service-mesh', 'feature-flags'];
const WORDS = ['orders', 'payments', 'checkout', 'search', 'catalog', 'ledger', 'billing', 'profile', 'inventory', 'shipping', 'pricing', 'reviews',
  'notify', 'reports', 'identity', 'media', 'quotes', 'claims', 'fraud', 'ads', 'feeds', 'sessions', 'tax', 'refunds'];
const ROLES = ['api', 'worker', 'web', 'stream', 'batch', 'gateway', 'store', 'sync'];
const TEAMS = ['core', 'growth', 'money', 'platform', 'data', 'edge', 'mobile', 'risk'];


interface Place {
  account: string;
  region: string;
  regionIndex: number;
}

interface ServicePlan {
  name: string;
  /** Tag key that names it: `service`, or `app` for services a manifest selector picks. */
  tagKey: 'service' | 'app';
  team: string;
  size: number;
  home: Place;
  /** A second active region, for multi-region services. */
  second?: Place | undefined;
  /** Every replica in one zone: the illusion of redundancy. */
  oneZone: boolean;
}

/** Generates (or reuses) the estate with `resources` resources under `dir`. */
export async function ensureEstate(dir: string, resources: number, seed = 7): Promise<GeneratedEstate> {
  const base = join(dir, `estate-${label(resources)}-g${GENERATOR_VERSION}-s${seed}`);
  const estate = { resources, snapshot: `${base}.jsonl`, manifest: `${base}.yaml` };
  if (existsSync(estate.snapshot) && existsSync(estate.manifest)) return estate;
  await mkdir(dir, { recursive: true });
  await generateEstate(estate, seed);
  return estate;
}

/** 10000 → `10k`, 1000000 → `1m`. */
export function label(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

/** `10k` → 10000, `1m` / `1M` → 1000000. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text} (expected e.g. 10k, 100k, 1m)`);
  const unit = m[2]!.toLowerCase() === 'k' ? 1000 : m[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(m[1]) * unit);
}

async function generateEstate(out: GeneratedEstate, seed: number): Promise<void> {
  const n = out.resources;
  const random = rng(seed ^ n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (len: number): string => {
    let s = '';
    while (s.length < len) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, len);
  };
  const weighted = (): number => {
    const total = REGION_WEIGHTS.reduce((a, b) => a + b, 0);
    let r = random() * total;
    for (let i = 0; i < REGION_WEIGHTS.length; i++) if ((r -= REGION_WEIGHTS[i]!) < 0) return i;
    return 0;
  };

  const accountCount = n >= 1_000_000 ? 24 : n >= 100_000 ? 12 : 4;
  const accounts = Array.from({ length: accountCount }, (_, i) => String(100000000000 + i * 7919 + 1234567).padStart(12, '0'));
  const zones: SnapshotZone[] = [];
  for (const account of accounts) {
    for (const [region, prefix] of REGIONS) {
      const letters = ['a', 'b', 'c'];
      // AWS maps zone names to ids differently per account.
      for (let i = letters.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [letters[i], letters[j]] = [letters[j]!, letters[i]!];
      }
      letters.forEach((letter, i) => zones.push({ provider: 'aws', account, region, name: `${region}${letter}`, id: `${prefix}-az${i + 1}` }));
    }
  }
  const zoneIds = (regionIndex: number): string[] => [1, 2, 3].map((i) => `${REGIONS[regionIndex]![1]}-az${i}`);

  const writer = createSnapshotWriter(out.snapshot, {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: '2026-11-21T00:00:00.000Z',
    tool: { name: 'faultline', version: 'bench' },
    coverage: [{ provider: 'aws', accounts, regions: REGIONS.map(([r]) => r) }],
    zones,
    diagnostics: [],
  });
  let written = 0;
  const add = (r: SnapshotResource): void => {
    writer.add(r);
    written++;
  };

  // Hubs: per account and region a NAT gateway (in one zone) and a KMS key; one global hosted zone.
  const hubs = new Map<string, { nat: string; kms: string }>();
  const hostedZone = `arn:aws:route53:::hostedzone/Z${hex(12).toUpperCase()}`;
  add({ id: hostedZone, type: 'route53:hostedzone', provider: 'aws', account: accounts[0]!, placement: 'global', name: 'example.com', tags: { Name: 'example.com', team: 'edge' } });
  const hubFor = (p: Place): { nat: string; kms: string } => {
    const key = `${p.account}/${p.region}`;
    let hub = hubs.get(key);
    if (hub === undefined) {
      const nat = `arn:aws:ec2:${p.region}:${p.account}:natgateway/nat-${hex(17)}`;
      const kms = `arn:aws:kms:${p.region}:${p.account}:key/${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
      add({ id: nat, type: 'ec2:natgateway', provider: 'aws', account: p.account, region: p.region, zone: zoneIds(p.regionIndex)[0]!, placement: 'zonal', name: `nat-${p.region}`, tags: { Name: `nat-${p.region}`, team: 'platform' } });
      add({ id: kms, type: 'kms:key', provider: 'aws', account: p.account, region: p.region, placement: 'regional', name: 'shared-key', tags: { Name: 'shared-key', team: 'platform' } });
      hub = { nat, kms };
      hubs.set(key, hub);
    }
    return hub;
  };

  // Services: sizes heavy-tailed around 100 resources, until the estate holds n resources.
  const plans: ServicePlan[] = [];
  const names = new Set<string>();
  const place = (): Place => {
    const regionIndex = weighted();
    return { account: pick(accounts), region: REGIONS[regionIndex]![0], regionIndex };
  };
  let planned = 1 + accountCount * REGIONS.length * 2;
  for (let i = 0; planned < n; i++) {
    let name = i < PLATFORM.length ? PLATFORM[i]! : `${pick(WORDS)}-${pick(ROLES)}`;
    while (names.has(name)) name = `${name.replace(/-\d+$/, '')}-${names.size}`;
    names.add(name);
    const size = Math.max(3, Math.min(5000, Math.round(25 / Math.pow(random() + 0.02, 0.9))));
    const home = place();
    plans.push({
      name,
      tagKey: random() < 0.1 ? 'app' : 'service',
      team: pick(TEAMS),
      size: Math.min(size, n - planned),
      home,
      second: random() < 0.1 ? place() : undefined,
      oneZone: random() < 0.12,
    });
    planned += size;
  }

  for (const plan of plans) {
    if (written >= n) break;
    emitService(plan);
  }
  // Top up with stand-alone buckets if the hubs left the count short (exactly n resources).
  while (written < n) {
    const p = place();
    add({ id: `arn:aws:s3:::logs-${hex(12)}`, type: 's3:bucket', provider: 'aws', account: p.account, region: p.region, placement: 'regional', name: 'logs', tags: { team: 'data' } });
  }
  await writer.close();
  await writeFile(out.manifest, manifestFor(plans, random, pick));

  function emitService(plan: ServicePlan): void {
    // Hubs are written on first use; their count was reserved when the services were planned.
    const budget = Math.min(plan.size, n - written);
    const tags = (extra: Record<string, string>): Record<string, string> => ({
      [plan.tagKey]: plan.name,
      ...(plan.tagKey === 'app' ? { env: 'prod' } : {}),
      team: plan.team,
      'cost-center': `cc-${plan.team}`,
      ...extra,
    });
    let left = budget;
    const take = (k: number): number => {
      const t = Math.max(0, Math.min(k, left));
      left -= t;
      return t;
    };
    const places = plan.second ? [plan.home, plan.second] : [plan.home];
    // One database and a load balancer first: they exist even in small services.
    const db = take(1);
    const lb = take(1);
    const cache = take(random() < 0.3 ? 1 : 0);
    const instances = take(Math.max(1, Math.floor(left * 0.35)));
    const volumes = take(instances);
    const functions = take(Math.floor(left * 0.4));
    const queues = take(Math.floor(left * 0.35));
    const tables = take(Math.floor(left * 0.6));
    const buckets = take(left);

    const home = plan.home;
    const homeZones = zoneIds(home.regionIndex);
    if (db) {
      const hub = hubFor(home);
      add({ id: `arn:aws:rds:${home.region}:${home.account}:db:${plan.name}-db`, type: 'rds:db', provider: 'aws', account: home.account, region: home.region, zone: pick(homeZones), placement: 'zonal', name: `${plan.name}-db`, tags: tags({ Name: `${plan.name}-db` }), requires: [hub.kms] });
    }
    if (lb) {
      add({ id: `arn:aws:elasticloadbalancing:${home.region}:${home.account}:loadbalancer/app/${plan.name}/${hex(16)}`, type: 'elasticloadbalancing:loadbalancer', provider: 'aws', account: home.account, region: home.region, placement: 'regional', name: plan.name, tags: tags({ Name: plan.name }), requires: [hostedZone] });
    }
    if (cache) {
      add({ id: `arn:aws:elasticache:${home.region}:${home.account}:cluster:${plan.name}-cache`, type: 'elasticache:cluster', provider: 'aws', account: home.account, region: home.region, zone: pick(homeZones), placement: 'zonal', name: `${plan.name}-cache`, tags: tags({ Name: `${plan.name}-cache` }) });
    }
    for (let i = 0; i < instances; i++) {
      const p = places[i % places.length]!;
      const zs = zoneIds(p.regionIndex);
      const zone = plan.oneZone ? zs[1]! : zs[i % 3]!;
      const hub = hubFor(p);
      const volume = `arn:aws:ec2:${p.region}:${p.account}:volume/vol-${hex(17)}`;
      if (i < volumes) {
        add({ id: volume, type: 'ec2:volume', provider: 'aws', account: p.account, region: p.region, zone, placement: 'zonal', name: `${plan.name}-${i}-root`, tags: tags({ Name: `${plan.name}-${i}-root` }) });
      }
      add({
        id: `arn:aws:ec2:${p.region}:${p.account}:instance/i-${hex(17)}`, type: 'ec2:instance', provider: 'aws', account: p.account, region: p.region, zone, placement: 'zonal',
        name: `${plan.name}-${i}`, tags: tags({ Name: `${plan.name}-${i}` }), requires: i < volumes ? [hub.nat, volume] : [hub.nat],
      });
    }
    for (let i = 0; i < functions; i++) {
      const p = places[i % places.length]!;
      add({ id: `arn:aws:lambda:${p.region}:${p.account}:function:${plan.name}-fn-${i}`, type: 'lambda:function', provider: 'aws', account: p.account, region: p.region, placement: 'regional', name: `${plan.name}-fn-${i}`, tags: tags({}), requires: [hubFor(p).kms] });
    }
    for (let i = 0; i < queues; i++) {
      add({ id: `arn:aws:sqs:${home.region}:${home.account}:${plan.name}-q-${i}`, type: 'sqs:queue', provider: 'aws', account: home.account, region: home.region, placement: 'regional', name: `${plan.name}-q-${i}`, tags: tags({}) });
    }
    for (let i = 0; i < tables; i++) {
      add({ id: `arn:aws:dynamodb:${home.region}:${home.account}:table/${plan.name}-t-${i}`, type: 'dynamodb:table', provider: 'aws', account: home.account, region: home.region, placement: 'regional', name: `${plan.name}-t-${i}`, tags: tags({}) });
    }
    for (let i = 0; i < buckets; i++) {
      add({ id: `arn:aws:s3:::${plan.name}-${home.region}-${i}-${hex(6)}`, type: 's3:bucket', provider: 'aws', account: home.account, region: home.region, placement: 'regional', name: `${plan.name}-${i}`, tags: tags({}) });
    }
  }
}

/**
 * The manifest: platform services most services depend on, a fifth of the services declared
 * (about a fifth of those critical), deep chains, vendors and fallbacks.
 */
function manifestFor(plans: readonly ServicePlan[], random: () => number, pick: <T>(list: readonly T[]) => T): string {
  const declared = plans.slice(0, Math.max(PLATFORM.length + 20, Math.floor(plans.length / 5)));
  const platform = declared.slice(0, PLATFORM.length).map((p) => p.name);
  const rest = declared.slice(PLATFORM.length);
  // Deep chains: each member depends on the next one; the last one on the platform.
  const chainCount = Math.max(1, Math.floor(rest.length / 200));
  const nextInChain = new Map<string, string>();
  let cursor = 0;
  for (let c = 0; c < chainCount; c++) {
    const depth = 10 + Math.floor(random() * 31);
    const members = rest.slice(cursor, cursor + depth);
    cursor += depth;
    for (let i = 0; i + 1 < members.length; i++) nextInChain.set(members[i]!.name, members[i + 1]!.name);
  }
  const lines: string[] = ['# Generated by bench/generate.ts: a synthetic estate for the benchmark.', 'version: 1', 'services:'];
  declared.forEach((plan, i) => {
    const critical = i < PLATFORM.length || random() < 0.2;
    lines.push(`  ${plan.name}:`);
    if (critical) lines.push('    critical: true');
    if (plan.tagKey === 'app') lines.push(`    resources: { tags: { app: ${plan.name}, env: prod } }`);
    const deps: string[] = [];
    const next = nextInChain.get(plan.name);
    if (next !== undefined) deps.push(next);
    if (i >= PLATFORM.length) {
      for (const p of platform) if (random() < 0.45) deps.push(p);
      if (random() < 0.5) deps.push(`vendor:${pick(CATALOG_VENDORS)}`);
      if (random() < 0.15) deps.push('vendor:acme-sso');
      if (random() < 0.2) deps.push('{ anyOf: [vendor:sendgrid, vendor:mailgun-eu] }');
      if (random() < 0.05) deps.push('{ atLeast: 2, of: [vendor:datadog, vendor:metrics-eu, vendor:metrics-us] }');
    }
    if (deps.length > 0) lines.push(`    dependsOn: [${[...new Set(deps)].join(', ')}]`);
  });
  lines.push(
    'vendors:',
    '  acme-sso:',
    '    hostedOn: [aws:us-east-1]',
    '  mailgun-eu:',
    '    hostedOn: [{ anyOf: [aws:eu-west-1, aws:eu-central-1] }]',
    '  metrics-eu:',
    '    hostedOn: [aws:eu-west-1]',
    '  metrics-us:',
    '    hostedOn: [aws:us-east-1]',
    'fallbacks:',
    '  - { primary: vendor:slack, fallback: vendor:zoom }',
    '  - { primary: vendor:sendgrid, fallback: vendor:mailgun-eu }',
    'policy:',
    '  maxRegionShare: 0.5',
    '',
  );
  return lines.join('\n');
}
