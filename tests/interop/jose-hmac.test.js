// Interop with jose: tokens it signs verify here, and tokens signed here verify there.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { SignJWT, jwtVerify } from "jose";

import { builds, apiFor } from "../support/builds.js";

const ALGORITHMS = { HS256: 32, HS384: 48, HS512: 64 };
const claims = { sub: "user-1", iss: "https://idp.example", aud: ["api", "web"], scope: "read write", n: 3.5 };

for (const build of builds) {
  describe(`jose interop on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    for (const [alg, size] of Object.entries(ALGORITHMS)) {
      const secret = crypto.getRandomValues(new Uint8Array(size));

      it(`${alg}: jose signs, edgejwt verifies`, async () => {
        const token = await new SignJWT(claims).setProtectedHeader({ alg, kid: "k1" }).setIssuedAt().setExpirationTime("5m").sign(secret);
        const { payload, protectedHeader } = api.verify(token, secret, { algorithms: [alg] });
        assert.equal(protectedHeader.kid, "k1");
        assert.deepEqual({ ...payload, iat: undefined, exp: undefined }, { ...claims, iat: undefined, exp: undefined });
      });

      it(`${alg}: edgejwt signs, jose verifies`, async () => {
        const token = api.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 }, secret, { alg });
        const { payload, protectedHeader } = await jwtVerify(token, secret, { algorithms: [alg] });
        assert.equal(protectedHeader.alg, alg);
        assert.equal(payload.sub, claims.sub);
      });

      it(`${alg}: a jose token tampered with fails here`, async () => {
        const token = await new SignJWT(claims).setProtectedHeader({ alg }).sign(secret);
        const [h, , s] = token.split(".");
        const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url")}.${s}`;
        assert.throws(() => api.verify(forged, secret), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
      });
    }
  });
}
