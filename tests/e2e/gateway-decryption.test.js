// Issue 18, item 3, in real workerd: edge/worker.js with the DECRYPTION binding (a private JWK Set)
// and an inline verification JWKS, in front of the echo origin. A nested token (ES256 inside
// ECDH-ES+A256KW/A256GCM) is decrypted and verified on the WASI build; what an attacker sends is
// refused with its code, every decryption failure with the same answer; the origin never sees the
// decrypted token. A second worker has `allowUnsigned` in a provider of PROVIDERS. Everything
// started here is stopped in `after`.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/jwe.js"; // it makes the encrypted tokens the worker opens
import { startWorkerd } from "../../edge/run-local.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { AUDIENCE, ISSUER, attacks, jweKeys, jweTokens } from "../support/jwe-gateway.js";

const REQUEST_LIMIT_MS = 10_000;
const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

await edgejwt.init();
const keys = jweKeys(edgejwt);
const tokens = jweTokens(edgejwt, keys);

async function call(gateway, token, headers = {}) {
  const response = await fetch(`${gateway.url}/api/items`, {
    redirect: "manual", signal: AbortSignal.timeout(REQUEST_LIMIT_MS), headers: { ...headers, authorization: `Bearer ${token}` },
  });
  return { status: response.status, challenge: response.headers.get("www-authenticate"), body: await response.json() };
}

describe("the worker in workerd with encrypted access tokens (issue 18)", () => {
  let origin, gateway, unsigned;

  before(async () => {
    origin = await startEchoOrigin();
    cleanups.push(origin.close);
    const provider = {
      jwks: keys.verificationJwks, issuer: ISSUER, audience: AUDIENCE, algorithms: ["ES256"],
      claimHeaders: { "x-user-id": "sub" }, payloadHeader: "x-jwt-payload",
    };
    [gateway, unsigned] = await Promise.all([
      startWorkerd({
        env: {
          ORIGIN: origin.url, JWKS: JSON.stringify(keys.verificationJwks), ISSUER, AUDIENCE, ALGORITHMS: "ES256",
          CLAIM_HEADERS: JSON.stringify({ "x-user-id": "sub" }), PAYLOAD_HEADER: "x-jwt-payload",
          DECRYPTION: JSON.stringify({ jwks: keys.decryptionJwks }),
        },
      }),
      startWorkerd({
        env: {
          ORIGIN: origin.url,
          PROVIDERS: JSON.stringify({ sealed: { ...provider, decryption: { jwks: keys.decryptionJwks, allowUnsigned: true } } }),
        },
      }),
    ]);
    cleanups.push(gateway.stop, unsigned.stop);
  });

  it("forwards a nested token's verified claims as headers, never the decrypted token or its inner JWS", async () => {
    const token = tokens.nested({ sub: "alice" });
    const { status, body } = await call(gateway, token, { "x-user-id": "root" });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.headers["x-user-id"], "alice");
    assert.equal(body.headers.authorization, undefined);
    const payload = JSON.parse(Buffer.from(body.headers["x-jwt-payload"], "base64url"));
    assert.equal(payload.sub, "alice");
    assert.ok(!JSON.stringify(body).includes(token.split(".")[3]), "the ciphertext is not forwarded");
    assert.ok(!/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(JSON.stringify(body.headers)), "no JWS is forwarded");
  });

  it("refuses what an attacker sends, every decryption failure with the one code and challenge", async () => {
    const challenges = new Set();
    for (const attack of attacks(edgejwt, keys)) {
      const { status, body, challenge } = await call(gateway, attack.token);
      assert.equal(status, 401, attack.name);
      assert.equal(body.code, attack.code, attack.name);
      if (attack.code === "ERR_JWE_DECRYPTION_FAILED") challenges.add(challenge);
    }
    assert.equal(challenges.size, 1, [...challenges].join(" | "));
  });

  it("accepts an encrypted-only JWT only where the provider allows it, its claims checked", async () => {
    assert.equal((await call(gateway, tokens.encryptedOnly())).body.code, "ERR_JWT_UNSIGNED");
    const allowed = await call(unsigned, tokens.encryptedOnly({ sub: "bob" }));
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.headers["x-user-id"], "bob");
    assert.equal((await call(unsigned, tokens.encryptedOnly({ aud: "other" }))).body.code, "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert.equal((await call(unsigned, tokens.nested({}, { signer: keys.forger }))).body.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });
});
