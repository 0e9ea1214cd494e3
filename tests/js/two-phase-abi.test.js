// The two-phase C ABI, driven directly (edgejwt_verify_begin, a host's verdict, edgejwt_verify_finish):
// the core does every check but the signature primitive, the host (here node:crypto) checks the
// primitive, the core finishes. Malformed and hostile tokens must be refused by the core before the
// host is asked anything. (The API's use of it, js/host-crypto/, is host-crypto.test.js's.)
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { createPublicKey, verify as nodeVerify } from "node:crypto";

import { builds, apiFor, coreFor } from "../support/builds.js";
import { ASYMMETRIC, nodeKeyPair, jwkOf } from "../support/keys.js";

const KEY_JWK = 2;
const PAYLOAD_JWT = 0;
const NODE_HASH = { 256: "sha256", 384: "sha384", 512: "sha512" };

// What node:crypto needs to check `alg`'s primitive.
function nodeCheck(alg, jwk, input, signature) {
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const hash = alg.startsWith("Ed") ? null : NODE_HASH[alg.slice(2)];
  const options = alg.startsWith("PS") ? { key, padding: 6, saltLength: Number(alg.slice(2)) / 8 }
    : alg.startsWith("ES") ? { key, dsaEncoding: "ieee-p1363" } : key;
  return nodeVerify(hash, input, options, signature);
}

for (const build of builds) {
  describe(`the two-phase ABI on ${build.name}`, () => {
    let core;
    let api;
    before(async () => { core = await coreFor(build); api = await apiFor(build); });

    const importJwk = (jwk) => core.call("edgejwt_key_import", KEY_JWK, JSON.stringify(jwk), "").handle;
    let finished; // what the last finish returned

    // begin → host check → finish; returns the status name of whichever step stopped it.
    function verifyWithHost(token, keyHandle, jwk, now = Date.now() / 1000) {
      const begun = core.attempt("edgejwt_verify_begin", keyHandle, 0, token);
      if (begun.status !== 0) return core.statusName(begun.status);
      const { handle, header, signingInput, signature } = begun.outputs;
      const valid = nodeCheck(JSON.parse(header).alg, jwk, core.bytesOf(signingInput), core.bytesOf(signature));
      finished = core.attempt("edgejwt_verify_finish", handle, PAYLOAD_JWT, valid, now);
      return core.statusName(finished.status);
    }

    for (const alg of Object.keys(ASYMMETRIC)) {
      it(`${alg}: the host's verdict completes the core's checks`, () => {
        const { publicKey, privateKey } = nodeKeyPair(alg);
        const jwk = jwkOf(publicKey);
        const key = importJwk(jwk);
        const signer = api.importJWK(jwkOf(privateKey));
        const now = Math.floor(Date.now() / 1000);
        const token = api.sign({ sub: "u1", exp: now + 60 }, signer, { alg });
        assert.equal(verifyWithHost(token, key, jwk), "OK");
        assert.equal(JSON.parse(Buffer.from(finished.outputs.payload)).sub, "u1");
        const [h, p, s] = token.split(".");
        const forged = `${h}.${Buffer.from('{"sub":"admin"}').toString("base64url")}.${s}`;
        assert.equal(verifyWithHost(forged, key, jwk), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        assert.equal(verifyWithHost(token, key, jwk, now + 120), "ERR_JWT_EXPIRED");
        // Refused before the host is asked: wrong length, another family's algorithm.
        const short = Buffer.from(s, "base64url").subarray(1).toString("base64url");
        assert.equal(verifyWithHost(`${h}.${p}.${short}`, key, jwk), "ERR_JWS_SIGNATURE_LENGTH");
        const hs = `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${p}.${s}`;
        assert.equal(verifyWithHost(hs, key, jwk), "ERR_JOSE_ALG_NOT_ALLOWED");
      });
    }

    it("refuses out-of-range ECDSA r and s and non-canonical Ed25519 S before the host", () => {
      const es = nodeKeyPair("ES256");
      const esJwk = jwkOf(es.publicKey);
      const header = Buffer.from('{"alg":"ES256"}').toString("base64url");
      const payload = Buffer.from("{}").toString("base64url");
      for (const signature of [new Uint8Array(64), new Uint8Array(64).fill(0xff)]) {
        const token = `${header}.${payload}.${Buffer.from(signature).toString("base64url")}`;
        assert.equal(verifyWithHost(token, importJwk(esJwk), esJwk), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      }
      const ed = nodeKeyPair("EdDSA");
      const edJwk = jwkOf(ed.publicKey);
      const token = api.sign({}, api.importJWK(jwkOf(ed.privateKey)), { alg: "EdDSA" });
      const [h, p, s] = token.split(".");
      const signature = Buffer.from(s, "base64url");
      signature.fill(0xff, 32); // S = 2^256 - 1 > L
      assert.equal(verifyWithHost(`${h}.${p}.${signature.toString("base64url")}`, importJwk(edJwk), edJwk),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    });

    it("finishing without a begun verification is refused, and a verification finishes once", () => {
      assert.equal(core.statusName(core.status("edgejwt_verify_finish", 0, PAYLOAD_JWT, true, 0)), "ERR_INVALID_HANDLE");
      const { publicKey, privateKey } = nodeKeyPair("ES256");
      const token = api.sign({ sub: "once" }, api.importJWK(jwkOf(privateKey)), { alg: "ES256" });
      const { handle } = core.call("edgejwt_verify_begin", importJwk(jwkOf(publicKey)), 0, token);
      assert.equal(core.status("edgejwt_verify_finish", handle, PAYLOAD_JWT, true, Date.now() / 1000), 0);
      assert.equal(core.statusName(core.status("edgejwt_verify_finish", handle, PAYLOAD_JWT, true, 0)), "ERR_INVALID_HANDLE");
    });
  });
}
