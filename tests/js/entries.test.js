// The entries (issue 13, item 2): the export list is written once, in js/index.js; js/wasi.js is
// that file on the WASI engine, made by scripts/entries.js. Each entry binds every function it
// exports to a runtime of its own, so the two builds never share an instance, and a bundler keeps
// only the operations a program imports (tests/consumers checks the bundles' module graphs).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import * as emscripten from "../../js/index.js";
import * as wasi from "../../js/wasi.js";
import { operationOf } from "../../js/runtime.js";
import { wasiEntry } from "../../scripts/entries.js";

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const functionsOf = (entry) => Object.entries(entry).filter(([name, value]) => typeof value === "function" && /^[a-z]/.test(name));

describe("the entries", () => {
  it("js/wasi.js is js/index.js on the WASI engine, as scripts/entries.js makes it", () => {
    assert.equal(read("js/wasi.js"), wasiEntry(read("js/index.js")));
    const script = fileURLToPath(new URL("../../scripts/entries.js", import.meta.url));
    assert.equal(spawnSync(process.execPath, [script, "--check"]).status, 0);
    assert.throws(() => wasiEntry(read("js/index.js").replace("engines/emscripten.js", "engines/other.js")), /engine/);
  });

  it("both export the same names, each function an operation bound to the entry's runtime", () => {
    assert.deepEqual(Object.keys(wasi).sort(), Object.keys(emscripten).sort());
    for (const entry of [emscripten, wasi]) {
      // endSession revokes in a session store and touches no Wasm: it is the one function of no runtime.
      const unbound = functionsOf(entry).filter(([, value]) => !operationOf(value)).map(([name]) => name);
      assert.deepEqual(unbound, ["endSession"]);
    }
    assert.equal(operationOf(emscripten.verify), operationOf(wasi.verify));
    assert.notEqual(emscripten.verify, wasi.verify);
  });

  it("each runs its own build, and a key of one is refused by the other", async () => {
    await Promise.all([emscripten.init(), wasi.init()]);
    const key = emscripten.importJWK({ kty: "oct", k: Buffer.alloc(32, 3).toString("base64url") });
    const token = emscripten.sign({ sub: "entries" }, key, { alg: "HS256" });
    assert.throws(() => wasi.verify(token, key), { code: "ERR_INVALID_ARGUMENT", message: /another edgejwt instance/ });
    assert.equal(wasi.verify(token, new Uint8Array(32).fill(3)).payload.sub, "entries");
    assert.notEqual(emscripten.memoryUsage().wasmMemoryBytes, 0);
  });

  it("the type declarations name every export", () => {
    const declared = ["js/index.d.ts", "js/sessions/sessions.d.ts", "js/revocation.d.ts", "js/jwks/remote.d.ts"].map(read).join("\n");
    for (const name of Object.keys(emscripten)) {
      assert.match(declared, new RegExp(`\\b(function|class|const) ${name}\\b|export \\{[^}]*\\b${name}\\b`), name);
    }
  });
});
