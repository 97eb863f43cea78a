/**
 * Graphviz DOT for a diagram view. Ids, tooltips and the title are quoted strings with `\` and
 * `"` escaped and newlines written as `\n`, so a hostile name can never end the string and
 * inject statements. Labels are HTML-like (a bold first line, smaller detail lines) and every
 * piece of text in them is fully XML-escaped. Output is sorted (clusters, nodes, edges by id),
 * so DOT files diff cleanly between runs.
 */
import type { DiagramCluster, DiagramEdge, DiagramNode, DiagramView, LegendEntry } from './types.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A DOT quoted string (with its quotes). Backslashes are doubled, so Graphviz's escapes (`\N`,
 * `\G`, `\l`) in a name print as text; control characters go; newlines become DOT's `\n`.
 */
export function dotString(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * Text for an HTML-like label: control characters and newlines go, every XML special is escaped,
 * and backslashes are doubled: Graphviz expands `\N` and `\G` even inside HTML-like labels.
 */
export function xmlText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[\r\n]+/g, ' ')
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const RED = '#c62828';
const PALETTE = {
  edge: '#78909c',
  member: '#a1887f',
  detail: '#455a64',
  service: { fill: '#e3f2fd', line: '#1565c0' },
  spof: { fill: '#ffcdd2', line: RED },
  sharedFate: { fill: '#ffe0b2', line: '#e65100' },
  vendor: { fill: '#f3e5f5', line: '#6a1b9a' },
  resource: { fill: '#f5f5f5', line: '#757575' },
  gate: { fill: '#fff8e1', line: '#8d6e63' },
  domain: { fill: '#ffffff', line: '#1e88e5' },
  failure: { fill: RED, line: '#b71c1c' },
} as const;

/** Above this many nodes, dot's crossing minimisation is capped (reference/graph-performance.md, section 7). */
const LARGE = 1000;

type Attrs = Map<string, string>;

/** Renders the view as a DOT digraph; ends with "\n". */
export function toDot(view: DiagramView): string {
  const out: string[] = [];
  out.push('digraph faultline {');
  const graph: Attrs = new Map([
    ['rankdir', 'LR'],
    ['newrank', 'true'],
    ['outputorder', 'edgesfirst'],
    ['nodesep', '0.18'],
    ['ranksep', '0.6'],
    ['pad', '0.5'],
    ['fontname', '"Helvetica"'],
    ['fontsize', '16'],
    ['labelloc', 't'],
    ['labeljust', 'l'],
    ['label', dotString(view.title)],
  ]);
  if (view.nodes.length > LARGE) graph.set('mclimit', '0.3').set('splines', 'polyline');
  out.push(`  graph [${list(graph)}];`);
  out.push('  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#78909c", fontname="Helvetica", fontsize=10, margin="0.2,0.06", height=0.3];');
  out.push(`  edge [color="${PALETTE.edge}", arrowsize=0.6, fontname="Helvetica", fontsize=8, fontcolor="#546e7a"];`);

  const children = groupBy(view.clusters, (c) => c.parent);
  const nodesIn = groupBy(view.nodes, (n) => n.cluster);
  const emit = (cluster: string, indent: string): void => {
    for (const c of children.get(cluster) ?? []) {
      out.push(`${indent}subgraph ${dotString(`cluster_${c.id}`)} {`);
      out.push(`${indent}  graph [${list(clusterAttributes(c))}];`);
      emit(c.id, `${indent}  `);
      out.push(`${indent}}`);
    }
    for (const n of nodesIn.get(cluster) ?? []) out.push(`${indent}${dotString(n.id)} [${list(nodeAttributes(n))}];`);
  };
  emit('', '  ');
  for (const e of view.edges) {
    const attrs = edgeAttributes(e);
    out.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs.size > 0 ? ` [${list(attrs)}]` : ''};`);
  }
  // `#` cannot start any id of the DESIGN.md syntax, so the legend never collides with a node.
  out.push(`  "#legend" [shape=plain, tooltip="legend", label=<${legendTable(view.legend)}>];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

function list(attrs: Attrs): string {
  return [...attrs].map(([k, v]) => `${k}=${v}`).join(', ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function clusterAttributes(c: DiagramCluster): Attrs {
  const titleSize = c.kind === 'provider' || c.kind === 'vendors' ? 13 : c.kind === 'region' ? 11 : 10;
  const bold = c.kind !== 'zone' && c.kind !== 'hosting';
  const noteColour = c.risky || c.failed ? RED : PALETTE.detail;
  let label = `<FONT POINT-SIZE="${titleSize}">${bold ? `<B>${xmlText(c.label)}</B>` : xmlText(c.label)}</FONT>`;
  if (c.note) label += `<BR ALIGN="LEFT"/><FONT POINT-SIZE="8" COLOR="${noteColour}">${xmlText(c.note)}</FONT>`;
  const attrs: Attrs = new Map([
    ['label', `<${label}<BR ALIGN="LEFT"/>>`],
    ['labeljust', 'l'],
    ['penwidth', '1.2'],
    ['tooltip', dotString(c.id)],
  ]);
  const look: Record<DiagramCluster['kind'], [style: string, fill: string, line: string]> = {
    provider: ['rounded,filled', '#f7f9fa', '#90a4ae'],
    region: ['rounded,filled', '#eaf2fb', '#64b5f6'],
    zone: ['rounded,filled,dashed', '#ffffff', '#90caf9'],
    vendors: ['rounded,filled', '#faf4fc', '#ba68c8'],
    hosting: ['rounded,filled,dashed', '#ffffff', '#ce93d8'],
  };
  const [style, fill, line] = look[c.kind];
  attrs.set('style', `"${style}"`).set('fillcolor', `"${fill}"`).set('color', `"${line}"`);
  if (c.risky) attrs.set('color', `"${RED}"`);
  if (c.failed) attrs.set('fillcolor', '"#ffebee"').set('color', '"#b71c1c"').set('penwidth', '3');
  return attrs;
}

function nodeAttributes(n: DiagramNode): Attrs {
  const attrs: Attrs = new Map();
  let { fill, line } = PALETTE.service as { fill: string; line: string };
  let style = 'rounded,filled';
  let titleSize = 10;
  switch (n.kind) {
    case 'service':
      break;
    case 'vendor':
      ({ fill, line } = PALETTE.vendor);
      break;
    case 'resource':
      ({ fill, line } = PALETTE.resource);
      style = 'filled';
      titleSize = 9;
      break;
    case 'resources':
      ({ fill, line } = PALETTE.resource);
      style = 'filled';
      titleSize = 9;
      attrs.set('shape', 'box3d');
      break;
    case 'gate':
      ({ fill, line } = PALETTE.gate);
      style = 'filled';
      titleSize = 8;
      attrs.set('shape', 'diamond').set('margin', '"0.02,0.02"').set('width', '0.5').set('height', '0.4');
      break;
    case 'domain':
      ({ fill, line } = PALETTE.domain);
      style = 'rounded,filled,dashed';
      titleSize = 9;
      break;
    case 'failure':
      ({ fill, line } = PALETTE.failure);
      style = 'filled';
      attrs.set('shape', 'octagon').set('fontcolor', '"#ffffff"');
      break;
  }
  let penwidth = 1;
  if (n.sharedFate) {
    ({ fill, line } = PALETTE.sharedFate);
    penwidth = 2;
  }
  if (n.singleRegion) {
    line = RED;
    penwidth = 2;
  }
  if (n.spof) {
    ({ fill, line } = PALETTE.spof);
    penwidth = 2;
  }
  if (n.critical) penwidth += 1.5;
  if (n.partial) {
    style += ',dashed';
    fill = '#ffffff';
  }
  const title = xmlText(n.label);
  const detailColour = n.kind === 'failure' ? '#ffffff' : PALETTE.detail;
  let label = `<FONT POINT-SIZE="${titleSize}">${n.critical || n.kind === 'failure' ? `<B>${title}</B>` : title}</FONT>`;
  for (const text of n.lines) label += `<BR/><FONT POINT-SIZE="8" COLOR="${detailColour}">${xmlText(text)}</FONT>`;
  attrs.set('label', `<${label}>`).set('tooltip', dotString(n.tooltip));
  attrs.set('style', `"${style}"`).set('fillcolor', `"${fill}"`).set('color', `"${line}"`);
  if (penwidth !== 1) attrs.set('penwidth', String(penwidth));
  if (n.partial) attrs.set('fontcolor', '"#757575"');
  return attrs;
}

function edgeAttributes(e: DiagramEdge): Attrs {
  const attrs: Attrs = new Map();
  if (e.label) attrs.set('label', dotString(e.label));
  if (e.member) attrs.set('arrowsize', '0.5').set('color', `"${PALETTE.member}"`);
  if (e.controlPlane) attrs.set('style', 'dashed').set('arrowhead', 'empty').set('color', `"${PALETTE.domain.line}"`).set('fontcolor', `"${PALETTE.domain.line}"`);
  if (e.critical) attrs.set('color', `"${RED}"`).set('penwidth', '2');
  return attrs;
}

/** The legend as an HTML-like table: a swatch per entry. */
function legendTable(legend: readonly LegendEntry[]): string {
  const cell = (fill: string, line: string, border: number, text: string): string =>
    `<TD BGCOLOR="${fill}" COLOR="${line}" BORDER="${border}" STYLE="rounded"><FONT POINT-SIZE="8">${text}</FONT></TD>`;
  const swatch: Record<LegendEntry['key'], string> = {
    edge: `<TD><FONT COLOR="${PALETTE.edge}">A → B</FONT></TD>`,
    critical: cell(PALETTE.service.fill, PALETTE.service.line, 3, '<B>service</B>'),
    spof: cell(PALETTE.spof.fill, RED, 2, 'SPOF'),
    singleRegion: cell(PALETTE.service.fill, RED, 2, 'service'),
    redEdge: `<TD><FONT COLOR="${RED}"><B>A → B</B></FONT></TD>`,
    sharedFate: cell(PALETTE.sharedFate.fill, PALETTE.sharedFate.line, 2, 'any of'),
    gate: cell(PALETTE.gate.fill, PALETTE.gate.line, 1, '2 of 3'),
    vendor: cell(PALETTE.vendor.fill, PALETTE.vendor.line, 1, 'vendor'),
    controlPlane: `<TD><FONT COLOR="${PALETTE.domain.line}">A - - ▷ region</FONT></TD>`,
  };
  const rows = legend.map((entry) => `<TR>${swatch[entry.key]}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">${xmlText(entry.text)}</FONT></TD></TR>`);
  return `<TABLE BORDER="1" COLOR="#b0bec5" CELLBORDER="0" CELLSPACING="3" CELLPADDING="3" BGCOLOR="#ffffff"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>legend</B></TD></TR>${rows.join('')}</TABLE>`;
}
