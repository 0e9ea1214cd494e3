// JWE interop with jose for every "alg" × "enc", both directions, on the JWE module of every build
// (edgejwt/jwe): what jose encrypts decrypts here, what is encrypted here decrypts in jose. Keys
// cross as JWKs (or raw bytes for the symmetric algorithms, as jose users hold them).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { jweBuilds, apiFor } from "../support/builds.js";

const ENCS = { "A128GCM": 16, "A192GCM": 24, "A256GCM": 32, "A128CBC-HS256": 32, "A192CBC-HS384": 48, "A256CBC-HS512": 64 };
const AES = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32 };
const PBES2 = ["PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"];
const ECDH = ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"];
const CURVES = ["P-256", "P-384", "P-521", "X25519"];
const RSA = ["RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"];

// Every key management case: { name, alg, crv }.
const CASES = [
  { name: "dir", alg: "dir" },
  ...Object.keys(AES).map((alg) => ({ name: alg, alg })),
  ...PBES2.map((alg) => ({ name: alg, alg })),
  ...ECDH.flatMap((alg) => CURVES.map((crv) => ({ name: `${alg} ${crv}`, alg, crv }))),
  ...RSA.map((alg) => ({ name: alg, alg })),
];

const plaintext = new TextEncoder().encode("what the issuer would rather not show the browser ✓");
const random = (size) => crypto.getRandomValues(new Uint8Array(size));

// jose's keys for one case and "enc": { encryptKey, decryptKey } in jose's forms, and the JWKs.
async function joseKeys({ alg, crv }, enc) {
  if (alg === "dir") {
    const secret = random(ENCS[enc]);
    return { encryptKey: secret, decryptKey: secret, secret };
  }
  if (AES[alg]) {
    const secret = random(AES[alg]);
    return { encryptKey: secret, decryptKey: secret, secret };
  }
  if (PBES2.includes(alg)) {
    const secret = new TextEncoder().encode("correct horse battery staple");
    return { encryptKey: secret, decryptKey: secret, secret };
  }
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { crv, extractable: true });
  return {
    encryptKey: publicKey, decryptKey: privateKey,
    publicJwk: await jose.exportJWK(publicKey), privateJwk: await jose.exportJWK(privateKey),
  };
}

// The cases' keys, made once per case (RSA generation is slow): "dir" gets one per "enc".
const keyCache = new Map();
async function keysFor(testCase, enc) {
  const id = testCase.alg === "dir" ? `dir ${enc}` : testCase.name;
  if (!keyCache.has(id)) keyCache.set(id, await joseKeys(testCase, enc));
  return keyCache.get(id);
}

for (const build of jweBuilds) {
  describe(`JWE interop with jose on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    for (const testCase of CASES) {
      it(`${testCase.name}: every enc, jose encrypts and edgejwt decrypts, edgejwt encrypts and jose decrypts`, async () => {
        for (const enc of Object.keys(ENCS)) {
          const keys = await keysFor(testCase, enc);
          const { alg } = testCase;
          const decryptionKey = keys.secret ?? api.importJWK(keys.privateJwk, alg);
          const encryptionKey = keys.secret ?? api.importJWK(keys.publicJwk, alg);

          const fromJose = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc, kid: "k1" })
            .encrypt(keys.encryptKey);
          // A password is taken only when the allowlist names PBES2 (jose's rule, and ours for bytes).
          const options = PBES2.includes(alg) ? { keyManagementAlgorithms: [alg] } : {};
          const decrypted = api.compactDecrypt(fromJose, decryptionKey, options);
          assert.deepEqual(decrypted.plaintext, plaintext, `${alg} ${enc}`);
          assert.equal(decrypted.protectedHeader.kid, "k1");
          assert.equal(decrypted.protectedHeader.enc, enc);

          const ours = api.compactEncrypt(plaintext, encryptionKey, { alg, enc, kid: "k2" });
          const fromUs = await jose.compactDecrypt(ours, keys.decryptKey, options);
          assert.deepEqual(fromUs.plaintext, new Uint8Array(plaintext), `${alg} ${enc}`);
          assert.equal(fromUs.protectedHeader.kid, "k2");
          assert.deepEqual(api.decodeProtectedHeader(ours), fromUs.protectedHeader);
        }
      });
    }

    it("encrypted JWTs: jose's EncryptJWT decrypts here with the same claim checks, ours in jose's jwtDecrypt", async () => {
      const { publicKey, privateKey } = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
      const privateJwk = await jose.exportJWK(privateKey);
      const key = api.importJWK(privateJwk, "ECDH-ES+A256KW");
      const token = await new jose.EncryptJWT({ sub: "alice", scope: "read" })
        .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" }).setIssuer("https://idp.example")
        .setAudience("api").setIssuedAt().setExpirationTime("5m").encrypt(publicKey);
      const { payload, protectedHeader } = api.decrypt(token, key, { issuer: "https://idp.example", audience: "api" });
      assert.equal(payload.sub, "alice");
      assert.equal(protectedHeader.enc, "A256GCM");
      assert.throws(() => api.decrypt(token, key, { audience: "other" }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      const expired = await new jose.EncryptJWT({ sub: "alice" }).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" })
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60).encrypt(publicKey);
      assert.throws(() => api.decrypt(expired, key), { code: "ERR_JWT_EXPIRED" });

      const ours = api.encrypt({ sub: "bob" }, api.importJWK(await jose.exportJWK(publicKey), "ECDH-ES+A256KW"),
        { alg: "ECDH-ES+A256KW", enc: "A128CBC-HS256", expiresIn: 300, issuer: "https://idp.example" });
      const fromUs = await jose.jwtDecrypt(ours, privateKey, { issuer: "https://idp.example" });
      assert.equal(fromUs.payload.sub, "bob");
    });

    it("nested tokens: signed then encrypted here, jose decrypts and verifies the inner JWS; and back", async () => {
      const signing = await jose.generateKeyPair("ES256", { extractable: true });
      const encryption = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
      const signingKey = api.importJWK(await jose.exportJWK(signing.privateKey), "ES256");
      const verificationKey = api.importJWK(await jose.exportJWK(signing.publicKey), "ES256");
      const recipient = api.importJWK(await jose.exportJWK(encryption.publicKey), "ECDH-ES+A256KW");
      const decryptionKey = api.importJWK(await jose.exportJWK(encryption.privateKey), "ECDH-ES+A256KW");

      const nested = api.signAndEncrypt({ sub: "carol" }, signingKey, recipient,
        { alg: "ECDH-ES+A256KW", enc: "A256GCM", expiresIn: 300, signing: { alg: "ES256", kid: "s1" } });
      const outer = await jose.compactDecrypt(nested, encryption.privateKey);
      assert.equal(outer.protectedHeader.cty, "JWT");
      const inner = await jose.jwtVerify(new TextDecoder().decode(outer.plaintext), signing.publicKey);
      assert.equal(inner.payload.sub, "carol");
      assert.equal(inner.protectedHeader.kid, "s1");

      const jws = await new jose.SignJWT({ sub: "dave" }).setProtectedHeader({ alg: "ES256" }).setExpirationTime("5m")
        .sign(signing.privateKey);
      const fromJose = await new jose.CompactEncrypt(new TextEncoder().encode(jws))
        .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT" }).encrypt(encryption.publicKey);
      const verified = api.decryptAndVerify(fromJose, decryptionKey, verificationKey, { algorithms: ["ES256"] });
      assert.equal(verified.payload.sub, "dave");
      assert.equal(verified.protectedHeader.cty, "JWT");
      assert.equal(verified.signedHeader.alg, "ES256");
      assert.throws(() => api.decryptAndVerify(fromJose, decryptionKey, verificationKey, { algorithms: ["RS256"] }),
        { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
    });
  });
}
