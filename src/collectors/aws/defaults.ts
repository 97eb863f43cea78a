/** Collector defaults, in a module without SDK imports so the CLI can read them cheaply. */

/**
 * Regions (across accounts) collected at once. AWS throttles EC2 per account, region and API, so
 * regions in parallel add no throttling pressure; 16 covers the 17 regions enabled by default in
 * about one round (16 regions at 50 ms per request: 10x faster than one at a time, README).
 */
export const DEFAULT_CONCURRENCY = 16;
