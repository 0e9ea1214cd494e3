// edgejwt on Cloudflare Workers (the "workerd" export condition, which wrangler resolves): the
// Emscripten build's Wasm is imported as a compiled module, which wrangler uploads with the worker
// and workerd compiles at startup (a Worker may not compile Wasm from bytes, nor read files).
import wasm from "../dist/emscripten/edgejwt.wasm";
import { init as initBuild } from "./index.js";

export * from "./index.js";

export function init(options = {}) {
  return initBuild({ ...options, wasm: options.wasm ?? wasm });
}
