// The verified-token cache (js/token-cache.js) through verify, on every build.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { VerifiedTokenCache } from "../../js/token-cache.js";

for (const build of builds) {
  describe(`verify with a VerifiedTokenCache on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("skips the signature on a hit but checks the claims again, and never outlives exp", () => {
      const cache = new VerifiedTokenCache({ maxEntries: 2, maxTtl: 300 });
      const key = api.generateSecret("HS256");
      const token = api.sign({ sub: "u" }, key, { alg: "HS256", iat: 1000, expiresIn: 100 });
      const at = (seconds) => ({ cache, currentDate: new Date(seconds * 1000) });
      assert.equal(api.verify(token, key, at(1010)).payload.sub, "u");
      assert.equal(api.verify(token, key, at(1020)).payload.sub, "u");
      assert.deepEqual(cache.stats(), { entries: 1, hits: 1, misses: 1, hitRate: 0.5 });
      assert.throws(() => api.verify(token, key, at(1100)), { code: "ERR_JWT_EXPIRED" });
      assert.equal(cache.stats().entries, 0);
      const audienced = api.sign({ sub: "u", aud: "api" }, key, { alg: "HS256", iat: 1000, expiresIn: 100 });
      api.verify(audienced, key, at(1010));
      assert.throws(() => api.verify(audienced, key, { ...at(1011), audience: "other" }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      const forged = `${audienced.slice(0, -4)}AAAA`;
      assert.throws(() => api.verify(forged, key, at(1012)), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      assert.throws(() => api.verify(forged, key, at(1012)), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" }); // not cached
    });

    it("is bounded, least recently used out first", () => {
      const cache = new VerifiedTokenCache({ maxEntries: 2 });
      const key = api.generateSecret("HS256");
      const tokens = [1, 2, 3].map((n) => api.sign({ n }, key, { alg: "HS256" }));
      for (const t of tokens) api.verify(t, key, { cache });
      assert.equal(cache.stats().entries, 2);
      api.verify(tokens[2], key, { cache });
      api.verify(tokens[0], key, { cache });
      assert.deepEqual([cache.stats().hits, cache.stats().misses], [1, 4]);
    });

    it("answers a hit with the first result, frozen, so no caller can change what another gets", () => {
      const cache = new VerifiedTokenCache();
      const key = api.generateSecret("HS256");
      const token = api.sign({ sub: "u", roles: ["reader"] }, key, { alg: "HS256" });
      const first = api.verify(token, key, { cache });
      const second = api.verify(token, key, { cache });
      assert.equal(second, first);
      assert.ok(Object.isFrozen(first) && Object.isFrozen(first.payload) && Object.isFrozen(first.payload.roles));
      assert.ok(Object.isFrozen(first.protectedHeader));
      assert.throws(() => { first.payload.roles.push("admin"); }, TypeError);
      assert.deepEqual(api.verify(token, key).payload.roles, ["reader"]);
    });

    it("holds a token only while the core would accept it: nbf, exp with clockTolerance, maxTokenAge", () => {
      const cache = new VerifiedTokenCache();
      const key = api.generateSecret("HS256");
      const token = api.sign({ sub: "u" }, key, { alg: "HS256", iat: 1000, notBefore: 10, expiresIn: 100 });
      const at = (seconds, more = {}) => ({ cache, currentDate: new Date(seconds * 1000), ...more });
      assert.throws(() => api.verify(token, key, at(1009)), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      assert.equal(cache.stats().entries, 0); // failures are never kept
      const tolerant = at(1050, { clockTolerance: 5, maxTokenAge: 60 });
      api.verify(token, key, tolerant);
      assert.equal(api.verify(token, key, { ...tolerant, currentDate: new Date(1065_000) }).payload.sub, "u"); // iat + 60 + 5
      assert.throws(() => api.verify(token, key, { ...tolerant, currentDate: new Date(1065_001) }), { code: "ERR_JWT_EXPIRED" });
      api.verify(token, key, at(1050, { clockTolerance: 5 }));
      assert.equal(api.verify(token, key, at(1104.9, { clockTolerance: 5 })).payload.sub, "u");
      assert.throws(() => api.verify(token, key, at(1105, { clockTolerance: 5 })), { code: "ERR_JWT_EXPIRED" });
      assert.throws(() => api.verify(token, key, at(1004, { clockTolerance: 5 })), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    });

    it("keeps entries apart by key and by policy, and never past maxTtl", () => {
      const cache = new VerifiedTokenCache({ maxTtl: 60 });
      const key = api.generateSecret("HS256");
      const other = api.generateSecret("HS256");
      const token = api.sign({ sub: "u", iss: "a" }, key, { alg: "HS256", iat: 1000 });
      const at = (seconds, more = {}) => ({ cache, currentDate: new Date(seconds * 1000), ...more });
      api.verify(token, key, at(1000, { issuer: "a" }));
      assert.throws(() => api.verify(token, other, at(1001, { issuer: "a" })), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      assert.throws(() => api.verify(token, key, at(1001, { issuer: "b" })), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      api.verify(token, key, at(1059, { issuer: "a" }));
      assert.equal(cache.stats().hits, 1);
      api.verify(token, key, at(1061, { issuer: "a" }));
      assert.equal(cache.stats().hits, 1); // past maxTtl: verified again
    });

    it("bounds the bytes its tokens take", () => {
      const key = api.generateSecret("HS256");
      const tokens = [1, 2, 3].map((n) => api.sign({ n, pad: "x".repeat(400) }, key, { alg: "HS256" }));
      const cache = new VerifiedTokenCache({ maxBytes: tokens[0].length * 2 + 40 });
      for (const t of tokens) api.verify(t, key, { cache });
      assert.equal(cache.stats().entries, 2);
      assert.ok(cache.bytes <= cache.maxBytes);
      assert.throws(() => new VerifiedTokenCache({ maxBytes: 0 }), TypeError);
    });
  });

}
