/**
 * Test helpers that hand DOT to real Graphviz (Debian's `dot`, and the WASM build) and read back
 * what it understood: cluster names, node names and edges, from `-Tjson`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { dotString } from '../../../src/report/diagram/dot.js';
import type { DiagramView } from '../../../src/report/diagram/types.js';

export interface ParsedGraph {
  clusters: string[];
  nodes: string[];
  edges: string[];
}

interface GraphvizJson {
  _subgraph_cnt?: number;
  objects?: { name: string }[];
  edges?: { tail: number; head: number }[];
}

export function parseGraphvizJson(text: string): ParsedGraph {
  const json = JSON.parse(text) as GraphvizJson;
  const objects = json.objects ?? [];
  const subgraphs = json._subgraph_cnt ?? 0;
  return {
    clusters: objects.slice(0, subgraphs).map((o) => o.name).sort(),
    nodes: objects.slice(subgraphs).map((o) => o.name).sort(),
    edges: (json.edges ?? []).map((e) => `${objects[e.tail]!.name} -> ${objects[e.head]!.name}`).sort(),
  };
}

/**
 * The name Graphviz gives a quoted DOT string: its lexer turns `\"` into `"` and keeps every
 * other backslash pair as it is (escapes like `\n` only mean something when a label is drawn).
 */
export function graphvizName(id: string): string {
  const quoted = dotString(id).slice(1, -1);
  let name = '';
  for (let i = 0; i < quoted.length; i++) {
    if (quoted[i] === '\\' && quoted[i + 1] === '"') {
      name += '"';
      i++;
    } else if (quoted[i] === '\\') {
      name += quoted.slice(i, i + 2);
      i++;
    } else {
      name += quoted[i];
    }
  }
  return name;
}

/** What Graphviz should find in the DOT of `view`: its ids exactly (as Graphviz names them), and the legend. */
export function expectedGraph(view: DiagramView): ParsedGraph {
  return {
    clusters: view.clusters.map((c) => graphvizName(`cluster_${c.id}`)).sort(),
    nodes: [...view.nodes.map((n) => graphvizName(n.id)), '#legend'].sort(),
    edges: view.edges.map((e) => `${graphvizName(e.from)} -> ${graphvizName(e.to)}`).sort(),
  };
}

let checkedDot = false;

/** Runs Debian's `dot`; fails (never skips) when it is missing: .ci/run installs it. */
export function nativeDot(dot: string, format: 'json' | 'svg'): string {
  const result = spawnSync('dot', [`-T${format}`], { input: dot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!checkedDot) {
    assert.ok(
      !(result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT'),
      'Graphviz `dot` is not installed: the diagram tests render every fixture with it (apt-get install graphviz; .ci/run does this)',
    );
    checkedDot = true;
  }
  assert.equal(result.status, 0, `dot -T${format} failed: ${result.stderr}`);
  assert.equal(result.stderr, '', `dot -T${format} warned: ${result.stderr}`);
  return result.stdout;
}

let wasm: Promise<Graphviz> | undefined;

export async function wasmDot(dot: string, format: 'json' | 'svg'): Promise<string> {
  wasm ??= Graphviz.load();
  return (await wasm).layout(dot, format, 'dot');
}
