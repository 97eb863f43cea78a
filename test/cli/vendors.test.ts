import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string> = {}, cwd = process.cwd()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const golden = new URL('../golden/vendors-table.txt', import.meta.url);
const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('faultline vendors prints the catalogue as a table matching the golden file', async () => {
  const result = await run(['vendors']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, result.stdout);
  assert.equal(result.stdout, readFileSync(golden, 'utf8'));
});

test('the vendors table shows hosting, confidence and as-of, and says unknown when unknown', async () => {
  const { stdout } = await run(['vendors']);
  assert.match(stdout, /^VENDOR +HOSTED ON +CONFIDENCE +AS OF\n/);
  assert.match(stdout, /\nslack +aws:us-east-1 +high +2023\n/);
  assert.match(stdout, /\nzoom +unknown \(zoom, aws, oracle, azure\) +unknown +2023\n/);
  assert.match(stdout, /\natlassian-cloud\* +provider:aws +high/);
  assert.match(stdout, /\n\d+ entries, catalogue 2026\.11\.21\./);
  assert.doesNotMatch(stdout, /https:\/\//);
});

test('vendors --verbose adds each entry\'s source URLs under it', async () => {
  const { code, stdout } = await run(['vendors', '--verbose']);
  assert.equal(code, 0);
  assert.match(stdout, /\nslack +aws:us-east-1 +high +2023\n {4}https:\/\/slack\.engineering\/slacks-migration-to-a-cellular-architecture\/\n/);
  assert.match(stdout, /\nnetlify .*\n {4}\(no public source found\)\n/);
});

test('vendors --format json gives every entry with its sources and the catalogue version', async () => {
  const { code, stdout } = await run(['vendors', '--format', 'json']);
  assert.equal(code, 0);
  const parsed = JSON.parse(stdout) as { catalogueVersion: string; vendors: { name: string; hostedOn: unknown[]; sources: string[]; confidence: string; asOf: string }[] };
  assert.equal(parsed.catalogueVersion, '2026.11.21');
  const slack = parsed.vendors.find((v) => v.name === 'slack');
  assert.deepEqual(slack?.hostedOn, ['aws:us-east-1']);
  assert.ok(slack?.sources.length);
  assert.deepEqual(parsed.vendors.map((v) => v.name), [...parsed.vendors.map((v) => v.name)].sort());
});

test('vendors never colours output when NO_COLOR is set, even with FORCE_COLOR', async () => {
  const { stdout } = await run(['vendors'], { NO_COLOR: '1', FORCE_COLOR: '1' });
  assert.doesNotMatch(stdout, /\u001b\[/);
});

test('vendors colours confidence when colour is forced', async () => {
  const { stdout } = await run(['vendors'], { FORCE_COLOR: '1' });
  assert.match(stdout, /\u001b\[32mhigh/);
});

test('vendors -o writes the table to a file and nothing to stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-vendors-'));
  temps.push(dir);
  const { code, stdout } = await run(['vendors', '-o', 'vendors.txt'], { FORCE_COLOR: '1' }, dir);
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.equal(readFileSync(join(dir, 'vendors.txt'), 'utf8'), readFileSync(golden, 'utf8'));
});

test('an unknown vendors format is a usage error: exit 2 and the allowed choices', async () => {
  const { code, stdout, stderr } = await run(['vendors', '--format', 'xml']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /argument 'xml' is invalid\. Allowed choices are table, json\./);
});

test('--version prints the package and catalogue versions', async () => {
  const { code, stdout } = await run(['--version']);
  assert.equal(code, 0);
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(stdout, `${version} (catalogue 2026.11.21)\n`);
});
