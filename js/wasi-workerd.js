// edgejwt/wasi on Cloudflare Workers (the "workerd" export condition): the WASI build's Wasm
// imported as a compiled module, as in js/workerd.js, on the built-in preview1 host.
import wasm from "../dist/wasi/edgejwt.wasm";
import { init as initBuild } from "./wasi.js";

export * from "./wasi.js";

export function init(options = {}) {
  return initBuild({ ...options, wasm: options.wasm ?? wasm });
}
