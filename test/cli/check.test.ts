import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Log } from 'sarif';
import type { Baseline } from '../../src/analysis/baseline.js';
import { runCli } from '../helpers/cli.js';
import { CHECKOUT_MANIFEST } from '../fixtures/checkout-manifest.js';

// checkout is pinned to one zone; payments spreads over two. Adding `search` in us-east-1 only
// is the pull request the gate must catch.
const MANIFEST = CHECKOUT_MANIFEST;
const WITH_SEARCH = `${MANIFEST}  search:
    critical: true
    runsOn: [aws:us-east-1]
`;

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workdir(manifest = MANIFEST): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-check-cli-'));
  temps.push(dir);
  writeFileSync(join(dir, 'faultline.yaml'), manifest);
  return dir;
}

const env = { NO_COLOR: '1' };
const check = (args: string[], cwd: string) => runCli(['check', ...args], { cwd, env });

test('the whole gate flow: no baseline, accept, pass, a new single-region dependency fails, accept it', async () => {
  const cwd = workdir();
  const missing = await check([], cwd);
  assert.equal(missing.code, 2);
  assert.equal(
    missing.stderr,
    'faultline: .faultline/baseline.json: no baseline file\n  hint: create it from the current findings with: faultline check --update-baseline (then commit it)\n',
  );

  const update = await check(['--update-baseline'], cwd);
  assert.equal(update.code, 0, update.stderr);
  assert.match(update.stderr, /^faultline: wrote \.faultline\/baseline\.json: \d+ entries \(\d+ added, 0 removed\)\n$/);
  const baseline = JSON.parse(readFileSync(join(cwd, '.faultline/baseline.json'), 'utf8')) as Baseline;
  assert.ok(baseline.entries.some((e) => e.rule === 'single-zone' && e.service === 'checkout'));

  const pass = await check([], cwd);
  assert.equal(pass.code, 0, pass.stdout + pass.stderr);
  assert.match(pass.stdout, /\n0 new, \d+ known \(baseline\), 0 fixed since baseline\n$/);

  writeFileSync(join(cwd, 'faultline.yaml'), WITH_SEARCH);
  const fail = await check([], cwd);
  assert.equal(fail.code, 1);
  assert.match(fail.stdout, /^New findings \(\d+\) {2}at or above error, not accepted by \.faultline\/baseline\.json\n\n {2}error {2}single-region +search +aws:us-east-1\n/);
  assert.ok(fail.stdout.includes('    search → aws:us-east-1\n'), fail.stdout);
  // search in us-east-1 also lowers eu-west-1's share of critical services: that finding is fixed.
  assert.match(fail.stdout, /\n[1-9]\d* new, \d+ known \(baseline\), 1 fixed since baseline\n$/);

  assert.equal((await check(['--update-baseline'], cwd)).code, 0);
  assert.equal((await check([], cwd)).code, 0);
});

test('an entry past its expires date counts as new; --today decides what today is', async () => {
  const cwd = workdir();
  await check(['--update-baseline'], cwd);
  const path = join(cwd, '.faultline/baseline.json');
  const baseline = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  const gated = baseline.entries.find((e) => e.severity === 'error')!;
  gated.reason = 'accepted until the migration';
  gated.expires = '2026-06-30';
  writeFileSync(path, JSON.stringify(baseline, null, 2));
  assert.equal((await check(['--today', '2026-06-30'], cwd)).code, 0);
  const expired = await check(['--today', '2026-07-01'], cwd);
  assert.equal(expired.code, 1);
  assert.match(expired.stdout, /baseline entry expired 2026-06-30/);
  const kept = await check(['--update-baseline', '--today', '2026-07-01'], cwd);
  assert.match(kept.stderr, /1 with a reason or expiry date kept\)\nfaultline: warning: 1 entry has an expires date that has passed/);
  assert.equal((JSON.parse(readFileSync(path, 'utf8')) as Baseline).entries.find((e) => e.expires)?.reason, 'accepted until the migration');
});

test('fixed findings are reported as stale, and fail the gate only with --fail-on-stale', async () => {
  const cwd = workdir(WITH_SEARCH);
  await check(['--update-baseline'], cwd);
  writeFileSync(join(cwd, 'faultline.yaml'), MANIFEST);
  const stale = await check([], cwd);
  assert.equal(stale.code, 0);
  assert.match(stale.stdout, /Fixed since baseline \(\d+\) {2}remove them with faultline check --update-baseline\n\n(?: {2}.*\n)* {2}single-region +search +aws:us-east-1\n/);
  const strict = await check(['--fail-on-stale'], cwd);
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /fail the gate \(--fail-on-stale\)/);
});

test('--fail-on warning gates warnings that --fail-on error lets through', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'empty.json'), JSON.stringify({ schemaVersion: 1, generatedBy: 'test', entries: [] }));
  const info = await check(['--baseline', 'empty.json', '--fail-on', 'info', '--format', 'json'], cwd);
  const warning = await check(['--baseline', 'empty.json', '--fail-on', 'warning', '--format', 'json'], cwd);
  const parsedInfo = JSON.parse(info.stdout) as { summary: { new: number; below: number } };
  const parsedWarning = JSON.parse(warning.stdout) as { summary: { new: number; below: number } };
  assert.equal(parsedInfo.summary.below, 0);
  assert.ok(parsedInfo.summary.new >= parsedWarning.summary.new);
  assert.equal(parsedInfo.summary.new + parsedInfo.summary.below, parsedWarning.summary.new + parsedWarning.summary.below);
});

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url)), 'utf8')) as object;
const ajv = new ajvDraft04.default({ strict: false, unicodeRegExp: false, allErrors: true });
ajvFormats.default(ajv, ['uri', 'uri-reference', 'date-time']);
const validateSarif = ajv.compile(schema);

test('check --format sarif validates against the SARIF schema and points at the service in faultline.yaml', async () => {
  const cwd = workdir();
  await check(['--update-baseline'], cwd);
  writeFileSync(join(cwd, 'faultline.yaml'), WITH_SEARCH);
  const run = await check(['--format', 'sarif', '-o', 'faultline.sarif'], cwd);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^faultline: [1-9]\d* new, \d+ known \(baseline\), \d+ fixed since baseline\n$/);
  const log = JSON.parse(readFileSync(join(cwd, 'faultline.sarif'), 'utf8')) as Log;
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors));
  const result = log.runs[0]!.results!.find((r) => r.ruleId === 'single-region' && r.baselineState === 'new')!;
  const searchLine = WITH_SEARCH.split('\n').findIndex((line) => line.startsWith('  search:')) + 1;
  assert.deepEqual(result.locations![0]!.physicalLocation, {
    artifactLocation: { uri: 'faultline.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: searchLine, startColumn: 3 },
  });
});

test('check --format junit writes XML that a parser reads, with the new finding as a failure', async () => {
  const cwd = workdir();
  await check(['--update-baseline'], cwd);
  writeFileSync(join(cwd, 'faultline.yaml'), WITH_SEARCH);
  const run = await check(['--format', 'junit', '-o', 'junit.xml'], cwd);
  assert.equal(run.code, 1);
  const text = readFileSync(join(cwd, 'junit.xml'), 'utf8');
  assert.equal(XMLValidator.validate(text), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(text);
  const region = doc.testsuites.testsuite.find((s: { name: string }) => s.name === 'faultline.single-region');
  assert.equal(region.testcase[0].name, 'aws:us-east-1');
  assert.equal(region.testcase[0].failure.message, '1 new finding: search');
});

test('check --format markdown is a PR comment with the new findings first', async () => {
  const cwd = workdir();
  await check(['--update-baseline'], cwd);
  writeFileSync(join(cwd, 'faultline.yaml'), WITH_SEARCH);
  const run = await check(['--format', 'markdown'], cwd);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^<!-- faultline:check -->\n## faultline check: failed, [1-9]\d* new finding/);
  assert.ok(run.stdout.indexOf('### New findings') < run.stdout.indexOf('Known ('));
});

test('a baseline that is not JSON is exit 2 with its line and column', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'baseline.json'), '{\n  "schemaVersion": 1,\n  "generatedBy": "x",\n  "entries": [,]\n}\n');
  const run = await check(['--baseline', 'baseline.json'], cwd);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    "faultline: baseline.json:4:15: the baseline is not valid JSON: unexpected \",\"\n  hint: fix it by hand, or regenerate it with: faultline check --update-baseline\n",
  );
  assert.equal(run.stdout, '');
});

test('a baseline with another schema version is exit 2, never read as empty', async () => {
  const cwd = workdir();
  writeFileSync(join(cwd, 'baseline.json'), JSON.stringify({ schemaVersion: 2, generatedBy: 'faultline 9.0.0', entries: [] }));
  const run = await check(['--baseline', 'baseline.json'], cwd);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    'faultline: baseline.json: unsupported baseline schema version 2 (this faultline reads version 1)\n  hint: a newer faultline wrote it: upgrade faultline, or regenerate the baseline with --update-baseline\n',
  );
});

test('a bad --today or --format is a usage error, exit 2', async () => {
  const cwd = workdir();
  const today = await check(['--today', '2026-02-30'], cwd);
  assert.equal(today.code, 2);
  assert.match(today.stderr, /option '--today <date>' argument '2026-02-30' is invalid\. expected a date written YYYY-MM-DD, got '2026-02-30'/);
  const format = await check(['--format', 'xml'], cwd);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /argument 'xml' is invalid\. Allowed choices are table, json, markdown, sarif, junit\./);
});

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));

function runBin(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

// npm test builds dist/ first; this runs the gate through the published entry point.
test('the built bin gates: exit 0 writing a baseline, exit 1 on a new finding, SARIF on stdout', async () => {
  const cwd = workdir();
  const update = await runBin(['check', '--update-baseline'], cwd);
  assert.equal(update.code, 0, update.stderr);
  assert.match(update.stderr, /^faultline: wrote \.faultline\/baseline\.json/);
  writeFileSync(join(cwd, 'faultline.yaml'), WITH_SEARCH);
  const fail = await runBin(['check', '--format', 'sarif'], cwd);
  assert.equal(fail.code, 1);
  assert.equal(JSON.parse(fail.stdout).version, '2.1.0');
  assert.match(fail.stderr, /^faultline: [1-9]\d* new/);
});
