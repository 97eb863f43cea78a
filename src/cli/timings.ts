import type { Io } from './io.js';

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/**
 * Phase timings on stderr when FAULTLINE_TIMINGS=1, as `faultline timing <phase> <ms> ms, rss <MB> MB, heap <MB> MB` lines:
 * what `npm run bench` reads to time a query after the estate is loaded. Undocumented on
 * purpose; a no-op otherwise. Each call reports the time since the previous one (or since the
 * timer was made).
 */
export function phaseTimer(io: Io): (phase: string) => void {
  if (io.env.FAULTLINE_TIMINGS !== '1') return () => undefined;
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    const { rss, heapUsed } = process.memoryUsage();
    io.stderr.write(`faultline timing ${phase} ${(now - last).toFixed(1)} ms, rss ${mb(rss)} MB, heap ${mb(heapUsed)} MB\n`);
    last = now;
  };
}
