// Encrypted access tokens at createGateway (issue 18, item 3), on each build, with the origin
// request captured as the gateway hands it over: a nested token is decrypted and its inner JWS
// verified as a plain token is; what an attacker sends (tampered parts, another recipient, a
// forged inner JWS, an encrypted-only JWT, an oversized JWE, zip, RSA1_5, a huge p2c) is refused,
// every decryption failure with the one code and answer; nothing decrypted reaches the origin.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { builds as defaultBuilds, jweBuilds as builds, apiFor } from "../support/builds.js";
import { AUDIENCE, ISSUER, JWE, PBES2, attacks, jweKeys, jweTokens, tampered } from "../support/jwe-gateway.js";

const ORIGIN = "https://origin.example";

for (const build of builds.filter((b) => b.name !== "wasi JWE (node:wasi)")) {
  describe(`createGateway with encrypted tokens on ${build.name}`, () => {
    let api, keys, tokens, forwarded;
    // `decryption`: the provider's option (null: none).
    const gatewayWith = (options = {}, decryption = { jwks: keys.decryptionJwks }) => api.createGateway({
      origin: ORIGIN, fetch: async (request) => { forwarded.push(request); return new Response("origin"); },
      jwks: keys.verificationJwks, issuer: ISSUER, audience: AUDIENCE, algorithms: ["ES256"],
      claimHeaders: { "x-user-id": "sub" }, payloadHeader: "x-jwt-payload", ...(decryption ? { decryption } : {}), ...options,
    });
    const call = async (gateway, token, headers = {}) => {
      forwarded = [];
      const response = await gateway(new Request(`${ORIGIN}/api`, { headers: { authorization: `Bearer ${token}`, ...headers } }));
      const text = await response.text();
      return { status: response.status, text, body: response.status === 200 ? null : JSON.parse(text), challenge: response.headers.get("www-authenticate"), origin: forwarded[0] };
    };

    before(async () => {
      api = await apiFor(build);
      keys = jweKeys(api);
      tokens = jweTokens(api, keys);
    });

    it("a nested token: decrypted, its inner JWS verified; the origin gets the claim headers, never the decrypted token", async () => {
      const gateway = gatewayWith();
      const token = tokens.nested({ sub: "alice" });
      const inner = new TextDecoder().decode(api.compactDecrypt(token, api.createLocalJWKSet(keys.decryptionJwks, { use: "enc" })).plaintext);
      const { status, origin } = await call(gateway, token, { "x-user-id": "spoofed" });
      assert.equal(status, 200);
      assert.equal(origin.headers.get("x-user-id"), "alice");
      assert.equal(origin.headers.get("x-jwt-payload"), inner.split(".")[1]); // the verified claims, as for the same JWS sent plain
      assert.equal(origin.headers.get("authorization"), null);
      for (const [, value] of origin.headers) {
        assert.ok(!value.includes(inner.split(".")[2]) && !value.includes(token.split(".")[3]), "no inner signature or ciphertext is forwarded");
      }
    });

    it("forwardToken forwards the JWE as the client sent it, never its decrypted inner JWS", async () => {
      const token = tokens.nested();
      const { status, origin } = await call(gatewayWith({ forwardToken: true }), token);
      assert.equal(status, 200);
      assert.equal(origin.headers.get("authorization"), `Bearer ${token}`);
    });

    it("every decryption failure an attacker can cause is one 401 ERR_JWE_DECRYPTION_FAILED, the same answer whichever part was wrong", async () => {
      const gateway = gatewayWith();
      const answers = new Set();
      for (const attack of attacks(api, keys).filter(({ code }) => code === "ERR_JWE_DECRYPTION_FAILED")) {
        const { status, body, challenge, origin } = await call(gateway, attack.token);
        assert.equal(status, 401, attack.name);
        assert.deepEqual(body, { error: "invalid_token", code: "ERR_JWE_DECRYPTION_FAILED" }, attack.name);
        assert.equal(origin, undefined, attack.name);
        answers.add(challenge);
      }
      assert.equal(answers.size, 1, `one challenge for all: ${[...answers].join(" | ")}`);
    });

    it("a nested token whose inner JWS is forged, an encrypted-only JWT, a JWE inside a JWE: refused with their codes", async () => {
      const gateway = gatewayWith();
      for (const attack of attacks(api, keys).filter(({ code }) => code !== "ERR_JWE_DECRYPTION_FAILED")) {
        const { status, body, origin } = await call(gateway, attack.token);
        assert.equal(status, 401, attack.name);
        assert.equal(body.code, attack.code, attack.name);
        assert.equal(origin, undefined, attack.name);
      }
    });

    it("the inner JWS meets every check of a plain token: issuer, audience, expiry, algorithms, required scopes, revocation", async () => {
      const gateway = gatewayWith({ requiredScopes: ["read"], revocation: { jti: ["revoked-jti"] } });
      const refused = async (claims, code, status = 401) => {
        const answer = await call(gateway, tokens.nested(claims));
        assert.equal(answer.status, status, JSON.stringify(claims));
        assert.equal(answer.body.code, code, JSON.stringify(claims));
      };
      await refused({ iss: "https://attacker.example" }, "ERR_JWT_CLAIM_VALIDATION_FAILED");
      await refused({ aud: "other" }, "ERR_JWT_CLAIM_VALIDATION_FAILED");
      await refused({ exp: Math.floor(Date.now() / 1000) - 60 }, "ERR_JWT_EXPIRED");
      await refused({ scope: "write" }, "ERR_INSUFFICIENT_SCOPE", 403);
      await refused({ jti: "revoked-jti" }, "ERR_JWT_REVOKED");
      assert.equal((await call(gateway, tokens.nested({ jti: "fine" }))).status, 200);
    });

    it("an encrypted-only JWT is accepted only with allowUnsigned, its claims checked", async () => {
      const gateway = gatewayWith({}, { jwks: keys.decryptionJwks, allowUnsigned: true });
      const ok = await call(gateway, tokens.encryptedOnly({ sub: "bob" }));
      assert.equal(ok.status, 200);
      assert.equal(ok.origin.headers.get("x-user-id"), "bob");
      assert.deepEqual(JSON.parse(Buffer.from(ok.origin.headers.get("x-jwt-payload"), "base64url")).sub, "bob");
      const expired = await call(gateway, tokens.encryptedOnly({ exp: Math.floor(Date.now() / 1000) - 60 }));
      assert.equal(expired.body.code, "ERR_JWT_EXPIRED");
      const otherIssuer = await call(gateway, tokens.encryptedOnly({ iss: "https://attacker.example" }));
      assert.equal(otherIssuer.body.code, "ERR_JWT_CLAIM_VALIDATION_FAILED");
      // Nested tokens still have their inner JWS verified.
      assert.equal((await call(gateway, tokens.nested({}, { signer: keys.forger }))).body.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    });

    it("a JWE sent to a provider without a decryption config is refused with ERR_JWE_NOT_ACCEPTED", async () => {
      const gateway = gatewayWith({}, null);
      const { status, body } = await call(gateway, tokens.nested());
      assert.equal(status, 401);
      assert.equal(body.code, "ERR_JWE_NOT_ACCEPTED");
      assert.equal((await call(gateway, tokens.signed())).status, 200);
    });

    it("a verdict for one ciphertext never answers for another: a cached token's tampered copy is decrypted and refused", async () => {
      const gateway = gatewayWith({ cache: { maxEntries: 16 } });
      const token = tokens.nested();
      assert.equal((await call(gateway, token)).status, 200);
      assert.equal((await call(gateway, token)).status, 200);
      assert.ok(gateway.stats().cache.hits >= 1, "the inner JWS's verdict is cached");
      for (const index of [1, 2, 3, 4]) {
        assert.equal((await call(gateway, tampered(token, index))).body?.code, "ERR_JWE_DECRYPTION_FAILED", `part ${index}`);
      }
      // Another encryption of another token, and the same claims to another recipient: each judged on its own.
      assert.equal((await call(gateway, tokens.nested({ sub: "u2" }))).status, 200);
      assert.equal((await call(gateway, tokens.nested({}, { recipient: keys.strangerRecipient }))).body?.code, "ERR_JWE_DECRYPTION_FAILED");
    });

    it("PBES2: a p2c past maxPBES2Count is refused through the gateway, the bound configurable", async () => {
      const password = new TextEncoder().encode("correct horse battery staple");
      const inner = tokens.signed();
      const withCount = (p2c) => new jose.CompactEncrypt(new TextEncoder().encode(inner))
        .setProtectedHeader({ ...PBES2, cty: "JWT" }).setKeyManagementParameters({ p2c }).encrypt(password);
      const decryption = { secret: password, alg: PBES2.alg, keyManagementAlgorithms: [PBES2.alg] };
      const gateway = gatewayWith({}, decryption);
      assert.equal((await call(gateway, await withCount(10_000))).status, 200);
      assert.equal((await call(gateway, await withCount(10_001))).body.code, "ERR_JWE_DECRYPTION_FAILED");
      const stricter = gatewayWith({}, { ...decryption, maxPBES2Count: 1_000 });
      assert.equal((await call(stricter, await withCount(1_001))).body.code, "ERR_JWE_DECRYPTION_FAILED");
    });

    it("several providers: an encrypted token goes to the one that decrypts, and is verified there", async () => {
      const gateway = api.createGateway({
        origin: ORIGIN, fetch: async (request) => { forwarded.push(request); return new Response("origin"); },
        providers: {
          plain: { jwks: keys.verificationJwks, issuer: "https://other.example" },
          sealed: { jwks: keys.verificationJwks, issuer: ISSUER, audience: AUDIENCE, decryption: { jwks: keys.decryptionJwks } },
        },
      });
      assert.equal((await call(gateway, tokens.nested())).status, 200);
      assert.equal((await call(gateway, tokens.nested({}, { signer: keys.forger }))).body.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    });

    it("refuses a decryption config that cannot work, when the gateway is made", () => {
      assert.throws(() => gatewayWith({}, { jwks: keys.decryptionJwks, pem: "x" }), { code: "ERR_INVALID_ARGUMENT" });
      assert.throws(() => gatewayWith({}, { jwks: keys.decryptionJwks, allowUnsigend: true }), /unknown option "allowUnsigend"/);
      assert.throws(() => gatewayWith({}, { secret: new Uint8Array(32) }), /alg/);
      assert.throws(() => gatewayWith({}, { jwks: keys.decryptionJwks, keyManagementAlgorithms: ["RSA1_5"] }));
      assert.throws(() => gatewayWith({}, { jwks: keys.decryptionJwks, allowUnsigned: "yes" }), /allowUnsigned/);
    });
  });
}

// A gateway on a default module (edgejwt, edgejwt/wasi) has no JWE core: a provider that would
// decrypt fails when the gateway is made, naming the entry that has it, never on the first token.
for (const [index, build] of builds.entries()) {
  it(`a decryption provider on ${defaultBuilds[index].name} (no JWE core) fails at createGateway, naming edgejwt/jwe`, async () => {
    const keys = jweKeys(await apiFor(build));
    const api = await apiFor(defaultBuilds[index]);
    for (const decryption of [{ jwks: keys.decryptionJwks }, { secret: new Uint8Array(32), alg: "A256KW" }]) {
      assert.throws(() => api.createGateway({ origin: ORIGIN, jwks: keys.verificationJwks, issuer: ISSUER, audience: AUDIENCE, decryption }),
        { code: "ERR_JOSE_NOT_SUPPORTED", message: /edgejwt\/jwe/ });
    }
  });
}

// The package's default entry binds a gateway without decryption (gateway/bind.js: no JWE module in
// its bundles); a provider that would decrypt is refused when the gateway is made, naming the entry.
it("the edgejwt entry's createGateway refuses a decryption provider, naming edgejwt/jwe; edgejwt/jwe's decrypts", async () => {
  const entry = await import("../../js/index.js");
  const jweEntry = await import("../../js/jwe.js");
  await entry.init();
  await jweEntry.init();
  const keys = jweKeys(jweEntry);
  const config = { origin: ORIGIN, jwks: keys.verificationJwks, issuer: ISSUER, audience: AUDIENCE, decryption: { jwks: keys.decryptionJwks } };
  assert.throws(() => entry.createGateway(config), { code: "ERR_JOSE_NOT_SUPPORTED", message: /edgejwt\/jwe/ });
  const gateway = jweEntry.createGateway({ ...config, fetch: async () => new Response("origin") });
  const response = await gateway(new Request(`${ORIGIN}/x`, { headers: { authorization: `Bearer ${jweTokens(jweEntry, keys).nested()}` } }));
  assert.equal(response.status, 200);
});
