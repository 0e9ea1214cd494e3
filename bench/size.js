// node bench/size.js (npm run bench:size): what the package costs a page and a Worker, measured on
// what the real tools emit from the packed, installed package (tests/consumers/workspace.js):
// - pages built by esbuild (--minify, the Wasm through --loader:.wasm=file), Vite (defaults),
//   webpack (--mode production) and Rollup (node-resolve and import-meta-assets, minified by esbuild
//   in renderChunk: Rollup itself does not minify), importing `verify` only, everything of
//   "edgejwt", `decrypt` only of edgejwt/jwe, and everything of edgejwt/jwe: their JS and Wasm, raw
//   and gzip -9 (each file on its own, as a server sends it);
// - Workers bundled by `wrangler deploy --dry-run`: a verify-only worker on each build, a
//   decrypt-only one on each build's edgejwt/jwe, and the gateway (edge/): the upload (bundle +
//   Wasm), raw and gzip -9;
// - per build and module (default, JWE): the Wasm and the Emscripten glue, and the medians, over runs in fresh Node processes,
//   of WebAssembly.compile, of instantiating the compiled module, and of import + init().
// Measured, never asserted. Environment: SIZE_RUNS (default 7). Writes artifacts/size.json.
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

import { median, writeArtifact } from "./common.js";
import { workspace, succeed, ROOT } from "../tests/consumers/workspace.js";
import { WRANGLER_ENV } from "../tests/consumers/workers.js";

const RUNS = Number(process.env.SIZE_RUNS ?? 7);
const root = new URL("../", import.meta.url);
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kilobytes = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const WASM = {
  emscripten: "edgejwt/dist/emscripten/edgejwt.wasm", wasi: "edgejwt/dist/wasi/edgejwt.wasm",
  "emscripten JWE": "edgejwt/dist/emscripten/edgejwt-jwe.wasm",
};

// The pages, on the Emscripten build: page -> [the entry, what it imports ("*": everything), the
// Wasm esbuild's page imports itself (esbuild has no new URL(…, import.meta.url) assets)].
// "edgejwt" has no encryption; edgejwt/jwe is all of it and JWE, on the build's JWE module.
const PAGES = {
  "verify only": ["edgejwt", ["init", "verify"], WASM.emscripten],
  everything: ["edgejwt", "*", WASM.emscripten],
  "decrypt only, edgejwt/jwe": ["edgejwt/jwe", ["init", "decrypt"], WASM["emscripten JWE"]],
  "everything, edgejwt/jwe": ["edgejwt/jwe", "*", WASM["emscripten JWE"]],
};

// A page's app.js: what it imports kept alive on globalThis, after init().
function pageSource([entry, names, wasm], wasmImport) {
  const imports = names === "*" ? `import * as edgejwt from "${entry}";` : `import { ${names.join(", ")} } from "${entry}";`;
  const init = names === "*" ? "edgejwt.init" : "init";
  const kept = names === "*" ? "edgejwt" : `{ ${names.join(", ")} }`;
  return wasmImport
    ? `${imports}\nimport wasm from "${wasm}";\nawait ${init}({ wasm });\nglobalThis.edgejwt = ${kept};\n`
    : `${imports}\nawait ${init}();\nglobalThis.edgejwt = ${kept};\n`;
}

const ROLLUP_CONFIG = `import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";
import { transform } from "esbuild";

const minify = { name: "minify", renderChunk: (code) => transform(code, { minify: true, format: "esm" }) };
export default { input: "app.js", output: { dir: "out", format: "es" }, plugins: [nodeResolve(), importMetaAssets(), minify] };
`;

// bundler → [files to write beside app.js, the build command]; every build writes to out/.
const BUNDLERS = {
  esbuild: [{}, "esbuild app.js --bundle --minify --format=esm --loader:.wasm=file --outdir=out"],
  Vite: [{ "index.html": '<!doctype html>\n<script type="module" src="./app.js"></script>\n' }, "vite build --outDir out"],
  webpack: [{}, "webpack ./app.js --mode production --output-path out"],
  Rollup: [{ "rollup.config.mjs": ROLLUP_CONFIG }, "rollup -c"],
};

async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

// JS and Wasm of a build's output: { js, jsGzip, wasm, wasmGzip, files }.
async function weigh(dir, { skip = () => false } = {}) {
  const sizes = { js: 0, jsGzip: 0, wasm: 0, wasmGzip: 0, files: 0 };
  for (const file of await filesUnder(dir)) {
    const kind = { ".js": "js", ".mjs": "js", ".wasm": "wasm" }[extname(file)];
    if (!kind || skip(file)) continue;
    const bytes = await readFile(file);
    sizes[kind] += bytes.length;
    sizes[`${kind}Gzip`] += gzipped(bytes);
    sizes.files += 1;
  }
  return sizes;
}

async function bundleSizes(space) {
  const rows = [];
  for (const [bundler, [extra, command]] of Object.entries(BUNDLERS)) {
    for (const [page, spec] of Object.entries(PAGES)) {
      const dir = join(space.dir, "bench-size", `${bundler}-${page}`.replace(/\W+/g, "-"));
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "app.js"), pageSource(spec, bundler === "esbuild"));
      for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
      await succeed("bash", ["-euo", "pipefail", "-c", command], { cwd: dir });
      rows.push({ bundler, page, ...await weigh(join(dir, "out")) });
    }
  }
  return rows;
}

// worker -> [the entry, the operation it runs on the Authorization header's token].
const WORKERS = {
  "verify only, edgejwt/wasi": ["edgejwt/wasi", "verify"],
  "verify only, edgejwt": ["edgejwt", "verify"],
  "decrypt only, edgejwt/wasi/jwe": ["edgejwt/wasi/jwe", "decrypt"],
  "decrypt only, edgejwt/jwe": ["edgejwt/jwe", "decrypt"],
};
const workerSource = ([entry, operation]) => `import { init, ${operation} } from "${entry}";
export default {
  async fetch(request) {
    await init();
    return Response.json(${operation}(request.headers.get("authorization") ?? "", new Uint8Array(32)).payload);
  },
};
`;

// The upload: the bundle and the Wasm modules (not the source map wrangler writes beside them).
const uploadOnly = (file) => file.endsWith(".map");

async function workerSizes(space) {
  const rows = [];
  for (const [worker, spec] of Object.entries(WORKERS)) {
    const dir = join(space.dir, "bench-size", `worker-${worker}`.replace(/\W+/g, "-"));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "worker.js"), workerSource(spec));
    await writeFile(join(dir, "wrangler.toml"), 'name = "size"\nmain = "worker.js"\ncompatibility_date = "2026-05-03"\n');
    await succeed("wrangler", ["deploy", "--dry-run", "--outdir", "out"], { cwd: dir, env: WRANGLER_ENV });
    rows.push({ worker, ...await weigh(join(dir, "out"), { skip: uploadOnly }) });
  }
  const edge = join(space.dir, "bench-size", "edge-gateway");
  await rm(edge, { recursive: true, force: true });
  await succeed("wrangler", ["deploy", "--dry-run", "--outdir", edge], { cwd: join(ROOT, "edge"), env: WRANGLER_ENV });
  rows.push({ worker: "the gateway (edge/, on edgejwt/wasi/jwe)", ...await weigh(edge, { skip: uploadOnly }) });
  return rows;
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

const BUILDS = [
  { name: "emscripten", entry: "js/index.js", wasm: "dist/emscripten/edgejwt.wasm", glue: "dist/emscripten/edgejwt.mjs" },
  { name: "wasi", entry: "js/wasi.js", wasm: "dist/wasi/edgejwt.wasm" },
  { name: "emscripten JWE", entry: "js/jwe.js", wasm: "dist/emscripten/edgejwt-jwe.wasm", glue: "dist/emscripten/edgejwt-jwe.mjs" },
  { name: "wasi JWE", entry: "js/wasi-jwe.js", wasm: "dist/wasi/edgejwt-jwe.wasm" },
];

function startup(build) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, "--",
      fileURLToPath(new URL(build.wasm, root)), new URL(build.entry, root).href], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`${build.name} start-up run failed:\n${child.stderr}`);
    runs.push(JSON.parse(child.stdout));
  }
  const of = (key) => median(runs.map((run) => run[key]));
  const wasm = readFileSync(new URL(build.wasm, root));
  const glue = build.glue && readFileSync(new URL(build.glue, root));
  return {
    build: build.name, wasm: wasm.length, wasmGzip: gzipped(wasm), glue: glue?.length, glueGzip: glue && gzipped(glue),
    compile: of("compile"), instantiate: of("instantiate"), init: of("init"),
  };
}

function print(title, header, lines) {
  const table = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...table.map((line) => String(line[column]).length)));
  console.log(`\n${title}`);
  for (const line of table) console.log(line.map((cell, column) => String(cell).padEnd(widths[column])).join("  "));
}

const space = await workspace();
const bundles = await bundleSizes(space);
print("Pages on the Emscripten build (gzip -9, each file on its own)", ["bundler", "page", "JS", "Wasm", "JS + Wasm"],
  bundles.map((row) => [row.bundler, row.page, `${kilobytes(row.jsGzip)} (of ${kilobytes(row.js)})`,
    `${kilobytes(row.wasmGzip)} (of ${kilobytes(row.wasm)})`, kilobytes(row.jsGzip + row.wasmGzip)]));
const workers = await workerSizes(space);
print("Worker uploads (wrangler deploy --dry-run)", ["worker", "bundle", "Wasm", "upload", "upload gzip -9"],
  workers.map((row) => [row.worker, kilobytes(row.js), kilobytes(row.wasm), kilobytes(row.js + row.wasm), kilobytes(row.jsGzip + row.wasmGzip)]));
const builds = BUILDS.map(startup);
print(`The builds (start-up: medians of ${RUNS} fresh Node processes)`, ["build", "Wasm (gzip -9)", "glue (gzip -9)", "compile", "instantiate", "import + init()"],
  builds.map((row) => [row.build, `${row.wasm} (${row.wasmGzip})`, row.glue ? `${row.glue} (${row.glueGzip})` : "-",
    `${row.compile.toFixed(2)} ms`, `${row.instantiate.toFixed(2)} ms`, `${row.init.toFixed(2)} ms`]));
console.log(`\nwrote ${await writeArtifact("size.json", { date: new Date().toISOString(), bundles, workers, builds })}`);
