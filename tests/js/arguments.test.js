// Every argument crossing into Wasm is checked in one place (js/core.js) before any memory is
// touched, and every bad argument to the API is a JOSEError with a stable code (issue 11, items 4
// and 18). Once, importJWK(jwk, 256) made the input buffer's capacity NaN and every later input
// overflowed a 1-byte allocation (WASI: valid tokens failed; Emscripten: every call trapped), and
// BigInt claims, importJWK(undefined) or a Proxy in a JWK Set threw whatever JS threw.
//
// Each hostile call must throw its code, and leave the instance exactly as it was: for what the JS
// refuses, not one byte of Wasm memory changed; for all, a battery of calls answers as before.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, jweBuilds, apiFor, coreFor } from "../support/builds.js";
import { instrumented } from "../support/instrumented.js";
import { nodeKeyPair, jwkOf, pemOf } from "../support/keys.js";
import { JOSEError } from "../../js/errors.js";
import { SIGNATURES } from "../../js/core.js";
import { JWE_SIGNATURES } from "../../js/jwe/abi.js";
import { createApi } from "../../js/api.js";

const secret = new Uint8Array(32).fill(3);
const NOW = new Date(1_800_000_000_000);

const circular = { sub: "u" };
circular.self = circular;

// [what, call(api, f), expected code, { core: the core refuses it }]; `f` holds keys and a token
// made beforehand.
const HOSTILE = [
  // Issue 11, item 4: a non-string alg.
  ["importJWK(jwk, 256)", (api, f) => api.importJWK(f.jwk, 256), "ERR_INVALID_ARGUMENT"],
  ["importJWK(jwk, {})", (api, f) => api.importJWK(f.jwk, {}), "ERR_INVALID_ARGUMENT"],
  ["importPEM(pem, 1)", (api, f) => api.importPEM(f.pem, 1), "ERR_INVALID_ARGUMENT"],
  ["importSPKI(pem, 1n)", (api, f) => api.importSPKI(f.pem, 1n), "ERR_INVALID_ARGUMENT"],
  ["importPKCS8(der, null)", (api, f) => api.importPKCS8(f.der, null), "ERR_INVALID_ARGUMENT"],
  // Issue 11, item 18.
  ["generateKeyPair modulusLength 2^32 + 2048", (api) => api.generateKeyPair("RS256", { modulusLength: 2 ** 32 + 2048 }), "ERR_INVALID_ARGUMENT"],
  ["generateKeyPair modulusLength 2048n", (api) => api.generateKeyPair("RS256", { modulusLength: 2048n }), "ERR_INVALID_ARGUMENT"],
  ["generateKeyPair modulusLength -2048", (api) => api.generateKeyPair("RS256", { modulusLength: -2048 }), "ERR_INVALID_ARGUMENT"],
  ["generateKeyPair modulusLength 2048.5", (api) => api.generateKeyPair("RS256", { modulusLength: 2048.5 }), "ERR_INVALID_ARGUMENT"],
  ["generateKeyPair modulusLength '4096'", (api) => api.generateKeyPair("RS256", { modulusLength: "4096" }), "ERR_INVALID_ARGUMENT"],
  ["generateKeyPair modulusLength 1024", (api) => api.generateKeyPair("RS256", { modulusLength: 1024 }), "ERR_INVALID_ARGUMENT",
    { core: true }],
  ["generateKeyPair(256)", (api) => api.generateKeyPair(256), "ERR_INVALID_ARGUMENT"],
  ["sign BigInt claims", (api, f) => api.sign({ n: 1n }, f.key, { alg: "HS256" }), "ERR_JWT_INVALID"],
  ["sign circular claims", (api, f) => api.sign(circular, f.key, { alg: "HS256" }), "ERR_JWT_INVALID"],
  ["sign BigInt header", (api, f) => api.sign({}, f.key, { alg: "HS256", header: { n: 1n } }), "ERR_INVALID_ARGUMENT"],
  ["importJWK(undefined)", (api) => api.importJWK(undefined), "ERR_INVALID_ARGUMENT"],
  ["importJWK(null)", (api) => api.importJWK(null), "ERR_INVALID_ARGUMENT"],
  ["importJWK(42)", (api) => api.importJWK(42), "ERR_INVALID_ARGUMENT"],
  ["importJWK([])", (api) => api.importJWK([]), "ERR_INVALID_ARGUMENT"],
  ["importJWK BigInt member", (api) => api.importJWK({ kty: "oct", k: 1n }), "ERR_JWK_INVALID"],
  ["importJWK throwing getter", (api) => api.importJWK({ kty: "oct", get k() { throw new Error("getter"); } }), "ERR_JWK_INVALID"],
  ["verify(t, k, null)", (api, f) => api.verify(f.token, f.key, null), "ERR_INVALID_ARGUMENT"],
  ["verify(t, k, 42)", (api, f) => api.verify(f.token, f.key, 42), "ERR_INVALID_ARGUMENT"],
  ["decode(t, 'options')", (api, f) => api.decode(f.token, "options"), "ERR_INVALID_ARGUMENT"],
  ["compactVerify(t, k, false)", (api, f) => api.compactVerify(f.token, f.key, false), "ERR_INVALID_ARGUMENT"],
  ["createLocalJWKSet(function)", (api) => api.createLocalJWKSet(() => ({ keys: [] })), "ERR_JWKS_INVALID"],
  ["createLocalJWKSet function entry", (api) => api.createLocalJWKSet({ keys: [() => {}] }), "ERR_JWKS_INVALID"],
  ["createLocalJWKSet Proxy", (api) => api.createLocalJWKSet(new Proxy({ keys: [] }, {})), "ERR_JWKS_INVALID"],
  ["createLocalJWKSet Proxy keys", (api, f) => api.createLocalJWKSet({ keys: new Proxy([f.publicJwk], {}) }), "ERR_JWKS_INVALID"],
  ["createLocalJWKSet Proxy entry", (api, f) => api.createLocalJWKSet({ keys: [new Proxy(f.publicJwk, {})] }), "ERR_JWKS_INVALID"],
  ["createLocalJWKSet hostile Proxy", (api) => api.createLocalJWKSet(new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } })),
    "ERR_JWKS_INVALID"],
  ["createLocalJWKSet BigInt member", (api) => api.createLocalJWKSet({ keys: [{ kty: "EC", n: 1n }] }), "ERR_JWKS_INVALID"],
  // The other ways in.
  ["verify(123, key)", (api, f) => api.verify(123, f.key), "ERR_JWS_INVALID"],
  ["verify(null, key)", (api, f) => api.verify(null, f.key), "ERR_JWS_INVALID"],
  ["decode({})", (api) => api.decode({}), "ERR_JWT_INVALID"], // jose's decodeJwt: JWTInvalid whatever is wrong,
  ["verify(t, null)", (api, f) => api.verify(f.token, null), "ERR_INVALID_ARGUMENT"],
  ["verify(t, 42)", (api, f) => api.verify(f.token, 42), "ERR_INVALID_ARGUMENT"],
  ["verify(t, 'secret')", (api, f) => api.verify(f.token, "secret"), "ERR_INVALID_ARGUMENT"],
  ["verify(t, {})", (api, f) => api.verify(f.token, {}), "ERR_INVALID_ARGUMENT"],
  ["verify(t, Uint16Array)", (api, f) => api.verify(f.token, new Uint16Array(16)), "ERR_INVALID_ARGUMENT"],
  ["verify with a freed key", (api, f) => api.verify(f.token, f.freed), "ERR_INVALID_ARGUMENT"],
  ["verify with a key of another instance", (api, f) => api.verify(f.token, f.foreign), "ERR_INVALID_ARGUMENT"],
  ["compactSign(string)", (api, f) => api.compactSign("payload", f.key, { alg: "HS256" }), "ERR_INVALID_ARGUMENT"],
  ["sign alg 256", (api, f) => api.sign({}, f.key, { alg: 256 }), "ERR_INVALID_ARGUMENT"],
  ["sign options null", (api, f) => api.sign({}, f.key, null), "ERR_INVALID_ARGUMENT"],
  ["maxTokenLength '10'", (api, f) => api.verify(f.token, f.key, { maxTokenLength: "10" }), "ERR_INVALID_ARGUMENT"],
  ["maxTokenLength 2^32", (api, f) => api.verify(f.token, f.key, { maxTokenLength: 2 ** 32 }), "ERR_INVALID_ARGUMENT"],
  ["maxTokenLength NaN", (api, f) => api.decode(f.token, { maxTokenLength: NaN }), "ERR_INVALID_ARGUMENT"],
  ["maxJsonDepth 65", (api, f) => api.decode(f.token, { maxJsonDepth: 65 }), "ERR_INVALID_ARGUMENT"],
  ["maxJsonDepth 2^32-1", (api, f) => api.decode(f.token, { maxJsonDepth: 2 ** 32 - 1 }), "ERR_INVALID_ARGUMENT"],
  ["issuer 1n", (api, f) => api.verify(f.token, f.key, { issuer: 1n }), "ERR_INVALID_ARGUMENT"],
  ["algorithms 'HS256'", (api, f) => api.verify(f.token, f.key, { algorithms: "HS256" }), "ERR_INVALID_ARGUMENT"],
  ["currentDate 'now'", (api, f) => api.verify(f.token, f.key, { currentDate: "now" }), "ERR_INVALID_ARGUMENT"],
  ["hostCrypto 'yes'", (api, f) => api.verify(f.token, f.key, { hostCrypto: "yes" }), "ERR_INVALID_ARGUMENT"],
  ["cache {}", (api, f) => api.verify(f.token, f.key, { cache: {} }), "ERR_INVALID_ARGUMENT"],
  ["exportJWK(null)", (api) => api.exportJWK(null), "ERR_INVALID_ARGUMENT"],
  ["exportSPKI(123)", (api) => api.exportSPKI(123), "ERR_INVALID_ARGUMENT"],
  ["calculateJwkThumbprint(undefined)", (api) => api.calculateJwkThumbprint(undefined), "ERR_INVALID_ARGUMENT"],
  ["calculateJwkThumbprint md5", (api, f) => api.calculateJwkThumbprint(f.key, "md5"), "ERR_JOSE_NOT_SUPPORTED"],
  ["generateSecret(256)", (api) => api.generateSecret(256), "ERR_JOSE_NOT_SUPPORTED"],
];

for (const build of builds) {
  describe(`bad arguments on ${build.name}`, () => {
    let api;
    let probe;
    let f;
    let reference;
    before(async () => {
      const engine = instrumented(build);
      probe = engine.probe;
      api = createApi(engine.load);
      await api.init(build.options);
      const es = nodeKeyPair("ES256");
      const foreign = await apiFor(builds.find((other) => other !== build));
      f = {
        key: api.importJWK({ kty: "oct", k: Buffer.from(secret).toString("base64url") }),
        jwk: jwkOf(es.publicKey),
        publicJwk: jwkOf(es.publicKey),
        pem: pemOf(es.publicKey, "spki"),
        der: es.privateKey.export({ format: "der", type: "pkcs8" }),
        esPublic: api.importJWK(jwkOf(es.publicKey)),
        esPrivate: api.importJWK(jwkOf(es.privateKey)),
        freed: api.importJWK({ kty: "oct", k: Buffer.from(secret).toString("base64url") }),
        foreign: foreign.importJWK({ kty: "oct", k: Buffer.from(secret).toString("base64url") }),
      };
      f.freed.free();
      f.token = api.sign({ sub: "u", exp: 1_800_000_600 }, f.key, { alg: "HS256", iat: 1_800_000_000 });
      f.esToken = api.sign({ sub: "e" }, f.esPrivate, { alg: "ES256", iat: 1_800_000_000 });
      reference = battery(api, f);
    });

    // What the instance answers for ordinary calls.
    const battery = (api, f) => [
      api.verify(f.token, f.key, { currentDate: NOW }),
      api.verify(f.token, secret, { currentDate: NOW, algorithms: ["HS256"] }),
      api.verify(f.esToken, f.esPublic, { hostCrypto: false, currentDate: NOW }),
      api.decode(f.token),
      api.exportJWK(f.esPublic),
      api.sign({ n: 1 }, f.key, { alg: "HS256", iat: 1 }),
    ];

    for (const [what, call, code, { core = false } = {}] of HOSTILE) {
      it(`${what}: ${code}, the instance as it was`, () => {
        const memory = Buffer.from(new Uint8Array(probe.memory.buffer));
        assert.throws(() => call(api, f), (error) => {
          assert.ok(error instanceof JOSEError, `not a JOSEError: ${error?.constructor?.name}: ${error?.message}`);
          assert.equal(error.code, code, error.message);
          if (code === "ERR_INVALID_ARGUMENT") assert.ok(error instanceof TypeError, "a bad argument is a TypeError too");
          return true;
        });
        // What the JS refuses never reaches the core: no byte of its memory changed.
        if (!core) assert.ok(memory.equals(new Uint8Array(probe.memory.buffer)), "Wasm memory changed");
        assert.deepEqual(battery(api, f), reference);
      });
    }

    it("after every bad argument at once, valid tokens still verify", () => {
      for (const [, call] of HOSTILE) assert.throws(() => call(api, f));
      for (let i = 0; i < 100; i++) assert.deepEqual(battery(api, f), reference);
    });
  });

  argumentChecks(build, SIGNATURES);
}

// The encryption functions on the JWE modules (a default module refuses them before any check).
for (const build of jweBuilds) argumentChecks(build, JWE_SIGNATURES);

// The one place: each ABI function refuses a wrong kind for each parameter before memory is touched
// (`signatures`: the functions `build`'s module exports besides the Core's own).
function argumentChecks(build, signatures) {
  describe(`the ABI's argument checks on ${build.name}`, () => {
    let core;
    before(async () => { core = await coreFor(build); });

    const WRONG = {
      u32: [-1, 2 ** 32, 1.5, NaN, "1", 1n, null, undefined], i32: [2 ** 31, -(2 ** 31) - 1, 0.5, "0", true],
      f64: [NaN, Infinity, "1", 1n, null], bool: [1, 0, "true", null], text: [1, null, undefined, new Uint8Array(1), {}],
      bytes: ["text", [1, 2], new Uint16Array(1), new ArrayBuffer(4), null], data: [1, null, [1], new Int8Array(1)],
    };
    const VALID = { u32: 0, i32: 0, f64: 0, bool: false, text: "", bytes: new Uint8Array(0), data: "" };

    for (const [name, { parameters }] of Object.entries(signatures)) {
      it(`${name}`, () => {
        const memory = Buffer.from(new Uint8Array(core.memory.buffer));
        for (let i = 0; i < parameters.length; i++) {
          for (const wrong of WRONG[parameters[i].kind]) {
            const args = parameters.map(({ kind }) => VALID[kind]);
            args[i] = wrong;
            assert.throws(() => core.call(name, ...args), (error) => error.code === "ERR_INVALID_ARGUMENT" &&
              error.message.includes(parameters[i].name), `${name}: ${parameters[i].name} = ${String(wrong)}`);
          }
        }
        if (parameters.length > 0) assert.throws(() => core.call(name), { code: "ERR_INVALID_ARGUMENT" });
        assert.throws(() => core.call(name, ...parameters.map(({ kind }) => VALID[kind]), 0), { code: "ERR_INVALID_ARGUMENT" });
        assert.ok(memory.equals(new Uint8Array(core.memory.buffer)), "Wasm memory changed");
      });
    }
  });
}
