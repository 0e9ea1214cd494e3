// A module of the WASI build (a preview1 reactor). The build links two (wasi.js: without
// encryption; wasi-jwe.js: with it), each named by the file that loads it. It runs on our own
// minimal preview1 host (wasi-shim.js), which works in every runtime and prints nothing; node:wasi
// only when asked for ({ wasi: "node" }), and then only if it proves it can run the module here
// (workerd's node:wasi is a stub, Bun's has no getImportObject): the choice is made by what works,
// never by which runtime this looks like.
import { JOSEError, JOSEInvalidArgument, JOSENotSupported } from "../errors.js";
import { compile } from "./compile.js";
import { createWasiShim } from "./wasi-shim.js";

const HOSTS = {
  shim: createWasiShim,
  node: nodeWasiHost,
};

// "auto" is the shim: it is enough everywhere (the reactor needs clocks, randomness and stderr).
// `packagedWasm()` locates the module's Wasm, only when init() is given none (emscripten-glue.js).
export async function loadWasiModule(packagedWasm, { wasm, wasi = "auto" } = {}) {
  if (!["auto", "node", "shim"].includes(wasi)) throw new JOSEInvalidArgument('options.wasi must be "auto", "node" or "shim"');
  const createHost = HOSTS[wasi === "auto" ? "shim" : wasi];
  const module = await compile(wasm ?? packagedWasm());
  const renew = () => start(module, createHost());
  try {
    return { ...renew(), renew };
  } catch (cause) {
    if (wasi !== "node" || cause instanceof JOSEError) throw cause;
    throw new JOSENotSupported(`node:wasi cannot run the edgejwt module in this runtime: ${cause.message}`, { cause });
  }
}

function start(module, host) {
  const instance = new WebAssembly.Instance(module, host.imports);
  host.initialize(instance);
  return { exports: instance.exports, memory: instance.exports.memory };
}

// A fresh node:wasi host (a WASI object starts one instance only).
function nodeWasiHost() {
  const WASI = globalThis.process?.getBuiltinModule?.("node:wasi")?.WASI;
  if (typeof WASI !== "function") throw new JOSENotSupported("node:wasi is not available in this runtime");
  const wasi = new WASI({ version: "preview1", args: [], env: {}, returnOnExit: true });
  return { imports: wasi.getImportObject(), initialize: (instance) => wasi.initialize(instance) };
}
