/**
 * Mermaid flowchart for a diagram view, for Markdown files and PR comments. Node ids are safe
 * tokens (`n<index>` in sorted order, clusters `c<index>`); the real id and label go in quoted
 * labels where every character Mermaid gives a meaning to is written as an entity code, so a
 * hostile name can neither end the string nor start a statement.
 */
import { sanitizeForTerminal } from '../../core/text.js';
import type { DiagramCluster, DiagramNode, DiagramView } from './types.js';

const ENTITY: Record<string, string> = {
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
};

/**
 * Text safe inside a quoted Mermaid label: control characters and ANSI escapes go, newlines
 * become spaces, and `"` `#` `&` `<` `>` `[` `]` `{` `}` `(` `)` `|` backtick `%` `;` `\` become
 * entity codes (`#quot;`, `#91;`), so `-->` turns into `--#gt;` and cannot draw an edge.
 */
export function mermaidText(text: string): string {
  return sanitizeForTerminal(text).replace(/[\u2028\u2029]/g, ' ').replace(/["#&<>[\]{}()|`%;\\]/g, (ch) => ENTITY[ch] ?? `#${ch.charCodeAt(0)};`);
}

const SHAPES: Record<DiagramNode['kind'], [open: string, close: string]> = {
  service: ['(', ')'],
  vendor: ['([', '])'],
  resource: ['[', ']'],
  resources: ['[[', ']]'],
  gate: ['{', '}'],
  domain: ['[/', '/]'],
  failure: ['{{', '}}'],
};

const CLASS_DEFS = [
  'classDef service fill:#e3f2fd,stroke:#1565c0',
  'classDef vendor fill:#f3e5f5,stroke:#6a1b9a',
  'classDef resource fill:#f5f5f5,stroke:#757575',
  'classDef gate fill:#fff8e1,stroke:#8d6e63',
  'classDef domain fill:#ffffff,stroke:#1e88e5,stroke-dasharray:4',
  'classDef failure fill:#c62828,stroke:#b71c1c,color:#ffffff',
  'classDef sharedFate fill:#ffe0b2,stroke:#e65100,stroke-width:2px',
  'classDef singleRegion stroke:#c62828,stroke-width:2px',
  'classDef spof fill:#ffcdd2,stroke:#c62828,stroke-width:2px',
  'classDef critical stroke-width:4px,font-weight:bold',
  'classDef partial fill:#ffffff,stroke-dasharray:4,color:#757575',
];

/** Renders the view as a Mermaid flowchart; ends with "\n". */
export function toMermaid(view: DiagramView): string {
  const out: string[] = [];
  // The title is a comment: sanitizeForTerminal removed newlines, so it cannot leave the line.
  out.push(`%% ${sanitizeForTerminal(view.title)}`);
  out.push('flowchart LR');
  const nodeId = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]));
  const clusterId = new Map(view.clusters.map((c, i) => [c.id, `c${i}`]));
  const children = new Map<string, DiagramCluster[]>();
  for (const c of view.clusters) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
  const nodesIn = new Map<string, DiagramNode[]>();
  for (const n of view.nodes) nodesIn.set(n.cluster, [...(nodesIn.get(n.cluster) ?? []), n]);

  const emit = (cluster: string, indent: string): void => {
    for (const c of children.get(cluster) ?? []) {
      const label = c.note ? `${mermaidText(c.label)}<br/><small>${mermaidText(c.note)}</small>` : mermaidText(c.label);
      out.push(`${indent}subgraph ${clusterId.get(c.id)}["${label}"]`);
      emit(c.id, `${indent}  `);
      out.push(`${indent}end`);
    }
    for (const n of nodesIn.get(cluster) ?? []) {
      const [open, close] = SHAPES[n.kind];
      const title = n.critical ? `<b>${mermaidText(n.label)}</b>` : mermaidText(n.label);
      const lines = n.lines.map((l) => `<br/><small>${mermaidText(l)}</small>`).join('');
      out.push(`${indent}${nodeId.get(n.id)}${open}"${title}${lines}"${close}`);
    }
  };
  emit('', '  ');

  const red: number[] = [];
  view.edges.forEach((e, i) => {
    const arrow = e.member || e.controlPlane ? '-.->' : '-->';
    const label = e.label ? `|"${mermaidText(e.label)}"|` : '';
    out.push(`  ${nodeId.get(e.from)} ${arrow}${label} ${nodeId.get(e.to)}`);
    if (e.critical) red.push(i);
  });

  for (const def of CLASS_DEFS) out.push(`  ${def}`);
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string): void => void byClass.set(cls, [...(byClass.get(cls) ?? []), id]);
  for (const n of view.nodes) {
    const id = nodeId.get(n.id)!;
    addClass(n.kind === 'resources' ? 'resource' : n.kind, id);
    // Later classes win in Mermaid, so the order below is the order of precedence.
    if (n.sharedFate) addClass('sharedFate', id);
    if (n.singleRegion) addClass('singleRegion', id);
    if (n.spof) addClass('spof', id);
    if (n.critical) addClass('critical', id);
    if (n.partial) addClass('partial', id);
  }
  for (const cls of ['service', 'vendor', 'resource', 'gate', 'domain', 'failure', 'sharedFate', 'singleRegion', 'spof', 'critical', 'partial']) {
    const ids = byClass.get(cls);
    if (ids) out.push(`  class ${ids.join(',')} ${cls}`);
  }
  for (const c of view.clusters) {
    if (c.failed) out.push(`  style ${clusterId.get(c.id)} fill:#ffebee,stroke:#b71c1c,stroke-width:3px`);
    else if (c.risky) out.push(`  style ${clusterId.get(c.id)} stroke:#c62828`);
  }
  if (red.length > 0) out.push(`  linkStyle ${red.join(',')} stroke:#c62828,stroke-width:2px`);
  return `${out.join('\n')}\n`;
}
