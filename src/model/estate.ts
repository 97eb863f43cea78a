/**
 * Compiles what we know (a snapshot of collected resources, the manifest, the built-in catalogue)
 * into the failure graph. This is the only place that decides who needs what:
 *
 * - placement: a zone needs its region, a region its provider, an account its provider; a zonal
 *   resource needs its zone, a regional one its region, a global one its provider, and every
 *   cloud resource its account;
 * - services need their `dependsOn` and `runsOn` items, and one resource of each type they select
 *   (replicas of one type form an `anyOf` gate: three instances across zones are replicas, the
 *   one database is not);
 * - vendors need what they are hosted on (manifest `hostedOn`, else the catalogue);
 * - declared fallbacks become a gate of their own, so a failure that takes both down is found.
 *
 * Interning goes straight into the CSR builder: no per-node objects, which is what keeps a
 * 1M-resource estate in memory (reference/graph-performance.md, section 3.1).
 */
import type { Catalog, VendorHosting } from '../catalog/types.js';
import type { Manifest, Policy, ServiceDecl } from '../config/types.js';
import { DEFAULT_MAX_REGION_SHARE } from '../config/types.js';
import { GateOrigin, GraphBuilder, type FailureGraph, type GateOriginCode } from './graph.js';
import { accountId, idKind, parseId, providerId, regionId, vendorId, zoneId } from './ids.js';
import { groupShape, type Requirement } from './requirement.js';
import type { Diagnostic, Snapshot, SnapshotResource } from './snapshot.js';

/** Tags that name a resource's service when no manifest selects it, in order of preference. */
export const DEFAULT_SERVICE_TAGS = ['service', 'app', 'application', 'aws:cloudformation:stack-name'] as const;

export interface EstateInput {
  snapshot: Snapshot;
  manifest?: Manifest | undefined;
  catalog: Catalog;
  /** `--service-tag`: the one tag that names a resource's service (replaces the defaults). */
  serviceTag?: string | undefined;
}

/** Where a vendor's hosting came from. */
export type HostingSource =
  | { from: 'manifest'; hostedOn: Requirement[] }
  | { from: 'catalog'; entry: VendorHosting }
  | { from: 'unknown' };

export interface Estate {
  graph: FailureGraph;
  policy: Policy;
  /** Vendor id → where its hosting came from. */
  vendorHosting: ReadonlyMap<string, HostingSource>;
  /** Collector diagnostics plus what compilation noticed (unresolved references). */
  diagnostics: Diagnostic[];
  /** Whether the manifest declared which services are critical (else every service counts). */
  criticalityDeclared: boolean;
  /** The manifest, for positions in SARIF and messages. */
  manifest?: Manifest | undefined;
  /** Zone names that resolve to zone ids (`aws:us-east-1/us-east-1a` → `aws:us-east-1/use1-az1`). */
  zoneAliases: ReadonlyMap<string, string>;
  /**
   * Resources of global types whose control plane runs in one region (IAM, Route 53, CloudFront:
   * us-east-1), by node, with that region's id. Their traffic survives the region; changes do not.
   */
  controlPlanes: ReadonlyMap<number, string>;
  /** The catalogue the estate was compiled with. */
  catalog: Catalog;
}

/** The node an id names in the estate, accepting zone names for zone ids. */
export function lookupId(estate: Estate, id: string): number | undefined {
  return estate.graph.index.get(id) ?? estate.graph.index.get(estate.zoneAliases.get(id) ?? '');
}

const DEFAULT_POLICY: Policy = { maxRegionShare: DEFAULT_MAX_REGION_SHARE, severity: {} };

/** Builds the failure graph of an estate. Pure: data in, data out. */
export function compileEstate(input: EstateInput): Estate {
  const compiler = estateCompiler({ ...input, expectedResources: input.snapshot.resources.length });
  for (const resource of input.snapshot.resources) compiler.add(resource);
  return compiler.finish();
}

/** What `estateCompiler` starts from: the snapshot's header; its resources come through `add`. */
export interface EstateCompilerInput extends Omit<EstateInput, 'snapshot'> {
  snapshot: Omit<Snapshot, 'resources'>;
  /** How many resources are coming, if known: sizes the graph's tables up front. */
  expectedResources?: number | undefined;
}

/** Compiles an estate one resource at a time (see `estateCompiler`). */
export interface EstateCompiler {
  add(resource: SnapshotResource): void;
  /** Compiles services, vendors and fallbacks, and builds the graph. Call once, after the last `add`. */
  finish(): Estate;
}

/**
 * `compileEstate`, one resource at a time: each resource is interned, placed and assigned to
 * its service as it arrives and is not kept, so a snapshot streamed from disk never has to be
 * held whole (at a million resources the parsed records are most of an audit's memory and of
 * its garbage collection). `requires` on a resource not seen yet is resolved by `finish`.
 */
export function estateCompiler(input: EstateCompilerInput): EstateCompiler {
  const { snapshot, manifest, catalog } = input;
  const b = new GraphBuilder(Math.ceil((input.expectedResources ?? 1024) * 1.1));
  const diagnostics: Diagnostic[] = [...snapshot.diagnostics];
  const vendorHosting = new Map<string, HostingSource>();
  const zoneNames = zoneNameIndex(snapshot);
  const declaredVendors = new Map((manifest?.vendors ?? []).map((d) => [d.name, d]));
  const controlPlanes = new Map<number, string>();
  /** By resource type index: the region its control plane runs in, or null for none. */
  const controlPlaneByType: (string | null)[] = [];

  /** The node of a failure domain, with its placement chain (zone → region → provider). */
  const place = (id: string): number => {
    const known = b.lookup(id);
    if (known !== undefined) return known;
    const p = parseId(id);
    switch (p.kind) {
      case 'provider':
        return b.node(id, 'provider');
      case 'region': {
        const v = b.node(id, 'region');
        b.require(v, place(providerId(p.provider)));
        return v;
      }
      case 'zone': {
        const resolved = zoneNames.get(id);
        if (resolved !== undefined && resolved !== id) return place(resolved);
        const v = b.node(id, 'zone');
        b.require(v, place(regionId(p.provider, p.region)));
        return v;
      }
      case 'account': {
        const v = b.node(id, 'account');
        b.require(v, place(providerId(p.provider)));
        return v;
      }
      default:
        throw new Error(`place() called with a ${p.kind} id: ${id}`);
    }
  };

  // Placement and account nodes by their short parts (provider, region, zone; provider,
  // account): a million resources share a few hundred of them, and building then hashing an id
  // string per resource costs more than the rest of this loop.
  const placementNodes = new KeyedCache<number>();
  const accountNodes = new KeyedCache<number>();
  /** `requires` naming resources not seen yet, resolved by finish(). */
  const pending: { from: number; fromId: string; id: string }[] = [];

  const declared = manifest?.services ?? [];
  const declaredNames = new Set(declared.map((s) => s.name));
  const serviceTags = input.serviceTag ? [input.serviceTag] : DEFAULT_SERVICE_TAGS;
  const selection = new ResourceSelection(declared, serviceTags);
  const criticalityDeclared = manifest !== undefined && declared.some((s) => s.critical);

  /** 1. A resource: its node, type, placement, account, requirements and service. */
  function add(r: SnapshotResource): void {
    const before = b.size;
    const v = b.node(r.id, 'resource');
    if (b.size === before) {
      diagnostics.push({ level: 'warning', source: 'snapshot', message: `resource ${r.id} appears twice; the first record is used` });
      return;
    }
    const type = b.setResourceType(v, r.type);
    // The catalogue is asked once per type, not once per resource.
    let controlPlane = controlPlaneByType[type];
    if (controlPlane === undefined) controlPlaneByType[type] = controlPlane = catalog.resourceProfile(r.type)?.controlPlaneRegion ?? null;
    if (controlPlane !== null) controlPlanes.set(v, regionId(r.provider, controlPlane));
    const zonal = r.placement === 'zonal' && r.region && r.zone;
    const regional = !zonal && r.placement !== 'global' && r.region;
    const region = zonal || regional ? r.region! : '';
    const zone = zonal ? r.zone! : '';
    let placement = placementNodes.get(r.provider, region, zone);
    if (placement === undefined) placementNodes.set(r.provider, region, zone, (placement = place(resourcePlacement(r))));
    b.require(v, placement);
    if (r.account) {
      let account = accountNodes.get(r.provider, r.account, '');
      if (account === undefined) accountNodes.set(r.provider, r.account, '', (account = place(accountId(r.provider, r.account))));
      b.require(v, account);
    }
    for (const id of r.requires ?? []) {
      // A bare name may be a service or a resource's provider-native id; either may come later.
      const kind = idKind(id);
      const known = kind === 'resource' || kind === 'service' ? b.lookup(id) : resolveResourceRef(id, r.id);
      if (known !== undefined) b.require(v, known);
      else pending.push({ from: v, fromId: r.id, id });
    }
    selection.add(v, r.tags);
  }

  function resolveResourceRef(id: string, from: string): number {
    const kind = idKind(id);
    if (kind === 'resource') {
      const known = b.lookup(id);
      if (known !== undefined) return known;
      diagnostics.push({ level: 'warning', source: 'snapshot', message: `${from} requires ${id}, which was not collected; it is treated as a resource of unknown placement` });
      return b.node(id, 'resource');
    }
    if (kind === 'vendor') return vendorNode(id.slice('vendor:'.length));
    if (kind === 'service') return b.node(id, 'service');
    return place(id);
  }

  /** A service needs every resource type it selects, and any one resource of each type. */
  function requireReplicaGroups(service: number, nodes: readonly number[]): void {
    const byType = new Map<number, number[]>();
    for (const r of nodes) {
      const type = b.typeOf(r);
      const list = byType.get(type);
      if (list) list.push(r);
      else byType.set(type, [r]);
    }
    for (const type of [...byType.keys()].sort((x, y) => compareText(b.typeName(x), b.typeName(y)))) {
      const members = byType.get(type)!;
      if (members.length === 1) {
        b.require(service, members[0]!);
        continue;
      }
      const gate = b.gate(service, 1, GateOrigin.replicas);
      for (const r of members) b.require(gate, r);
      b.require(service, gate);
    }
  }

  /** Compiles requirement items into requirements of `target`; groups become gates owned by `owner`. */
  function compileItems(owner: number, items: readonly Requirement[], target: number, origin: GateOriginCode): void {
    for (const item of items) {
      if (typeof item === 'string') {
        b.require(target, resolveRef(item));
        continue;
      }
      const { members, needUp } = groupShape(item);
      const gate = b.gate(owner, needUp, origin);
      compileItems(owner, members, gate, origin);
      b.require(target, gate);
    }
  }

  function resolveRef(id: string): number {
    switch (idKind(id)) {
      case 'service':
        return b.lookup(id) ?? b.node(id, 'service');
      case 'vendor':
        return vendorNode(id.slice('vendor:'.length));
      case 'resource':
        return b.lookup(id) ?? resolveResourceRef(id, 'faultline.yaml');
      default:
        return place(id);
    }
  }

  /**
   * The vendor's node; its hosting is compiled the first time it is referenced. A catalogue
   * alias (`vendor:teams`) resolves to the entry's own name (`vendor:microsoft-365`) unless the
   * manifest declares the alias itself, so two spellings never become two independent vendors.
   */
  function vendorNode(name: string): number {
    const decl = declaredVendors.get(name);
    if (decl === undefined) {
      const canonical = catalog.vendor(name)?.name;
      if (canonical !== undefined && canonical !== name && !declaredVendors.has(canonical)) return vendorNode(canonical);
    }
    const id = vendorId(name);
    const known = b.lookup(id);
    if (known !== undefined) return known;
    const v = b.node(id, 'vendor');
    if (decl?.hostedOn !== undefined) {
      vendorHosting.set(id, { from: 'manifest', hostedOn: decl.hostedOn });
      compileItems(v, decl.hostedOn, v, GateOrigin.group);
      return v;
    }
    const entry = catalog.vendor(name);
    if (entry && entry.hostedOn.length > 0) {
      vendorHosting.set(id, { from: 'catalog', entry });
      compileItems(v, entry.hostedOn, v, GateOrigin.group);
    } else {
      vendorHosting.set(id, { from: 'unknown' });
    }
    return v;
  }

  function finish(): Estate {
    // Requirements on resources that came later in the snapshot (or never came).
    for (const { from, fromId, id } of pending) b.require(from, resolveResourceRef(id, fromId));

    // 2. Services: declared ones, then those derived from tags.

    for (const decl of declared) {
      const v = b.node(decl.name, 'service');
      if (decl.critical) b.markCritical(v);
    }
    const derivedNames = [...selection.derived.keys()].filter((name) => !declaredNames.has(name)).sort();
    for (const name of derivedNames) {
      const v = b.node(name, 'service');
      // Without a manifest nothing says what is critical, so every service counts.
      if (!criticalityDeclared) b.markCritical(v);
    }
    for (const decl of declared) {
      const v = b.lookup(decl.name)!;
      const selected = decl.resources ? selection.bySelector.get(decl.name) ?? [] : selection.derived.get(decl.name) ?? [];
      requireReplicaGroups(v, selected);
      compileItems(v, decl.runsOn, v, GateOrigin.group);
      compileItems(v, decl.dependsOn, v, GateOrigin.group);
    }
    for (const name of derivedNames) requireReplicaGroups(b.lookup(name)!, selection.derived.get(name) ?? []);

    // 3. Vendors declared but never referenced still exist (their hosting is worth reporting).
    for (const decl of manifest?.vendors ?? []) vendorNode(decl.name);

    // 4. Declared fallbacks: a gate that fails only when primary and fallback both fail.
    for (const fb of manifest?.fallbacks ?? []) {
      const primary = resolveRef(fb.primary);
      const gate = b.gate(primary, 1, GateOrigin.fallback);
      b.require(gate, primary);
      b.require(gate, resolveRef(fb.fallback));
    }

    return {
      graph: b.build(),
      policy: manifest?.policy ?? DEFAULT_POLICY,
      vendorHosting,
      diagnostics,
      criticalityDeclared: criticalityDeclared || manifest === undefined,
      manifest,
      zoneAliases: zoneNames,
      controlPlanes,
      catalog,
    };
  }

  return { add, finish };
}

/** Values by three short string keys, without building a combined key per lookup. */
class KeyedCache<T> {
  private readonly maps = new Map<string, Map<string, Map<string, T>>>();
  /** The last hit: resources of one service come together, mostly in the same places. */
  private last: { a: string; b: string; c: string; value: T } | undefined;
  get(a: string, b: string, c: string): T | undefined {
    const last = this.last;
    if (last !== undefined && last.a === a && last.b === b && last.c === c) return last.value;
    const value = this.maps.get(a)?.get(b)?.get(c);
    if (value !== undefined) this.last = { a, b, c, value };
    return value;
  }
  set(a: string, b: string, c: string, value: T): void {
    let byB = this.maps.get(a);
    if (byB === undefined) this.maps.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (byC === undefined) byB.set(b, (byC = new Map()));
    byC.set(c, value);
  }
}

/** Plain code-unit order, as `Array.prototype.sort()` orders strings. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The failure domain a resource's placement needs. */
function resourcePlacement(r: SnapshotResource): string {
  if (r.placement === 'zonal' && r.region && r.zone) return zoneId(r.provider, r.region, r.zone);
  if (r.placement !== 'global' && r.region) return regionId(r.provider, r.region);
  return providerId(r.provider);
}

/**
 * Zone names (`us-east-1a`) differ per account; ids (`use1-az1`) do not. Maps
 * `aws:us-east-1/us-east-1a` to `aws:us-east-1/use1-az1` when every account agrees on it.
 */
function zoneNameIndex(snapshot: Pick<Snapshot, 'zones'>): Map<string, string> {
  const index = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const z of snapshot.zones) {
    const byName = zoneId(z.provider, z.region, z.name);
    const byId = zoneId(z.provider, z.region, z.id);
    const seen = index.get(byName);
    if (seen !== undefined && seen !== byId) ambiguous.add(byName);
    index.set(byName, byId);
  }
  for (const name of ambiguous) index.delete(name);
  return index;
}

/**
 * Attaches resources to services as they arrive: manifest selectors first (all tags must
 * match), then the service tags for whatever no selector claimed.
 */
class ResourceSelection {
  /** Declared service name → resource nodes its `resources.tags` selector picked. */
  readonly bySelector = new Map<string, number[]>();
  /** Service name from tags → resource nodes, for resources no selector picked. */
  readonly derived = new Map<string, number[]>();
  /**
   * Every tag of a selector must match, so each selector is indexed under one of its tags: a
   * resource is then checked against the few selectors its own tag values name, not all of them
   * (a manifest with hundreds of selectors over a million resources).
   */
  private readonly index: [string, Map<string, { tags: Record<string, string>; list: number[] }[]>][];

  constructor(
    declared: readonly ServiceDecl[],
    private readonly serviceTags: readonly string[],
  ) {
    const index = new Map<string, Map<string, { tags: Record<string, string>; list: number[] }[]>>();
    for (const decl of declared) {
      if (!decl.resources || Object.keys(decl.resources.tags).length === 0) continue;
      const tags = decl.resources.tags;
      const list: number[] = [];
      this.bySelector.set(decl.name, list);
      const key = Object.keys(tags).sort()[0]!;
      let byValue = index.get(key);
      if (byValue === undefined) index.set(key, (byValue = new Map()));
      const same = byValue.get(tags[key]!);
      if (same) same.push({ tags, list });
      else byValue.set(tags[key]!, [{ tags, list }]);
    }
    this.index = [...index];
  }

  add(v: number, tags: Record<string, string>): void {
    let claimed = false;
    for (const [key, byValue] of this.index) {
      const value = tags[key];
      if (value === undefined) continue;
      const candidates = byValue.get(value);
      if (candidates === undefined) continue;
      for (const selector of candidates) {
        if (matches(tags, selector.tags)) {
          selector.list.push(v);
          claimed = true;
        }
      }
    }
    if (claimed) return;
    const name = serviceNameFromTags(tags, this.serviceTags);
    if (name === undefined) return;
    const list = this.derived.get(name);
    if (list) list.push(v);
    else this.derived.set(name, [v]);
  }
}

function matches(tags: Record<string, string>, selector: Record<string, string>): boolean {
  for (const key in selector) if (tags[key] !== selector[key]) return false;
  return true;
}

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The service a resource belongs to by its tags, as a valid service id (`My App` → `My-App`). */
export function serviceNameFromTags(tags: Record<string, string>, serviceTags: readonly string[]): string | undefined {
  for (const key of serviceTags) {
    const value = tags[key];
    if (value === undefined) continue;
    // Most values already are valid names: a test allocates nothing, a million replaces do.
    if (SERVICE_NAME.test(value)) return value;
    const name = value.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
    if (name !== '') return name;
  }
  return undefined;
}
