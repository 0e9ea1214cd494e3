// The WASI entry (js/wasi.js) is js/index.js, where the export list is written once, on the WASI
// engine: the same file with its engine's import and its header swapped. Run by bootstrap (node
// scripts/entries.js); `--check` exits 1 when js/wasi.js is not what it would write
// (tests/js/entries.test.js runs the same check).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ENGINE = {
  emscripten: 'import { loadEmscriptenEngine as loadEngine } from "./engines/emscripten.js";',
  wasi: 'import { loadWasiEngine as loadEngine } from "./engines/wasi.js";',
};
const HEADER = `// edgejwt on its WASI build: for edge runtimes, other WASI hosts, Node, Deno and Bun (Workers: wasi-workerd.js).
//
// Made from js/index.js by scripts/entries.js, which swaps the engine: edit the export list there.
`;

const path = (name) => fileURLToPath(new URL(`../js/${name}`, import.meta.url));

// js/wasi.js as it follows from `index` (the text of js/index.js).
export function wasiEntry(index) {
  const body = index.slice(index.search(/^[^/]/m)); // after the header's comment lines
  if (!body.includes(ENGINE.emscripten)) throw new Error(`js/index.js no longer imports its engine as ${ENGINE.emscripten}`);
  return HEADER + body.replace(ENGINE.emscripten, ENGINE.wasi);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = wasiEntry(readFileSync(path("index.js"), "utf8"));
  let current = null;
  try {
    current = readFileSync(path("wasi.js"), "utf8");
  } catch {
    // Not made yet.
  }
  if (process.argv.includes("--check")) {
    if (current !== expected) {
      console.error("js/wasi.js is not js/index.js on the WASI engine: run node scripts/entries.js");
      process.exitCode = 1;
    }
  } else if (current !== expected) {
    writeFileSync(path("wasi.js"), expected);
  }
}
