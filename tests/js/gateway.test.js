// createGateway in Node, in front of a local origin, with keys from a local JWKS server.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { startEndpoint, answer } from "../support/endpoint.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { GATEWAY_SECRET, assertForwardedPath, claimsToken, hmacToken, hostilePath, random } from "../support/gateway.js";

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
        claimHeaders: { "x-user-id": "sub", "x-org-id": "org.id", "x-roles": { claim: "roles", encoding: "list" } },
        payloadHeader: "x-jwt-payload", bypass: ["/health", "/public/*"], bypassPreflight: true,
        requiredScopes: ["read"], requiredClaims: ["sub"],
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
        assert.equal(body.headers["x-roles"], "a,b");
        assert.equal(body.headers["x-jwt-payload"], t.split(".")[1]); // the signed bytes themselves
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

  // Issue 11, the client request → the origin request: each finding as a named test, in process
  // with a fetch that records the origin requests the gateway makes (tests/e2e/gateway-adversarial
  // sends the same attacks over raw sockets to the worker in workerd).
  describe(`the gateway's client → origin boundary on ${build.name} (issue 11)`, () => {
    const ORIGIN = "http://origin.internal:8080/base";
    let api;
    before(async () => { api = await apiFor(build); });

    // A gateway with an HMAC secret and a fetch that records what would reach the origin.
    const gatewayWith = (config = {}) => {
      const sent = [];
      const handler = api.createGateway({
        secret: GATEWAY_SECRET, origin: ORIGIN, fetch: async (request) => {
          sent.push(request);
          return new Response("{}", { headers: { "content-type": "application/json" } });
        },
        ...config,
      });
      const call = async (request) => {
        const before = sent.length;
        const response = await handler(request);
        assert.ok(sent.length - before <= 1);
        return { status: response.status, body: await response.json(), sent: sent[before] };
      };
      return { handler, call, sent };
    };
    // What workerd hands a worker: the raw request-target after the host, never normalised.
    const raw = (target, { method = "GET", headers = {} } = {}) => ({ url: `http://gateway${target}`, method, headers: new Headers(headers), body: null });
    const bearer = (token) => ({ authorization: `Bearer ${token}` });
    const alice = () => claimsToken({ sub: "alice", scope: "read" });
    const bob = () => claimsToken({ sub: "bob", scope: "read" });
    const assertRefused = ({ status, body, sent }, context) => {
      assert.equal(status, 400, context);
      assert.deepEqual(body, { error: "invalid_request", code: "ERR_AMBIGUOUS_PATH" }, context);
      assert.equal(sent, undefined, `${context}: the origin was reached`);
    };

    it("issue 11 #1: the origin's scheme, host, port and base path come from the configuration alone", async () => {
      const { call } = gatewayWith();
      const token = alice();
      for (const target of ["//evil.example/x", "/\\evil.example/x", "/..//evil.example", "/%2F%2Fevil.example/x", "/%5cevil.example",
        "/http://evil.example/x", "//evil.example:8443", "///evil.example"]) {
        for (const request of [raw(target, { headers: bearer(token) }), new Request(`http://gateway${target}`, { headers: bearer(token) })]) {
          assertRefused(await call(request), target);
        }
      }
      for (const [target, forwarded] of [["/@evil.example/x", "/base/@evil.example/x"], ["/x?next=//evil.example", "/base/x?next=//evil.example"],
        ["/evil.example:8443/", "/base/evil.example:8443/"]]) {
        const { status, sent } = await call(raw(target, { headers: { ...bearer(token), host: "evil.example" } }));
        assert.equal(status, 200, target);
        assert.equal(sent.url, `http://origin.internal:8080${forwarded}`, target);
      }
    });

    it("issue 11 #8: bypass rules match the normalised path, which is the path forwarded; ambiguous paths are refused everywhere", async () => {
      const { call } = gatewayWith({ bypass: ["/public/*", "/health"] });
      for (const target of ["/public/..%2fadmin", "/public/%2e%2e%2fadmin", "/public/..;/admin", "/public/%2e%2e/admin", "/public/./admin",
        "/public//admin", "/public/x%00", "/public/%0d%0aX-Injected:%201", "/health;x", "/health%3b", "/public/%252e%252e%252fadmin",
        "/public/%zz", "/public/\u00e9", "/public/a\\b", "/health/..", "/public/.%2E/admin", "/public/%2E%2e/admin"]) {
        assertRefused(await call(raw(target)), target);
        assertRefused(await call(raw(target, { headers: bearer(alice()) })), `${target} with a token`);
      }
      for (const [target, forwarded] of [["/%70ublic/logo.svg", "/base/public/logo.svg"], ["/public/a%7cb", "/base/public/a%7Cb"],
        ["/public/a|b", "/base/public/a%7Cb"], ["/%68ealth", "/base/health"], ["/public/%7E", "/base/public/~"]]) {
        const { status, sent } = await call(raw(target));
        assert.equal(status, 200, target);
        assert.equal(sent.url, `http://origin.internal:8080${forwarded}`, target);
      }
      for (const target of ["/%70ublicity", "/Public/x", "/api/public/x", "/health/"]) assert.equal((await call(raw(target))).status, 401, target);
      assert.throws(() => gatewayWith({ bypass: ["/public/../*"] }), { code: "ERR_INVALID_ARGUMENT" });
    });

    it("issue 11 #7: bypassPreflight is off by default; on, only a real CORS preflight skips the token, and method overrides never reach the origin", async () => {
      const preflight = { origin: "https://app.example", "access-control-request-method": "DELETE" };
      const off = gatewayWith();
      assert.equal((await off.call(raw("/api", { method: "OPTIONS", headers: preflight }))).status, 401);
      const on = gatewayWith({ bypassPreflight: true });
      const passed = await on.call(raw("/api", { method: "OPTIONS", headers: preflight }));
      assert.equal(passed.status, 200);
      assert.equal(passed.sent.method, "OPTIONS");
      for (const [what, request] of [
        ["no Origin", raw("/api", { method: "OPTIONS", headers: { "access-control-request-method": "DELETE" } })],
        ["no Access-Control-Request-Method", raw("/api", { method: "OPTIONS", headers: { origin: "https://app.example" } })],
        ["a body", new Request("http://gateway/api", { method: "OPTIONS", headers: preflight, body: "x" })],
        ["a Content-Length", raw("/api", { method: "OPTIONS", headers: { ...preflight, "content-length": "5" } })],
        ["a Transfer-Encoding", raw("/api", { method: "OPTIONS", headers: { ...preflight, "transfer-encoding": "chunked" } })],
        ...["x-http-method-override", "x-http-method", "x-method-override"].map((name) => [name, raw("/api", { method: "OPTIONS", headers: { ...preflight, [name]: "DELETE" } })]),
        ["GET", raw("/api", { headers: preflight })],
      ]) {
        const { status, sent } = await on.call(request);
        assert.equal(status, 401, what);
        assert.equal(sent, undefined, what);
      }
      const overridden = await on.call(raw("/api", { method: "POST", headers: { ...bearer(alice()), "x-http-method-override": "DELETE", "x-http-method": "DELETE", "x-method-override": "DELETE" } }));
      assert.equal(overridden.status, 200);
      assert.equal(overridden.sent.method, "POST");
      for (const name of ["x-http-method-override", "x-http-method", "x-method-override"]) assert.equal(overridden.sent.headers.get(name), null, name);
      assert.throws(() => gatewayWith({ bypassPreflight: "yes" }), { code: "ERR_INVALID_ARGUMENT" });
    });

    it("issue 11 #9: every configured token source is stripped, whichever won; with forwardToken only the verified token, in its own source", async () => {
      const tokenSources = ["header:authorization", "cookie:session", "query:access_token"];
      const claimHeaders = { "x-user-id": "sub" };
      const { call } = gatewayWith({ tokenSources, claimHeaders, bypass: ["/public/*"] });
      const [a, b] = [alice(), bob()];
      const cases = [
        [`/api?x=1&access_token=${b}`, { ...bearer(a), cookie: `theme=dark; session=${b}` }, "alice", "/base/api?x=1", "theme=dark"],
        [`/api?access_token=${b}&access_token=${a}`, {}, "bob", "/base/api", null], // the first query token wins
        ["/api", { authorization: "Basic dTpw", cookie: `session=${a}; theme=dark` }, "alice", "/base/api", "theme=dark"],
        ["/api", { authorization: "Bearer a b", cookie: `theme=dark; session=${a}` }, "alice", "/base/api", "theme=dark"],
        ["/api", { authorization: `Bearer ${a}`, cookie: `x=1,session=${b}; theme=dark` }, "alice", "/base/api", "theme=dark"],
      ];
      for (const [target, headers, user, forwarded, cookie] of cases) {
        const { status, sent } = await call(raw(target, { headers }));
        assert.equal(status, 200, target);
        assert.equal(sent.headers.get("x-user-id"), user, target);
        assert.equal(sent.url, `http://origin.internal:8080${forwarded}`, target);
        assert.equal(sent.headers.get("authorization"), null, target);
        assert.equal(sent.headers.get("cookie"), cookie, target);
      }
      // A bypassed path vouches for no token: none reaches the origin there either.
      const bypassed = await call(raw(`/public/x?access_token=${b}`, { headers: { ...bearer(b), cookie: `session=${b}` } }));
      assert.equal(bypassed.sent.url, "http://origin.internal:8080/base/public/x");
      assert.equal(bypassed.sent.headers.get("authorization"), null);
      assert.equal(bypassed.sent.headers.get("cookie"), null);

      const forwarding = gatewayWith({ tokenSources, claimHeaders, forwardToken: true });
      for (const [target, headers, expected] of [
        [`/api?access_token=${b}`, { ...bearer(a), cookie: `session=${b}` }, { authorization: `Bearer ${a}`, cookie: null, url: "/base/api" }],
        [`/api?access_token=${b}`, { authorization: "Bearer !", cookie: `theme=dark; session=${a}` }, { authorization: null, cookie: `theme=dark; session=${a}`, url: "/base/api" }],
        [`/api?x=1&access_token=${a}&y=2`, { cookie: "session=" }, { authorization: null, cookie: null, url: `/base/api?x=1&y=2&access_token=${a}` }],
      ]) {
        const { status, sent } = await forwarding.call(raw(target, { headers }));
        assert.equal(status, 200, target);
        assert.equal(sent.headers.get("authorization"), expected.authorization, target);
        assert.equal(sent.headers.get("cookie"), expected.cookie, target);
        assert.equal(sent.url, `http://origin.internal:8080${expected.url}`, target);
      }
    });

    it("issue 11 #12: claim headers are injective and typed; integers beyond 2^53 are exact; the payload header is the signed payload", async () => {
      const exp = Math.floor(Date.now() / 1000) + 300;
      // The plain form: a string claim, percent-encoded where it must be, "%" included.
      const plain = gatewayWith({ claimHeaders: { "x-user-id": "sub" }, payloadHeader: "x-jwt-payload" });
      const userOf = async (payloadJson) => (await plain.call(raw("/api", { headers: bearer(hmacToken(payloadJson)) }))).sent.headers.get("x-user-id");
      assert.equal(await userOf(`{"sub":"é","exp":${exp}}`), "%C3%A9");
      assert.equal(await userOf(`{"sub":"%C3%A9","exp":${exp}}`), "%25C3%25A9");
      const big = hmacToken(`{"sub":"u1","n":9007199254740993,"exp":${exp}}`);
      assert.equal((await plain.call(raw("/api", { headers: bearer(big) }))).sent.headers.get("x-jwt-payload"), big.split(".")[1]);

      const { call } = gatewayWith({
        claimHeaders: { "x-user-id": "sub", "x-roles": { claim: "roles", encoding: "list" }, "x-org": { claim: "org", encoding: "json" },
          "x-url-claim": { claim: ["https://example.com/tier"], encoding: "string" } },
        payloadHeader: "x-jwt-payload",
      });
      const forwarded = async (payloadJson) => {
        const token = hmacToken(payloadJson);
        const { status, body, sent } = await call(raw("/api", { headers: bearer(token) }));
        assert.equal(status, 200, `${payloadJson}: ${JSON.stringify(body)}`);
        assert.equal(sent.headers.get("x-jwt-payload"), token.split(".")[1]);
        return Object.fromEntries(["x-user-id", "x-roles", "x-org", "x-url-claim"].map((name) => [name, sent.headers.get(name)]));
      };
      const pairs = [
        [`{"sub":"é","exp":${exp}}`, `{"sub":"%C3%A9","exp":${exp}}`, "x-user-id", "%C3%A9", "%25C3%25A9"],
        [`{"sub":"a b","exp":${exp}}`, `{"sub":"a%20b","exp":${exp}}`, "x-user-id", "a%20b", "a%2520b"],
        [`{"sub":" u1","exp":${exp}}`, `{"sub":"u1","exp":${exp}}`, "x-user-id", "%20u1", "u1"],
        [`{"sub":"a\\u0000","exp":${exp}}`, `{"sub":"a%00","exp":${exp}}`, "x-user-id", "a%00", "a%2500"],
        [`{"roles":["a,b"],"exp":${exp}}`, `{"roles":["a","b"],"exp":${exp}}`, "x-roles", "a%2Cb", "a,b"],
        [`{"roles":[""],"exp":${exp}}`, `{"roles":[],"exp":${exp}}`, "x-roles", "", null],
        [`{"org":123,"exp":${exp}}`, `{"org":"123","exp":${exp}}`, "x-org", "123", '"123"'],
        [`{"org":{"x":1},"exp":${exp}}`, `{"org":"{\\"x\\":1}","exp":${exp}}`, "x-org", '{"x":1}', '"{\\"x\\":1}"'],
        [`{"org":9007199254740993,"exp":${exp}}`, `{"org":9007199254740992,"exp":${exp}}`, "x-org", "9007199254740993", "9007199254740992"],
        [`{"org":true,"exp":${exp}}`, `{"org":"true","exp":${exp}}`, "x-org", "true", '"true"'],
        [`{"org":["é"],"exp":${exp}}`, `{"org":["\\\\u00e9"],"exp":${exp}}`, "x-org", '["\\u00e9"]', '["\\\\u00e9"]'],
        [`{"org":null,"exp":${exp}}`, `{"org":"null","exp":${exp}}`, "x-org", "null", '"null"'],
        [`{"https://example.com/tier":"gold","exp":${exp}}`, `{"https://example":{"com/tier":"gold"},"exp":${exp}}`, "x-url-claim", "gold", null],
      ];
      for (const [first, second, header, firstValue, secondValue] of pairs) {
        const [a, b] = [await forwarded(first), await forwarded(second)];
        assert.equal(a[header], firstValue, first);
        assert.equal(b[header], secondValue, second);
        assert.notEqual(a[header], b[header], `${first} and ${second} look alike`);
      }
      // A claim of another type than its header declares is refused (403), never sent as something else.
      for (const payload of [{ sub: "u1", roles: "admin" }, { sub: "u1", roles: ["a", 1] }, { sub: 7 }]) {
        if (typeof payload.sub !== "string") continue; // the core refuses a non-string sub itself
        const { status, body, sent } = await call(raw("/api", { headers: bearer(claimsToken(payload)) }));
        assert.equal(status, 403, JSON.stringify(payload));
        assert.deepEqual(body, { error: "insufficient_scope", code: "ERR_CLAIM_HEADER_TYPE" });
        assert.equal(sent, undefined);
      }
      const typed = gatewayWith({ claimHeaders: { "x-tenant": "tenant" } });
      assert.equal((await typed.call(raw("/api", { headers: bearer(claimsToken({ tenant: 42 })) }))).status, 403);
      for (const spec of [{ claim: "a", encoding: "csv" }, { claim: "" }, { claim: ["a", 1] }, { claim: "a", extra: 1 }, 7, null]) {
        assert.throws(() => gatewayWith({ claimHeaders: { "x-a": spec } }), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(spec));
      }
    });

    it("issue 11 #15: what the gateway adds is bounded by maxAddedHeaderBytes (8 KiB by default); over it, 431 and the origin is not reached", async () => {
      const big = claimsToken({ sub: "u1", groups: Array.from({ length: 500 }, (_, n) => `group-${String(n).padStart(12, "0")}`) });
      assert.ok(big.length > 11_000, String(big.length));
      for (const config of [{ payloadHeader: "x-jwt-payload" }, { claimHeaders: { "x-groups": { claim: "groups", encoding: "list" } } }]) {
        const bounded = gatewayWith(config);
        const refused = await bounded.call(raw("/api", { headers: bearer(big) }));
        assert.equal(refused.status, 431, JSON.stringify(config));
        assert.deepEqual(refused.body, { error: "request_header_fields_too_large", code: "ERR_ADDED_HEADERS_TOO_LARGE" });
        assert.equal(refused.sent, undefined);
        assert.equal((await bounded.call(raw("/api", { headers: bearer(alice()) }))).status, 200);
      }
      const raised = gatewayWith({ payloadHeader: "x-jwt-payload", maxAddedHeaderBytes: 32_768 });
      const { status, sent } = await raised.call(raw("/api", { headers: bearer(big) }));
      assert.equal(status, 200);
      assert.equal(sent.headers.get("x-jwt-payload"), big.split(".")[1]);
      // The bound counts name + value + 4 bytes per header: exactly at it passes, one byte over does not.
      const token = alice();
      const exact = "x-jwt-payload".length + token.split(".")[1].length + 4;
      assert.equal((await gatewayWith({ payloadHeader: "x-jwt-payload", maxAddedHeaderBytes: exact }).call(raw("/api", { headers: bearer(token) }))).status, 200);
      assert.equal((await gatewayWith({ payloadHeader: "x-jwt-payload", maxAddedHeaderBytes: exact - 1 }).call(raw("/api", { headers: bearer(token) }))).status, 431);
      for (const value of [-1, 1.5, "8192"]) assert.throws(() => gatewayWith({ maxAddedHeaderBytes: value }), { code: "ERR_INVALID_ARGUMENT" });
    });

    it("issue 11 #16: requiredClaims count the payload's own members only; scopes come from scope or scp, as strings or arrays", async () => {
      const { call } = gatewayWith({ requiredClaims: ["constructor", "toString", "__proto__"] });
      const missing = await call(raw("/api", { headers: bearer(claimsToken({ sub: "u1" })) }));
      assert.equal(missing.status, 403);
      assert.equal(missing.body.code, "ERR_INSUFFICIENT_SCOPE");
      const present = claimsToken(`{"constructor":1,"toString":"x","__proto__":{},"exp":${Math.floor(Date.now() / 1000) + 300}}`);
      assert.equal((await call(raw("/api", { headers: bearer(present) }))).status, 200);
      // The core's requiredClaims (verify's option) reads members of the JSON object, never a prototype.
      const key = api.importJWK({ kty: "oct", k: Buffer.from(GATEWAY_SECRET).toString("base64url") }, "HS256");
      for (const claim of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
        assert.throws(() => api.verify(claimsToken({ sub: "u1" }), key, { requiredClaims: [claim] }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" }, claim);
        assert.equal(api.verify(present, key, { requiredClaims: ["constructor", "__proto__"] }).payload.toString, "x");
      }
      const scoped = gatewayWith({ requiredScopes: ["read", "write"] });
      for (const [claims, status] of [[{ scp: "read write" }, 200], [{ scp: ["read", "write"] }, 200], [{ scope: "write read" }, 200],
        [{ scope: ["read", "write"] }, 200], [{ scope: "read", scp: "write" }, 200], [{ scp: "read" }, 403], [{ scp: "readwrite" }, 403], [{}, 403]]) {
        assert.equal((await scoped.call(raw("/api", { headers: bearer(claimsToken(claims)) }))).status, status, JSON.stringify(claims));
      }
    });

    it("issue 11 #17: Connection-named headers, nameless cookies, several Cookie headers, an empty session cookie, the query as received", async () => {
      const { call } = gatewayWith({ tokenSources: ["cookie:session", "query:access_token"], claimHeaders: { "x-user-id": "sub" } });
      const a = alice();
      const named = await call(raw("/api", { headers: { cookie: `session=${a}`, connection: "keep-alive, X-Secret , x-user-id", "x-secret": "s", "keep-alive": "5", te: "trailers" } }));
      assert.equal(named.status, 200);
      for (const name of ["x-secret", "connection", "keep-alive", "te"]) assert.equal(named.sent.headers.get(name), null, name);
      assert.equal(named.sent.headers.get("x-user-id"), "alice"); // naming it in Connection does not remove what the gateway adds

      const nameless = await call(raw("/api", { headers: { cookie: `=v0; flag; theme=dark; session=${a}; =; last` } }));
      assert.equal(nameless.sent.headers.get("cookie"), "=v0; flag; theme=dark; =; last");
      // workerd joins several Cookie headers with ", " (the Fetch standard's join): still one list.
      const joined = await call(raw("/api", { headers: { cookie: `theme=dark, session=${a}` } }));
      assert.equal(joined.status, 200);
      assert.equal(joined.sent.headers.get("cookie"), "theme=dark");
      const twoHeaders = await call(new Request("http://gateway/api", { headers: [["cookie", "theme=dark"], ["cookie", `session=${a}`]] }));
      assert.equal(twoHeaders.status, 200);

      const emptyCookie = await call(raw(`/api?access_token=${a}`, { headers: { cookie: "session=; theme=dark" } }));
      assert.equal(emptyCookie.status, 200);
      assert.equal(emptyCookie.sent.headers.get("cookie"), "theme=dark");
      assert.equal((await call(raw("/api?access_token=", { headers: { cookie: "session=" } }))).status, 401);

      for (const [target, forwarded] of [
        [`/api?flag&%41=1&a=b+c&access_token=${a}&z=%zz&e=`, "/api?flag&%41=1&a=b+c&z=%zz&e="],
        [`/api?access_token=${a}`, "/api"],
        [`/api?&access_token=${a}&`, "/api?&"],
        [`/api?access%5Ftoken=${a}&b=%2F`, "/api?b=%2F"],
      ]) {
        const { status, sent } = await call(raw(target));
        assert.equal(status, 200, target);
        assert.equal(sent.url, `http://origin.internal:8080/base${forwarded}`, target);
      }
      const withCookie = await call(raw("/api?", { headers: { cookie: `session=${a}` } }));
      assert.equal(withCookie.sent.url, "http://origin.internal:8080/base/api?");
    });

    it("issue 11: 3,000 random hostile paths (seed 0x5eed) never change the origin, and what is matched is what is forwarded", async () => {
      const { call } = gatewayWith({ bypass: ["/public/*", "/health"] });
      const next = random(0x5eed);
      const token = alice();
      const outcomes = { refused: 0, bypassed: 0, verified: 0, missing: 0 };
      for (let index = 0; index < 3000; index++) {
        const path = hostilePath(next);
        const withToken = index % 2 === 1;
        const context = `path ${index}: ${JSON.stringify(path)}`;
        const { status, sent } = await call(raw(path, { headers: withToken ? bearer(token) : {} }));
        if (sent === undefined) {
          assert.ok(status === 400 || (status === 401 && !withToken), `${context}: ${status}`);
          outcomes[status === 400 ? "refused" : "missing"]++;
          continue;
        }
        const below = assertForwardedPath(sent.url, ORIGIN, context);
        if (withToken) {
          outcomes.verified++;
        } else {
          assert.ok(below === "/health" || below.startsWith("/public/"), `${context}: ${below} reached the origin without a token`);
          outcomes.bypassed++;
        }
      }
      for (const [outcome, count] of Object.entries(outcomes)) assert.ok(count > 0, `${outcome}: ${JSON.stringify(outcomes)}`);
    });

    it("refuses an origin with credentials, a query, a fragment or an ambiguous base path", () => {
      for (const origin of ["http://u:p@origin.internal", "http://origin.internal/?x=1", "http://origin.internal/#f", "http://origin.internal/a//b", "file:///x"]) {
        assert.throws(() => gatewayWith({ origin }), { code: "ERR_INVALID_ARGUMENT" }, origin);
      }
    });
  });
}
