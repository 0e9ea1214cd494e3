// Verify options, sign options and the token-pair helper, on every build.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";

const secret = new Uint8Array(32).fill(3);
const code = (expected) => (error) => {
  assert.equal(error.status ?? error.code, expected, `expected ${expected}, got ${error.status ?? error.code}: ${error.message}`);
  return true;
};
const claimError = (claim, reason) => (error) => {
  assert.equal(error.code, "ERR_JWT_CLAIM_VALIDATION_FAILED", error.message);
  assert.deepEqual([error.claim, error.reason], [claim, reason]);
  return true;
};

for (const build of builds) {
  describe(`claims and options on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("issuer (string or list), audience (string or list), subject", () => {
      const token = api.sign({ sub: "u1" }, secret, { alg: "HS256", issuer: "https://a.example", audience: ["api", "web"] });
      assert.ok(api.verify(token, secret, { issuer: "https://a.example", audience: "api", subject: "u1" }));
      assert.ok(api.verify(token, secret, { issuer: ["https://b.example", "https://a.example"], audience: ["x", "web"] }));
      assert.throws(() => api.verify(token, secret, { issuer: "https://b.example" }), claimError("iss", "check_failed"));
      assert.throws(() => api.verify(token, secret, { audience: "other" }), claimError("aud", "check_failed"));
      assert.throws(() => api.verify(token, secret, { subject: "u2" }), claimError("sub", "check_failed"));
      const bare = api.sign({}, secret, { alg: "HS256" });
      assert.throws(() => api.verify(bare, secret, { issuer: "https://a.example" }), claimError("iss", "missing"));
      assert.throws(() => api.verify(bare, secret, { audience: "api" }), claimError("aud", "missing"));
      assert.throws(() => api.verify(bare, secret, { subject: "u1" }), claimError("sub", "missing"));
    });

    it("maxTokenAge needs iat and bounds the token's age", () => {
      const now = Math.floor(Date.now() / 1000);
      const token = api.sign({}, secret, { alg: "HS256", iat: now - 600 });
      assert.ok(api.verify(token, secret, { maxTokenAge: "15m" }));
      assert.throws(() => api.verify(token, secret, { maxTokenAge: "5m" }), (error) =>
        error.code === "ERR_JWT_EXPIRED" && error.claim === "iat");
      assert.ok(api.verify(token, secret, { maxTokenAge: "5m", clockTolerance: 301 }));
      const noIat = api.sign({}, secret, { alg: "HS256", iat: false });
      assert.throws(() => api.verify(noIat, secret, { maxTokenAge: 60 }), claimError("iat", "missing"));
    });

    it("requiredClaims must be present; a failed claim carries the genuine payload", () => {
      const token = api.sign({ sub: "u1" }, secret, { alg: "HS256" });
      assert.ok(api.verify(token, secret, { requiredClaims: ["sub", "iat"] }));
      assert.throws(() => api.verify(token, secret, { requiredClaims: ["sub", "org"] }), (error) => {
        claimError("org", "missing")(error);
        assert.equal(error.payload.sub, "u1");
        return true;
      });
    });

    it("typ: case-insensitive, application/ prefix optional, required when asked for", () => {
      assert.ok(api.verify(api.sign({}, secret, { alg: "HS256", typ: "at+jwt" }), secret, { typ: "application/at+JWT" }));
      assert.throws(() => api.verify(api.sign({}, secret, { alg: "HS256", typ: "JWT" }), secret, { typ: "at+jwt" }),
        claimError("typ", "check_failed"));
      const untyped = api.compactSign(new TextEncoder().encode("{}"), secret, { alg: "HS256" });
      assert.throws(() => api.verify(untyped, secret, { typ: "JWT" }), claimError("typ", "missing"));
    });

    it("each limit has its own code", () => {
      const token = api.sign({ list: Array.from({ length: 20 }, (_, i) => i), deep: [[[1]]] }, secret, { alg: "HS256", kid: "k".repeat(40) });
      assert.throws(() => api.verify(token, secret, { maxTokenLength: 100 }), code("ERR_TOKEN_TOO_LARGE"));
      assert.throws(() => api.verify(token, secret, { maxHeaderSize: 20 }), code("ERR_HEADER_TOO_LARGE"));
      assert.throws(() => api.verify(token, secret, { maxPayloadSize: 20 }), code("ERR_PAYLOAD_TOO_LARGE"));
      assert.throws(() => api.verify(token, secret, { maxJsonDepth: 3 }), code("ERR_JSON_TOO_DEEP"));
      assert.throws(() => api.verify(token, secret, { maxJsonEntries: 10 }), code("ERR_JSON_TOO_MANY_MEMBERS"));
      assert.throws(() => api.verify(token, secret, { maxKidLength: 10 }), code("ERR_JWS_HEADER_INVALID"));
      assert.ok(api.verify(token, secret, { maxTokenLength: 4096, maxJsonDepth: 4, maxJsonEntries: 20, maxKidLength: 40 }));
    });

    it("sign: iat by default, expiresIn and notBefore as spans, iss/sub/aud/jti from options", () => {
      const before = Math.floor(Date.now() / 1000);
      const { payload } = api.decode(api.sign({ role: "x" }, secret, {
        alg: "HS256", expiresIn: "2h", notBefore: "30s", issuer: "https://i", subject: "s", audience: "a", jwtId: "j1",
      }));
      assert.ok(payload.iat >= before && payload.iat <= before + 2);
      assert.equal(payload.exp, payload.iat + 7200);
      assert.equal(payload.nbf, payload.iat + 30);
      assert.deepEqual([payload.iss, payload.sub, payload.aud, payload.jti, payload.role], ["https://i", "s", "a", "j1", "x"]);
      assert.equal(api.decode(api.sign({}, secret, { alg: "HS256", iat: new Date(1_000_000_000) })).payload.iat, 1_000_000);
      assert.equal(api.decode(api.sign({}, secret, { alg: "HS256", iat: false })).payload.iat, undefined);
      assert.equal(api.decode(api.sign({}, secret, { alg: "HS256", iat: 100, expiresIn: "7d" })).payload.exp, 100 + 7 * 86400);
      for (const bad of [{ expiresIn: "soon" }, { expiresIn: -5 }, { audience: 5 }, { issuer: {} }, { iat: "now" }]) {
        assert.throws(() => api.sign({}, secret, { alg: "HS256", ...bad }), code("ERR_INVALID_ARGUMENT"), JSON.stringify(bad));
      }
    });

    it("generateTokenPair: a short access token and a long refresh token, distinct typ and fresh jti", () => {
      const pair = api.generateTokenPair({ sub: "u1", scope: "read" }, secret, { alg: "HS256", issuer: "https://i", audience: "api" });
      const access = api.verify(pair.accessToken, secret, { typ: "at+jwt", issuer: "https://i", audience: "api" });
      const refresh = api.verify(pair.refreshToken, secret, { typ: "refresh+jwt", issuer: "https://i", subject: "u1" });
      assert.equal(access.payload.exp - access.payload.iat, 15 * 60);
      assert.equal(refresh.payload.exp - refresh.payload.iat, 30 * 86400);
      assert.equal(access.payload.scope, "read");
      assert.equal(refresh.payload.scope, undefined);
      assert.equal(access.payload.jti, pair.accessTokenId);
      assert.equal(refresh.payload.jti, pair.refreshTokenId);
      assert.notEqual(pair.accessTokenId, pair.refreshTokenId);
      assert.notEqual(api.generateTokenPair({ sub: "u1" }, secret, { alg: "HS256" }).refreshTokenId, pair.refreshTokenId);
      assert.throws(() => api.verify(pair.refreshToken, secret, { typ: "at+jwt" }), claimError("typ", "check_failed"));
    });

    it("decodeProtectedHeader reads the header of any JWS without verifying", () => {
      const token = api.compactSign(new Uint8Array([1, 2, 3]), secret, { alg: "HS256", kid: "k9" });
      assert.deepEqual(api.decodeProtectedHeader(token), { alg: "HS256", kid: "k9" });
      assert.deepEqual(api.decodeProtectedHeader("eyJhbGciOiJub25lIn0.e30."), { alg: "none" });
      assert.throws(() => api.decodeProtectedHeader("nope"), code("ERR_JWS_INVALID"));
      assert.throws(() => api.decodeProtectedHeader(`${Buffer.from("[]").toString("base64url")}.x.y`), code("ERR_JSON_NOT_OBJECT"));
    });

    it("rejects malformed verify options", () => {
      const token = api.sign({}, secret, { alg: "HS256" });
      for (const options of [{ issuer: 5 }, { issuer: "" }, { audience: [""] }, { subject: 1 }, { typ: [] },
        { requiredClaims: "sub" }, { crit: [1] }, { maxTokenAge: "forever" }, { maxKidLength: 0 }]) {
        assert.throws(() => api.verify(token, secret, options), code("ERR_INVALID_ARGUMENT"), JSON.stringify(options));
      }
    });
  });
}
