// Interop with jose for every algorithm, both directions, on every build: tokens jose signs verify
// here, tokens signed here verify in jose, and a tampered jose token fails here.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { builds, apiFor } from "../support/builds.js";
import { ASYMMETRIC, nodeKeyPair, jwkOf } from "../support/keys.js";

const SECRET_SIZES = { HS256: 32, HS384: 48, HS512: 64 };
const claims = { sub: "user-1", iss: "https://idp.example", aud: ["api", "web"], scope: "read write", n: 3.5 };
const ALGORITHMS = [...Object.keys(SECRET_SIZES), ...Object.keys(ASYMMETRIC)];

// The keys of one algorithm in jose's form and in the JWK form edgejwt imports.
async function keysFor(alg) {
  if (SECRET_SIZES[alg]) {
    const secret = crypto.getRandomValues(new Uint8Array(SECRET_SIZES[alg]));
    return { joseSign: secret, joseVerify: secret, privateJwk: { kty: "oct", k: Buffer.from(secret).toString("base64url") } };
  }
  const { publicKey, privateKey } = nodeKeyPair(alg);
  return { joseSign: privateKey, joseVerify: publicKey, privateJwk: jwkOf(privateKey), publicJwk: jwkOf(publicKey) };
}

for (const build of builds) {
  describe(`jose interop on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    for (const alg of ALGORITHMS) {
      it(`${alg}: jose signs, edgejwt verifies; edgejwt signs, jose verifies`, async () => {
        const keys = await keysFor(alg);
        const verifier = api.importJWK(keys.publicJwk ?? keys.privateJwk);
        const signer = api.importJWK(keys.privateJwk);

        const fromJose = await new jose.SignJWT(claims).setProtectedHeader({ alg, kid: "k1" })
          .setIssuedAt().setExpirationTime("5m").sign(keys.joseSign);
        const { payload, protectedHeader } = api.verify(fromJose, verifier, { algorithms: [alg] });
        assert.equal(protectedHeader.kid, "k1");
        assert.equal(payload.sub, claims.sub);
        assert.deepEqual(payload.aud, claims.aud);

        const fromEdgejwt = api.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 }, signer, { alg });
        const verified = await jose.jwtVerify(fromEdgejwt, keys.joseVerify, { algorithms: [alg] });
        assert.equal(verified.protectedHeader.alg, alg);
        assert.equal(verified.payload.n, 3.5);

        const bytes = crypto.getRandomValues(new Uint8Array(100));
        const compact = await new jose.CompactSign(bytes).setProtectedHeader({ alg }).sign(keys.joseSign);
        assert.deepEqual(api.compactVerify(compact, verifier).payload, bytes);
        const ours = api.compactSign(bytes, signer, { alg });
        assert.deepEqual((await jose.compactVerify(ours, keys.joseVerify)).payload, bytes);
      });

      it(`${alg}: a jose token tampered with fails here`, async () => {
        const keys = await keysFor(alg);
        const token = await new jose.SignJWT(claims).setProtectedHeader({ alg }).sign(keys.joseSign);
        const [h, , s] = token.split(".");
        const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url")}.${s}`;
        assert.throws(() => api.verify(forged, api.importJWK(keys.publicJwk ?? keys.privateJwk)),
          { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      });
    }

    it("exports JWKs and thumbprints jose reads the same way", async () => {
      for (const alg of ["RS256", "ES512", "EdDSA"]) {
        const { publicKey } = api.generateKeyPair(alg);
        const jwk = api.exportJWK(publicKey);
        assert.equal(api.calculateJwkThumbprint(publicKey), await jose.calculateJwkThumbprint(jwk));
        await jose.importJWK(jwk, alg);
      }
    });
  });
}
