// decryptAndVerifyAsync with the inner JWS's signature on the host (jwt/nested-async.js) against
// decryptAndVerify, on every JWE build and each host (node:crypto, WebCrypto, none): on jose-made
// nested tokens for every alg × enc and for every inner algorithm the host verifies, and on every
// nested attack, the same result or the same error (class, code, status, detail, where, claims), and
// each attack refused with the error it must get. The host is asked to verify exactly the inner
// signatures the core let through to the primitive, and a signature it refuses is never reported
// by its claims.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { createApi } from "../../js/api.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";
import { jweBuilds as builds } from "../support/builds.js";
import { b64, headerOf, tampered, withHeader } from "../support/jwe-tokens.js";
import { CONTENT, KEY_MANAGEMENT, PBES2, outcome, secretFor } from "../support/jwe-cases.js";

const encoder = new TextEncoder();

const INNER = ["ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA", "HS256"];
const OUTER = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };

// Counts the host's signature verifications: node:crypto's verify and WebCrypto's, as the host
// calls them (looked up at each call).
let verified = 0;
const nodeCrypto = process.getBuiltinModule("node:crypto");
const originals = { verify: nodeCrypto.verify, subtleVerify: SubtleCrypto.prototype.verify };
before(() => {
  nodeCrypto.verify = function (...args) {
    verified++;
    return originals.verify.apply(this, args);
  };
  SubtleCrypto.prototype.verify = function (...args) {
    verified++;
    return originals.subtleVerify.apply(this, args);
  };
});
after(() => {
  nodeCrypto.verify = originals.verify;
  SubtleCrypto.prototype.verify = originals.subtleVerify;
});


// A JWE key management's recipient (what jose encrypts to) and what decrypts (a JWK or raw bytes).
async function recipientFor(alg, enc) {
  if (alg === "dir" || /^A\d+(GCM)?KW$/.test(alg)) {
    const key = secretFor(alg, enc);
    return { recipient: key, decryption: key };
  }
  if (PBES2(alg)) {
    const password = encoder.encode("correct horse battery staple");
    return { recipient: password, decryption: password };
  }
  const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  return { recipient: publicKey, decryption: { jwk: await jose.exportJWK(privateKey), alg } };
}

// An inner algorithm's signing key (jose's) and the JWK (or secret bytes) that verifies it.
async function signerFor(alg) {
  if (alg === "HS256") {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    return { signing: secret, verification: secret };
  }
  const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, crv: alg === "EdDSA" ? "Ed25519" : undefined });
  return { signing: privateKey, verification: { jwk: await jose.exportJWK(publicKey), alg } };
}

// `jws` (text or bytes) encrypted by jose as a nested token (cty "JWT" unless `header` says otherwise).
async function nestedToken(jws, recipient, { alg, enc }, header = { cty: "JWT" }) {
  const builder = new jose.CompactEncrypt(typeof jws === "string" ? encoder.encode(jws) : jws)
    .setProtectedHeader({ alg, enc, ...header });
  if (PBES2(alg)) builder.setKeyManagementParameters({ p2c: 1000 });
  return builder.encrypt(recipient);
}

const now = Math.floor(Date.now() / 1000);
const claims = { sub: "alice", iss: "https://idp.example", aud: "api", exp: now + 600 };
const signed = (signing, alg, payload = claims) => new jose.SignJWT(payload).setProtectedHeader({ alg }).sign(signing);

let fixtures;
before(async () => {
  const es256 = await signerFor("ES256");
  const everyAlgorithm = [];
  for (const alg of KEY_MANAGEMENT) {
    for (const enc of CONTENT) {
      const { recipient, decryption } = await recipientFor(alg, enc);
      everyAlgorithm.push({ alg, enc, decryption, token: await nestedToken(await signed(es256.signing, "ES256"), recipient, { alg, enc }) });
    }
  }
  const outer = await recipientFor(OUTER.alg, OUTER.enc);
  const everyInner = [];
  for (const alg of INNER) {
    const signer = await signerFor(alg);
    everyInner.push({ alg, ...signer, token: await nestedToken(await signed(signer.signing, alg), outer.recipient, OUTER) });
  }
  fixtures = { es256, everyAlgorithm, outer, everyInner };
});

for (const build of builds) {
  for (const [hostName, hostCrypto] of [["node:crypto", "node"], ["webcrypto", "webcrypto"], ["no host", false]]) {
    describe(`decryptAndVerifyAsync on ${build.name}, ${hostName}`, () => {
      let api;
      before(async () => {
        api = createApi(build.load);
        await api.init({ ...build.options, hostCrypto });
      });
      const decryptionKeyOf = ({ decryption }) =>
        (decryption instanceof Uint8Array ? decryption : api.importJWK(decryption.jwk, decryption.alg));
      const verificationKeyOf = ({ verification }) =>
        (verification instanceof Uint8Array ? verification : api.importJWK(verification.jwk, verification.alg));
      const hostVerifies = (alg) => hostCrypto !== false && alg !== "HS256";

      it("every alg × enc of jose's, inner ES256: the same result as decryptAndVerify, the inner signature checked by the host", async () => {
        const verifying = verificationKeyOf(fixtures.es256);
        for (const entry of fixtures.everyAlgorithm) {
          const key = decryptionKeyOf(entry);
          const options = PBES2(entry.alg) ? { keyManagementAlgorithms: [entry.alg] } : {};
          const what = `${entry.alg} ${entry.enc}`;
          const sync = await outcome(() => api.decryptAndVerify(entry.token, key, verifying, options));
          const before = verified;
          const async = await outcome(() => api.decryptAndVerifyAsync(entry.token, key, verifying, options));
          assert.deepEqual(async, sync, what);
          assert.equal(async.result?.payload.sub, "alice", what);
          assert.equal(verified > before, hostVerifies("ES256"), `${what}: the host verified the inner signature`);
        }
      });

      it("every inner algorithm: the same result, the host verifying all but HMAC", async () => {
        const key = decryptionKeyOf(fixtures.outer);
        for (const entry of fixtures.everyInner) {
          const verifying = verificationKeyOf(entry);
          const sync = await outcome(() => api.decryptAndVerify(entry.token, key, verifying));
          const before = verified;
          const async = await outcome(() => api.decryptAndVerifyAsync(entry.token, key, verifying));
          assert.deepEqual(async, sync, entry.alg);
          assert.equal(async.result?.signedHeader.alg, entry.alg);
          assert.equal(verified > before, hostVerifies(entry.alg), `${entry.alg}: the host verified the inner signature`);
        }
      });

      it("every nested attack: refused as decryptAndVerify refuses it, the host asked only for a signature the core let through", async () => {
        const { outer, es256 } = fixtures;
        const key = decryptionKeyOf(outer);
        const verifying = verificationKeyOf(es256);
        const encrypt = (jws, header) => nestedToken(jws, outer.recipient, OUTER, header);
        const good = await encrypt(await signed(es256.signing, "ES256"));
        await api.decryptAndVerifyAsync(good, key, verifying); // the host's key is prepared now
        const other = await signerFor("ES256");
        const jws = await signed(es256.signing, "ES256");
        const [h, p, s] = jws.split(".");
        const unsecured = `${b64({ alg: "none" })}.${p}.`;
        const innerJwe = await new jose.CompactEncrypt(encoder.encode(JSON.stringify(claims)))
          .setProtectedHeader({ alg: "dir", enc: "A128GCM" }).encrypt(new Uint8Array(16));
        const expired = await signed(es256.signing, "ES256", { ...claims, exp: now - 600 });
        const notYet = await signed(es256.signing, "ES256", { ...claims, nbf: now + 600 });
        const signature = Buffer.from(s, "base64url");
        signature[5] ^= 1;
        const goodHeader = headerOf(good);
        // [what, token, options, the error it must get (code, where), whether the host is asked]
        const attacks = [
          ["inner signature by another key", await encrypt(await signed(other.signing, "ES256")), {},
            { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" }, true],
          ["inner signature changed", await encrypt(`${h}.${p}.${signature.toString("base64url")}`), {},
            { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" }, true],
          ["inner signature by another key, claims expired", await encrypt(await signed(other.signing, "ES256", { ...claims, exp: now - 600 })),
            {}, { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" }, true],
          ["inner alg not allowed", good, { algorithms: ["ES384"] }, { code: "ERR_JOSE_ALG_NOT_ALLOWED" }, false],
          ["inner token expired", await encrypt(expired), {}, { code: "ERR_JWT_EXPIRED" }, true],
          ["inner token not yet valid", await encrypt(notYet), {}, { code: "ERR_JWT_CLAIM_VALIDATION_FAILED", where: "nbf" }, true],
          ["inner issuer not the expected one", good, { issuer: "https://other.example" },
            { code: "ERR_JWT_CLAIM_VALIDATION_FAILED", where: "iss" }, true],
          ["inner audience not the expected one", good, { audience: "other" }, { code: "ERR_JWT_CLAIM_VALIDATION_FAILED", where: "aud" }, true],
          ["cty missing", await encrypt(jws, {}), {}, { code: "ERR_JWE_INVALID", where: "cty" }, false],
          ["cty not JWT", await encrypt(jws, { cty: "json" }), {}, { code: "ERR_JWE_INVALID", where: "cty" }, false],
          ["outer header changed", tampered(good, 0), {}, { code: "ERR_JWS_INVALID", where: "header" }, false],
          ["outer encrypted key changed", tampered(good, 1), {}, { code: "ERR_JWE_DECRYPTION_FAILED" }, false],
          ["outer IV changed", tampered(good, 2), {}, { code: "ERR_JWE_DECRYPTION_FAILED" }, false],
          ["outer ciphertext changed", tampered(good, 3), {}, { code: "ERR_JWE_DECRYPTION_FAILED" }, false],
          ["outer tag changed", tampered(good, 4), {}, { code: "ERR_JWE_DECRYPTION_FAILED" }, false],
          ["outer header member added", withHeader(good, { ...goodHeader, kid: "attacker" }), {}, { code: "ERR_JWE_DECRYPTION_FAILED" }, false],
          ["outer alg not allowed", good, { keyManagementAlgorithms: ["RSA-OAEP-256"] }, { code: "ERR_JOSE_ALG_NOT_ALLOWED" }, false],
          ["inner alg none", await encrypt(unsecured), {}, { code: "ERR_JOSE_NOT_SUPPORTED" }, false],
          ["inner JWE", await encrypt(innerJwe), {}, { code: "ERR_JWS_INVALID" }, false],
          ["inner not text", await encrypt(Uint8Array.of(0xff, 0xfe, 0x2e, 0x41, 0x2e, 0x41)), {}, { code: "ERR_JWS_INVALID" }, false],
          ["inner with four parts", await encrypt(`${jws}.${s}`), {}, { code: "ERR_JWS_INVALID" }, false],
          ["inner with whitespace", await encrypt(` ${jws}`), {}, { code: "ERR_JWS_INVALID" }, false],
        ];
        for (const [what, token, options, expected, hostAsked] of attacks) {
          const sync = await outcome(() => api.decryptAndVerify(token, key, verifying, options));
          const before = verified;
          const async = await outcome(() => api.decryptAndVerifyAsync(token, key, verifying, options));
          assert.deepEqual(async, sync, what);
          assert.ok(async.error, `${what}: refused`);
          assert.equal(async.error.code, expected.code, what);
          if (expected.where) assert.equal(async.error.where, expected.where, what);
          if (expected.code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") assert.equal(async.error.claims, undefined, `${what}: no claims`);
          assert.equal(verified > before, hostCrypto !== false && hostAsked, `${what}: the host asked`);
        }
      });

      it("key sets, options' caches and { hostCrypto: false }: as decryptAndVerify", async () => {
        const { outer, es256 } = fixtures;
        const key = decryptionKeyOf(outer);
        const es256Entry = fixtures.everyInner.find((entry) => entry.alg === "ES256");
        const { token } = es256Entry;
        const other = await signerFor("ES256");
        const es384Entry = fixtures.everyInner.find((entry) => entry.alg === "ES384");
        const set = api.createLocalJWKSet({ keys: [{ ...es384Entry.verification.jwk, kid: "a" }, { ...es256Entry.verification.jwk, kid: "b" }] });
        const ambiguous = api.createLocalJWKSet({ keys: [other.verification.jwk, es256Entry.verification.jwk] });
        const cache = new VerifiedTokenCache();
        const pairs = [
          ["a set", token, set, {}],
          ["a set, the verified-token cache in the options (decryptAndVerify does not consult it)", token, set, { cache }],
          ["a set, twice with the cache", token, set, { cache }],
          ["hostCrypto: false", token, set, { hostCrypto: false }],
          ["a set without the signer", token, api.createLocalJWKSet({ keys: [other.verification.jwk] }), {}],
          ["a set with two keys that fit", token, ambiguous, {}],
          ["an ES256 token, an ES384 key", token, verificationKeyOf(es384Entry), {}],
          ["an inner HS256 token, an ES256 key", fixtures.everyInner.find((entry) => entry.alg === "HS256").token, verificationKeyOf(es256), {}],
        ];
        assert.equal((await api.decryptAndVerifyAsync(token, key, set)).payload.sub, "alice");
        for (const [what, nested, verifying, options] of pairs) {
          assert.deepEqual(await outcome(() => api.decryptAndVerifyAsync(nested, key, verifying, options)),
            await outcome(() => api.decryptAndVerify(nested, key, verifying, options)), what);
        }
        assert.equal(cache.entries.size, 0, "nothing was cached for the inner token");
        const before = verified;
        await api.decryptAndVerifyAsync(token, key, set, { hostCrypto: false });
        assert.equal(verified, before, "hostCrypto: false keeps the inner signature in Wasm");
      });
    });
  }
}
