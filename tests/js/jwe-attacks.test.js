// What an attacker sends to the JWE API, on the JWE module of every build (edgejwt/jwe): tampered
// parts, the wrong key or "enc", PBES2 iteration counts past the bound, ephemeral keys off the
// curve or of another curve, refused algorithms and forms, keys of the other use, bad argument
// types. Each fails with its code, every failure only the key could tell is the one
// ERR_JWE_DECRYPTION_FAILED without a detail, and the instance answers correctly afterwards.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { jweBuilds, apiFor } from "../support/builds.js";
import { b64, headerOf, tampered, withHeader } from "../support/jwe-tokens.js";

const encoder = new TextEncoder();
const plaintext = encoder.encode("secret");
const decryptionFailed = (error) => {
  assert.equal(error.code, "ERR_JWE_DECRYPTION_FAILED");
  assert.equal(error.where, undefined);
  assert.equal(error.detail, "decryption");
  return true;
};

for (const build of jweBuilds) {
  describe(`JWE attacks on ${build.name}`, () => {
    let api, joseKeys, key, recipient;
    before(async () => {
      api = await apiFor(build);
      joseKeys = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
      key = api.importJWK(await jose.exportJWK(joseKeys.privateKey), "ECDH-ES+A256KW");
      recipient = api.importJWK(await jose.exportJWK(joseKeys.publicKey), "ECDH-ES+A256KW");
    });

    it("a changed encrypted key, IV, ciphertext or tag, a wrong key and a wrong enc are one code with no detail", () => {
      const aes = crypto.getRandomValues(new Uint8Array(32));
      const token = api.compactEncrypt(plaintext, aes, { alg: "A256KW", enc: "A256CBC-HS512" });
      for (const index of [1, 2, 3, 4]) assert.throws(() => api.compactDecrypt(tampered(token, index), aes), decryptionFailed);
      assert.throws(() => api.compactDecrypt(token, crypto.getRandomValues(new Uint8Array(32))), decryptionFailed);
      const otherEnc = withHeader(token, { ...headerOf(token), enc: "A256GCM" });
      assert.throws(() => api.compactDecrypt(otherEnc, aes), decryptionFailed);
      const extraMember = withHeader(token, { ...headerOf(token), kid: "attacker" });
      assert.throws(() => api.compactDecrypt(extraMember, aes), decryptionFailed);
      const gcm = api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      for (const index of [1, 2, 3, 4]) assert.throws(() => api.compactDecrypt(tampered(gcm, index), key), decryptionFailed);
      assert.deepEqual(api.compactDecrypt(gcm, key).plaintext, plaintext);
    });

    it("PBES2: p2c past maxPBES2Count (10,000 by default) is refused before any iteration; the bound is configurable", async () => {
      const password = encoder.encode("correct horse battery staple");
      const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "PBES2-HS256+A128KW", enc: "A128GCM" })
        .setKeyManagementParameters({ p2c: 10_001 }).encrypt(password);
      const allowed = { keyManagementAlgorithms: ["PBES2-HS256+A128KW"] };
      // Bytes are a password only when the caller says so: a token cannot turn an AES key into one.
      assert.throws(() => api.compactDecrypt(token, password), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      assert.throws(() => api.compactDecrypt(token, password, allowed), { code: "ERR_JWE_INVALID", where: "p2c" });
      assert.deepEqual(api.compactDecrypt(token, password, { ...allowed, maxPBES2Count: 10_001 }).plaintext, plaintext);
      const huge = withHeader(token, { ...headerOf(token), p2c: 2 ** 31 });
      assert.throws(() => api.compactDecrypt(huge, password, allowed), { code: "ERR_JWE_INVALID", where: "p2c" });
      const shortSalt = withHeader(token, { ...headerOf(token), p2s: b64("1234567") });
      assert.throws(() => api.compactDecrypt(shortSalt, password, allowed), { code: "ERR_JWE_INVALID" });
      assert.throws(() => api.compactDecrypt(token, password, { ...allowed, maxPBES2Count: "many" }), { code: "ERR_INVALID_ARGUMENT" });
    });

    it("ECDH-ES: an ephemeral key off the curve, of another curve, or at infinity is refused", async () => {
      const token = api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      const header = headerOf(token);
      const x = Buffer.from(header.epk.x, "base64url");
      x[x.length - 1] ^= 1;
      const offCurve = withHeader(token, { ...header, epk: { ...header.epk, x: x.toString("base64url") } });
      assert.throws(() => api.compactDecrypt(offCurve, key), { code: "ERR_JWE_INVALID", where: "epk" });
      const zero = Buffer.alloc(32).toString("base64url");
      const infinity = withHeader(token, { ...header, epk: { ...header.epk, x: zero, y: zero } });
      assert.throws(() => api.compactDecrypt(infinity, key), { code: "ERR_JWE_INVALID", where: "epk" });
      const other = await jose.generateKeyPair("ECDH-ES", { crv: "P-384", extractable: true });
      const { kty, crv, x: x384, y } = await jose.exportJWK(other.publicKey);
      const otherCurve = withHeader(token, { ...header, epk: { kty, crv, x: x384, y } });
      assert.throws(() => api.compactDecrypt(otherCurve, key), { code: "ERR_JWE_INVALID", where: "epk" });
    });

    it("refused algorithms and forms: RSA1_5, zip, alg outside the allowlist, anything but five parts", () => {
      const token = api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      const header = headerOf(token);
      assert.throws(() => api.compactDecrypt(withHeader(token, { ...header, alg: "RSA1_5" }), key), { code: "ERR_JOSE_NOT_SUPPORTED" });
      assert.throws(() => api.compactDecrypt(withHeader(token, { ...header, zip: "DEF" }), key), { code: "ERR_JOSE_NOT_SUPPORTED", where: "zip" });
      assert.throws(() => api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM", header: { zip: "DEF" } }),
        { code: "ERR_JOSE_NOT_SUPPORTED", where: "zip" });
      assert.throws(() => api.compactDecrypt(token, key, { keyManagementAlgorithms: ["RSA-OAEP-256"] }), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      assert.throws(() => api.compactDecrypt(token, key, { contentEncryptionAlgorithms: ["A128GCM"] }), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      assert.throws(() => api.compactDecrypt(`${token}.x`, key), { code: "ERR_JWE_INVALID" });
      assert.throws(() => api.compactDecrypt(token.split(".").slice(0, 4).join("."), key), { code: "ERR_JWE_INVALID" });
      assert.throws(() => api.compactDecrypt("a".repeat(70_000), key), { code: "ERR_JWE_INVALID", status: "ERR_TOKEN_TOO_LARGE" });
      assert.throws(() => api.compactEncrypt(plaintext, recipient, { alg: "RSA1_5", enc: "A256GCM" }), { code: "ERR_JOSE_NOT_SUPPORTED" });
    });

    it("a key serves the use it was imported for: encryption keys never sign or verify, signing keys never decrypt", async () => {
      const { privateKey, publicKey } = await jose.generateKeyPair("ES256", { extractable: true });
      const signing = api.importJWK(await jose.exportJWK(privateKey), "ES256");
      const verifying = api.importJWK(await jose.exportJWK(publicKey), "ES256");
      const token = api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      assert.throws(() => api.compactDecrypt(token, signing), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      assert.throws(() => api.compactEncrypt(plaintext, verifying, { alg: "ECDH-ES+A256KW", enc: "A256GCM" }),
        { code: "ERR_KEY_INVALID", status: "ERR_KEY_USAGE", where: "alg" });
      assert.throws(() => api.sign({ sub: "x" }, key, { alg: "ES256" }), { code: "ERR_KEY_INVALID", status: "ERR_KEY_USAGE" });
      const jws = api.sign({ sub: "x" }, signing, { alg: "ES256" });
      assert.throws(() => api.verify(jws, recipient), { code: "ERR_KEY_INVALID", status: "ERR_KEY_USAGE" });
      // The same P-256 JWK, imported for each use, serves only that use.
      const jwk = await jose.exportJWK(joseKeys.privateKey);
      const asSigner = api.importJWK(jwk, "ES256");
      assert.throws(() => api.compactDecrypt(token, asSigner), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      const asDecrypter = api.importJWK({ ...jwk, use: "enc" }, "ECDH-ES+A256KW");
      // A JWK whose "use" is "sig" never decrypts, whatever alg it is imported for.
      assert.throws(() => api.compactDecrypt(token, api.importJWK({ ...jwk, use: "sig" }, "ECDH-ES+A256KW")),
        { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      assert.deepEqual(api.compactDecrypt(token, asDecrypter).plaintext, plaintext);
      assert.throws(() => api.sign({ sub: "x" }, asDecrypter, { alg: "ES256" }), { code: "ERR_KEY_INVALID", status: "ERR_KEY_USAGE" });
    });

    it("a JWK Set for decryption (use: enc) picks the key a token names and never verifies; a verify set never decrypts", async () => {
      const first = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
      const second = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true });
      const entries = [
        { ...(await jose.exportJWK(first.privateKey)), kid: "a", alg: "ECDH-ES+A256KW", use: "enc" },
        { ...(await jose.exportJWK(second.privateKey)), kid: "b", alg: "RSA-OAEP-256" },
      ];
      const signing = await jose.generateKeyPair("ES256", { extractable: true });
      const jwks = { keys: [...entries, { ...(await jose.exportJWK(signing.publicKey)), kid: "s", alg: "ES256" }] };
      const decrypting = api.createLocalJWKSet(jwks, { use: "enc" });
      assert.equal(decrypting.use, "enc");
      assert.equal(decrypting.size, 2);
      for (const [kid, alg, recipientKey] of [["a", "ECDH-ES+A256KW", first.publicKey], ["b", "RSA-OAEP-256", second.publicKey]]) {
        const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc: "A256GCM", kid }).encrypt(recipientKey);
        assert.deepEqual(api.compactDecrypt(token, decrypting).plaintext, plaintext, kid);
        const wrongKid = withHeader(token, { ...headerOf(token), kid: kid === "a" ? "b" : "a" });
        assert.throws(() => api.compactDecrypt(wrongKid, decrypting), { code: "ERR_JWKS_NO_MATCHING_KEY" });
      }
      const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", kid: "a" })
        .encrypt(first.publicKey);
      const verifying = api.createLocalJWKSet(jwks);
      assert.equal(verifying.size, 1);
      assert.throws(() => api.compactDecrypt(token, verifying), { code: "ERR_JWKS_NO_MATCHING_KEY" });
      const jws = await new jose.SignJWT({ sub: "x" }).setProtectedHeader({ alg: "ES256", kid: "s" }).sign(signing.privateKey);
      assert.equal(api.verify(jws, verifying).payload.sub, "x");
      assert.throws(() => api.verify(jws, decrypting), { code: "ERR_JWKS_NO_MATCHING_KEY" });
      assert.throws(() => api.createLocalJWKSet(jwks, { use: "both" }), { code: "ERR_INVALID_ARGUMENT" });
    });

    it("bad argument types are refused with their codes, and the instance answers correctly afterwards", () => {
      const token = api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      assert.throws(() => api.compactDecrypt(42, key), { code: "ERR_JWE_INVALID" });
      assert.throws(() => api.compactDecrypt({ toString: () => token }, key), { code: "ERR_JWE_INVALID" });
      assert.throws(() => api.compactDecrypt(token, "a string secret"), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactDecrypt(token, { kty: "EC" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactDecrypt(token, key, "options"), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactDecrypt(token, key, { keyManagementAlgorithms: "ECDH-ES" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactEncrypt("text", recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactEncrypt(plaintext, recipient, { alg: "ECDH-ES+A256KW" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.compactEncrypt(plaintext, recipient, { alg: 1, enc: "A256GCM" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.encrypt("claims", recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" }), { code: "ERR_JWT_INVALID" });
      assert.throws(() => api.decryptAndVerify(token, key, undefined), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => api.generateKeyPair("ECDH-ES", { crv: "P-999" }), { code: "ERR_JOSE_NOT_SUPPORTED", status: "ERR_KEY_UNSUPPORTED" });
      assert.throws(() => api.generateKeyPair("ECDH-ES", { crv: 7 }), { code: "ERR_INVALID_ARGUMENT" });
      assert.deepEqual(api.compactDecrypt(token, key).plaintext, plaintext);
    });

    it("an encrypted JWT is not a nested one, and a nested one is not an encrypted JWT", async () => {
      const signer = api.generateSecret("HS256");
      const nested = api.signAndEncrypt({ sub: "x" }, signer, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM", signing: { alg: "HS256" } });
      assert.throws(() => api.decrypt(nested, key), { code: "ERR_JWE_INVALID", where: "cty" });
      const flat = api.encrypt({ sub: "x" }, recipient, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      assert.throws(() => api.decryptAndVerify(flat, key, signer), { code: "ERR_JWE_INVALID", where: "cty" });
      assert.equal(api.decryptAndVerify(nested, key, signer).payload.sub, "x");
      assert.throws(() => api.decryptAndVerify(nested, key, api.generateSecret("HS256")), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      assert.deepEqual(api.decodeProtectedHeader(nested), headerOf(nested));
      assert.throws(() => api.decode(nested), { code: "ERR_JWT_INVALID" }); // as jose's decodeJwt: the claims are not ours to read
    });

    it("keys generated for every JWE alg serve it, and generateSecret/generateKeyPair refuse the other kind", () => {
      for (const alg of ["A128KW", "A192GCMKW", "PBES2-HS512+A256KW", "A256GCM", "A128CBC-HS256"]) {
        const secret = api.generateSecret(alg);
        const options = alg.includes("GCM") && !alg.endsWith("KW") || alg.includes("CBC") ? { alg: "dir", enc: alg } : { alg, enc: "A128GCM" };
        assert.deepEqual(api.compactDecrypt(api.compactEncrypt(plaintext, secret, options), secret).plaintext, plaintext, alg);
      }
      for (const [alg, crv] of [["ECDH-ES", "X25519"], ["ECDH-ES+A128KW", "P-521"], ["RSA-OAEP-256", undefined]]) {
        const { publicKey, privateKey } = api.generateKeyPair(alg, { crv });
        assert.deepEqual(api.compactDecrypt(api.compactEncrypt(plaintext, publicKey, { alg, enc: "A256GCM" }), privateKey).plaintext, plaintext);
      }
      assert.throws(() => api.generateSecret("RSA-OAEP"), { code: "ERR_JOSE_NOT_SUPPORTED" });
      assert.throws(() => api.generateKeyPair("A256KW"), { code: "ERR_JOSE_NOT_SUPPORTED" });
    });
  });
}
