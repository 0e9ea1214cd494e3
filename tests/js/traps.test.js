// The instance survives any trap (issue 11, item 10). A trap once left the Wasm instance unusable
// for good (a stack overflow left its stack pointer unrestored: every later call failed). Now the
// Core replaces a trapped instance with a fresh one, and everything made before keeps working.
//
// On every build: keys, a key set, a generated pair, remembered options and a primed cache are made
// first; then, for every ABI function the API uses, a fault is armed at its next call (an injected
// throw, and for the busiest functions real traps: a wild pointer, a stack overflow), a scenario
// touching every function runs (the call that faults fails with ERR_WASM_TRAP), and the same
// scenario run again must answer exactly as it did before any fault — cache hits included.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { sign as nodeSign } from "node:crypto";

import { builds } from "../support/builds.js";
import { instrumented, faults } from "../support/instrumented.js";
import { nodeKeyPair, jwkOf, pemOf } from "../support/keys.js";
import { createApi } from "../../js/api.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";

const NOW = 1_800_000_000;
const at = new Date(NOW * 1000);
const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const secret = new Uint8Array(32).fill(5);
const otherSecret = new Uint8Array(48).fill(6);

// Every ABI function the API calls; each gets a fault (context_new and result_new only make a
// replacement, and get theirs in the test of a replacement that fails).
const API_FUNCTIONS = [
  "edgejwt_status_name", "edgejwt_status_message", "edgejwt_alloc", "edgejwt_free",
  "edgejwt_key_import", "edgejwt_key_import_jwks", "edgejwt_key_generate", "edgejwt_key_public", "edgejwt_key_export",
  "edgejwt_key_thumbprint", "edgejwt_key_describe", "edgejwt_key_release", "edgejwt_policy_create",
  "edgejwt_policy_release", "edgejwt_sign", "edgejwt_compact_sign", "edgejwt_verify", "edgejwt_compact_verify",
  "edgejwt_verify_on_host", "edgejwt_decode", "edgejwt_decode_header",
];
const REAL_TRAPS = ["edgejwt_verify", "edgejwt_verify_on_host", "edgejwt_key_import", "edgejwt_policy_create"];

// Made before any fault; `api` is an instrumented build's.
function fixtures(api) {
  const es = nodeKeyPair("ES256");
  const rs = nodeKeyPair("RS256");
  const ed = nodeKeyPair("EdDSA");
  const f = {
    hsKey: api.importJWK({ kty: "oct", k: Buffer.from(secret).toString("base64url") }),
    esPublic: api.importJWK(jwkOf(es.publicKey)),
    esPrivate: api.importPEM(pemOf(es.privateKey, "pkcs8")),
    rsPublic: api.importSPKI(rs.publicKey.export({ format: "der", type: "spki" })),
    edPublic: api.importJWK(jwkOf(ed.publicKey), "EdDSA"),
    generated: api.generateKeyPair("ES384"),
    generatedSecret: api.generateSecret("HS384"),
    set: api.createLocalJWKSet({ keys: [{ ...jwkOf(es.publicKey), kid: "es" }, { ...jwkOf(rs.publicKey), kid: "rs", alg: "RS256" }] }),
    options: { algorithms: ["HS256"], issuer: "https://idp.example", currentDate: at },
    cache: new VerifiedTokenCache(),
    hs: api.sign({ sub: "u1", iss: "https://idp.example", exp: NOW + 600 }, secret, { alg: "HS256", iat: NOW }),
    es: api.sign({ sub: "u2", exp: NOW + 600 }, api.importJWK(jwkOf(es.privateKey)), { alg: "ES256", kid: "es", iat: NOW }),
    rs: signWithNode("RS256", rs.privateKey, { sub: "u3", exp: NOW + 600 }, "rs"),
    ed: signWithNode("EdDSA", ed.privateKey, { sub: "u4" }),
  };
  f.cached = api.verify(f.hs, f.hsKey, { cache: f.cache, currentDate: at });
  f.generatedSecretJwk = JSON.stringify(api.exportJWK(f.generatedSecret));
  f.generatedPrivateJwk = JSON.stringify(api.exportJWK(f.generated.privateKey));
  f.set.keyAt(1); // a set's matched key, made before the fault too
  f.big = `${b64({ alg: "HS256" })}.${"A".repeat(300_000)}.`;
  return f;
}

function signWithNode(alg, privateKey, claims, kid) {
  const input = `${b64({ alg, ...(kid ? { kid } : {}) })}.${b64(claims)}`;
  const signature = nodeSign(alg === "EdDSA" ? null : "sha256", Buffer.from(input), privateKey);
  return `${input}.${signature.toString("base64url")}`;
}

// Runs every operation, each answer (or error code) recorded; what differs per API instance
// (generated key material) is reduced to whether it works.
function scenario(api, f) {
  const record = [];
  const step = (name, operation) => {
    try {
      record.push([name, operation()]);
    } catch (error) {
      record.push([name, { error: error.code ?? error.name }]);
    }
  };
  const outcome = ({ payload, protectedHeader, key }) => ({ payload, protectedHeader, key: key && api.exportJWK(key) });
  step("status name of a new status", () => api.verify(`${f.hs}x`, f.hsKey, { currentDate: at }));
  step("hs with Key and options", () => outcome(api.verify(f.hs, f.hsKey, f.options)));
  step("hs with raw secret", () => outcome(api.verify(f.hs, secret, { currentDate: at })));
  step("hs cache hit is the first result", () => api.verify(f.hs, f.hsKey, { cache: f.cache, currentDate: at }) === f.cached);
  step("hs with a wrong raw secret", () => api.verify(f.hs, otherSecret, { currentDate: at }));
  step("es on the host", () => outcome(api.verify(f.es, f.esPublic, { currentDate: at })));
  step("es in wasm", () => outcome(api.verify(f.es, f.esPublic, { currentDate: at, hostCrypto: false })));
  step("rs from the set", () => outcome(api.verify(f.rs, f.set, { currentDate: at })));
  step("rs with SPKI DER key", () => outcome(api.verify(f.rs, f.rsPublic, { currentDate: at, hostCrypto: false })));
  step("ed", () => outcome(api.verify(f.ed, f.edPublic)));
  step("generated pair", () => outcome(api.verify(api.sign({ n: 1 }, f.generated.privateKey, { alg: "ES384", iat: NOW }),
    f.generated.publicKey, { currentDate: at })));
  step("generated secret", () => outcome(api.verify(api.sign({ n: 2 }, f.generatedSecret, { alg: "HS384", iat: NOW }),
    f.generatedSecret, { currentDate: at })));
  step("generated keys keep their material and binding", () => [
    JSON.stringify(api.exportJWK(f.generatedSecret)) === f.generatedSecretJwk,
    JSON.stringify(api.exportJWK(f.generated.privateKey)) === f.generatedPrivateJwk,
    (() => { try { return api.sign({}, f.generatedSecret, { alg: "HS256" }); } catch (error) { return error.code; } })(),
  ]);
  step("compact", () => [...api.compactVerify(api.compactSign(new Uint8Array([1, 2, 3]), f.esPrivate, { alg: "ES256" }),
    f.esPublic).payload, ...api.compactVerify(api.compactSign(new Uint8Array([4]), f.hsKey, { alg: "HS256" }), secret).payload]);
  step("decode", () => api.decode(f.hs));
  step("decode header", () => api.decodeProtectedHeader(f.es));
  step("oversized input", () => api.decode(f.big, { maxTokenLength: 400_000, maxPayloadSize: 400_000 }));
  step("export", () => [api.exportJWK(f.esPublic), api.exportSPKI(f.rsPublic), api.exportJWK(f.set.keyAt(1))]);
  step("thumbprint", () => api.calculateJwkThumbprint(f.esPublic));
  step("import and free", () => {
    const key = api.importJWK(api.exportJWK(f.esPublic));
    key.free();
    return key.type;
  });
  step("new pair", () => {
    const { publicKey, privateKey } = api.generateKeyPair("EdDSA");
    return api.verify(api.sign({ n: 3 }, privateKey, { alg: "EdDSA", iat: NOW }), publicKey).payload;
  });
  step("new set", () => api.createLocalJWKSet({ keys: [api.exportJWK(f.esPublic)] }).size);
  step("policy churn", () => {
    let last;
    for (let i = 0; i < 70; i++) last = api.verify(f.hs, f.hsKey, { currentDate: at, clockTolerance: i }).payload;
    return last;
  });
  return record;
}

// A fresh API on an instrumented engine, with its fixtures.
async function instance(build) {
  const { load, probe } = instrumented(build);
  const api = createApi(load);
  await api.init(build.options);
  return { api, probe, f: fixtures(api) };
}

for (const build of builds) {
  describe(`the instance survives traps on ${build.name}`, () => {
    let api;
    let probe;
    let f;
    let baseline;
    before(async () => {
      ({ api, probe, f } = await instance(build));
      baseline = scenario(api, f);
      assert.deepEqual(scenario(api, f), baseline, "the scenario answers the same twice");
    });

    it("the scenario calls every ABI function the API uses", async () => {
      const fresh = await instance(build);
      const start = new Map(fresh.probe.calls);
      assert.deepEqual(scenario(fresh.api, fresh.f), baseline, "answers do not depend on the instance");
      const called = API_FUNCTIONS.filter((name) => (fresh.probe.calls.get(name) ?? 0) > (start.get(name) ?? 0));
      assert.deepEqual(called, API_FUNCTIONS);
    });

    // Faulted, then run again: the run after the fault must answer as the baseline did.
    function faultedRun(target, name, fault) {
      const instances = target.probe.instances;
      target.probe.arm(name, fault);
      const faulted = scenario(target.api, target.f);
      assert.ok(!target.probe.faults.has(name), `${name} was not called`);
      assert.equal(target.probe.instances, instances + 1, "the trapped instance was replaced");
      const failures = faulted.filter(([, answer]) => answer?.error === "ERR_WASM_TRAP");
      assert.ok(failures.length <= 1, `more than one call failed: ${JSON.stringify(failures)}`);
      assert.deepEqual(scenario(target.api, target.f), baseline);
    }

    const cases = [
      ...API_FUNCTIONS.map((name) => [name, "injected", faults.injected]),
      ...REAL_TRAPS.flatMap((name) => [[name, "wild pointer", faults.wildPointer], [name, "stack overflow", faults.stackOverflow]]),
    ];
    for (const [name, kind, fault] of cases) {
      it(`${name}: ${kind} — the call fails, the instance is replaced, everything answers as before`, async () => {
        // A status's name is asked once and remembered: a fresh API asks on its first failure.
        const target = name === "edgejwt_status_name" ? await instance(build) : { api, probe, f };
        faultedRun(target, name, fault);
      });
    }
    it("a replacement that fails is made again by the next call", () => {
      const instances = probe.instances;
      probe.arm("edgejwt_verify", (exports, args) => {
        probe.arm("edgejwt_context_new", faults.injected);
        return faults.injected(exports, args);
      });
      assert.throws(() => api.verify(f.hs, f.hsKey, f.options), { code: "ERR_WASM_TRAP" });
      assert.equal(probe.instances, instances + 1, "the replacement's context_new failed");
      assert.deepEqual(scenario(api, f), baseline);
      assert.equal(probe.instances, instances + 2);
      probe.arm("edgejwt_verify", (exports, args) => {
        probe.arm("edgejwt_result_new", faults.injected);
        return faults.injected(exports, args);
      });
      assert.throws(() => api.verify(f.hs, f.hsKey, f.options), { code: "ERR_WASM_TRAP" });
      assert.deepEqual(scenario(api, f), baseline);
    });

    it("a replacement that fails again when the next call makes it is a WasmTrap, and the call after works", () => {
      probe.arm("edgejwt_verify", (exports, args) => {
        probe.arm("edgejwt_context_new", faults.injected);
        return faults.injected(exports, args);
      });
      assert.throws(() => api.verify(f.hs, f.hsKey, f.options), { code: "ERR_WASM_TRAP" });
      probe.arm("edgejwt_context_new", faults.injected);
      assert.throws(() => api.verify(f.hs, f.hsKey, f.options), (error) =>
        error.code === "ERR_WASM_TRAP" && error.cause instanceof WebAssembly.RuntimeError); // was the engine's own error
      assert.deepEqual(scenario(api, f), baseline);
    });

    // Each overflow inside the instance leaves its stack pointer where the overflow found it; on
    // main the instance broke for good after 35 to 138 of these (every call then trapped).
    it("200 real stack overflows in a row never break it", () => {
      for (let i = 0; i < 200; i++) {
        probe.arm("edgejwt_verify", faults.stackOverflow);
        assert.throws(() => api.verify(f.hs, secret, { currentDate: at }), (error) => error instanceof RangeError ||
          error.cause instanceof RangeError); // main's was the RangeError itself, this branch's a WasmTrap
        assert.equal(api.verify(f.hs, secret, { currentDate: at }).payload.sub, "u1", `broken after ${i + 1} overflows`);
      }
      assert.deepEqual(scenario(api, f), baseline);
    });

    it("a trap is a JOSEError with the original as its cause", () => {
      probe.arm("edgejwt_verify", faults.wildPointer);
      assert.throws(() => api.verify(f.hs, f.hsKey, f.options), (error) => {
        assert.equal(error.code, "ERR_WASM_TRAP");
        assert.equal(error.name, "WasmTrap");
        assert.ok(error.cause instanceof WebAssembly.RuntimeError, String(error.cause));
        return true;
      });
      assert.deepEqual(api.verify(f.hs, f.hsKey, f.options).payload, baseline[1][1].payload);
    });
  });
}
