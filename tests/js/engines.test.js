// The engines (js/engines/): where the Wasm comes from, which WASI host runs it, and renew(), the
// synchronous fresh instance of the same compiled module that the Core replaces a trapped one with.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Core } from "../../js/core.js";
import { KeyFormat } from "../../js/abi.js";
import { loadEmscriptenEngine } from "../../js/engines/emscripten.js";
import { loadWasiEngine } from "../../js/engines/wasi.js";
import { loadEmscriptenJweEngine } from "../../js/engines/emscripten-jwe.js";
import { createApi } from "../../js/api.js";
import { builds } from "../support/builds.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// Runs `use` with process.getBuiltinModule answering `name` with `module` (and recording the asks).
async function withBuiltin(name, module, use) {
  const original = process.getBuiltinModule;
  const asked = [];
  process.getBuiltinModule = (id) => {
    asked.push(id);
    return id === name ? module : original.call(process, id);
  };
  try {
    return await use(asked);
  } finally {
    process.getBuiltinModule = original;
  }
}

describe("renew()", () => {
  for (const build of builds) {
    it(`${build.name}: a fresh, working instance of the same module, made synchronously`, async () => {
      const engine = await build.load(build.options);
      const first = new Core(engine);
      const before = first.abi.edgejwt_abi_version();
      const renewed = engine.renew();
      assert.ok(!(renewed instanceof Promise));
      assert.notEqual(renewed.memory, engine.memory);
      const second = new Core(renewed);
      assert.equal(second.abi.edgejwt_abi_version(), before);
      // Both instances work on their own: a context made in each, a key imported in the second.
      assert.ok(second.call("edgejwt_key_import", KeyFormat.secret, new Uint8Array(32).fill(7), "HS256").handle > 0);
      assert.equal(first.abi.edgejwt_abi_version(), before);
    });
  }
});

describe("the WASI host", () => {
  it("is the built-in shim unless node:wasi is asked for: node:wasi is never even loaded", async () => {
    await withBuiltin("node:wasi", undefined, async (asked) => {
      const engine = await loadWasiEngine();
      assert.ok(engine.exports.edgejwt_abi_version() > 0);
      assert.ok(!asked.includes("node:wasi"), `asked: ${asked.join(", ")}`);
    });
  });

  it("importing and initialising edgejwt/wasi in Node prints nothing (no ExperimentalWarning)", () => {
    const script = `import { init, decode } from ${JSON.stringify(`${ROOT}js/wasi.js`)}; await init(); decode("e30.e30.");`;
    const { status, stdout, stderr } = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(stderr, "");
    assert.equal(stdout, "");
    assert.equal(status, 0);
  });

  it("node:wasi when asked for and it runs the module", async () => {
    const engine = await loadWasiEngine({ wasi: "node" });
    assert.ok(engine.exports.edgejwt_abi_version() > 0);
  });

  const unusable = {
    "has no node:wasi": undefined,
    "has a node:wasi stub (workerd)": { WASI: class { constructor() { throw Object.assign(new Error("The WASI method is not implemented"), { code: "ERR_METHOD_NOT_IMPLEMENTED" }); } } },
    "has a node:wasi without getImportObject (Bun)": { WASI: class { initialize() {} } },
  };
  for (const [runtime, module] of Object.entries(unusable)) {
    it(`asked for node:wasi in a runtime that ${runtime}: ERR_JOSE_NOT_SUPPORTED`, async () => {
      await withBuiltin("node:wasi", module, () =>
        assert.rejects(loadWasiEngine({ wasi: "node" }), { code: "ERR_JOSE_NOT_SUPPORTED" }));
    });
  }

  it('refuses another choice than "auto", "node" or "shim"', async () => {
    await assert.rejects(loadWasiEngine({ wasi: "preview2" }), { code: "ERR_INVALID_ARGUMENT" });
  });
});

describe("where the Wasm comes from", () => {
  const wasm = readFileSync(`${ROOT}dist/emscripten/edgejwt.wasm`);

  it("a compiled module, bytes, an ArrayBuffer, a Response, a file: URL, or a promise of one", async () => {
    const sources = [
      await WebAssembly.compile(wasm), wasm, wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      new Response(wasm, { headers: { "content-type": "application/wasm" } }),
      new URL("dist/emscripten/edgejwt.wasm", `file://${ROOT}`), Promise.resolve(wasm),
    ];
    for (const source of sources) {
      const engine = await loadEmscriptenEngine({ wasm: source });
      assert.ok(engine.exports.edgejwt_abi_version() > 0);
    }
  });

  it("a missing file or a failed fetch: ERR_WASM_UNAVAILABLE, saying how to hand the Wasm over", async () => {
    await assert.rejects(loadEmscriptenEngine({ wasm: new URL("file:///nonexistent/edgejwt.wasm") }),
      { code: "ERR_WASM_UNAVAILABLE", message: /init\(\{ wasm \}\)/ });
    await assert.rejects(loadWasiEngine({ wasm: new Response("not found", { status: 404 }) }),
      { code: "ERR_WASM_UNAVAILABLE", message: /HTTP 404/ });
  });

  it("anything else: ERR_INVALID_ARGUMENT", async () => {
    for (const source of [42, {}, true]) {
      await assert.rejects(loadEmscriptenEngine({ wasm: source }), { code: "ERR_INVALID_ARGUMENT" }, String(source));
    }
  });

  it("not Wasm at all: the compile error, and no instance", async () => {
    await assert.rejects(loadWasiEngine({ wasm: new Uint8Array([1, 2, 3]) }), WebAssembly.CompileError);
  });
});

// Issue 18: the Emscripten build links two modules, and each loader reaches its module's functions
// by minified export names of that module alone (`_edgejwt_verify` is one letter in one, another
// function in the other). A loader given the other module's Wasm (init({ wasm }) with the wrong
// file) would call the wrong functions: it is refused before any instance is made.
describe("an Emscripten entry runs only its own module", () => {
  const read = (name) => readFileSync(`${ROOT}dist/emscripten/${name}.wasm`);

  it("the default loader refuses the JWE module's Wasm, the JWE loader the default one's, and any unnamed one", async () => {
    for (const [load, wasm, named] of [[loadEmscriptenEngine, read("edgejwt-jwe"), /"edgejwt-jwe" module.*runs "edgejwt"/],
      [loadEmscriptenJweEngine, read("edgejwt"), /"edgejwt" module.*runs "edgejwt-jwe"/],
      [loadEmscriptenEngine, readFileSync(`${ROOT}dist/wasi/edgejwt.wasm`), /not one of edgejwt's Emscripten modules/]]) {
      await assert.rejects(load({ wasm }), { code: "ERR_WASM_ABI_MISMATCH", message: named });
    }
  });

  it("through the API: init() fails, nothing runs, and init() with the right Wasm then works", async () => {
    const api = createApi(loadEmscriptenEngine);
    await assert.rejects(api.init({ wasm: read("edgejwt-jwe") }), { code: "ERR_WASM_ABI_MISMATCH" });
    assert.throws(() => api.decode("e30.e30."), { code: "ERR_NOT_INITIALIZED" });
    await api.init({ wasm: read("edgejwt") });
    const key = api.generateSecret("HS256");
    assert.equal(api.verify(api.sign({ sub: "own" }, key, { alg: "HS256" }), key).payload.sub, "own");
  });
});

