// jose's key forms as key arguments (issue 14, item 3; js/key/forms.js, js/key/resolve.js), on every
// build: a KeyObject, a CryptoKey, a JWK object and a resolver function. What an attacker or a
// careless caller brings: a JWK object changed in place after use (a cached verdict must not answer
// for the new key), a private key given to verify, a public key given to sign, a CryptoKey whose
// usages forbid the operation, a private CryptoKey that cannot be read, a resolver that returns a
// resolver. Each form is imported once and remembered by the object's identity.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { createSecretKey, generateKeyPairSync } from "node:crypto";

import { builds, apiFor } from "../support/builds.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";

const bytes = (fill) => new Uint8Array(32).fill(fill);
const octJwk = (fill) => ({ kty: "oct", k: Buffer.from(bytes(fill)).toString("base64url") });
const hmacKey = (fill, usages = ["sign", "verify"], extractable = true) =>
  crypto.subtle.importKey("raw", bytes(fill), { name: "HMAC", hash: "SHA-256" }, extractable, usages);

for (const build of builds) {
  describe(`key forms on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });
    const hs256 = (claims, fill) => api.sign(claims, bytes(fill), { alg: "HS256" });

    it("verifies with a KeyObject and a JWK object, each imported once (the same Key on every call)", () => {
      const keyObject = createSecretKey(Buffer.from(bytes(1)));
      const jwk = octJwk(1);
      const token = hs256({ sub: "forms" }, 1);
      for (const key of [keyObject, jwk]) {
        assert.equal(api.verify(token, key).payload.sub, "forms");
        assert.equal(api.verify(token, key).payload.sub, "forms");
      }
      const cache = new VerifiedTokenCache();
      api.verify(token, jwk, { cache });
      api.verify(token, jwk, { cache });
      assert.equal(cache.stats().hits, 1, "the second call found the first call's verdict: the same Key, the same identity");
    });

    // Remembered by identity and by content: a JWK object changed in place is another key.
    it("a JWK object changed in place is imported again, and no verdict for the old key answers for it", () => {
      const jwk = octJwk(2);
      const cache = new VerifiedTokenCache();
      const token = hs256({ sub: "old key" }, 2);
      assert.equal(api.verify(token, jwk, { cache }).payload.sub, "old key");
      jwk.k = octJwk(3).k;
      assert.throws(() => api.verify(token, jwk, { cache }), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      assert.equal(api.verify(hs256({ sub: "new key" }, 3), jwk).payload.sub, "new key");
    });

    it("a CryptoKey and a resolver function are read asynchronously: verifyAsync takes them, verify says so", async () => {
      const token = hs256({ sub: "async" }, 4);
      const cryptoKey = await hmacKey(4);
      assert.throws(() => api.verify(token, cryptoKey), { code: "ERR_INVALID_ARGUMENT", message: /verifyAsync/ });
      assert.equal((await api.verifyAsync(token, cryptoKey)).payload.sub, "async");
      assert.equal(api.verify(token, cryptoKey).payload.sub, "async", "once read, the CryptoKey is remembered");
      const seen = [];
      const resolver = async (header, jws) => { seen.push({ header, jws }); return bytes(4); };
      assert.equal((await api.verifyAsync(token, resolver)).payload.sub, "async");
      const [protectedPart, payload, signature] = token.split(".");
      assert.deepEqual(seen, [{ header: { alg: "HS256", typ: "JWT" }, jws: { payload, protected: protectedPart, signature } }]);
      await assert.rejects(api.verifyAsync(token, () => resolver), { code: "ERR_INVALID_ARGUMENT", message: /not another resolver/ });
      await assert.rejects(api.verifyAsync(token, () => { throw new RangeError("no key for you"); }), RangeError);
    });

    it("a CryptoKey is used only as its usages allow, and a private one only if it can be read", async () => {
      const token = hs256({ sub: "usages" }, 5);
      await assert.rejects(api.verifyAsync(token, await hmacKey(5, ["sign"])), { name: "JOSEInvalidArgument", message: /usages/ });
      const sealed = await hmacKey(5, ["verify"], false);
      await assert.rejects(api.verifyAsync(token, sealed), (error) => {
        assert.ok(error instanceof TypeError);
        assert.equal(error.reason, "key_not_extractable");
        return true;
      });
    });

    it("a KeyObject of a key edgejwt does not take is refused at the argument, not in the core", () => {
      const { publicKey } = generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 });
      assert.throws(() => api.verify(hs256({}, 6), publicKey), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.verify(hs256({}, 6), "a string"), { code: "ERR_INVALID_ARGUMENT", message: /never a string/ });
    });

    it("exportJWK and calculateJwkThumbprint take the forms too", () => {
      const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const jwk = publicKey.export({ format: "jwk" });
      assert.deepEqual(api.exportJWK(publicKey), jwk);
      assert.equal(api.calculateJwkThumbprint(publicKey), api.calculateJwkThumbprint(jwk));
      assert.deepEqual(api.exportJWK(bytes(7)), octJwk(7));
    });
  });
}
