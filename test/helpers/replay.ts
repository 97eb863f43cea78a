import { fileURLToPath } from 'node:url';
import { startReplayServer, type ReplayOptions, type ReplayServer } from '../../src/replay/server.js';
import type { Progress } from '../../src/collectors/types.js';

// The SDK must never reach the network or the instance metadata service from a test, and its
// Node 20 support notice would clutter the output.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A recorded estate under fixtures/aws/. */
export function estateDir(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/aws/${name}`, import.meta.url));
}

export const fakeCredentials = { accessKeyId: 'AKIAFAKEFORTESTS', secretAccessKey: 'fake-secret' };
/** Three attempts, no delay: throttling is retried without sleeping. */
export const noDelayRetry = { maxAttempts: 3, delayMs: 0 };

/** Runs `fn` with a replay server, closing it (and its keep-alive sockets) afterwards. */
export async function withReplay<T>(estate: string, options: Omit<ReplayOptions, 'estateDir'>, fn: (server: ReplayServer) => Promise<T>): Promise<T> {
  const server = await startReplayServer({ estateDir: estateDir(estate), ...options });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** A Progress that records what it was told. */
export function recordingProgress(): Progress & { warnings: string[]; updates: string[] } {
  const warnings: string[] = [];
  const updates: string[] = [];
  return { warnings, updates, update: (m) => void updates.push(m), warn: (m) => void warnings.push(m) };
}
