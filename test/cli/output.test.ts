import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Io } from '../../src/cli/io.js';
import { writeOutput } from '../../src/cli/output.js';

const dir = await mkdtemp(join(tmpdir(), 'faultline-output-'));
after(() => rm(dir, { recursive: true, force: true }));

function io(): Io & { out: () => string } {
  let out = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {}, cwd: dir, out: () => out };
}

test('chunks of output are written to a file whole, atomically, with no temporary file left behind', async () => {
  function* chunks(): Generator<string> {
    for (let i = 0; i < 1000; i++) yield `line ${i}\n`;
  }
  await writeOutput(io(), 'report.json', chunks());
  const text = await readFile(join(dir, 'report.json'), 'utf8');
  assert.equal(text.split('\n').length, 1001);
  assert.ok(text.startsWith('line 0\nline 1\n'));
  assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.')), []);
});

test('chunks of output go to stdout in order', async () => {
  const sink = io();
  await writeOutput(sink, '-', ['a', 'b', 'c']);
  assert.equal(sink.out(), 'abc');
});

// A guard, not a timing assertion: replaced by a rename, the pipe would never see the data.
test('output to a pipe (like -o /dev/null) is written into it, never renamed over it', { timeout: 20000 }, async () => {
  const fifo = join(dir, 'pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  let received = '';
  const reader = new Promise<void>((done, fail) => {
    createReadStream(fifo, { encoding: 'utf8' })
      .on('data', (text) => (received += text))
      .on('end', done)
      .on('error', fail);
  });
  await writeOutput(io(), 'pipe', ['{"ok":', 'true}\n']);
  await reader;
  assert.equal(received, '{"ok":true}\n');
  assert.ok((await stat(fifo)).isFIFO(), 'the pipe is still a pipe');
});
