/**
 * DOT → SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): no native install.
 * The module is loaded once per process (about 75 ms); after a failed layout it is unloaded,
 * because the WASM heap may be left inconsistent (hpcc-js/wasm #139), and loaded again next time.
 * It is imported only when an SVG is asked for: its 2 MB of inlined WASM would otherwise cost
 * every command about 25 ms at startup.
 */
import type { Graphviz } from '@hpcc-js/wasm-graphviz';

type GraphvizClass = typeof Graphviz;

let instance: Promise<Graphviz> | undefined;

async function graphvizClass(): Promise<GraphvizClass> {
  return (await import('@hpcc-js/wasm-graphviz')).Graphviz;
}

async function loaded(): Promise<Graphviz> {
  instance ??= graphvizClass().then((cls) => cls.load());
  return instance;
}

/** Lays the DOT out with `dot` and returns the SVG document. */
export async function toSvg(dot: string): Promise<string> {
  const graphviz = await loaded();
  try {
    return graphviz.layout(dot, 'svg', 'dot');
  } catch (error) {
    instance = undefined;
    (await graphvizClass()).unload();
    throw error;
  }
}

/** The Graphviz version inside the WASM build (`16.1.0`). */
export async function wasmGraphvizVersion(): Promise<string> {
  return (await loaded()).version();
}
