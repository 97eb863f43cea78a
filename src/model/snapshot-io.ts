import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type Coverage,
  type Diagnostic,
  type Snapshot,
  type SnapshotResource,
  type SnapshotZone,
} from './snapshot.js';

/**
 * Snapshot files are JSON Lines: line 1 is a header (everything but the resources), then one
 * resource per line. A million resources never become one giant string (V8 caps strings at
 * ~512 MB), the writer keeps memory flat, and the reader streams. A single JSON object with a
 * `resources` array is also accepted, for hand-written fixtures.
 */
export const SNAPSHOT_FORMAT = 'faultline-snapshot';

/** Line 1 of a snapshot file. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  collectedAt: string;
  tool: Snapshot['tool'];
  coverage: Coverage[];
  zones: SnapshotZone[];
  diagnostics: Diagnostic[];
}

/** Streams resources to a snapshot file; nothing appears at `path` until `close()` succeeds. */
export interface SnapshotWriter {
  add(resource: SnapshotResource): void;
  /**
   * Finishes the file: writes the header (with `final` merged in: coverage, zones and
   * diagnostics are often only known at the end) and renames it over `path`.
   */
  close(final?: Partial<Omit<Snapshot, 'resources' | 'schemaVersion'>>): Promise<void>;
  /** Drops everything written so far. */
  abort(): Promise<void>;
}

type HeaderFields = Omit<Snapshot, 'resources'>;

function headerLine(fields: HeaderFields): string {
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: fields.collectedAt,
    tool: fields.tool,
    coverage: fields.coverage,
    zones: fields.zones,
    diagnostics: fields.diagnostics,
  };
  return `${JSON.stringify(header)}\n`;
}

function tempPath(path: string, tag: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${tag}`);
}

function writeError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(`cannot write the snapshot (${code ?? String(error)})`, {
    where: path,
    hint: code === 'ENOENT' ? 'create its directory first' : 'check the path, free space and permissions',
    cause: error,
  });
}

/**
 * Starts a snapshot file. Resources are appended to a temporary body file as they arrive; at
 * `close` the header and the body are copied into a second temporary file that is renamed over
 * `path`, so readers see the old snapshot or the complete new one, never half of one.
 *
 * With `groupBy`, the file lists resources by that key (in key order; resources of one key in the
 * order they came). `collect` groups by account and region: regions finish in whatever order the
 * network decides, and a snapshot of the same estate should not change with it (the causal chains
 * in a report follow the order of the resources). Runs of one key are found as they are written,
 * and reordered by copying byte ranges at `close`: nothing is held in memory.
 */
export function createSnapshotWriter(path: string, header: HeaderFields, options: { groupBy?: (resource: SnapshotResource) => string } = {}): SnapshotWriter {
  const bodyPath = tempPath(path, 'body');
  // Synchronous 64 KB appends: `add` is called from a synchronous sink, and a stream without
  // backpressure would buffer the whole estate in memory whenever the disk is slower than JSON.
  let fd: number | undefined;
  let failure: unknown;
  try {
    fd = openSync(bodyPath, 'wx');
  } catch (error) {
    failure = error;
  }
  let chunk = '';
  let closed = false;
  /** Byte offsets in the body file of each run of one group key, in the order written. */
  const runs: { key: string; start: number; end: number }[] = [];
  let written = 0;
  const flush = (): void => {
    if (chunk === '' || fd === undefined || failure !== undefined) return;
    try {
      writeSync(fd, chunk);
    } catch (error) {
      failure = error;
    }
    chunk = '';
  };
  const release = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    add(resource) {
      if (closed) throw new Error('snapshot writer is closed');
      const line = `${JSON.stringify(resource)}\n`;
      if (options.groupBy) {
        const key = options.groupBy(resource);
        const bytes = Buffer.byteLength(line);
        const run = runs.at(-1);
        if (run?.key === key) run.end += bytes;
        else runs.push({ key, start: written, end: written + bytes });
        written += bytes;
      }
      chunk += line;
      if (chunk.length > 65536) flush();
    },
    async close(final = {}) {
      closed = true;
      flush();
      release();
      const outPath = tempPath(path, 'tmp');
      try {
        if (failure !== undefined) throw failure;
        const out = createWriteStream(outPath, { flags: 'wx' });
        const done = new Promise<void>((resolvePromise, reject) => {
          out.once('error', reject);
          out.once('finish', () => resolvePromise());
        });
        out.write(headerLine({ ...header, ...final, schemaVersion: SNAPSHOT_SCHEMA_VERSION }));
        // `done` rejects if the output fails mid-copy, which would otherwise leave a read stalled.
        await Promise.race([copyRuns(bodyPath, out, runs), done]);
        out.end();
        await done;
        await rename(outPath, path);
      } catch (error) {
        await unlink(outPath).catch(() => undefined);
        throw writeError(path, error);
      } finally {
        await unlink(bodyPath).catch(() => undefined);
      }
    },
    async abort() {
      closed = true;
      chunk = '';
      release();
      await unlink(bodyPath).catch(() => undefined);
    },
  };
}

/**
 * Copies the body file into `out`: whole, or run by run in key order (a stable sort: runs of one
 * key keep the order they were written in). Runs that end up next to each other in the file are
 * copied as one range, and the file is opened once however many ranges there are (a region whose
 * global resources interleave with its regional ones makes many short runs).
 */
async function copyRuns(bodyPath: string, out: NodeJS.WritableStream, runs: readonly { key: string; start: number; end: number }[]): Promise<void> {
  const ranges: { start: number; end: number }[] = [];
  for (const { start, end } of [...runs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const last = ranges.at(-1);
    if (last?.end === start) last.end = end;
    else ranges.push({ start, end });
  }
  if (ranges.length === 0) ranges.push({ start: 0, end: Infinity });
  const handle = await open(bodyPath, 'r');
  try {
    for (const { start, end } of ranges) {
      if (end <= start) continue;
      const input = handle.createReadStream({ start, autoClose: false, ...(end === Infinity ? {} : { end: end - 1 }) });
      await new Promise<void>((resolvePromise, reject) => {
        input.once('error', reject);
        input.once('end', () => resolvePromise());
        input.pipe(out, { end: false });
      });
    }
  } finally {
    await handle.close();
  }
}

/** Writes a whole snapshot (atomically). */
export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  let writer: SnapshotWriter;
  try {
    writer = createSnapshotWriter(path, snapshot);
  } catch (error) {
    throw writeError(path, error);
  }
  for (const resource of snapshot.resources) writer.add(resource);
  await writer.close();
}

/** The snapshot as JSON Lines text: header line, then one line per resource. */
export function snapshotToJsonLines(snapshot: Snapshot): string {
  return [...snapshotJsonLineChunks(snapshot)].join('');
}

/**
 * The same text in chunks of about 64 KB (for `collect -o -`): a million resources as one
 * string would come close to V8's ~512 MB string limit.
 */
export function* snapshotJsonLineChunks(snapshot: Snapshot): Generator<string> {
  let chunk = headerLine(snapshot);
  for (const resource of snapshot.resources) {
    chunk += `${JSON.stringify(resource)}\n`;
    if (chunk.length > 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

const RERUN = 'run `faultline collect` again to write a fresh snapshot';

/**
 * Reads and validates a snapshot file (JSON Lines, or one JSON object with `resources`).
 * Every problem is an InputError naming the file and line.
 */
export async function readSnapshot(path: string, displayPath = path): Promise<Snapshot> {
  const resources: SnapshotResource[] = [];
  const header = await scanSnapshot(path, displayPath, () => (resource) => resources.push(resource));
  return { ...header, resources };
}

/** A snapshot without its resources. */
export type SnapshotHead = Omit<Snapshot, 'resources'>;

/**
 * Reads and validates a snapshot like `readSnapshot`, but hands each resource, as it is parsed,
 * to the visitor that `start` returns (`start` gets the header first) instead of keeping them:
 * a million resources can be compiled as they stream past and never be held at once.
 * Returns the snapshot without its resources.
 */
export async function scanSnapshot(path: string, displayPath: string, start: (head: SnapshotHead) => (resource: SnapshotResource) => void): Promise<SnapshotHead> {
  let kind: 'lines' | 'document';
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new InputError('the snapshot is not a file', { where: displayPath, hint: 'pass the path of a snapshot written by `faultline collect`' });
    }
    kind = await sniff(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'snapshot file not found' : `cannot read the snapshot (${code ?? String(error)})`, {
      where: displayPath,
      hint: code === 'ENOENT' ? 'check the path, or write one with `faultline collect --aws -o snapshot.json`' : 'check the file permissions',
      cause: error,
    });
  }
  return kind === 'lines' ? readLines(path, displayPath, start) : readDocument(path, displayPath, start);
}

/**
 * JSON Lines start with the header object, whose first key is `format` (the writer puts it
 * first); a pretty-printed document does not. Only the start is read: the header line holds
 * every zone of every account, so it can be far longer than any buffer worth sniffing.
 */
async function sniff(path: string): Promise<'lines' | 'document'> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return /^\{[ \t]*"format"[ \t]*:/.test(head) ? 'lines' : 'document';
  } finally {
    await handle.close();
  }
}

/**
 * The lines of a file, a chunk's worth at a time, split by hand from 1 MB chunks: readline's
 * per-line events and regex, or an await per line, cost as much as parsing the JSON itself on a
 * million-line snapshot. The chunks stay bytes: newlines are found in the buffer and each line is
 * decoded on its own, which is cheaper than decoding the chunk into one string and slicing it (8-10%
 * of reading and parsing the 100k bench snapshot), and exact, since a UTF-8 sequence never holds
 * a newline byte. A trailing `\r` is dropped.
 */
export async function* fileLineBatches(path: string): AsyncGenerator<string[]> {
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    const lines: string[] = [];
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      lines.push(bytes.toString('utf8', start, end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end));
      start = end + 1;
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
    yield lines;
  }
  if (rest !== undefined) yield [rest.toString('utf8', 0, rest[rest.length - 1] === CARRIAGE_RETURN ? rest.length - 1 : rest.length)];
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

async function readLines(path: string, file: string, start: (head: SnapshotHead) => (resource: SnapshotResource) => void): Promise<SnapshotHead> {
  let header: SnapshotHeader | undefined;
  let visit: ((resource: SnapshotResource) => void) | undefined;
  let lineNo = 0;
  for await (const lines of fileLineBatches(path)) {
    for (const line of lines) {
      lineNo++;
      if (line.length === 0 || (line.length < 4 && line.trim() === '')) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new InputError(`invalid JSON (${(error as Error).message})`, { where: `${file}:${lineNo}`, hint: RERUN });
      }
      if (visit === undefined) {
        header = validateHeader(value, `${file}:${lineNo}`);
        visit = start(head(header));
        continue;
      }
      const problem = resourceProblem(value);
      if (problem !== undefined) throw new InputError(problem, { where: `${file}:${lineNo}`, hint: RERUN });
      visit(value as SnapshotResource);
    }
  }
  if (header === undefined) throw new InputError('the snapshot is empty', { where: file, hint: RERUN });
  return head(header);
}

function head(header: SnapshotHeader): SnapshotHead {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: header.collectedAt,
    tool: header.tool,
    coverage: header.coverage,
    zones: header.zones,
    diagnostics: header.diagnostics,
  };
}

async function readDocument(path: string, file: string, start: (head: SnapshotHead) => (resource: SnapshotResource) => void): Promise<SnapshotHead> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON (${(error as Error).message})`, {
      where: file,
      hint: 'a snapshot is JSON Lines written by `faultline collect`, or one JSON object with a `resources` array',
    });
  }
  const header = validateHeader(value, file, false);
  const raw = (value as { resources?: unknown }).resources;
  if (!Array.isArray(raw)) throw new InputError("the snapshot has no 'resources' array", { where: file, hint: RERUN });
  for (let i = 0; i < raw.length; i++) {
    const problem = resourceProblem(raw[i]);
    if (problem !== undefined) throw new InputError(problem, { where: `${file}: resources[${i}]`, hint: RERUN });
  }
  const visit = start(head(header));
  for (const resource of raw as SnapshotResource[]) visit(resource);
  return head(header);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateHeader(value: unknown, where: string, requireFormat = true): SnapshotHeader {
  if (!isObject(value)) throw new InputError('the snapshot header is not a JSON object', { where, hint: RERUN });
  if (requireFormat && value.format !== SNAPSHOT_FORMAT) {
    throw new InputError(`this is not a faultline snapshot (format is ${JSON.stringify(value.format)})`, { where, hint: RERUN });
  }
  if (value.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      `unsupported snapshot schemaVersion ${JSON.stringify(value.schemaVersion)} (this faultline reads version ${SNAPSHOT_SCHEMA_VERSION})`,
      { where, hint: RERUN },
    );
  }
  const fail = (what: string): never => {
    throw new InputError(`the snapshot header ${what}`, { where, hint: RERUN });
  };
  if (typeof value.collectedAt !== 'string' || Number.isNaN(Date.parse(value.collectedAt))) fail("has no valid 'collectedAt' time");
  const tool = value.tool;
  if (!isObject(tool) || typeof tool.version !== 'string') fail("has no 'tool' version");
  const coverage = value.coverage ?? [];
  if (!Array.isArray(coverage)) fail("'coverage' is not a list");
  for (const entry of coverage as unknown[]) {
    if (!isObject(entry) || typeof entry.provider !== 'string' || !isStringArray(entry.accounts) || !isStringArray(entry.regions)) {
      fail("has a 'coverage' entry without provider, accounts and regions");
    }
  }
  const zones = value.zones ?? [];
  if (!Array.isArray(zones)) fail("'zones' is not a list");
  for (const zone of zones as unknown[]) {
    if (!isObject(zone) || typeof zone.provider !== 'string' || typeof zone.region !== 'string' || typeof zone.name !== 'string' || typeof zone.id !== 'string') {
      fail("has a 'zones' entry without provider, region, name and id");
    }
  }
  const diagnostics = value.diagnostics ?? [];
  if (!Array.isArray(diagnostics)) fail("'diagnostics' is not a list");
  for (const d of diagnostics as unknown[]) {
    if (!isObject(d) || (d.level !== 'warning' && d.level !== 'error') || typeof d.source !== 'string' || typeof d.message !== 'string') {
      fail("has a 'diagnostics' entry without level (warning|error), source and message");
    }
  }
  return {
    format: SNAPSHOT_FORMAT,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: value.collectedAt as string,
    tool: { name: 'faultline', version: (tool as { version: string }).version },
    coverage: coverage as Coverage[],
    zones: zones as SnapshotZone[],
    diagnostics: diagnostics as Diagnostic[],
  };
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

const PLACEMENTS = new Set(['zonal', 'regional', 'global']);

/** Plain typeof checks: this runs once per resource, a million times on a big estate. */
function resourceProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a resource line is not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return "resource is missing 'id'";
  if (typeof r.type !== 'string' || r.type === '') return `resource ${r.id} is missing 'type'`;
  if (typeof r.provider !== 'string' || r.provider === '') return `resource ${r.id} is missing 'provider'`;
  if (typeof r.placement !== 'string' || !PLACEMENTS.has(r.placement)) {
    return `resource ${r.id} has placement ${JSON.stringify(r.placement)}; expected zonal, regional or global`;
  }
  if (r.account !== undefined && typeof r.account !== 'string') return `resource ${r.id}: 'account' is not a string`;
  if (r.region !== undefined && typeof r.region !== 'string') return `resource ${r.id}: 'region' is not a string`;
  if (r.zone !== undefined && typeof r.zone !== 'string') return `resource ${r.id}: 'zone' is not a string`;
  if (r.name !== undefined && typeof r.name !== 'string') return `resource ${r.id}: 'name' is not a string`;
  if (r.placement === 'zonal' && typeof r.zone !== 'string') return `resource ${r.id} is zonal but has no 'zone'`;
  if (r.placement !== 'global' && r.placement !== 'zonal' && typeof r.region !== 'string') {
    return `resource ${r.id} is regional but has no 'region'`;
  }
  const tags = r.tags;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return `resource ${r.id}: 'tags' is not an object`;
  for (const key in tags) {
    if (typeof (tags as Record<string, unknown>)[key] !== 'string') return `resource ${r.id}: tag '${key}' is not a string`;
  }
  if (r.requires !== undefined) {
    if (!Array.isArray(r.requires)) return `resource ${r.id}: 'requires' is not a list`;
    for (const item of r.requires) if (typeof item !== 'string') return `resource ${r.id}: 'requires' holds a non-string`;
  }
  return undefined;
}
