/**
 * Bundles the CLI (tsc's output in dist/) into dist/bundle/ with esbuild. Loading ~120 modules
 * one by one costs a fresh process about 80 ms before any work starts (resolving and compiling
 * each file, yaml's ~70 among them); the bundle loads in about half that. The modules imported
 * only when needed (the AWS collector, the replay server, WASM Graphviz) become chunks of
 * their own, or stay external packages, so a run that does not use them does not load them.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear out the last build's rather than pile them up.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Big, and imported lazily: resolved from node_modules at run time like any dependency.
  external: ['@aws-sdk/*', '@smithy/*', '@hpcc-js/*'],
  // commander is CommonJS and requires node built-ins, which an ES module bundle can only do
  // through a require of its own.
  banner: { js: "import { createRequire as __faultlineRequire } from 'node:module'; const require = __faultlineRequire(import.meta.url);" },
  logLevel: 'warning',
});
