// An Emscripten module: its generated loader provides the module's imports and runtime start-up;
// we hand it an instance of a module we compiled ourselves (compile.js), synchronously, so the same
// start-up makes a fresh instance whenever the Core needs one (renew). The build links two modules
// (emscripten.js: without encryption; emscripten-jwe.js: with it), each with its own loader, named
// by the file that loads it so that a bundler sees only the one a program uses.
import { JOSEError } from "../errors.js";
import { compile, memoryOf } from "./compile.js";

const MODULE_SECTION = "edgejwt.module";
const decoder = new TextDecoder();

// `importLoader()` imports the module's generated loader; `packagedWasm()` locates its Wasm, only
// when init() is given none, never at module load (import.meta.url is undefined in some hosts).
// `name` is the module the loader was made with ("edgejwt" or "edgejwt-jwe").
export async function loadEmscriptenModule(importLoader, packagedWasm, name, { wasm } = {}) {
  const [{ default: createModule }, module] = await Promise.all([importLoader(), compile(wasm ?? packagedWasm())]);
  checkModule(module, name);
  const renew = () => start(createModule, module);
  return { ...renew(), renew };
}

// A loader reaches the C functions by its own module's minified export names (one letter in one
// module is another function in the other), so it runs only the module it was made with: each
// carries its name in a custom section (CMakeLists.txt). Another is refused before any instance.
function checkModule(module, name) {
  const [section] = WebAssembly.Module.customSections(module, MODULE_SECTION);
  const found = section === undefined ? null : decoder.decode(section);
  if (found === name) return;
  throw new JOSEError(`this Wasm module is ${found ? `edgejwt's "${found}" module` : "not one of edgejwt's Emscripten modules"}, ` +
    `and this entry runs "${name}" (dist/emscripten/${name}.wasm): give each entry its own Wasm ` +
    '("edgejwt" edgejwt.wasm, "edgejwt/jwe" edgejwt-jwe.wasm)', { code: "ERR_WASM_ABI_MISMATCH" });
}

// One instance, started by the loader: with the instance given synchronously, the loader runs the
// runtime's start-up before it returns, and fills `emscripten` with the C functions.
function start(createModule, module) {
  let memory;
  let failure;
  const emscripten = {
    // Set, so the loader does not compute its own file's URL (new URL(…, import.meta.url) throws
    // where import.meta.url is undefined); it never fetches anything, instantiateWasm does.
    locateFile: (path) => path,
    instantiateWasm(imports, receiveInstance) {
      let instance;
      try {
        instance = new WebAssembly.Instance(module, imports);
      } catch (error) {
        failure = error; // the loader would only log it
        return {};
      }
      memory = memoryOf(instance);
      receiveInstance(instance);
      return instance.exports;
    },
  };
  try {
    createModule(emscripten); // fills `emscripten`, which is also what its promise resolves to
  } finally {
    // A start-up that aborts throws here, and also rejects the loader's promise: never unhandled.
    emscripten.ready?.catch(() => {});
  }
  if (failure) throw failure;
  // The loader names the C functions "_edgejwt_…" (their Wasm export names are minified).
  const exports = {};
  for (const name of Object.keys(emscripten)) {
    if (name.startsWith("_edgejwt_")) exports[name.slice(1)] = emscripten[name];
  }
  return { exports, memory };
}
