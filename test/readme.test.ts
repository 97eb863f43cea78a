import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from './helpers/cli.js';

test("the README's demo excerpt is real output of `faultline demo --top 6`, line for line", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const excerpt = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(excerpt, 'the README has a text block with the demo excerpt');
  const run = await runCli(['demo', '--top', '6'], { cwd: process.cwd(), env: { NO_COLOR: '1' } });
  assert.equal(run.code, 0, run.stderr);
  const output = new Set(run.stdout.split('\n'));
  const shown = excerpt.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '…');
  assert.ok(shown.length > 20, `the excerpt has ${shown.length} lines`);
  for (const line of shown) assert.ok(output.has(line), `README line not in the demo output: ${JSON.stringify(line)}`);
});
