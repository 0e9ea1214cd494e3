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
import { createGateway as createGatewayForVerifying } from "../../js/gateway/bind.js";
import { createGateway as createGatewayWithDecryption } from "../../js/gateway/bind-jwe.js";
import { wasiEntry, madeEntries } from "../../scripts/entries.js";
import * as jose from "jose";
import * as emscriptenJose from "../../js/jose.js";
import * as wasiJose from "../../js/wasi-jose.js";
import * as emscriptenJwe from "../../js/jwe.js";
import * as wasiJwe from "../../js/wasi-jwe.js";
import { JWE_OPERATIONS, jweEntries } from "../../scripts/entries.js";

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

  // Issue 18: encryption behind its own entry. edgejwt/jwe is js/index.js on the build's JWE module
  // with the encryption operations added; "edgejwt" and "edgejwt/jose" have none of them.
  it("edgejwt/jwe and edgejwt/wasi/jwe: every export of their build's edgejwt and the JWE operations, as scripts/entries.js makes them", () => {
    const made = jweEntries(read("js/index.js"));
    assert.equal(read("js/jwe.js"), made["jwe.js"]);
    assert.equal(read("js/wasi-jwe.js"), made["wasi-jwe.js"]);
    assert.match(read("js/jwe.js"), /from "\.\/engines\/emscripten-jwe\.js";/);
    assert.match(read("js/wasi-jwe.js"), /from "\.\/engines\/wasi-jwe\.js";/);
    assert.match(read("js/jwe-workerd.js"), /import wasm from "\.\.\/dist\/emscripten\/edgejwt-jwe\.wasm";[^]*export \* from "\.\/jwe\.js";/);
    assert.match(read("js/wasi-jwe-workerd.js"), /import wasm from "\.\.\/dist\/wasi\/edgejwt-jwe\.wasm";[^]*export \* from "\.\/wasi-jwe\.js";/);
    const operations = Object.values(JWE_OPERATIONS).flat().map(([name]) => name);
    assert.deepEqual(operations.sort(), ["compactDecrypt", "compactDecryptAsync", "compactEncrypt", "compactEncryptAsync", "decrypt",
      "decryptAndVerify", "decryptAndVerifyAsync", "decryptAsync", "encrypt", "encryptAsync", "signAndEncrypt", "signAndEncryptAsync"]);
    for (const [entry, jweEntry] of [[emscripten, emscriptenJwe], [wasi, wasiJwe]]) {
      assert.deepEqual(Object.keys(jweEntry).sort(), [...Object.keys(entry), ...operations].sort());
      for (const name of operations) assert.ok(!(name in entry), `${name} is exported by the default entry`);
      // The same operations, bound to another runtime (the JWE module's); createGateway's binding
      // decrypts too (gateway/bind-jwe.js), so that the default entry's carries no JWE module.
      for (const [name, value] of functionsOf(entry).filter(([name]) => name !== "endSession")) {
        const expected = name === "createGateway" ? createGatewayWithDecryption : operationOf(value);
        assert.equal(operationOf(jweEntry[name]), expected, name);
        assert.notEqual(jweEntry[name], value, name);
      }
      assert.equal(operationOf(entry.createGateway), createGatewayForVerifying);
    }
    for (const joseEntry of [emscriptenJose, wasiJose]) {
      for (const name of ["CompactEncrypt", "compactDecrypt", "EncryptJWT", "jwtDecrypt"]) assert.ok(!(name in joseEntry), name);
    }
  });

  it("edgejwt/jwe runs its own runtime: a key it imports signs and encrypts, a key of edgejwt is another instance's", async () => {
    await Promise.all([emscripten.init(), emscriptenJwe.init(), wasiJwe.init()]);
    for (const entry of [emscriptenJwe, wasiJwe]) {
      const { publicKey, privateKey } = entry.generateKeyPair("ES256");
      const recipient = entry.generateKeyPair("ECDH-ES+A256KW");
      const nested = entry.signAndEncrypt({ sub: "jwe entry" }, privateKey, recipient.publicKey,
        { alg: "ECDH-ES+A256KW", enc: "A256GCM", signing: { alg: "ES256" } });
      assert.equal(entry.decryptAndVerify(nested, recipient.privateKey, publicKey).payload.sub, "jwe entry");
      assert.equal(entry.verify(entry.sign({ sub: "signed" }, privateKey, { alg: "ES256" }), publicKey).payload.sub, "signed");
    }
    const key = emscripten.importJWK({ kty: "oct", k: Buffer.alloc(32, 4).toString("base64url") });
    assert.throws(() => emscriptenJwe.verify(emscripten.sign({}, key, { alg: "HS256" }), key), { message: /another edgejwt instance/ });
    assert.throws(() => emscripten.generateKeyPair("ECDH-ES+A256KW"), { code: "ERR_JOSE_NOT_SUPPORTED", message: /"edgejwt\/jwe"/ });
  });

  it("the JWE entries' type declarations name every export", () => {
    const declared = ["js/index.d.ts", "js/jwe.d.ts", "js/sessions/sessions.d.ts", "js/revocation.d.ts", "js/jwks/remote.d.ts"].map(read).join("\n");
    for (const name of Object.keys(emscriptenJwe)) {
      assert.match(declared, new RegExp(`\\b(function|class|const) ${name}\\b|export \\{[^}]*\\b${name}\\b`), name);
    }
    const defaultDeclared = read("js/index.d.ts");
    for (const [name] of Object.values(JWE_OPERATIONS).flat()) assert.doesNotMatch(defaultDeclared, new RegExp(`function ${name}\\b`), name);
  });
});
