import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_MARKER, markdown } from '../../src/report/markdown.js';
import { escapeMarkdown } from '../../src/report/markdown-escape.js';
import { plainStyle } from '../../src/report/style.js';
import { HOSTILE, hostileReport, realisticReport } from '../fixtures/audit-reports.js';
import { assertGolden } from './golden.js';
import { assertTablesWellFormed } from './markdown-tables.js';

const options = { style: plainStyle, top: 10 };

test('the Markdown report of a realistic estate matches its golden file', () => {
  const out = markdown(realisticReport(), options);
  assertGolden('audit.md', out);
  assertTablesWellFormed(out);
});

test('the Markdown report starts with a marker a bot can find its comment by', () => {
  assert.ok(markdown(realisticReport(), options).startsWith(`${AUDIT_MARKER}\n## faultline audit\n`));
});

test('critical services are bold and long lists fold into <details>', () => {
  const out = markdown(realisticReport(), options);
  assert.ok(
    out.includes(
      '| provider:aws | provider | **4/4** | 9/10 | 148 | <details><summary>**checkout**, **payments**, **orders**, **incident-comms**, search, notifications, +3 more</summary>admin, reporting, recommendations</details> |',
    ),
  );
});

test('more than ten single failures fold the rest into a <details> table', () => {
  const out = markdown(realisticReport(), { ...options, top: Infinity });
  assert.match(out, /<details><summary>2 more single failures<\/summary>\n\n\| Failure \| Kind/);
  assertTablesWellFormed(out);
});

test('findings carry their causal chain and the region over policy is marked', () => {
  const out = markdown(realisticReport(), options);
  assert.ok(out.includes('| single-region | checkout | aws:eu-west-1 | checkout goes down when aws:eu-west-1 fails | checkout → orders → '));
  assert.ok(out.includes('| aws:eu-west-1 | 8 | 3 | **75%** | **over policy** |'));
  assert.ok(out.includes('| aws:us-east-1 | 2 | 1 | 25% |  |'));
});

test('hostile names cannot break tables, inject HTML, close the marker comment or ping anyone', () => {
  const out = markdown(hostileReport(), { ...options, top: Infinity });
  assertGolden('hostile.md', out);
  assertTablesWellFormed(out);
  assert.ok(!out.includes('<script'), 'no raw HTML');
  assert.equal(out.split('-->').length, 2, 'only our own marker closes a comment');
  assert.ok(!/@org/.test(out), 'no mention');
  assert.ok(!out.includes('[link]('), 'no link');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f]/);
});

test('escapeMarkdown neutralises every character that means something in a table cell', () => {
  assert.equal(escapeMarkdown(HOSTILE.pipe), 'billing\\|ledger');
  assert.equal(escapeMarkdown(HOSTILE.newline), 'line1 line2 line3');
  assert.equal(escapeMarkdown(HOSTILE.script), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(escapeMarkdown(HOSTILE.commentEnd), 'x --&gt; &lt;\\!-- y');
  assert.equal(escapeMarkdown('*a* _b_ [c] `d` \\ ~e~ #f'), '\\*a\\* \\_b\\_ \\[c\\] \\`d\\` \\\\ \\~e\\~ \\#f');
  assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
  assert.equal(escapeMarkdown(HOSTILE.mention), '@\u200borg/everyone');
  assert.equal(escapeMarkdown(HOSTILE.ansi), 'redALERTbell');
  assert.equal(escapeMarkdown('checkout'), 'checkout');
});
