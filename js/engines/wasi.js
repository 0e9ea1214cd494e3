// The WASI build (a preview1 reactor). Under Node it runs on node:wasi; elsewhere, or when asked
// with { wasi: "shim" }, on our own minimal preview1 host.
import { instantiate } from "./instantiate.js";
import { createWasiShim } from "./wasi-shim.js";

const DEFAULT_WASM = new URL("../../dist/wasi/edgejwt.wasm", import.meta.url);

// A factory of node:wasi hosts (one per instance: a WASI object initializes one instance only).
async function nodeWasi() {
  if (typeof process !== "object" || typeof process.versions?.node !== "string") return null;
  const { WASI } = await import("node:wasi");
  return () => {
    const wasi = new WASI({ version: "preview1", args: [], env: {}, returnOnExit: true });
    return { imports: wasi.getImportObject(), initialize: (instance) => wasi.initialize(instance) };
  };
}

export async function loadWasiEngine({ wasm = DEFAULT_WASM, wasi = "auto" } = {}) {
  if (!["auto", "node", "shim"].includes(wasi)) throw new TypeError('options.wasi must be "auto", "node" or "shim"');
  const makeHost = (wasi !== "shim" && (await nodeWasi())) || (wasi === "node" ? null : createWasiShim);
  if (!makeHost) throw new Error("node:wasi is not available in this runtime");
  const host = makeHost();
  const { instance, module } = await instantiate(wasm, host.imports);
  host.initialize(instance);
  // A fresh instance of the same module, synchronously.
  const renew = () => {
    const freshHost = makeHost();
    const fresh = new WebAssembly.Instance(module, freshHost.imports);
    freshHost.initialize(fresh);
    return { exports: fresh.exports, memory: fresh.exports.memory };
  };
  return { exports: instance.exports, memory: instance.exports.memory, renew };
}
