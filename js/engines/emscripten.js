// The Emscripten build: its generated loader provides the module's imports and runtime start-up;
// we hand it an instance we made ourselves (its own file loading does not work under Node).
import { instantiate, memoryOf } from "./instantiate.js";

const DEFAULT_WASM = new URL("../../dist/emscripten/edgejwt.wasm", import.meta.url);

export async function loadEmscriptenEngine({ wasm = DEFAULT_WASM } = {}) {
  const { default: createModule } = await import("../../dist/emscripten/edgejwt.mjs");
  let memory;
  let compiled;
  let fail;
  const failure = new Promise((resolve, reject) => { fail = reject; });
  // The loader's promise never settles when instantiation fails, hence the race.
  const module = await Promise.race([failure, createModule({
    instantiateWasm(imports, receiveInstance) {
      instantiate(wasm, imports).then(({ instance, module: wasmModule }) => {
        memory = memoryOf(instance);
        compiled = wasmModule;
        receiveInstance(instance);
      }, fail);
      return {};
    },
  })]);
  return { exports: exportsOf(module), memory, renew: () => renew(createModule, compiled) };
}

// A fresh instance of the same module with a loader of its own, synchronously: handed an instance
// at once, the loader starts its runtime before createModule returns.
function renew(createModule, compiled) {
  let memory;
  const module = {
    instantiateWasm(imports, receiveInstance) {
      const instance = new WebAssembly.Instance(compiled, imports);
      memory = memoryOf(instance);
      receiveInstance(instance);
      return instance.exports;
    },
  };
  createModule(module);
  if (!module.calledRun) throw new Error("the Emscripten runtime did not start synchronously");
  return { exports: exportsOf(module), memory };
}

// The loader names the C functions "_edgejwt_…" (their Wasm export names are minified).
function exportsOf(module) {
  const exports = {};
  for (const name of Object.keys(module)) {
    if (name.startsWith("_edgejwt_")) exports[name.slice(1)] = module[name];
  }
  return exports;
}
