// The public API, run once per build: round trips, option handling, and one test per bad input,
// each expecting its own stable code. Attacks (alg none, base64url, oversize and deep input,
// duplicates, the clock's tolerance, …) have their home in attacks.test.js.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { createApi } from "../../js/api.js";

const enc = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const secret32 = new Uint8Array(32).fill(7);
const secret64 = new Uint8Array(64).fill(9);

// Asserts that `fn` throws an error with `code` (and, when given, of class `name`).
function throwsCode(fn, code, name) {
  assert.throws(fn, (error) => {
    assert.equal(error.status ?? error.code, code, `expected ${code}, got ${error.status ?? error.code}: ${error.message}`);
    if (name) assert.equal(error.name, name);
    return true;
  });
}

for (const build of builds) {
  describe(`API on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("signs, verifies and decodes HS256/384/512", () => {
      for (const alg of ["HS256", "HS384", "HS512"]) {
        const token = api.sign({ sub: "u1", n: 1 }, secret64, { alg, iat: false });
        const { payload, protectedHeader } = api.verify(token, secret64, { algorithms: [alg] });
        assert.deepEqual(payload, { sub: "u1", n: 1 });
        assert.deepEqual(protectedHeader, { alg, typ: "JWT" });
        assert.deepEqual(api.decode(token), { header: { alg, typ: "JWT" }, payload: { sub: "u1", n: 1 }, verified: false });
      }
    });

    it("carries kid, typ and extra header members into the protected header", () => {
      const token = api.sign({}, secret32, { alg: "HS256", kid: "k1", typ: "at+jwt", header: { x5t: "abc" } });
      assert.deepEqual(api.verify(token, secret32).protectedHeader, { x5t: "abc", alg: "HS256", typ: "at+jwt", kid: "k1" });
    });

    it("keeps non-ASCII claims intact", () => {
      const claims = { name: "Zoë 🚀 Ωμέγα", nested: { list: [1, "二", null, true] }, iat: 1700000000 };
      const token = api.sign(claims, secret32, { alg: "HS256" });
      assert.deepEqual(api.verify(token, secret32).payload, claims);
    });

    it("derives the allowed algorithms from the key when none are given", () => {
      const hs512 = api.sign({}, secret64, { alg: "HS512" });
      assert.equal(api.verify(hs512, secret64).protectedHeader.alg, "HS512");
      // A 32-byte secret is only usable with HS256: for HS512 it is too short (jose's TypeError).
      const sameSecretHs512 = api.sign({}, new Uint8Array(64).fill(7), { alg: "HS512" });
      throwsCode(() => api.verify(sameSecretHs512, secret32), "ERR_KEY_TOO_SHORT", "KeyInvalid");
    });

    it("rejects an algorithm outside the allowlist", () => {
      const token = api.sign({}, secret64, { alg: "HS384" });
      throwsCode(() => api.verify(token, secret64, { algorithms: ["HS256", "HS512"] }), "ERR_JOSE_ALG_NOT_ALLOWED");
    });

    it("rejects a wrong part count", () => {
      for (const token of ["", "abc", "a.b", "a.b.c.d"]) throwsCode(() => api.verify(token, secret32), "ERR_JWS_INVALID", "JWSInvalid");
    });

    it("rejects non-object JSON and invalid JSON", () => {
      throwsCode(() => api.verify(`${enc("[1]")}.${enc({})}.AAAA`, secret32), "ERR_JSON_NOT_OBJECT", "JWSInvalid");
      throwsCode(() => api.verify(`${enc('{"alg":')}.${enc({})}.AAAA`, secret32), "ERR_JSON_INVALID");
      throwsCode(() => api.decode(`${enc({ alg: "HS256" })}.${enc("[]")}.`), "ERR_JSON_NOT_OBJECT", "JWTInvalid");
      throwsCode(() => api.decode(`${enc({ alg: "HS256" })}.${enc('"claims"')}.`), "ERR_JSON_NOT_OBJECT", "JWTInvalid");
    });

    it("rejects short keys", () => {
      throwsCode(() => api.sign({}, new Uint8Array(31), { alg: "HS256" }), "ERR_KEY_TOO_SHORT", "KeyInvalid");
      throwsCode(() => api.sign({}, secret32, { alg: "HS384" }), "ERR_KEY_TOO_SHORT");
      const hs512 = api.sign({}, secret64, { alg: "HS512" });
      throwsCode(() => api.verify(hs512, secret32, { algorithms: ["HS512"] }), "ERR_KEY_TOO_SHORT");
    });

    it("refuses string secrets", () => {
      throwsCode(() => api.sign({}, "a string secret that is long enough!!", { alg: "HS256" }), "ERR_INVALID_ARGUMENT");
      throwsCode(() => api.verify("a.b.c", "secret"), "ERR_INVALID_ARGUMENT");
    });

    it("rejects a tampered payload or signature, and a wrong secret", () => {
      const token = api.sign({ sub: "alice", admin: false }, secret32, { alg: "HS256" });
      const [h, , s] = token.split(".");
      throwsCode(() => api.verify(`${h}.${enc({ sub: "alice", admin: true })}.${s}`, secret32),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "JWSSignatureVerificationFailed");
      const flipped = s[0] === "A" ? `B${s.slice(1)}` : `A${s.slice(1)}`;
      throwsCode(() => api.verify(`${h}.${token.split(".")[1]}.${flipped}`, secret32), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      throwsCode(() => api.verify(token, new Uint8Array(32).fill(8)), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      throwsCode(() => api.verify(`${h}.${token.split(".")[1]}.${s.slice(0, -3)}`, secret32), "ERR_JWS_SIGNATURE_LENGTH");
    });

    it("reports a forged expired token as a bad signature, not as expired", () => {
      const forged = api.sign({ exp: 1 }, new Uint8Array(32).fill(1), { alg: "HS256" });
      throwsCode(() => api.verify(forged, secret32), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    });

    it("rejects invalid options", () => {
      const token = api.sign({}, secret32, { alg: "HS256" });
      throwsCode(() => api.verify(token, secret32, { algorithms: "HS256" }), "ERR_INVALID_ARGUMENT");
      throwsCode(() => api.verify(token, secret32, { maxTokenLength: -1 }), "ERR_INVALID_ARGUMENT");
      throwsCode(() => api.verify(token, secret32, { currentDate: 5 }), "ERR_INVALID_ARGUMENT");
      throwsCode(() => api.sign("not claims", secret32, { alg: "HS256" }), "ERR_JWT_INVALID");
      throwsCode(() => api.sign({}, secret32), "ERR_INVALID_ARGUMENT");
      throwsCode(() => api.verify(42, secret32), "ERR_JWS_INVALID");
    });

    it("keeps working across many calls with many distinct options", () => {
      const token = api.sign({ sub: "loop" }, secret32, { alg: "HS256" });
      for (let i = 0; i < 500; i++) {
        assert.equal(api.verify(token, secret32, { clockTolerance: i }).payload.sub, "loop");
      }
    });
  });
}

describe("before init", () => {
  it("says init() must be awaited first", () => {
    const api = createApi(builds[0].load);
    throwsCode(() => api.verify("a.b.c", secret32), "ERR_NOT_INITIALIZED");
  });
});
