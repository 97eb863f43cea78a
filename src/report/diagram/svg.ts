/**
 * DOT → SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): no native install.
 * The module is loaded once per process (about 75 ms); after a failed layout it is unloaded,
 * because the WASM heap may be left inconsistent (hpcc-js/wasm #139), and loaded again next time.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let instance: Promise<Graphviz> | undefined;

/** Lays the DOT out with `dot` and returns the SVG document. */
export async function toSvg(dot: string): Promise<string> {
  instance ??= Graphviz.load();
  const graphviz = await instance;
  try {
    return graphviz.layout(dot, 'svg', 'dot');
  } catch (error) {
    instance = undefined;
    Graphviz.unload();
    throw error;
  }
}

/** The Graphviz version inside the WASM build (`16.1.0`). */
export async function wasmGraphvizVersion(): Promise<string> {
  instance ??= Graphviz.load();
  return (await instance).version();
}
