// The entries made from the two export lists, each written once: js/wasi.js is js/index.js on the
// WASI engine; js/wasi-jose.js is js/jose.js on the WASI engine, and js/jose-workerd.js and
// js/wasi-jose-workerd.js are the jose entries for Workers (the build's Wasm imported as a module
// and given to the runtime's init, since a Worker cannot read or compile it). The same file with
// its engine's import, its init and its header swapped. Run by bootstrap (node scripts/entries.js);
// `--check` exits 1 when a made file is not what it would write (tests/js/entries.test.js runs the
// same check).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ENGINE = {
  emscripten: 'import { loadEmscriptenEngine as loadEngine } from "./engines/emscripten.js";',
  wasi: 'import { loadWasiEngine as loadEngine } from "./engines/wasi.js";',
};
const WASM = {
  emscripten: 'import wasm from "../dist/emscripten/edgejwt.wasm";',
  wasi: 'import wasm from "../dist/wasi/edgejwt.wasm";',
};
const INIT = "await runtime.init();";
const header = (what, source) => `// ${what}
//
// Made from js/${source} by scripts/entries.js, which swaps the engine: edit the export list there.
`;

const path = (name) => fileURLToPath(new URL(`../js/${name}`, import.meta.url));

// `text` after its header's comment lines, with `from` replaced by `to` (which must be there).
function swapped(text, source, replacements) {
  let body = text.slice(text.search(/^[^/]/m));
  for (const [from, to] of replacements) {
    if (!body.includes(from)) throw new Error(`js/${source} no longer has ${from}: scripts/entries.js cannot make its variants`);
    body = body.replace(from, to);
  }
  return body;
}

// js/wasi.js as it follows from `index` (the text of js/index.js).
export function wasiEntry(index) {
  return header("edgejwt on its WASI build: for edge runtimes, other WASI hosts, Node, Deno and Bun (Workers: wasi-workerd.js).", "index.js") +
    swapped(index, "index.js", [[ENGINE.emscripten, ENGINE.wasi]]);
}

// The jose entries made from `jose` (the text of js/jose.js): file name -> text.
export function joseEntries(jose) {
  const variant = (build, workerd) => swapped(jose, "jose.js", [
    [ENGINE.emscripten, workerd ? `${ENGINE[build]}\n${WASM[build]}` : ENGINE[build]],
    [INIT, workerd ? "await runtime.init({ wasm });" : INIT],
  ]);
  return {
    "wasi-jose.js": header("edgejwt as jose, on its WASI build (Workers: wasi-jose-workerd.js).", "jose.js") + variant("wasi", false),
    "jose-workerd.js": header("edgejwt as jose on Cloudflare Workers (the \"workerd\" condition): the Emscripten build's Wasm imported as a module.", "jose.js") +
      variant("emscripten", true),
    "wasi-jose-workerd.js": header("edgejwt/wasi as jose on Cloudflare Workers (the \"workerd\" condition): the WASI build's Wasm imported as a module.", "jose.js") +
      variant("wasi", true),
  };
}

// Every made entry: file name -> the text it should have.
export function madeEntries(read = (name) => readFileSync(path(name), "utf8")) {
  return { "wasi.js": wasiEntry(read("index.js")), ...joseEntries(read("jose.js")) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  for (const [name, expected] of Object.entries(madeEntries())) {
    let current = null;
    try {
      current = readFileSync(path(name), "utf8");
    } catch {
      // Not made yet.
    }
    if (current === expected) continue;
    if (check) {
      console.error(`js/${name} is not what scripts/entries.js makes: run node scripts/entries.js`);
      process.exitCode = 1;
    } else {
      writeFileSync(path(name), expected);
    }
  }
}
