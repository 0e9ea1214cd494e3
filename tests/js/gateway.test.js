// createGateway in Node, in front of a local origin, with keys from a local JWKS server.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { startEndpoint, answer } from "../support/endpoint.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { VerifiedTokenCache } from "../../js/token-cache.js";

for (const build of builds.filter((b) => b.name !== "wasi (node:wasi)")) {
  describe(`createGateway on ${build.name}`, () => {
    let api, origin, idp, signer, jwks, gateway;
    const issuer = "https://idp.example";

    before(async () => {
      api = await apiFor(build);
      const { publicKey, privateKey } = api.generateKeyPair("ES256");
      signer = privateKey;
      jwks = { keys: [{ ...api.exportJWK(publicKey), kid: "k1", use: "sig" }] };
      origin = await startEchoOrigin();
      idp = await startEndpoint("/jwks.json");
      idp.respond = answer(jwks);
      gateway = api.createGateway({
        jwksUrl: idp.url, issuer, audience: "api", algorithms: ["ES256"], origin: origin.url,
        tokenSources: ["header:authorization", "cookie:session", "query:access_token"],
        claimHeaders: { "x-user-id": "sub", "x-org-id": "org.id", "x-roles": "roles" }, payloadHeader: "x-jwt-payload",
        bypass: ["/health", "/public/*"], requiredScopes: ["read"], requiredClaims: ["sub"],
        revocation: { jti: ["revoked-jti"], subjects: { "logged-out": Math.floor(Date.now() / 1000) + 5 } },
      });
    });
    after(async () => { await origin.close(); await idp.close(); });

    const token = (claims = {}, options = {}) => api.sign({ sub: "u1", org: { id: "o9" }, roles: ["a", "b"], scope: "read", ...claims },
      signer, { alg: "ES256", kid: "k1", issuer, audience: "api", expiresIn: "5m", ...options });
    const call = async (path, init = {}) => {
      const response = await gateway(new Request(`http://gateway${path}`, init));
      const body = await response.json();
      return { status: response.status, headers: response.headers, body };
    };

    it("forwards a valid token with claim headers and the payload header, from each source", async () => {
      const t = token();
      for (const init of [{ headers: { authorization: `Bearer ${t}` } }, { headers: { cookie: `theme=dark; session=${t}` } }, {}]) {
        const path = init.headers ? "/api/items?x=1" : `/api/items?x=1&access_token=${t}`;
        const { status, body } = await call(path, init);
        assert.equal(status, 200);
        assert.equal(body.path, "/api/items?x=1"); // the query token is stripped
        assert.equal(body.headers["x-user-id"], "u1");
        assert.equal(body.headers["x-org-id"], "o9");
        assert.equal(body.headers["x-roles"], '["a","b"]');
        assert.equal(JSON.parse(Buffer.from(body.headers["x-jwt-payload"], "base64url")).sub, "u1");
        assert.equal(body.headers.authorization, undefined); // the token is not forwarded
        assert.ok(!String(body.headers.cookie ?? "").includes("session="));
      }
      assert.equal(idp.requests.filter((request) => request.url === "/jwks.json").length, 1); // fetched once, imported once
    });

    it("strips spoofed claim and payload headers, also on bypassed paths", async () => {
      const spoof = { "x-user-id": "admin", "x-org-id": "root", "x-jwt-payload": "e30" };
      const { body } = await call("/api", { headers: { ...spoof, authorization: `Bearer ${token({ org: undefined })}` } });
      assert.equal(body.headers["x-user-id"], "u1");
      assert.equal(body.headers["x-org-id"], undefined);
      const health = await call("/health", { headers: spoof });
      assert.equal(health.status, 200);
      for (const name of Object.keys(spoof)) assert.equal(health.body.headers[name], undefined);
    });

    it("bypasses listed paths and CORS preflight without a token", async () => {
      assert.equal((await call("/public/logo.svg")).status, 200);
      assert.equal((await call("/publicity")).status, 401);
      const preflight = await call("/api", { method: "OPTIONS", headers: { "access-control-request-method": "POST", origin: "https://app" } });
      assert.equal(preflight.status, 200);
      assert.equal((await call("/api", { method: "OPTIONS" })).status, 401);
    });

    it("answers 401 with RFC 6750 challenges and a stable code", async () => {
      const missing = await call("/api");
      assert.equal(missing.status, 401);
      assert.equal(missing.headers.get("www-authenticate"), 'Bearer realm="edgejwt"');
      assert.deepEqual(missing.body, { error: "missing_token", code: "ERR_TOKEN_MISSING" });
      const cases = [
        [`${token()}x`, "ERR_BASE64URL_INVALID"],
        [token({}, { expiresIn: 10, iat: Math.floor(Date.now() / 1000) - 100 }), "ERR_JWT_EXPIRED"],
        [token({}, { audience: "other" }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
        [token({}, { kid: "unknown" }), "ERR_JWKS_NO_MATCHING_KEY"],
        [api.sign({ sub: "u1" }, new Uint8Array(32).fill(1), { alg: "HS256", issuer, audience: "api" }), "ERR_JOSE_ALG_NOT_ALLOWED"],
        [token({ jti: "revoked-jti" }), "ERR_JWT_REVOKED"],
        [token({ sub: "logged-out" }), "ERR_JWT_REVOKED"],
      ];
      for (const [t, code] of cases) {
        const { status, headers, body } = await call("/api", { headers: { authorization: `Bearer ${t}` } });
        assert.equal(status, 401, code);
        assert.equal(body.code, code);
        const challenge = headers.get("www-authenticate");
        assert.match(challenge, /^Bearer realm="edgejwt", error="invalid_token", error_description="[^"]*"$/);
        assert.ok(challenge.includes(code));
        assert.ok(!JSON.stringify(body).includes("-----") && !challenge.includes(" at "), "no key material or stack");
      }
    });

    it("answers 403 for a valid token without a required scope or claim", async () => {
      for (const claims of [{ scope: "write" }, { scope: undefined, scp: ["write"] }]) {
        const { status, headers, body } = await call("/api", { headers: { authorization: `Bearer ${token(claims)}` } });
        assert.equal(status, 403);
        assert.equal(body.code, "ERR_INSUFFICIENT_SCOPE");
        assert.match(headers.get("www-authenticate"), /error="insufficient_scope"/);
      }
      assert.equal((await call("/api", { headers: { authorization: `Bearer ${token({ scope: undefined, scp: ["read"] })}` } })).status, 200);
    });

    it("serves repeated tokens from the cache and reports its hit rate", async () => {
      const t = token({ n: 42 });
      for (let i = 0; i < 5; i++) assert.equal((await call("/api", { headers: { authorization: `Bearer ${t}` } })).status, 200);
      const stats = gateway.stats();
      assert.ok(stats.cache.hits >= 4, JSON.stringify(stats.cache));
      assert.ok(stats.cache.hitRate > 0 && stats.cache.hitRate < 1);
      assert.ok(stats.rejections.ERR_TOKEN_MISSING >= 1);
      assert.equal(typeof stats.jwks.fetches, "number");
    });

    it("answers 502 when the origin is unreachable and 503 when no keys can be had", async () => {
      const closed = await startEchoOrigin();
      await closed.close();
      const noOrigin = api.createGateway({ jwks, origin: closed.url });
      assert.equal((await noOrigin(new Request("http://g/a", { headers: { authorization: `Bearer ${token()}` } }))).status, 502);
      const noKeys = api.createGateway({ jwksUrl: `${closed.url}/jwks.json`, origin: origin.url, timeoutDuration: 500 });
      const response = await noKeys(new Request("http://g/a", { headers: { authorization: `Bearer ${token()}` } }));
      assert.equal(response.status, 503);
      assert.equal((await response.json()).code, "ERR_JWKS_FETCH_FAILED");
    });

    it("refuses a bad configuration", () => {
      for (const config of [{ origin: origin.url }, { jwks, origin: "ftp://x" }, { jwks, origin: origin.url, tokenSources: ["header:x-token"] },
        { jwks, origin: origin.url, claimHeaders: { "bad header": "sub" } }, { jwks, origin: origin.url, bypass: ["health"] },
        { jwks, origin: origin.url, issuers: "typo" }, { jwks, secret: new Uint8Array(32), origin: origin.url }]) {
        assert.throws(() => api.createGateway(config), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(Object.keys(config)));
      }
    });
  });
}
