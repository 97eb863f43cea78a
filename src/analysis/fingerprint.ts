import * as crypto from 'node:crypto';

/** One-shot hashing (Node 20.12+) skips the Hash object per call: a million findings' worth. */
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/**
 * The identity of a finding across runs: a hash of what it is about, never of counts or times,
 * so a baseline survives re-runs and unrelated changes.
 */
export function fingerprint(rule: string, subject: string, service: string, extra = ''): string {
  const text = `${rule}\u0000${subject}\u0000${service}\u0000${extra}`;
  const hex = oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
  return hex.slice(0, 16);
}
