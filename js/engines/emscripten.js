// The Emscripten build: its generated loader provides the module's imports and runtime start-up;
// we hand it an instance we made ourselves (its own file loading does not work under Node).
import { instantiate, memoryOf } from "./instantiate.js";

const DEFAULT_WASM = new URL("../../dist/emscripten/edgejwt.wasm", import.meta.url);

export async function loadEmscriptenEngine({ wasm = DEFAULT_WASM } = {}) {
  const { default: createModule } = await import("../../dist/emscripten/edgejwt.mjs");
  let memory;
  let fail;
  const failure = new Promise((resolve, reject) => { fail = reject; });
  // The loader's promise never settles when instantiation fails, hence the race.
  const module = await Promise.race([failure, createModule({
    instantiateWasm(imports, receiveInstance) {
      instantiate(wasm, imports).then((instance) => {
        memory = memoryOf(instance);
        receiveInstance(instance);
      }, fail);
      return {};
    },
  })]);
  // The loader names the C functions "_edgejwt_…" (their Wasm export names are minified).
  const exports = {};
  for (const name of Object.keys(module)) {
    if (name.startsWith("_edgejwt_")) exports[name.slice(1)] = module[name];
  }
  return { exports, memory };
}
