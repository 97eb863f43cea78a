import { createHash } from 'node:crypto';

/**
 * The identity of a finding across runs: a hash of what it is about, never of counts or times,
 * so a baseline survives re-runs and unrelated changes.
 */
export function fingerprint(rule: string, subject: string, service: string, extra = ''): string {
  return createHash('sha256').update(`${rule}\u0000${subject}\u0000${service}\u0000${extra}`).digest('hex').slice(0, 16);
}
