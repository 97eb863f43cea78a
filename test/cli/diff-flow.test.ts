import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import { loadSide, runDiff, type AnalyseSnapshot } from '../../src/cli/diff-flow.js';
import { InputError } from '../../src/core/errors.js';
import { json } from '../../src/report/json.js';
import { plainStyle } from '../../src/report/style.js';
import { emptySnapshot } from '../../src/model/snapshot.js';
import { snapshotToJsonLines } from '../../src/model/snapshot-io.js';
import { afterSide, beforeSide } from '../fixtures/report-diff.js';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-'));
  temps.push(dir);
  return dir;
}

function context(cwd: string): CliContext & { out: () => string } {
  let stdout = '';
  return {
    io: { stdout: { write: (t: string) => (stdout += t), isTTY: false }, stderr: { write: () => true, isTTY: false }, env: {}, cwd },
    exitCode: 0,
    debug: false,
    out: () => stdout,
  };
}

const noSnapshots: AnalyseSnapshot = () => assert.fail('no snapshot should be analysed');

test('two JSON reports from audit are compared without analysing anything', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'monday.json'), json(beforeSide().report, { style: plainStyle, top: Infinity }));
  writeFileSync(join(cwd, 'friday.json'), json(afterSide().report, { style: plainStyle, top: Infinity }));
  const ctx = context(cwd);
  await runDiff('monday.json', 'friday.json', { format: 'table' }, ctx, noSnapshots);
  assert.ok(ctx.out().startsWith('Comparing monday.json → friday.json\n'));
  assert.ok(ctx.out().endsWith('\n1 new finding, 1 resolved, 1 changed, 3 blast radii changed\n'));
  assert.equal(ctx.exitCode, 0);
});

test('a snapshot file is recognised as a snapshot and handed to the analysis by path', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'snap.jsonl'), snapshotToJsonLines(emptySnapshot('0.1.0')));
  let seen = '';
  const side = await loadSide('snap.jsonl', context(cwd).io, async (path) => {
    seen = path;
    return beforeSide();
  });
  assert.equal(seen, 'snap.jsonl');
  assert.equal(side.dependencies?.length, 3);
});

test('a report with another schema version is refused', async () => {
  const cwd = workspace();
  writeFileSync(join(cwd, 'old.json'), JSON.stringify({ ...beforeSide().report, schemaVersion: 7 }));
  await assert.rejects(loadSide('old.json', context(cwd).io, noSnapshots), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.format(), 'old.json: unsupported report schema version 7 (this faultline reads version 1)\n  hint: write both reports with the same faultline version');
    return true;
  });
});

test('a report with a broken finding names the field', async () => {
  const cwd = workspace();
  const report = beforeSide().report as unknown as { findings: Record<string, unknown>[] };
  report.findings[2]!.because = 'checkout';
  writeFileSync(join(cwd, 'bad.json'), JSON.stringify(report));
  await assert.rejects(loadSide('bad.json', context(cwd).io, noSnapshots), /the report is invalid: findings\[2\]\.because must be an array of strings/);
});

test('a missing file is an input error naming it', async () => {
  const cwd = workspace();
  await assert.rejects(loadSide('nope.json', context(cwd).io, noSnapshots), (error: unknown) => error instanceof InputError && error.where === 'nope.json' && error.message === 'file not found');
});
