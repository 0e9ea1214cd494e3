// The verified-token cache (js/cache/verified-tokens.js) through verify, on every build.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { instrumented } from "../support/instrumented.js";
import { nodeKeyPair, jwkOf } from "../support/keys.js";
import { createApi } from "../../js/api.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";

const BAD_SIGNATURE = { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" };
const octJwk = (bytes) => ({ kty: "oct", k: Buffer.from(bytes).toString("base64url") });
// More than a handle slot's generations on main (4,096), after which its numbers came back.
const ROUNDS = 4200;

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

    // Issue 11, item 2: a raw secret was imported and freed per call, handle numbers came back after
    // 4,096 generations of a slot, and the cache key was handle:policy:token — so the 4,096th call
    // with a wrong secret was answered from the right secret's entry.
    it("never answers for another raw secret, however many calls", () => {
      const cache = new VerifiedTokenCache();
      const right = new Uint8Array(32).fill(1);
      const wrong = new Uint8Array(32).fill(2);
      const token = api.sign({ sub: "u" }, right, { alg: "HS256" });
      api.verify(token, right, { cache });
      for (let i = 0; i < ROUNDS; i++) assert.throws(() => api.verify(token, wrong, { cache }), BAD_SIGNATURE, `call ${i + 1}`);
      assert.equal(cache.stats().hits, 0);
    });

    it("never answers for a raw secret changed in place", () => {
      const cache = new VerifiedTokenCache();
      const bytes = new Uint8Array(32).fill(1);
      const token = api.sign({ sub: "u" }, bytes, { alg: "HS256" });
      assert.equal(api.verify(token, bytes, { cache }).payload.sub, "u");
      bytes[31] ^= 1; // the same array, another secret
      assert.throws(() => api.verify(token, bytes, { cache }), BAD_SIGNATURE);
      assert.throws(() => api.verify(token, bytes), BAD_SIGNATURE);
      bytes[31] ^= 1;
      assert.equal(api.verify(token, bytes, { cache }).payload.sub, "u");
    });

    it("never answers for a key freed and replaced by another (rotation)", () => {
      const cache = new VerifiedTokenCache();
      const first = api.importJWK(octJwk(new Uint8Array(32).fill(1)));
      const token = api.sign({ sub: "u" }, first, { alg: "HS256" });
      api.verify(token, first, { cache });
      first.free();
      for (let i = 0; i < ROUNDS; i++) {
        const next = api.importJWK(octJwk(new Uint8Array(32).fill(3)));
        assert.throws(() => api.verify(token, next, { cache }), BAD_SIGNATURE, `key ${i + 1}`);
        next.free();
      }
    });

    it("never answers for a key set freed and replaced by another (JWKS rotation)", () => {
      const cache = new VerifiedTokenCache();
      const genuine = nodeKeyPair("ES256");
      const signer = api.importJWK(jwkOf(genuine.privateKey));
      const token = api.sign({ sub: "u" }, signer, { alg: "ES256", kid: "k" });
      const other = { keys: [{ ...api.exportJWK(api.generateKeyPair("ES256").publicKey), kid: "k" }] };
      const set = api.createLocalJWKSet({ keys: [{ ...jwkOf(genuine.publicKey), kid: "k" }] });
      api.verify(token, set, { cache });
      set.free(); // the set's slot (and its matched key's) are the next ones made
      for (let i = 0; i < ROUNDS; i++) {
        const next = api.createLocalJWKSet(other);
        assert.throws(() => api.verify(token, next, { cache }), BAD_SIGNATURE, `set ${i + 1}`);
        next.free();
      }
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

// The same for policies, whose handle numbers came back too: the options' policy is let go of by
// the LRU, its slot made and released (raw, on the API's own context) until main's table handed
// out the same number again, and a policy asking for another issuer took it.
for (const build of builds) {
  describe(`verified-token cache and recycled policy handles on ${build.name}`, () => {
    it("never answers under another policy", async () => {
      const { load, probe } = instrumented(build);
      const api = createApi(load);
      await api.init(build.options);
      const cache = new VerifiedTokenCache();
      const key = api.importJWK(octJwk(new Uint8Array(32).fill(1)));
      const token = api.sign({ sub: "u", iss: "a" }, key, { alg: "HS256" });
      api.verify(token, key, { cache, issuer: "a" });
      const first = probe.made.findLast(({ name }) => name === "edgejwt_policy_create").handle;
      for (let i = 0; i < 64; i++) api.verify(token, key, { issuer: "a", clockTolerance: i }); // evicts it
      const { exports, context, result } = probe;
      const options = exports.edgejwt_alloc(2);
      new Uint8Array(probe.memory.buffer).set([0x7b, 0x7d], options); // "{}"
      for (let i = 0; i < 4095; i++) {
        assert.equal(exports.edgejwt_policy_create(context, result, options, 2), 0);
        assert.equal(exports.edgejwt_policy_release(context, result, probe.resultHandle()), 0);
      }
      exports.edgejwt_free(options);
      assert.throws(() => api.verify(token, key, { cache, issuer: "b" }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      const taken = probe.made.findLast(({ name }) => name === "edgejwt_policy_create").handle;
      assert.notEqual(taken, first, "the core handed out a policy handle number twice");
      assert.equal(cache.stats().hits, 0);
    });
  });
}
