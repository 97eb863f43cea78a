/**
 * The compiled failure graph: a compact CSR (compressed sparse row) graph with interned ids,
 * the one structure every analysis runs on. Object graphs (graphlib, graphology) cost 25-55 s
 * and 2-4 GB at 1M nodes; this costs about 100 MB (reference/graph-performance.md).
 *
 * Every node has a requirement list (its out-edges, "v needs u"). A node fails when `need[v]`
 * of its requirements have failed: 1 for an ordinary node (all needed), m for an `anyOf` gate
 * over m members, m-k+1 for `atLeast: k` of m. Redundancy groups are explicit gate nodes.
 */

export const NodeKind = {
  provider: 0,
  account: 1,
  region: 2,
  zone: 3,
  vendor: 4,
  service: 5,
  resource: 6,
  gate: 7,
} as const;
export type NodeKindName = keyof typeof NodeKind;
export type NodeKindCode = (typeof NodeKind)[NodeKindName];
export const kindNames = Object.keys(NodeKind) as NodeKindName[];

/** Why a gate exists: a declared group, the replicas of one resource type of a service, or a declared fallback pair. */
export const GateOrigin = { none: 0, group: 1, replicas: 2, fallback: 3 } as const;
export type GateOriginCode = (typeof GateOrigin)[keyof typeof GateOrigin];

/** A gate's need when its members can never all fail (atLeast: 0). */
const NEVER = 0x7fffffff;

export interface FailureGraph {
  /** Number of nodes, gates included. */
  readonly size: number;
  /** The id of each node. Gates get a synthetic id: `<owner>#<n>` (never a valid reference). */
  readonly ids: readonly string[];
  /** id → node, for every node. */
  readonly index: IdLookup;
  readonly kind: Uint8Array;
  /** Number of failed requirements that fail the node. */
  readonly need: Int32Array;
  /** Requirements of v: reqTargets[reqOffset[v] .. reqOffset[v+1]). */
  readonly reqOffset: Int32Array;
  readonly reqTargets: Int32Array;
  /** Dependents of v (nodes that require v): depSources[depOffset[v] .. depOffset[v+1]). */
  readonly depOffset: Int32Array;
  readonly depSources: Int32Array;
  /** 1 for critical services. */
  readonly critical: Uint8Array;
  /** For gates: the node whose requirement list holds the group (-1 for fallbacks). */
  readonly gateOwner: Int32Array;
  /** For gates: how many members must stay up. */
  readonly gateNeedUp: Int32Array;
  readonly gateOrigin: Uint8Array;
  /** For resources: index into `typeNames` (`ec2:instance`); -1 otherwise. */
  readonly resourceType: Int32Array;
  readonly typeNames: readonly string[];
  /** The nodes of each kind, in node order: kindNodes[kindOffset[k] .. kindOffset[k+1]) (see `nodesOfKind`). */
  readonly kindOffset: Int32Array;
  readonly kindNodes: Int32Array;
}

/** Finds nodes by id. */
export interface IdLookup {
  get(id: string): number | undefined;
  has(id: string): boolean;
  readonly size: number;
}

/**
 * The id → node table: open addressing over an Int32Array of node numbers, with each node's
 * hash kept alongside. At a million ids a `Map<string, number>` spends most of the graph build
 * growing and probing its buckets; this table is about twice as fast and allocates nothing per
 * id. Collisions only cost probes: equality is always checked on the whole string.
 */
export class IdIndex implements IdLookup {
  private slots: Int32Array;
  private readonly hashes: IntList;

  /** `expected`: how many ids are coming, so a big estate does not rehash its way up. */
  constructor(
    private readonly ids: string[],
    expected = 1024,
  ) {
    let size = 1 << 12;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new IntList(Math.max(1024, expected));
  }

  get size(): number {
    return this.ids.length;
  }

  get(id: string): number | undefined {
    const v = this.slots[this.find(id, hashOf(id))]!;
    return v < 0 ? undefined : v;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** The node of `id`, appending it to `ids` as a new node when it is not there yet. */
  intern(id: string): number {
    const hash = hashOf(id);
    const slot = this.find(id, hash);
    const existing = this.slots[slot]!;
    if (existing >= 0) return existing;
    const v = this.ids.length;
    this.ids.push(id);
    this.hashes.push(hash);
    this.slots[slot] = v;
    // Kept at most half full, so probe runs stay short.
    if (this.ids.length * 2 > this.slots.length) this.rehash();
    return v;
  }

  /** The slot holding `id`, or the empty slot where it would go. */
  private find(id: string, hash: number): number {
    const { slots, ids } = this;
    const mask = slots.length - 1;
    const hashes = this.hashes.data;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v < 0 || (hashes[v] === hash && ids[v] === id)) return i;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    const hashes = this.hashes.data;
    for (let v = 0; v < this.ids.length; v++) {
      let i = hashes[v]! & mask;
      while (slots[i]! >= 0) i = (i + 1) & mask;
      slots[i] = v;
    }
    this.slots = slots;
  }
}

/** FNV-1a over UTF-16 code units, finished with a murmur3 mix so nearby ids spread out. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  // Signed, as the Int32Array of hashes holds it.
  return h | 0;
}

/** Grows typed arrays by doubling, so building 1M nodes does not allocate per node. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  /** Sets entry i, filling any entries between the old end and i with `fill`. */
  set(i: number, value: number, fill: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    if (i >= this.length) {
      this.data.fill(fill, this.length, i);
      this.length = i + 1;
    }
    this.data[i] = value;
  }
  /** The first n entries, padded with `fill` past the end. */
  toArray(n = this.length, fill = 0): Int32Array {
    const out = new Int32Array(n).fill(fill, Math.min(n, this.length));
    out.set(this.data.subarray(0, Math.min(n, this.length)));
    return out;
  }
  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/**
 * Builds a FailureGraph. Nodes are interned by id; edges are appended as (dependent, requirement)
 * pairs and sorted into CSR once, in O(n + m), by `build()`. Per-node facts live in growable
 * typed arrays, not maps or objects: at a million nodes, per-node allocations are what the
 * garbage collector spends its time on.
 */
export class GraphBuilder {
  private readonly ids: string[] = [];
  private readonly index: IdIndex;
  private readonly kinds: IntList;
  private readonly from: IntList;
  private readonly to: IntList;
  private readonly criticalNodes = new IntList();
  /** Gate facts, by node: owner (-1 for none), needUp, origin (0 for non-gates). */
  private readonly gateOwners = new IntList();
  private readonly gateNeeds = new IntList();
  private readonly gateOrigins = new IntList();
  /** Resource type index by node; -1 for none. */
  private readonly types = new IntList();
  private readonly typeNames: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  /** Gates created per owner so far, for their `<owner>#<n>` ids. */
  private readonly gateCounts = new IntList();
  private fallbackGates = 0;

  /** `expectedNodes`: a size hint (the resource count), so big estates do not grow by doubling. */
  constructor(expectedNodes = 1024) {
    this.index = new IdIndex(this.ids, expectedNodes);
    this.kinds = new IntList(Math.max(1024, expectedNodes));
    this.from = new IntList(Math.max(4096, expectedNodes * 4));
    this.to = new IntList(Math.max(4096, expectedNodes * 4));
  }

  /** Interns `id` as a node of `kind`; returns the existing node when the id is known. */
  node(id: string, kind: NodeKindName): number {
    const v = this.index.intern(id);
    if (v === this.kinds.length) this.kinds.push(NodeKind[kind]);
    return v;
  }

  /** The node for `id`, if interned. */
  lookup(id: string): number | undefined {
    return this.index.get(id);
  }

  kindOf(v: number): NodeKindName {
    return kindNames[this.kinds.data[v]!]!;
  }

  idOf(v: number): string {
    return this.ids[v]!;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Records that `dependent` needs `requirement`. */
  require(dependent: number, requirement: number): void {
    this.from.push(dependent);
    this.to.push(requirement);
  }

  /**
   * Creates a redundancy-group gate owned by `owner` that stays up while `needUp` of its
   * members are up. Add members with `require(gate, member)`.
   */
  gate(owner: number, needUp: number, origin: GateOriginCode): number {
    let n: number;
    if (owner >= 0) {
      n = (owner < this.gateCounts.length ? this.gateCounts.data[owner]! : 0) + 1;
      this.gateCounts.set(owner, n, 0);
    } else {
      n = ++this.fallbackGates;
    }
    const base = owner >= 0 ? this.ids[owner]! : 'fallback';
    const v = this.node(`${base}#${n}`, 'gate');
    this.gateOwners.set(v, owner, -1);
    this.gateNeeds.set(v, needUp, 0);
    this.gateOrigins.set(v, origin, 0);
    return v;
  }

  markCritical(v: number): void {
    this.criticalNodes.push(v);
  }

  /** Records v's resource type; returns the type's index (into the built graph's `typeNames`). */
  setResourceType(v: number, type: string): number {
    let t = this.typeIndex.get(type);
    if (t === undefined) {
      t = this.typeNames.length;
      this.typeNames.push(type);
      this.typeIndex.set(type, t);
    }
    this.types.set(v, t, -1);
    return t;
  }

  /** The name of resource type index t (`ec2:instance`); '' for -1. */
  typeName(t: number): string {
    return this.typeNames[t] ?? '';
  }

  /** The resource type index of v (into the built graph's `typeNames`), or -1. */
  typeOf(v: number): number {
    return v < this.types.length ? this.types.data[v]! : -1;
  }

  build(): FailureGraph {
    const n = this.ids.length;
    const m = this.from.length;
    const from = this.from.data;
    const to = this.to.data;
    const [reqOffset, reqTargets] = csr(n, m, from, to);
    const [depOffset, depSources] = csr(n, m, to, from);

    const kind = new Uint8Array(n);
    kind.set(this.kinds.data.subarray(0, n));
    const need = new Int32Array(n).fill(1);
    const gateOwner = this.gateOwners.toArray(n, -1);
    const gateNeedUp = this.gateNeeds.toArray(n, 0);
    const gateOrigin = Uint8Array.from(this.gateOrigins.toArray(n, 0));
    for (let v = 0; v < n; v++) {
      if (kind[v] !== NodeKind.gate) continue;
      const members = reqOffset[v + 1]! - reqOffset[v]!;
      // A gate fails once more than (members - needUp) members have failed.
      need[v] = gateNeedUp[v]! <= 0 ? NEVER : members - gateNeedUp[v]! + 1;
    }
    const critical = new Uint8Array(n);
    for (let i = 0; i < this.criticalNodes.length; i++) critical[this.criticalNodes.data[i]!] = 1;
    const resourceType = this.types.toArray(n, -1);
    const [kindOffset, kindNodes] = byKind(kind);

    return {
      size: n,
      ids: this.ids,
      index: this.index,
      kind,
      need,
      reqOffset,
      reqTargets,
      depOffset,
      depSources,
      critical,
      gateOwner,
      gateNeedUp,
      gateOrigin,
      resourceType,
      typeNames: this.typeNames,
      kindOffset,
      kindNodes,
    };
  }
}

/** Counting sort of m edges (key[i] → value[i]) into CSR offsets and targets. */
function csr(n: number, m: number, key: Int32Array, value: Int32Array): [Int32Array, Int32Array] {
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offset[key[i]! + 1]!++;
  for (let v = 0; v < n; v++) offset[v + 1]! += offset[v]!;
  const cursor = offset.slice(0, n);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) targets[cursor[key[i]!]!++] = value[i]!;
  return [offset, targets];
}

/** The nodes grouped by kind (a counting sort, so in node order within a kind). */
function byKind(kind: Uint8Array): [Int32Array, Int32Array] {
  const offset = new Int32Array(kindNames.length + 1);
  for (let v = 0; v < kind.length; v++) offset[kind[v]! + 1]!++;
  for (let k = 0; k < kindNames.length; k++) offset[k + 1]! += offset[k]!;
  const cursor = offset.slice(0, kindNames.length);
  const nodes = new Int32Array(kind.length);
  for (let v = 0; v < kind.length; v++) nodes[cursor[kind[v]!]!++] = v;
  return [offset, nodes];
}

/** The requirements of v, as a subarray view (no copy). */
export function requirementsOf(g: FailureGraph, v: number): Int32Array {
  return g.reqTargets.subarray(g.reqOffset[v]!, g.reqOffset[v + 1]!);
}

/** The dependents of v, as a subarray view (no copy). */
export function dependentsOf(g: FailureGraph, v: number): Int32Array {
  return g.depSources.subarray(g.depOffset[v]!, g.depOffset[v + 1]!);
}

/**
 * The nodes of one kind, in node order. A query that needs the services or the failure domains
 * of a million-node estate reads them here instead of scanning every node for them.
 */
export function nodesOfKind(g: FailureGraph, kind: number): Int32Array {
  return g.kindNodes.subarray(g.kindOffset[kind]!, g.kindOffset[kind + 1]!);
}

export function kindName(g: FailureGraph, v: number): NodeKindName {
  return kindNames[g.kind[v]!]!;
}

/**
 * A readable label for any node: its id, or for a gate `anyOf(a, b)` / `2 of (a, b, c)`
 * built from its members' labels, or `anyOf(3 × ec2:instance)` for a service's replicas.
 */
export function nodeLabel(g: FailureGraph, v: number): string {
  if (g.kind[v] !== NodeKind.gate) return g.ids[v]!;
  // A group label sits in the causal chain of every finding that passes through the group:
  // build it once per graph (graphs are immutable).
  let labels = gateLabels.get(g);
  if (labels === undefined) gateLabels.set(g, (labels = new Map()));
  let label = labels.get(v);
  if (label === undefined) {
    const members = requirementsOf(g, v);
    if (g.gateOrigin[v] === GateOrigin.replicas) {
      // Replicas of one type: their ARNs say nothing a reader needs here; the count and type do.
      label = `anyOf(${members.length} × ${g.typeNames[g.resourceType[members[0]!]!] ?? 'resource'})`;
    } else {
      const names = Array.from(members, (u) => nodeLabel(g, u)).join(', ');
      label = g.gateNeedUp[v] === 1 ? `anyOf(${names})` : `${g.gateNeedUp[v]} of (${names})`;
    }
    labels.set(v, label);
  }
  return label;
}

const gateLabels = new WeakMap<FailureGraph, Map<number, string>>();
