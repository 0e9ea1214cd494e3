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
import { wasiEntry, madeEntries } from "../../scripts/entries.js";
import * as jose from "jose";
import * as emscriptenJose from "../../js/jose.js";
import * as wasiJose from "../../js/wasi-jose.js";

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

  // Issue 14, item 4: the jose entries, made from js/jose.js as js/wasi.js is from js/index.js.
  it("the jose entries are js/jose.js on each engine and host, as scripts/entries.js makes them", () => {
    for (const [name, text] of Object.entries(madeEntries())) assert.equal(read(`js/${name}`), text, name);
    assert.match(read("js/jose-workerd.js"), /import wasm from "\.\.\/dist\/emscripten\/edgejwt\.wasm";[^]*await runtime\.init\(\{ wasm \}\);/);
    assert.match(read("js/wasi-jose-workerd.js"), /engines\/wasi\.js";\nimport wasm from "\.\.\/dist\/wasi\/edgejwt\.wasm";/);
    assert.throws(() => madeEntries((name) => read(`js/${name}`).replace("await runtime.init();", "")), /init/);
  });

  it("edgejwt/jose exports jose's names, ready on import, on the runtime it shares with its build's edgejwt", async () => {
    const names = ["SignJWT", "jwtVerify", "decodeJwt", "decodeProtectedHeader", "CompactSign", "compactVerify", "importJWK",
      "importSPKI", "importPKCS8", "importX509", "exportJWK", "exportSPKI", "exportPKCS8", "createLocalJWKSet",
      "createRemoteJWKSet", "calculateJwkThumbprint", "generateKeyPair", "generateSecret", "errors"];
    for (const [entry, joseEntry] of [[emscripten, emscriptenJose], [wasi, wasiJose]]) {
      assert.deepEqual(Object.keys(joseEntry).sort(), [...names].sort());
      for (const name of names) assert.equal(typeof joseEntry[name], typeof jose[name], name);
      // No init(): a synchronous decoder works at once.
      const token = await new joseEntry.SignJWT({ sub: "entry" }).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(32).fill(8));
      assert.equal(joseEntry.decodeJwt(token).sub, "entry");
      // A key of the build's edgejwt works with its edgejwt/jose, and the other way round.
      await entry.init();
      const key = entry.importJWK({ kty: "oct", k: Buffer.alloc(32, 8).toString("base64url") });
      assert.equal((await joseEntry.jwtVerify(token, key)).payload.sub, "entry");
      const secret = await joseEntry.generateSecret("HS256");
      assert.equal(entry.verify(entry.sign({ sub: "back" }, secret, { alg: "HS256" }), secret).payload.sub, "back");
    }
    await assert.rejects(wasiJose.jwtVerify(await new emscriptenJose.SignJWT({}).setProtectedHeader({ alg: "HS256" })
      .sign(new Uint8Array(32).fill(8)), await emscriptenJose.generateSecret("HS256")), { message: /another edgejwt instance/ });
  });
});
