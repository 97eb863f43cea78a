/**
 * Graphviz DOT for a diagram view. Every id and label is a quoted string with `\` and `"`
 * escaped and newlines written as `\n`, so a hostile name can never end the string and inject
 * statements; the only HTML-like label is the legend, built from constants and XML-escaped anyway.
 * Output is sorted (clusters, nodes, edges by id), so DOT files diff cleanly between runs.
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

/** Text for an HTML-like label: every XML special character escaped. */
export function xmlText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const RED = '#c62828';
const COLOURS = {
  edge: '#78909c',
  service: { fill: '#e3f2fd', line: '#1565c0' },
  spof: { fill: '#ffcdd2', line: RED },
  sharedFate: { fill: '#ffe0b2', line: '#e65100' },
  vendor: { fill: '#f3e5f5', line: '#6a1b9a' },
  resource: { fill: '#f5f5f5', line: '#757575' },
  gate: { fill: '#fff8e1', line: '#8d6e63' },
} as const;

/** Renders the view as a DOT digraph; ends with "\n". */
export function toDot(view: DiagramView): string {
  const out: string[] = [];
  const large = view.nodes.length > 1000;
  out.push('digraph faultline {');
  out.push(
    `  graph [rankdir=LR, newrank=true, outputorder=edgesfirst, nodesep=0.18, ranksep=0.55, pad=0.3, fontname="Helvetica", fontsize=16, labelloc=t, labeljust=l, label=${dotString(view.title)}${large ? ', mclimit=0.3' : ''}];`,
  );
  out.push('  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#78909c", fontname="Helvetica", fontsize=10, margin="0.12,0.05", height=0.3];');
  out.push(`  edge [color="${COLOURS.edge}", arrowsize=0.6, fontname="Helvetica", fontsize=8, fontcolor="#546e7a"];`);

  const children = new Map<string, DiagramCluster[]>();
  for (const c of view.clusters) {
    const list = children.get(c.parent);
    if (list) list.push(c);
    else children.set(c.parent, [c]);
  }
  const nodesIn = new Map<string, DiagramNode[]>();
  for (const n of view.nodes) {
    const list = nodesIn.get(n.cluster);
    if (list) list.push(n);
    else nodesIn.set(n.cluster, [n]);
  }
  const emit = (cluster: string, indent: string): void => {
    for (const c of children.get(cluster) ?? []) {
      out.push(`${indent}subgraph ${dotString(`cluster_${c.id}`)} {`);
      out.push(`${indent}  ${clusterAttributes(c)};`);
      emit(c.id, `${indent}  `);
      out.push(`${indent}}`);
    }
    for (const n of nodesIn.get(cluster) ?? []) out.push(`${indent}${dotString(n.id)} [${nodeAttributes(n)}];`);
  };
  emit('', '  ');
  for (const e of view.edges) out.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${edgeAttributes(e)};`);
  out.push(`  "#legend" [shape=plain, label=<${legendTable(view.legend)}>];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

function clusterAttributes(c: DiagramCluster): string {
  const label = c.note ? `${c.label}\n${c.note}` : c.label;
  const attrs = [`label=${dotString(label)}`, 'labeljust=l', 'fontsize=11', 'penwidth=1.2'];
  switch (c.kind) {
    case 'provider':
      attrs.push('style="rounded,filled"', 'fillcolor="#f7f9fa"', 'color="#90a4ae"', 'fontname="Helvetica-Bold"', 'fontsize=13');
      break;
    case 'region':
      attrs.push('style="rounded,filled"', 'fillcolor="#eaf2fb"', 'color="#64b5f6"', 'fontname="Helvetica-Bold"');
      break;
    case 'zone':
      attrs.push('style="rounded,filled,dashed"', 'fillcolor="#ffffff"', 'color="#90caf9"', 'fontsize=10');
      break;
    case 'vendors':
      attrs.push('style="rounded,filled"', 'fillcolor="#faf4fc"', 'color="#ba68c8"', 'fontname="Helvetica-Bold"', 'fontsize=13');
      break;
    case 'hosting':
      attrs.push('style="rounded,filled,dashed"', 'fillcolor="#ffffff"', 'color="#ce93d8"', 'fontsize=10');
      break;
  }
  if (c.risky) attrs.push(`color="${RED}"`, `fontcolor="${RED}"`);
  if (c.failed) attrs.push('fillcolor="#ffebee"', 'color="#b71c1c"', 'penwidth=3');
  return attrs.join('; ');
}

function nodeAttributes(n: DiagramNode): string {
  const label = [n.label, ...n.lines].join('\n');
  const attrs = [`label=${dotString(label)}`, `tooltip=${dotString(n.tooltip)}`];
  let fill: string = COLOURS.service.fill;
  let line: string = COLOURS.service.line;
  let style = 'rounded,filled';
  switch (n.kind) {
    case 'service':
      break;
    case 'vendor':
      ({ fill, line } = COLOURS.vendor);
      break;
    case 'resource':
      ({ fill, line } = COLOURS.resource);
      style = 'filled';
      attrs.push('fontsize=9');
      break;
    case 'resources':
      ({ fill, line } = COLOURS.resource);
      attrs.push('shape=box3d', 'fontsize=9');
      style = 'filled';
      break;
    case 'gate':
      ({ fill, line } = COLOURS.gate);
      attrs.push('shape=diamond', 'fontsize=8', 'margin="0.02,0.02"', 'width=0.5', 'height=0.4');
      style = 'filled';
      break;
    case 'domain':
      fill = '#ffffff';
      line = '#1e88e5';
      style = 'rounded,filled,dashed';
      attrs.push('fontsize=9');
      break;
    case 'failure':
      fill = RED;
      line = '#b71c1c';
      attrs.push('shape=octagon', 'fontcolor="#ffffff"', 'fontname="Helvetica-Bold"');
      style = 'filled';
      break;
  }
  let penwidth = 1;
  if (n.sharedFate) {
    ({ fill, line } = COLOURS.sharedFate);
    penwidth = 2;
  }
  if (n.singleRegion) {
    line = RED;
    penwidth = 2;
  }
  if (n.spof) {
    ({ fill, line } = COLOURS.spof);
    penwidth = 2;
  }
  if (n.critical) {
    penwidth += 1.5;
    attrs.push('fontname="Helvetica-Bold"');
  }
  if (n.partial) {
    style += ',dashed';
    fill = '#ffffff';
    attrs.push('fontcolor="#757575"');
  }
  attrs.push(`style="${style}"`, `fillcolor="${fill}"`, `color="${line}"`);
  if (penwidth !== 1) attrs.push(`penwidth=${penwidth}`);
  return attrs.join(', ');
}

function edgeAttributes(e: DiagramEdge): string {
  const attrs: string[] = [];
  if (e.label) attrs.push(`label=${dotString(e.label)}`);
  if (e.member) attrs.push('arrowsize=0.5', 'color="#a1887f"');
  if (e.critical) attrs.push(`color="${RED}"`, 'penwidth=2');
  return attrs.length > 0 ? ` [${attrs.join(', ')}]` : '';
}

/** The legend as an HTML-like table: a swatch per entry. */
function legendTable(legend: readonly LegendEntry[]): string {
  const swatch: Record<LegendEntry['key'], string> = {
    edge: '<TD>→</TD>',
    critical: `<TD BGCOLOR="${COLOURS.service.fill}" COLOR="${COLOURS.service.line}" BORDER="3"><B>svc</B></TD>`,
    spof: `<TD BGCOLOR="${COLOURS.spof.fill}" COLOR="${RED}" BORDER="2">svc</TD>`,
    singleRegion: `<TD BGCOLOR="${COLOURS.service.fill}" COLOR="${RED}" BORDER="2">svc</TD>`,
    redEdge: `<TD><FONT COLOR="${RED}"><B>→</B></FONT></TD>`,
    sharedFate: `<TD BGCOLOR="${COLOURS.sharedFate.fill}" COLOR="${COLOURS.sharedFate.line}" BORDER="2">any of</TD>`,
    gate: `<TD BGCOLOR="${COLOURS.gate.fill}" COLOR="${COLOURS.gate.line}" BORDER="1">2 of 3</TD>`,
    vendor: `<TD BGCOLOR="${COLOURS.vendor.fill}" COLOR="${COLOURS.vendor.line}" BORDER="1">vendor</TD>`,
  };
  const rows = legend.map((entry) => `<TR>${swatch[entry.key]}<TD ALIGN="LEFT">${xmlText(entry.text)}</TD></TR>`);
  return `<TABLE BORDER="1" COLOR="#b0bec5" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>legend</B></TD></TR>${rows.join('')}</TABLE>`;
}
