// Keys on every build: import and export in every format, generation, thumbprints, key sets, and
// the refusals that keep a key to its family and its declared use.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { createHmac, createPrivateKey, createPublicKey } from "node:crypto";

import { builds, apiFor } from "../support/builds.js";
import { ASYMMETRIC, nodeKeyPair, jwkOf, pemOf, fixture, freshKeyPair } from "../support/keys.js";

const claims = { sub: "u1", iss: "https://idp.example", iat: 1700000000 }; // a given iat is kept as is
const code = (expected) => (error) => {
  assert.equal(error.status ?? error.code, expected, `expected ${expected}, got ${error.status ?? error.code}: ${error.message}`);
  return true;
};

for (const build of builds) {
  describe(`keys on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    for (const alg of Object.keys(ASYMMETRIC)) {
      it(`${alg}: JWK private signs, JWK public verifies, both export back`, () => {
        const { publicKey, privateKey } = nodeKeyPair(alg);
        const signer = api.importJWK(jwkOf(privateKey), alg);
        const verifier = api.importJWK(jwkOf(publicKey));
        assert.equal(signer.type, "private");
        assert.equal(verifier.type, "public");
        const token = api.sign(claims, signer, { alg });
        assert.deepEqual(api.verify(token, verifier).payload, claims);
        assert.deepEqual(api.exportJWK(verifier), jwkOf(publicKey));
        assert.deepEqual(api.exportJWK(signer), jwkOf(privateKey)); // the alg passed to importJWK binds; it is not exported
      });

      it(`${alg}: PEM SPKI and PKCS#8 import, export matches node:crypto`, () => {
        const { publicKey, privateKey } = nodeKeyPair(alg);
        const signer = api.importPKCS8(pemOf(privateKey, "pkcs8"), alg);
        const verifier = api.importSPKI(pemOf(publicKey, "spki"), alg);
        assert.deepEqual(api.verify(api.sign(claims, signer, { alg }), verifier).payload, claims);
        assert.equal(api.exportSPKI(verifier), pemOf(publicKey, "spki"));
        const exported = createPrivateKey(api.exportPKCS8(signer));
        assert.deepEqual(jwkOf(exported), jwkOf(privateKey));
      });

      it(`${alg}: generated key pairs sign and verify, and node:crypto reads them`, () => {
        const { publicKey, privateKey } = api.generateKeyPair(alg);
        assert.deepEqual([publicKey.type, privateKey.type], ["public", "private"]);
        assert.ok(privateKey.algorithms.includes(alg));
        const token = api.sign(claims, privateKey, { alg });
        assert.deepEqual(api.verify(token, publicKey, { algorithms: [alg] }).payload, claims);
        // The algorithm binds a generated key as an importer's alg does: it is not written (as jose).
        const exported = api.exportJWK(publicKey);
        assert.equal(exported.alg, undefined);
        assert.equal(api.exportJWK(privateKey).alg, undefined);
        assert.deepEqual(publicKey.algorithms, privateKey.algorithms);
        assert.deepEqual(jwkOf(createPublicKey(api.exportSPKI(publicKey))), exported);
      });
    }

    it("imports PKCS#1 and SEC1 PEM with importPEM", () => {
      const rsa = nodeKeyPair("RS256");
      const ec = nodeKeyPair("ES256");
      const token = api.sign(claims, api.importPEM(pemOf(rsa.privateKey, "pkcs1")), { alg: "RS256" });
      assert.ok(api.verify(token, api.importPEM(pemOf(rsa.publicKey, "pkcs1"))));
      const ecToken = api.sign(claims, api.importPEM(pemOf(ec.privateKey, "sec1")), { alg: "ES256" });
      assert.ok(api.verify(ecToken, api.importPEM(pemOf(ec.publicKey, "spki"))));
    });

    for (const [name, alg] of [["rsa", "RS256"], ["ec", "ES256"], ["ed25519", "EdDSA"]]) {
      it(`takes the public key of an X.509 certificate (${name})`, () => {
        const signer = api.importPKCS8(fixture(`${name}-certificate-key.pem`));
        const token = api.sign(claims, signer, { alg });
        assert.deepEqual(api.verify(token, api.importX509(fixture(`${name}-certificate.pem`))).payload, claims);
        assert.deepEqual(api.verify(token, api.importPEM(fixture(`${name}-certificate.pem`))).payload, claims);
      });
    }

    it("checks a JWK's x5c certificate against the key", () => {
      const certificate = fixture("rsa-certificate.pem").replace(/-----[A-Z ]+-----|\s/g, "");
      const jwk = jwkOf(createPublicKey(fixture("rsa-certificate.pem")));
      assert.equal(api.importJWK({ ...jwk, x5c: [certificate] }).type, "public");
      const other = jwkOf(nodeKeyPair("RS256").publicKey);
      assert.throws(() => api.importJWK({ ...other, x5c: [certificate] }), code("ERR_JWK_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, x5c: [] }), code("ERR_JWK_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, x5c: [certificate.replace(/=*$/, "")] }), code("ERR_JWK_INVALID"));
    });

    it("refuses a PEM of the wrong kind for importSPKI/importPKCS8/importX509", () => {
      const { publicKey, privateKey } = nodeKeyPair("ES256");
      assert.throws(() => api.importSPKI(pemOf(privateKey, "pkcs8")), code("ERR_INVALID_ARGUMENT"));
      assert.throws(() => api.importPKCS8(pemOf(publicKey, "spki")), code("ERR_INVALID_ARGUMENT"));
      assert.throws(() => api.importX509(pemOf(publicKey, "spki")), code("ERR_INVALID_ARGUMENT"));
    });

    it("imports and exports HMAC secrets as oct JWKs", () => {
      const secret = api.generateSecret("HS512");
      assert.equal(secret.type, "secret");
      const jwk = api.exportJWK(secret);
      assert.equal(jwk.kty, "oct");
      assert.equal(Buffer.from(jwk.k, "base64url").length, 64);
      const token = api.sign(claims, secret, { alg: "HS512" });
      assert.ok(api.verify(token, api.importJWK(jwk)));
      assert.ok(api.verify(token, new Uint8Array(Buffer.from(jwk.k, "base64url"))));
    });

    it("refuses RSA moduli under 2048 bits and bad exponents", () => {
      const small = jwkOf(nodeKeyPair("RS256").publicKey);
      assert.throws(() => api.importJWK(weakRsaPublicJwk()), code("ERR_KEY_TOO_SHORT"));
      assert.throws(() => api.importJWK({ ...small, e: "AQ" }), code("ERR_KEY_INVALID"));
      assert.throws(() => api.importJWK({ ...small, e: "AQAA" }), code("ERR_KEY_INVALID")); // 65536: even
      assert.throws(() => api.importJWK({ ...small, n: `AA${small.n}` }), code("ERR_JWK_INVALID")); // not minimal
    });

    it("refuses EC points off the curve, of the wrong length, or at x >= p", () => {
      const jwk = jwkOf(nodeKeyPair("ES256").publicKey);
      const y = Buffer.from(jwk.y, "base64url");
      y[31] ^= 1;
      assert.throws(() => api.importJWK({ ...jwk, y: y.toString("base64url") }), code("ERR_KEY_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, x: jwk.x.slice(0, -2) }), code("ERR_JWK_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, x: Buffer.alloc(32, 0xff).toString("base64url") }), code("ERR_KEY_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, crv: "secp256k1" }), code("ERR_KEY_UNSUPPORTED"));
    });

    it("refuses a private key whose public part does not match", () => {
      const ec = jwkOf(nodeKeyPair("ES256").privateKey);
      const other = api.exportJWK(api.generateKeyPair("ES256").publicKey);
      assert.throws(() => api.importJWK({ ...ec, x: other.x, y: other.y }), code("ERR_KEY_INVALID"));
      const ed = jwkOf(nodeKeyPair("EdDSA").privateKey);
      const edOther = api.exportJWK(api.generateKeyPair("EdDSA").publicKey);
      assert.throws(() => api.importJWK({ ...ed, x: edOther.x }), code("ERR_KEY_INVALID"));
    });

    it("binds keys to their family: an Ed25519 JWK with alg ES256 is refused", () => {
      const jwk = jwkOf(nodeKeyPair("EdDSA").publicKey);
      assert.throws(() => api.importJWK({ ...jwk, alg: "ES256" }), code("ERR_JWK_INVALID"));
      assert.throws(() => api.importJWK(jwk, "RS256"), code("ERR_JWK_INVALID"));
      assert.throws(() => api.importJWK({ ...jwk, alg: "EdDSA" }, "Ed25519"), code("ERR_KEY_USAGE"));
      const es384 = api.sign(claims, api.importJWK(jwkOf(nodeKeyPair("ES384").privateKey)), { alg: "ES384" });
      assert.throws(() => api.verify(es384, api.importJWK(jwkOf(nodeKeyPair("ES256").publicKey)), { algorithms: ["ES384"] }),
        code("ERR_JOSE_ALG_NOT_ALLOWED"));
    });

    it("honours use and key_ops", () => {
      const { publicKey, privateKey } = nodeKeyPair("ES256");
      const token = api.sign(claims, api.importJWK(jwkOf(privateKey)), { alg: "ES256" });
      const pub = jwkOf(publicKey);
      assert.throws(() => api.verify(token, api.importJWK({ ...pub, use: "enc" })), code("ERR_KEY_USAGE"));
      assert.throws(() => api.verify(token, api.importJWK({ ...pub, key_ops: ["encrypt"] })), code("ERR_KEY_USAGE"));
      assert.ok(api.verify(token, api.importJWK({ ...pub, use: "sig", key_ops: ["verify"] })));
      const signOnly = api.importJWK({ ...jwkOf(privateKey), key_ops: ["verify"] });
      assert.throws(() => api.sign(claims, signOnly, { alg: "ES256" }), code("ERR_KEY_USAGE"));
      assert.throws(() => api.importJWK({ ...pub, key_ops: ["verify", "verify"] }), code("ERR_JWK_INVALID"));
      assert.throws(() => api.sign(claims, api.importJWK(pub), { alg: "ES256" }), code("ERR_KEY_USAGE"));
    });

    it("never lets public key encodings act as HMAC secrets (RS256 -> HS256 confusion)", () => {
      const { publicKey } = nodeKeyPair("RS256");
      const pem = pemOf(publicKey, "spki");
      const jwkText = JSON.stringify(jwkOf(publicKey));
      const der = new Uint8Array(publicKey.export({ format: "der", type: "spki" }));
      // The attacker's token: HS256 with the public key's PEM as the HMAC secret.
      const forged = api.sign(claims, new Uint8Array(64).fill(1), { alg: "HS256" }).split(".").slice(0, 2).join(".");
      const hmacToken = (secret) => `${forged}.${Buffer.from(hmacSha256(secret, forged)).toString("base64url")}`;
      for (const secret of [pem, jwkText]) {
        const bytes = new TextEncoder().encode(secret);
        assert.throws(() => api.verify(hmacToken(bytes), api.importSPKI(pem)), code("ERR_JOSE_ALG_NOT_ALLOWED"));
        assert.throws(() => api.verify(hmacToken(bytes), api.importJWK(jwkText), { algorithms: ["HS256"] }),
          code("ERR_JOSE_ALG_NOT_ALLOWED"));
        assert.throws(() => api.verify(hmacToken(bytes), bytes), code("ERR_KEY_USAGE"));
      }
      assert.throws(() => api.verify(hmacToken(der), der), code("ERR_KEY_USAGE"));
    });

    it("computes RFC 7638 thumbprints (§3.1 example) like jose", async () => {
      const jwk = {
        kty: "RSA", e: "AQAB", alg: "RS256", kid: "2011-04-29",
        n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      };
      assert.equal(api.calculateJwkThumbprint(jwk), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
      const jose = await import("jose");
      for (const alg of ["ES384", "EdDSA", "PS256"]) {
        const publicJwk = jwkOf(nodeKeyPair(alg).publicKey);
        for (const digest of ["sha256", "sha384", "sha512"]) {
          assert.equal(api.calculateJwkThumbprint(publicJwk, digest), await jose.calculateJwkThumbprint(publicJwk, digest));
        }
        assert.equal(api.calculateJwkThumbprint(api.importJWK(publicJwk)), await jose.calculateJwkThumbprint(publicJwk));
      }
    });

    it("selects from a local JWK Set like jose", () => {
      const es = nodeKeyPair("ES256");
      const rsa = nodeKeyPair("RS256");
      const jwks = {
        keys: [
          { ...jwkOf(es.publicKey), kid: "ec-1", use: "sig" },
          { ...jwkOf(rsa.publicKey), kid: "rsa-1", alg: "RS256" },
          { ...jwkOf(rsa.publicKey), kid: "rsa-enc", use: "enc" },
          { kty: "oct", k: Buffer.alloc(32, 1).toString("base64url"), kid: "secret" },
          { kty: "OKP", crv: "X25519", x: Buffer.alloc(32, 9).toString("base64url"), kid: "x25519" },
        ],
      };
      const set = api.createLocalJWKSet(jwks);
      assert.equal(set.size, 4);
      assert.equal(set.skipped, 1);
      const esSigner = api.importJWK(jwkOf(es.privateKey));
      const rsaSigner = api.importJWK(jwkOf(rsa.privateKey));
      const withKid = api.sign(claims, esSigner, { alg: "ES256", kid: "ec-1" });
      const result = api.verify(withKid, set);
      assert.equal(result.key.kid, "ec-1");
      assert.ok(api.verify(api.sign(claims, esSigner, { alg: "ES256" }), set)); // no kid: one EC key fits
      assert.throws(() => api.verify(api.sign(claims, esSigner, { alg: "ES256", kid: "nope" }), set), code("ERR_JWKS_NO_MATCHING_KEY"));
      assert.throws(() => api.verify(api.sign(claims, rsaSigner, { alg: "PS256", kid: "rsa-1" }), set), code("ERR_JWKS_NO_MATCHING_KEY"));
      assert.throws(() => api.verify(api.sign(claims, rsaSigner, { alg: "RS256", kid: "rsa-enc" }), set), code("ERR_JWKS_NO_MATCHING_KEY"));
      assert.throws(() => api.verify(api.sign(claims, new Uint8Array(32).fill(1), { alg: "HS256", kid: "secret" }), set),
        code("ERR_JWKS_NO_MATCHING_KEY"));
      const twice = api.createLocalJWKSet({ keys: [jwkOf(es.publicKey), { ...jwkOf(es.publicKey), kid: "b" }] });
      assert.throws(() => api.verify(api.sign(claims, esSigner, { alg: "ES256" }), twice), code("ERR_JWKS_MULTIPLE_MATCHING_KEYS"));
      assert.throws(() => api.createLocalJWKSet({ keys: "nope" }), code("ERR_JWKS_INVALID"));
      assert.throws(() => api.createLocalJWKSet({ keys: [1] }), code("ERR_JWKS_INVALID"));
    });

    it("signs and verifies arbitrary payload bytes with compactSign/compactVerify", () => {
      const payload = new Uint8Array([0, 255, 1, 254, 0xc3, 0x28]);
      for (const alg of ["ES256", "EdDSA", "PS384"]) {
        const { privateKey, publicKey } = api.generateKeyPair(alg);
        const token = api.compactSign(payload, privateKey, { alg });
        const result = api.compactVerify(token, publicKey);
        assert.deepEqual(result.payload, payload);
        assert.deepEqual(result.protectedHeader, { alg });
        assert.throws(() => api.verify(token, publicKey), code("ERR_JSON_INVALID"));
      }
    });

    it("frees keys explicitly and refuses freed or foreign ones", async () => {
      const key = api.generateSecret("HS256");
      const token = api.sign(claims, key, { alg: "HS256" });
      key.free();
      assert.throws(() => api.verify(token, key), code("ERR_INVALID_ARGUMENT"));
      const other = await apiFor(build);
      assert.throws(() => api.verify(token, other.generateSecret("HS256")), code("ERR_INVALID_ARGUMENT"));
    });
  });
}

// A 1024-bit RSA key: node:crypto still makes them, edgejwt must refuse them.
function weakRsaPublicJwk() {
  return jwkOf(freshKeyPair("rsa", { modulusLength: 1024 }).publicKey);
}

function hmacSha256(secret, text) {
  return createHmac("sha256", secret).update(text).digest();
}
