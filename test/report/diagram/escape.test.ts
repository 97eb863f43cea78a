import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotString, xmlText } from '../../../src/report/diagram/dot.js';
import { mermaidText } from '../../../src/report/diagram/mermaid.js';
import { buildView, toDot, toJson, toMermaid, toSvg } from '../../../src/report/diagram/index.js';
import type { DiagramView } from '../../../src/report/diagram/types.js';
import { HOSTILE, hostileEstate } from '../../fixtures/diagram-estates.js';
import { expectedGraph, nativeDot, parseGraphvizJson, wasmDot } from './graphviz.js';

const hostile = hostileEstate();
const views: DiagramView[] = [
  buildView(hostile.estate, hostile.report, { level: 'service', resourceNames: hostile.names }),
  buildView(hostile.estate, hostile.report, { level: 'resource', resourceNames: hostile.names }),
  buildView(hostile.estate, hostile.report, { level: 'resource', focus: 'aws:eu-west-1/euw1-az1', resourceNames: hostile.names }),
  buildView(hostile.estate, hostile.report, { level: 'service', focus: `vendor:v-${HOSTILE[1]}`, resourceNames: hostile.names }),
];

test('the hostile estate really carries hostile strings into the view', () => {
  const labels = [...views[1]!.nodes.flatMap((n) => [n.id, n.label, ...n.lines]), ...views[1]!.clusters.flatMap((c) => [c.id, c.label]), views[3]!.title].join('\n');
  for (const text of ['<script>alert(1)</script>', 'x"]; evil -> pwned; a["', 'end --> n0', '\\N', 'line1\nline2', 'hosted on vendor:v-x"]; evil', 'If vendor:v-x"]; evil -> pwned; a[" fails']) {
    assert.ok(labels.includes(text), `${JSON.stringify(text)} is in a label or id`);
  }
});

test('dotString quotes, escapes backslashes and quotes, and writes newlines as \\n', () => {
  assert.equal(dotString('a"b'), '"a\\"b"');
  assert.equal(dotString('back\\slash\\N'), '"back\\\\slash\\\\N"');
  assert.equal(dotString('one\ntwo\r\nthree'), '"one\\ntwo\\nthree"');
  assert.equal(dotString('bell\u0007 esc\u001b'), '"bell esc"');
  assert.equal(dotString('ends with \\'), '"ends with \\\\"');
});

test('xmlText escapes every XML special and doubles backslashes Graphviz would expand', () => {
  assert.equal(xmlText('<script>&"\'</script>'), '&lt;script&gt;&amp;&quot;&#39;&lt;/script&gt;');
  assert.equal(xmlText('\\N\\G'), '\\\\N\\\\G');
  assert.equal(xmlText('a\nb'), 'a b');
});

test('mermaidText turns every character Mermaid gives a meaning to into an entity code', () => {
  assert.equal(mermaidText('a"b'), 'a#quot;b');
  assert.equal(mermaidText('end --> n0'), 'end --#gt; n0');
  assert.equal(mermaidText('[x]{y}(z)|w|`v`'), '#91;x#93;#123;y#125;#40;z#41;#124;w#124;#96;v#96;');
  assert.equal(mermaidText('#quot; %% ;'), '#35;quot#59; #37;#37; #59;');
  assert.equal(mermaidText('<b>&'), '#lt;b#gt;#amp;');
  assert.equal(mermaidText('line1\nline2\u001b[31m'), 'line1 line2');
});

/** The DOT statement forms faultline writes; a hostile name must not add any other line. */
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"`;
const DOT_LINE = [
  /^digraph faultline \{$/,
  /^\}$/,
  /^ {2}(graph|node|edge) \[.*\];$/,
  new RegExp(String.raw`^\s*subgraph ${QUOTED} \{$`),
  /^\s*graph \[.*\];$/,
  /^\s*\}$/,
  new RegExp(String.raw`^\s*${QUOTED} \[.*\];$`),
  new RegExp(String.raw`^ {2}${QUOTED} -> ${QUOTED}( \[.*\])?;$`),
];

for (const [i, view] of views.entries()) {
  test(`hostile names cannot inject DOT statements: Graphviz reads back exactly the view's ids (view ${i})`, async () => {
    const dot = toDot(view);
    for (const line of dot.trimEnd().split('\n')) assert.ok(DOT_LINE.some((re) => re.test(line)), `unexpected DOT line: ${line}`);
    const expected = expectedGraph(view);
    assert.deepEqual(parseGraphvizJson(nativeDot(dot, 'json')), expected);
    assert.deepEqual(parseGraphvizJson(await wasmDot(dot, 'json')), expected);
  });

  test(`hostile names cannot inject Mermaid statements: every line is a statement faultline writes (view ${i})`, () => {
    const text = toMermaid(view);
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^%% [^\n]*$/);
    assert.equal(lines[1], 'flowchart LR');
    const counts = { node: 0, edge: 0, subgraph: 0, end: 0 };
    const label = String.raw`"([^"]*)"`;
    const patterns: [keyof typeof counts | 'other', RegExp][] = [
      ['subgraph', new RegExp(String.raw`^\s*subgraph c\d+\[${label}\]$`)],
      ['end', /^\s*end$/],
      ['node', new RegExp(String.raw`^\s*n\d+(?:\(|\(\[|\[|\[\[|\{|\[/|\{\{)${label}(?:\)|\]\)|\]|\]\]|\}|/\]|\}\})$`)],
      ['edge', new RegExp(String.raw`^ {2}n\d+ (?:-->|-\.->)(?:\|${label}\|)? n\d+$`)],
      ['other', /^ {2}(?:classDef \w+ \S+|class (?:n\d+,)*n\d+ \w+|style c\d+ \S+|linkStyle [\d,]+ \S+)$/],
    ];
    for (const line of lines.slice(2)) {
      const hit = patterns.find(([, re]) => re.test(line));
      assert.ok(hit, `unexpected Mermaid line: ${line}`);
      if (hit[0] !== 'other') counts[hit[0]]++;
      const quoted = hit[1].exec(line)?.[1];
      if (quoted !== undefined) {
        const text = quoted.replace(/<br\/>|<\/?small>|<\/?b>/g, '').replace(/#(?:\d+|quot|amp|lt|gt);/g, '');
        assert.doesNotMatch(text, /[<>[\]{}()|`;%\\]|-->/, `label text is fully entity-coded: ${quoted}`);
      }
    }
    assert.deepEqual(counts, { node: view.nodes.length, edge: view.edges.length, subgraph: view.clusters.length, end: view.clusters.length });
  });
}

/** The elements Graphviz writes into an SVG; a hostile name must not add any other. */
const SVG_ELEMENTS = new Set(['svg', 'g', 'title', 'polygon', 'path', 'text', 'a', 'ellipse', 'polyline', 'defs', 'linearGradient', 'stop']);

function assertSafeSvg(svg: string): void {
  const body = svg.replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>/, '');
  for (const comment of body.matchAll(/<!--([\s\S]*?)-->/g)) assert.ok(!comment[1]!.includes('--'), `a comment stays closed: ${comment[0]}`);
  const markup = body.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of markup.matchAll(/<\/?([A-Za-z][\w:-]*)/g)) assert.ok(SVG_ELEMENTS.has(tag[1]!), `unexpected element <${tag[1]}>`);
  assert.doesNotMatch(markup, /<script/i);
}

test('hostile names stay text in the SVG (WASM and Debian Graphviz): no script, no extra elements, comments closed', async () => {
  for (const view of views) {
    const dot = toDot(view);
    const svg = await toSvg(dot);
    assertSafeSvg(svg);
    assertSafeSvg(nativeDot(dot, 'svg'));
  }
  assert.match(await toSvg(toDot(views[1]!)), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the name is drawn as text');
});

test('hostile names round-trip through the JSON view unchanged', () => {
  const parsed = JSON.parse(toJson(views[1]!)) as DiagramView;
  assert.deepEqual(parsed, views[1]);
  for (const text of HOSTILE) assert.ok(parsed.nodes.some((n) => n.label === text || n.id.endsWith(text)), `${JSON.stringify(text)} survives`);
});
