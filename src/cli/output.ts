import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { InputError } from '../core/errors.js';
import type { Io, Stream } from './io.js';

/**
 * What a command writes: one string, bytes, or chunks of text. Chunks are for reports too big
 * for one string (V8 caps a string at about 512 MB; a million-resource JSON report nears that):
 * they are written as they come, never joined.
 */
export type OutputText = string | Uint8Array | Iterable<string>;

/**
 * Writes command output to stdout (`-o -` or no `-o`) or to a file: atomically for a regular
 * file (temp file + rename), directly for a device or pipe (`-o /dev/null`, `-o /dev/stdout`),
 * which must never be replaced by a rename.
 */
export async function writeOutput(io: Io, target: string | undefined, text: OutputText): Promise<void> {
  if (target === undefined || target === '-') {
    if (typeof text === 'string') io.stdout.write(text);
    else if (text instanceof Uint8Array) io.stdout.write(Buffer.from(text).toString('utf8'));
    else for (const chunk of text) await writeWithBackpressure(io.stdout, chunk);
    return;
  }
  const path = resolve(io.cwd, target);
  try {
    if (await isSpecialFile(path)) await writeChunks(path, text, 'w');
    else if (typeof text === 'string' || text instanceof Uint8Array) await writeFileAtomic(path, text);
    else await writeChunksAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write the output file (${code ?? String(error)})`, {
      where: target,
      hint: code === 'ENOENT' ? 'create its directory first' : 'check the path and its permissions',
      cause: error,
    });
  }
}

/** An existing target that is not a regular file or a directory: a device, a FIFO, a socket. */
async function isSpecialFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

/** Waits for `drain` when a real stream's buffer is full, so chunks do not pile up in memory. */
async function writeWithBackpressure(stream: Stream, chunk: string): Promise<void> {
  const ok = stream.write(chunk);
  const events = stream as Stream & { once?: (event: string, listener: () => void) => unknown };
  if (ok === false && typeof events.once === 'function') await new Promise<void>((done) => events.once!('drain', done));
}

async function writeChunks(path: string, text: OutputText, flags: 'w' | 'wx'): Promise<void> {
  const out = createWriteStream(path, { flags });
  const finished = new Promise<void>((done, fail) => {
    out.once('error', fail);
    out.once('finish', done);
  });
  // Without a listener, an 'error' before `finished` is awaited would be unhandled.
  finished.catch(() => undefined);
  const chunks = typeof text === 'string' || text instanceof Uint8Array ? [text] : text;
  for (const chunk of chunks) {
    if (!out.write(chunk)) await Promise.race([new Promise<void>((done) => out.once('drain', () => done())), finished]);
  }
  out.end();
  await finished;
}

async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeChunks(temp, chunks, 'wx');
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
