// node bench/size.js: what each build in dist/ costs to download and to start. For the Emscripten
// build (js/index.js) and the WASI build (js/wasi.js): the Wasm's bytes and gzip -9 bytes, the
// Emscripten JS glue's, and the whole browser package's (the Wasm, the glue, and every js/ file the
// entry reaches through its imports; node: built-ins are the host's). Then the medians, over runs in
// fresh Node processes, of WebAssembly.compile, of instantiating the compiled module, and of importing
// the entry and awaiting init(). Measured, never asserted. Environment: SIZE_RUNS (default 7).
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

import { median } from "./common.js";

const RUNS = Number(process.env.SIZE_RUNS ?? 7);
const BUDGET = 100_000; // bytes: the target for the Emscripten browser package, all algorithms
const root = new URL("../", import.meta.url);

const BUILDS = [
  { name: "emscripten", entry: "js/index.js", wasm: "dist/emscripten/edgejwt.wasm", glue: "dist/emscripten/edgejwt.mjs" },
  { name: "wasi", entry: "js/wasi.js", wasm: "dist/wasi/edgejwt.wasm" },
];

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kilobytes = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

// Every file an entry loads: relative static imports and re-exports, and relative dynamic imports
// written as string literals (how the Emscripten engine loads its glue).
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, "utf8");
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"/g),
      ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1]);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) visit(new URL(specifier, url));
    }
  };
  visit(new URL(entry, root));
  return [...seen].map((href) => new URL(href));
}

function sizes(build) {
  const wasm = readFileSync(new URL(build.wasm, root));
  const glue = build.glue ? readFileSync(new URL(build.glue, root)) : null;
  // The glue is in the entry's graph (imported dynamically); the Wasm is fetched, never imported.
  const files = [...moduleGraph(build.entry).map((url) => readFileSync(url)), wasm];
  return {
    wasm: wasm.length, wasmGzip: gzipped(wasm),
    glue: glue?.length, glueGzip: glue && gzipped(glue),
    packageFiles: files.length,
    // Served file by file (each gzipped on its own), and bundled into one gzipped stream.
    packageGzip: files.reduce((sum, bytes) => sum + gzipped(bytes), 0),
    packageBundledGzip: gzipped(Buffer.concat(files)),
  };
}

// One fresh process: compile and instantiate the Wasm (imports stubbed: nothing runs while
// instantiating), then import the entry and await init().
const CHILD = `
const [wasmPath, entryUrl] = process.argv.slice(-2);
const bytes = (await import("node:fs")).readFileSync(wasmPath);
let start = performance.now();
const module = await WebAssembly.compile(bytes);
const compile = performance.now() - start;
const imports = {};
for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
  imports[from] ??= {};
  imports[from][name] = kind === "function" ? () => 0
    : kind === "memory" ? new WebAssembly.Memory({ initial: 256 })
    : kind === "table" ? new WebAssembly.Table({ initial: 64, element: "anyfunc" })
    : new WebAssembly.Global({ value: "i32", mutable: true }, 0);
}
start = performance.now();
await WebAssembly.instantiate(module, imports);
const instantiate = performance.now() - start;
start = performance.now();
const api = await import(entryUrl);
await api.init();
const init = performance.now() - start;
process.stdout.write(JSON.stringify({ compile, instantiate, init }));
`;

function startup(build) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, "--",
      fileURLToPath(new URL(build.wasm, root)), new URL(build.entry, root).href], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`${build.name} start-up run failed:\n${child.stderr}`);
    runs.push(JSON.parse(child.stdout));
  }
  const of = (key) => median(runs.map((run) => run[key]));
  return { compile: of("compile"), instantiate: of("instantiate"), init: of("init") };
}

const rows = BUILDS.map((build) => ({ build, ...sizes(build), ...startup(build) }));
const table = [
  ["", ...rows.map((row) => row.build.name)],
  ["Wasm bytes", ...rows.map((row) => `${row.wasm}`)],
  ["Wasm gzip -9", ...rows.map((row) => `${row.wasmGzip} (${kilobytes(row.wasmGzip)})`)],
  ["JS glue gzip -9", ...rows.map((row) => (row.glue ? `${row.glueGzip} (of ${row.glue})` : "-"))],
  ["glue + Wasm gzip -9", ...rows.map((row) => `${row.wasmGzip + (row.glueGzip ?? 0)} (${kilobytes(row.wasmGzip + (row.glueGzip ?? 0))})`)],
  ["package gzip -9, per file", ...rows.map((row) => `${row.packageGzip} (${kilobytes(row.packageGzip)}, ${row.packageFiles} files)`)],
  ["package gzip -9, bundled", ...rows.map((row) => `${row.packageBundledGzip} (${kilobytes(row.packageBundledGzip)})`)],
  [`compile (median of ${RUNS})`, ...rows.map((row) => `${row.compile.toFixed(2)} ms`)],
  ["instantiate", ...rows.map((row) => `${row.instantiate.toFixed(2)} ms`)],
  ["import entry + init()", ...rows.map((row) => `${row.init.toFixed(2)} ms`)],
];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
for (const line of table) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join("  "));
const browser = rows.find((row) => row.build.name === "emscripten");
const total = browser.wasmGzip + browser.glueGzip;
console.log(`\nEmscripten glue + Wasm: ${kilobytes(total)} gzipped, ${total <= BUDGET ? "within" : "over"} the 100 kB budget`);
