/**
 * `npm run bench`: times faultline the way a user runs it, on synthetic estates.
 *
 *   npm run bench                              10k, 100k and 1m resources, 3 runs each (medians)
 *   npm run bench -- --sizes 10k,100k --runs 5
 *   npm run bench -- --no-collect              skip the collection benchmark
 *   npm run bench -- --no-audit                only the collection benchmark
 *
 * Per size: `audit` as a child process (wall time and peak RSS), against the floor of reading the
 * same snapshot and JSON.parse-ing every line in a bare node process. At the largest size also
 * `audit --pairs`, one `simulate --fail` query (timed inside the process through the hidden
 * FAULTLINE_TIMINGS=1) and the CI gate, `check --format sarif`, against a baseline of every finding. Then `collect` against the replay endpoint with 50 ms injected latency
 * across 16 regions, bounded-parallel versus strictly sequential (--concurrency 1).
 *
 * Never run in CI (timings on shared runners are noise); `npm test` has no timing assertions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCollectEstate, COLLECT_REGIONS } from './collect-estate.js';
import { ensureEstate, label, parseSize } from './generate.js';
import { startReplayServer } from '../src/replay/server.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.bench');
const bin = join(root, 'bin', 'faultline.js');

interface Measured {
  wallMs: number;
  peakMb: number;
  stderr: string;
  code: number;
}

interface Args {
  sizes: number[];
  runs: number;
  collect: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: ['10k', '100k', '1m'].map(parseSize), runs: 3, collect: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--sizes') args.sizes = argv[++i]!.split(',').map(parseSize);
    else if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--no-collect') args.collect = false;
    else if (a === '--no-audit') args.sizes = [];
    else throw new Error(`unknown option ${a} (use --sizes 10k,100k,1m, --runs N, --no-collect, --no-audit)`);
  }
  return args;
}

const hasTime = existsSync('/usr/bin/time');

/**
 * Runs a command to completion: wall time from here, peak RSS from GNU time's %M (max resident
 * set, KB), or by polling /proc/<pid>/status VmHWM where GNU time is missing.
 */
function measure(command: string, args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolvePromise, reject) => {
    const marker = 'faultline-bench-peak-kb:';
    const [cmd, argv] = hasTime ? ['/usr/bin/time', ['-f', `${marker}%M`, command, ...args]] : [command, args];
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakKb = 0;
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const poll = hasTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            // The process has exited between polls.
          }
        }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (poll) clearInterval(poll);
      const m = new RegExp(`${marker}(\\d+)`).exec(stderr);
      if (m) peakKb = Number(m[1]);
      stderr = stderr.replace(new RegExp(`.*${marker}\\d+\\n?`), '');
      resolvePromise({ wallMs, peakMb: peakKb / 1024, stderr, code: code ?? -1 });
    });
  });
}

/** The floor: a bare node process that reads the file in 1 MB chunks and JSON.parses every line. */
const FLOOR = `
import { createReadStream } from 'node:fs';
let rest = '', n = 0;
for await (const chunk of createReadStream(process.argv[1], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  const text = rest + chunk;
  let start = 0;
  for (let end = text.indexOf('\\n'); end >= 0; end = text.indexOf('\\n', start)) {
    if (end > start) { JSON.parse(text.slice(start, end)); n++; }
    start = end + 1;
  }
  rest = text.slice(start);
}
if (rest) { JSON.parse(rest); n++; }
`;

async function median(runs: number, run: () => Promise<Measured>, what: string): Promise<Measured> {
  const results: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run();
    if (r.code !== 0 && r.code !== 1) throw new Error(`${what} exited with ${r.code}:\n${r.stderr}`);
    results.push(r);
  }
  const by = <K extends 'wallMs' | 'peakMb'>(key: K): number => {
    const sorted = results.map((r) => r[key]).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  return { wallMs: by('wallMs'), peakMb: by('peakMb'), stderr: results.at(-1)!.stderr, code: results.at(-1)!.code };
}

/** Phase timings printed by the CLI under FAULTLINE_TIMINGS=1: `faultline timing <phase> <ms> ms, …`. */
function timings(stderr: string): Map<string, number> {
  const phases = new Map<string, number>();
  for (const m of stderr.matchAll(/^faultline timing (\S+) ([\d.]+) ms/gm)) phases.set(m[1]!, Number(m[2]));
  return phases;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (v: number): string => `${Math.round(v)} MB`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');
  console.log(`faultline bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${mb(totalmem() / 2 ** 20)} RAM; medians of ${args.runs} runs`);

  const rows: string[][] = [];
  const largest = Math.max(0, ...args.sizes);
  const extras: string[] = [];
  for (const size of args.sizes) {
    process.stderr.write(`generating ${label(size)}… `);
    const estate = await ensureEstate(cacheDir, size);
    process.stderr.write('floor… ');
    const floor = await median(args.runs, () => measure(process.execPath, ['--input-type=module', '-e', FLOOR, estate.snapshot]), 'floor');
    process.stderr.write('audit… ');
    const auditArgs = [bin, 'audit', estate.snapshot, '--config', estate.manifest, '--format', 'json', '-o', '/dev/null'];
    const audit = await median(args.runs, () => measure(process.execPath, auditArgs, { FAULTLINE_TIMINGS: '1' }), 'audit');
    const phases = [...timings(audit.stderr)].map(([p, ms]) => `${p} ${Math.round(ms)}`).join(', ');
    process.stderr.write(`done\n  phases (ms, last run): ${phases}\n`);
    rows.push([label(size), seconds(floor.wallMs), seconds(audit.wallMs), mb(audit.peakMb), `${(audit.wallMs / floor.wallMs).toFixed(2)}x`]);

    if (size === largest) {
      process.stderr.write(`audit --pairs at ${label(size)}… `);
      const pairs = await median(args.runs, () => measure(process.execPath, [...auditArgs, '--pairs'], { FAULTLINE_TIMINGS: '1' }), 'audit --pairs');
      extras.push(`audit --pairs, ${label(size)}: ${seconds(pairs.wallMs)} wall, ${mb(pairs.peakMb)} peak (pairs phase ${Math.round(timings(pairs.stderr).get('pairs') ?? NaN)} ms)`);
      process.stderr.write('simulate… ');
      const simArgs = [bin, 'simulate', estate.snapshot, '--config', estate.manifest, '--fail', 'aws:us-east-1', '--format', 'json', '-o', '/dev/null'];
      const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
      if (/^\s+simulate\b/m.test(help)) {
        const sim = await median(args.runs, () => measure(process.execPath, simArgs, { FAULTLINE_TIMINGS: '1' }), 'simulate');
        const query = timings(sim.stderr).get('simulate');
        extras.push(`simulate --fail aws:us-east-1, ${label(size)}: ${query === undefined ? 'n/a' : `${query.toFixed(1)} ms`} for the query after load (${seconds(sim.wallMs)} wall with load)`);
      } else {
        extras.push('simulate: this build has no simulate command');
      }
      // The CI gate as a pipeline runs it: a baseline of every finding, then SARIF for code scanning.
      process.stderr.write('check… ');
      const baseline = join(cacheDir, `baseline-${label(size)}.json`);
      const checkArgs = [bin, 'check', estate.snapshot, '--config', estate.manifest, '--baseline', baseline];
      const update = await measure(process.execPath, [...checkArgs, '--update-baseline']);
      if (update.code !== 0) throw new Error(`check --update-baseline exited with ${update.code}:\n${update.stderr}`);
      const check = await median(args.runs, () => measure(process.execPath, [...checkArgs, '--format', 'sarif', '-o', '/dev/null']), 'check');
      extras.push(`check --format sarif against a baseline of every finding, ${label(size)}: ${seconds(check.wallMs)} wall, ${mb(check.peakMb)} peak`);
      process.stderr.write('done\n');
    }
  }

  if (rows.length > 0) console.log('\naudit (whole process: node bin/faultline.js audit <snapshot> --config <manifest> --format json -o /dev/null)\n');
  if (rows.length > 0) console.log(table(['resources', 'JSON.parse floor', 'audit wall', 'audit peak RSS', 'audit / floor'], rows));
  for (const line of extras) console.log(`\n${line}`);

  if (args.collect) {
    process.stderr.write('collect: 16 regions, 50 ms latency… ');
    const dir = await buildCollectEstate(join(cacheDir, 'collect'));
    const run = async (concurrency: number, pageSize: number): Promise<Measured> => {
      const server = await startReplayServer({ estateDir: dir, faults: { latencyMs: 50 }, pageSize });
      try {
        return await measure(process.execPath, ['--import', 'tsx', join(root, 'bench', 'collect-child.ts'), server.url, String(concurrency), join(cacheDir, `collected-${concurrency}.jsonl`)]);
      } finally {
        await server.close();
      }
    };
    const parallel = await median(args.runs, () => run(16, 100), 'collect');
    const bounded = await median(args.runs, () => run(8, 100), 'collect --concurrency 8');
    const sequential = await median(1, () => run(1, 100), 'collect --concurrency 1');
    const smallPages = await median(1, () => run(16, 10), 'collect, small pages');
    const inner = (m: Measured): number => timings(m.stderr).get('collect') ?? NaN;
    process.stderr.write('done\n');
    console.log(`\ncollect against the replay endpoint, ${COLLECT_REGIONS.length} regions, 50 ms per request\n`);
    console.log(
      table(
        ['run', 'collection time', 'peak RSS'],
        [
          ['--concurrency 16 (the default), 100 per page', seconds(inner(parallel)), mb(parallel.peakMb)],
          ['--concurrency 8, 100 per page', seconds(inner(bounded)), mb(bounded.peakMb)],
          ['--concurrency 1, 100 per page', seconds(inner(sequential)), mb(sequential.peakMb)],
          ['--concurrency 16, 10 per page (10x the pages)', seconds(inner(smallPages)), mb(smallPages.peakMb)],
        ],
      ),
    );
    console.log(`\n--concurrency 16 is ${(inner(sequential) / inner(parallel)).toFixed(1)}x and 8 is ${(inner(sequential) / inner(bounded)).toFixed(1)}x faster than sequential`);
  }
}

await main();
