// Issue 17 in process: several providers routed by "iss", rules with allowMissing / allowFailed /
// allOf / scopes, the metrics and stats paths behind their secret, throttling of bad tokens, and
// the denial log — each through createGateway with a fetch that records what would reach the
// origin (tests/e2e/gateway-providers.test.js runs the worker in workerd; the adversarial suite
// attacks it).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { startEndpoint, answer } from "../support/endpoint.js";
import { GATEWAY_SECRET, METRICS_TOKEN, claimsToken } from "../support/gateway.js";
import { parsePrometheus, total } from "../support/prometheus.js";
import { FailureThrottle } from "../../js/gateway/throttle.js";
import { DenialLog } from "../../js/gateway/denial-log.js";

const ORIGIN = "http://origin.internal";
const USERS = "https://users.example";
const PARTNERS = "https://partners.example";
const exp = () => Math.floor(Date.now() / 1000) + 300;
const bearer = (token) => ({ authorization: `Bearer ${token}` });

for (const build of builds.filter((b) => b.name !== "wasi (node:wasi)")) {
  describe(`providers and rules on ${build.name} (issue 17)`, () => {
    let api, partnerKey, partnerJwks;
    before(async () => {
      api = await apiFor(build);
      const { publicKey, privateKey } = api.generateKeyPair("ES256");
      partnerKey = privateKey;
      partnerJwks = { keys: [{ ...api.exportJWK(publicKey), kid: "p1" }] };
    });

    const user = (claims = {}) => claimsToken({ iss: USERS, sub: "alice", scope: "read", ...claims });
    const partner = (claims = {}, options = {}) => api.sign({ sub: "acme", ...claims }, partnerKey, { alg: "ES256", kid: "p1", issuer: PARTNERS, expiresIn: "5m", ...options });
    const providers = () => ({
      users: { secret: GATEWAY_SECRET, issuer: USERS, tokenSources: ["header:authorization", "cookie:session"], claimHeaders: { "x-user-id": "sub" } },
      partners: { jwks: partnerJwks, issuer: PARTNERS, algorithms: ["ES256"], tokenSources: ["header:authorization"], claimHeaders: { "x-partner-id": "sub" } },
    });
    // A gateway over those providers, with a fetch that records the origin requests (and lets the
    // key and revocation fetches through).
    const gatewayWith = (config = {}) => {
      const sent = [];
      const logged = [];
      const handler = api.createGateway({
        origin: ORIGIN, providers: providers(), denialLog: { write: (entry) => logged.push(entry), maxPerSecond: 1000 },
        fetch: async (request, init) => {
          if (!String(request.url ?? request).startsWith(ORIGIN)) return globalThis.fetch(request, init);
          sent.push(request);
          return new Response("{}", { headers: { "content-type": "application/json" } });
        },
        ...config,
      });
      const call = async (path, { method = "GET", headers = {} } = {}) => {
        const before = sent.length;
        const response = await handler(new Request(`http://gateway${path}`, { method, headers }));
        const text = await response.text();
        return { status: response.status, headers: response.headers, body: text.startsWith("{") ? JSON.parse(text) : text, sent: sent[before] };
      };
      return { handler, call, sent, logged };
    };

    it("routes a token to its provider by iss, and only that provider judges it", async () => {
      const { call } = gatewayWith();
      const fromUsers = await call("/x", { headers: bearer(user()) });
      assert.equal(fromUsers.status, 200);
      assert.equal(fromUsers.sent.headers.get("x-user-id"), "alice");
      assert.equal(fromUsers.sent.headers.get("x-partner-id"), null);
      const fromPartners = await call("/x", { headers: bearer(partner()) });
      assert.equal(fromPartners.status, 200);
      assert.equal(fromPartners.sent.headers.get("x-partner-id"), "acme");
      assert.equal(fromPartners.sent.headers.get("x-user-id"), null);
      // The partners' iss on a token the users' key signed: judged by the partners' keys alone.
      const confused = await call("/x", { headers: bearer(claimsToken({ iss: PARTNERS, sub: "root" })) });
      assert.equal(confused.status, 401);
      assert.equal(confused.body.code, "ERR_JOSE_ALG_NOT_ALLOWED"); // HS256 is not among the partners' algorithms
      for (const token of [claimsToken({ iss: "https://evil.example", sub: "root" }), claimsToken({ sub: "root" }), claimsToken({ iss: 7, sub: "root" }),
        claimsToken({ iss: [USERS], sub: "root" })]) {
        const { status, body, sent } = await call("/x", { headers: bearer(token) });
        assert.equal(status, 401);
        assert.equal(body.code, "ERR_UNKNOWN_ISSUER");
        assert.equal(sent, undefined);
      }
      const malformed = await call("/x", { headers: bearer("a.b.c") });
      assert.equal(malformed.status, 401);
      assert.notEqual(malformed.body.code, "ERR_UNKNOWN_ISSUER");
      // The cookie is the users' alone: a partner token there has one candidate, the users.
      const inCookie = await call("/x", { headers: { cookie: `session=${partner()}` } });
      assert.equal(inCookie.status, 401);
      assert.equal(inCookie.body.code, "ERR_JOSE_ALG_NOT_ALLOWED");
    });

    it("refuses configurations that could not route, name no provider or mix the two forms", () => {
      const refused = [
        { providers: {} },
        { providers: { users: { secret: GATEWAY_SECRET, issuer: USERS } }, jwks: partnerJwks },
        { providers: { users: { secret: GATEWAY_SECRET, issuer: USERS, origin: ORIGIN } } },
        { providers: { none: { secret: GATEWAY_SECRET } } },
        { providers: { "a b": { secret: GATEWAY_SECRET } } },
        { providers: { users: { issuer: USERS } } },
        { providers: { a: { secret: GATEWAY_SECRET, issuer: USERS }, b: { jwks: partnerJwks, issuer: USERS } } },
        { providers: { a: { secret: GATEWAY_SECRET, issuer: USERS }, b: { jwks: partnerJwks } } },
        { providers: providers(), rules: [{ match: { prefix: "/" }, requires: "nobody" }] },
        { providers: providers(), rules: [], bypass: ["/health"] },
        { providers: providers(), metrics: { path: "/_metrics" } },
        { providers: providers(), metrics: { path: "/_metrics", token: "short" } },
        { providers: providers(), metrics: { path: "/_metrics/../x", token: METRICS_TOKEN } },
        { providers: providers(), metrics: { path: "/m", statsPath: "/m", token: METRICS_TOKEN } },
        { providers: providers(), metrics: { token: METRICS_TOKEN } },
        { providers: providers(), throttle: { failuresPerMinute: 0 } },
        { providers: providers(), throttle: { failuresPerMinute: 10, clientHeader: "bad header" } },
        { providers: providers(), throttle: { perMinute: 10 } },
        { providers: providers(), denialLog: { maxPerSecond: 0 } },
        { providers: providers(), denialLog: true },
        { providers: providers(), authStatusHeader: "x y" },
        { providers: providers(), authStatusHeader: "X-User-Id" },
      ];
      for (const config of refused) {
        assert.throws(() => api.createGateway({ origin: ORIGIN, ...config }), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(config, (k, v) => (v instanceof Uint8Array ? "bytes" : v)));
      }
      // One issuer in two providers, told apart by rules (same identity provider, two audiences).
      const twoAudiences = api.createGateway({
        origin: ORIGIN, providers: { api: { secret: GATEWAY_SECRET, issuer: USERS, audience: "api" }, admin: { secret: GATEWAY_SECRET, issuer: USERS, audience: "admin" } },
        rules: [{ match: { prefix: "/admin" }, requires: "admin" }, { match: { prefix: "/" }, requires: "api" }],
      });
      assert.equal(typeof twoAudiences, "function");
    });

    it("allowMissing forwards a request without a token, allowFailed one whose token fails; the origin is told why, and a client cannot say it", async () => {
      const { call } = gatewayWith({
        rules: [
          { name: "optional", match: { prefix: "/optional" }, requires: { anyOf: ["users", "partners"], allowMissing: true } },
          { name: "lenient", match: { prefix: "/lenient" }, requires: { provider: "users", allowFailed: true } },
        ],
      });
      const spoof = { "x-edgejwt-auth": "verified", "x-user-id": "root" };
      for (const path of ["/optional", "/lenient"]) {
        const missing = await call(path, { headers: spoof });
        assert.equal(missing.status, 200, path);
        assert.equal(missing.sent.headers.get("x-edgejwt-auth"), "ERR_TOKEN_MISSING");
        assert.equal(missing.sent.headers.get("x-user-id"), null);
        const verified = await call(path, { headers: { ...spoof, ...bearer(user()) } });
        assert.equal(verified.sent.headers.get("x-edgejwt-auth"), "verified");
        assert.equal(verified.sent.headers.get("x-user-id"), "alice");
        assert.equal(verified.sent.headers.get("authorization"), null);
      }
      const expired = user({ exp: Math.floor(Date.now() / 1000) - 10 });
      const refused = await call("/optional", { headers: bearer(expired) });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, "ERR_JWT_EXPIRED");
      const lenient = await call("/lenient", { headers: { ...spoof, ...bearer(expired) } });
      assert.equal(lenient.status, 200);
      assert.equal(lenient.sent.headers.get("x-edgejwt-auth"), "ERR_JWT_EXPIRED");
      assert.equal(lenient.sent.headers.get("x-user-id"), null);
      assert.equal(lenient.sent.headers.get("authorization"), null); // the token it could not verify is not passed on
      // Everywhere else the status header is the gateway's too: stripped, never set.
      const elsewhere = await call("/x", { headers: { ...spoof, ...bearer(user()) } });
      assert.equal(elsewhere.sent.headers.get("x-edgejwt-auth"), null);
      const renamed = gatewayWith({ authStatusHeader: "x-auth", rules: [{ match: { prefix: "/" }, requires: { provider: "users", allowMissing: true } }] });
      const named = await renamed.call("/", { headers: { "x-auth": "verified" } });
      assert.equal(named.sent.headers.get("x-auth"), "ERR_TOKEN_MISSING");
    });

    it("allOf wants a valid token of each provider, each from its own sources, and adds both providers' claim headers", async () => {
      const { call } = gatewayWith({
        providers: {
          users: { secret: GATEWAY_SECRET, issuer: USERS, tokenSources: ["header:authorization"], claimHeaders: { "x-user-id": "sub" } },
          partners: { jwks: partnerJwks, issuer: PARTNERS, tokenSources: ["cookie:device"], claimHeaders: { "x-device": "sub" } },
        },
        rules: [{ match: { prefix: "/" }, requires: { allOf: ["users", "partners"], scopes: ["read"] } }],
        forwardToken: true,
      });
      const [u, p] = [user(), partner()];
      const both = await call("/x", { headers: { ...bearer(u), cookie: `device=${p}; theme=dark` } });
      assert.equal(both.status, 200);
      assert.equal(both.sent.headers.get("x-user-id"), "alice");
      assert.equal(both.sent.headers.get("x-device"), "acme");
      assert.equal(both.sent.headers.get("authorization"), `Bearer ${u}`);
      assert.equal(both.sent.headers.get("cookie"), `theme=dark; device=${p}`);
      assert.equal((await call("/x", { headers: bearer(u) })).status, 401);
      assert.equal((await call("/x", { headers: { cookie: `device=${p}` } })).status, 401);
      const badDevice = await call("/x", { headers: { ...bearer(u), cookie: `device=${u}` } });
      assert.equal(badDevice.status, 401);
      const noScope = await call("/x", { headers: { ...bearer(user({ scope: "write" })), cookie: `device=${p}` } });
      assert.equal(noScope.status, 403);
      // A scope granted by either token counts.
      const deviceScope = await call("/x", { headers: { ...bearer(user({ scope: "write" })), cookie: `device=${partner({ scope: "read" })}` } });
      assert.equal(deviceScope.status, 200);
    });

    it("checks a rule's scopes and each provider's own required scopes and claims", async () => {
      const { call } = gatewayWith({
        providers: { ...providers(), users: { ...providers().users, requiredClaims: ["sub"], requiredScopes: ["read"] } },
        rules: [{ match: { prefix: "/admin" }, requires: { anyOf: ["users", "partners"], scopes: ["admin"] } }],
      });
      for (const [token, status] of [[user({ scope: "read admin" }), 200], [user({ scope: "admin" }), 403], [user({ scope: "read" }), 403],
        [partner({ scp: ["admin"] }), 200], [partner(), 403]]) {
        const { status: got, headers } = await call("/admin", { headers: bearer(token) });
        assert.equal(got, status);
        if (status === 403) assert.match(headers.get("www-authenticate"), /error="insufficient_scope"/);
      }
      assert.equal((await call("/other", { headers: bearer(partner()) })).status, 200);
    });

    it("gives each provider its own endpoint limits and the gateway's logger, and hands every provider's refresh to waitUntil", async () => {
      const idp = await startEndpoint("/a/jwks.json");
      const { publicKey, privateKey } = api.generateKeyPair("ES256");
      const bJwks = { keys: [{ ...api.exportJWK(publicKey), kid: "b1" }] };
      idp.respond = (request, response) => {
        if (request.url === "/a/jwks.json") return answer(partnerJwks)(request, response);
        if (request.url === "/b/jwks.json") return answer(bJwks, { "cache-control": "no-store" })(request, response);
        return answer({ jti: ["r1", "r2"] })(request, response); // /c/revoked.json
      };
      const lines = [];
      const logger = { error: (line) => lines.push(JSON.parse(line)), warn: (line) => lines.push(JSON.parse(line)), info() {} };
      try {
        const { handler, call } = gatewayWith({
          logger,
          providers: {
            // The partners' set is larger than 64 bytes: too large for a, whatever b may take.
            a: { jwksUrl: idp.url, issuer: PARTNERS, jwksMaxResponseSize: 64 },
            // no-store keeps b's set min(minCacheMaxAge, cacheMaxAge) = 0 ms: every request refreshes it in the background.
            b: { jwksUrl: `${idp.origin}/b/jwks.json`, issuer: "https://b.example", minCacheMaxAge: 0, cacheMaxAge: 60_000, cooldownDuration: 0 },
            c: { secret: GATEWAY_SECRET, issuer: USERS, revocation: { url: `${idp.origin}/c/revoked.json`, maxEntries: 1 } },
          },
        });
        const tooLarge = await call("/x", { headers: bearer(partner()) });
        assert.deepEqual([tooLarge.status, tooLarge.body.code], [503, "ERR_JWKS_INVALID"]);
        const overCapacity = await call("/x", { headers: bearer(user()) });
        assert.deepEqual([overCapacity.status, overCapacity.body.code], [503, "ERR_REVOCATION_UNAVAILABLE"]);
        const bToken = () => api.sign({ sub: "b-user" }, privateKey, { alg: "ES256", kid: "b1", issuer: "https://b.example", expiresIn: "5m" });
        assert.equal((await call("/x", { headers: bearer(bToken()) })).status, 200);
        const { providers: stats } = handler.stats();
        assert.match(stats.a.jwks.lastError.message, /larger than 64 bytes/);
        assert.equal(stats.b.jwks.lastError, null);
        assert.match(stats.c.revocation.lastError.message, /more than maxEntries \(1\)/);
        // The gateway's logger heard both providers' endpoints, once each.
        assert.deepEqual(lines.map(({ document, state, code }) => [document, state, code]).sort(), [
          ["JWKS", "unavailable", "ERR_JWKS_INVALID"], ["revocation list", "unavailable", "ERR_REVOCATION_UNAVAILABLE"],
        ]);
        // b's set expired at once: the next request is answered from it and starts a refresh,
        // which the handler hands to the context's waitUntil after the response.
        const kept = [];
        const response = await handler(new Request("http://gateway/x", { headers: bearer(bToken()) }), { waitUntil: (promise) => kept.push(promise) });
        assert.equal(response.status, 200);
        assert.equal(kept.length, 1);
        assert.equal(await kept[0], null); // the refresh, settled without a failure
        assert.equal(idp.requests.filter(({ url }) => url === "/b/jwks.json").length, 2);
        // Nothing in flight, nothing handed on; a context without waitUntil is ignored.
        await handler(new Request("http://gateway/x", { headers: bearer(partner()) }), { waitUntil: (promise) => kept.push(promise) });
        await handler(new Request("http://gateway/x", { headers: bearer(partner()) }), {});
        assert.equal(kept.length, 1);
      } finally {
        await idp.close();
      }
    });

    it("counts per rule, provider and code in Prometheus text, behind its own bearer secret", async () => {
      const idp = await startEndpoint("/jwks.json");
      let failing = true;
      idp.respond = (request, response) => (failing ? answer("boom", {}, 500) : answer(partnerJwks))(request, response);
      try {
        const { call, handler } = gatewayWith({
          providers: { ...providers(), partners: { ...providers().partners, jwks: undefined, jwksUrl: idp.url, cooldownDuration: 0 } },
          rules: [{ name: "public", match: { prefix: "/public" }, requires: "none" }, { name: "feed", match: { prefix: "/feed" }, requires: { provider: "users", allowMissing: true } }],
          metrics: { path: "/_metrics", statsPath: "/_stats", token: METRICS_TOKEN },
        });
        await call("/x", { headers: bearer(user()) });
        await call("/x", { headers: bearer(user()) });
        await call("/x", { headers: bearer(user({ exp: 1 })) });
        await call("/x");
        await call("/public/a");
        await call("/feed");
        await call("/x", { headers: bearer(partner()) }); // the JWKS endpoint fails: 503
        failing = false;
        await call("/x", { headers: bearer(partner()) });
        await call("/a%2fb");
        for (const headers of [{}, bearer(user()), bearer(`${METRICS_TOKEN}x`), { cookie: `session=${METRICS_TOKEN}` }]) {
          const refused = await call("/_metrics", { headers });
          assert.equal(refused.status, 401);
          assert.deepEqual(refused.body, { error: "invalid_token", code: "ERR_METRICS_UNAUTHORIZED" });
          assert.equal(refused.sent, undefined);
        }
        assert.equal((await call("/_metrics", { method: "POST", headers: bearer(METRICS_TOKEN) })).status, 405);
        const scraped = await call("/%5Fmetrics", { headers: bearer(METRICS_TOKEN) });
        assert.equal(scraped.status, 200);
        assert.equal(scraped.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
        assert.equal(scraped.sent, undefined);
        const metrics = parsePrometheus(scraped.body);
        for (const name of metrics.keys()) assert.match(name, /^edgejwt_/);
        assert.equal(metrics.get("edgejwt_requests_total").type, "counter");
        assert.equal(total(metrics, "edgejwt_requests_total"), 9);
        assert.equal(total(metrics, "edgejwt_requests_total", { rule: "default" }), 6);
        assert.equal(total(metrics, "edgejwt_requests_total", { rule: "" }), 1); // refused before a rule
        assert.equal(total(metrics, "edgejwt_allowed_total", { rule: "default", provider: "users" }), 2);
        assert.equal(total(metrics, "edgejwt_allowed_total", { rule: "default", provider: "partners" }), 1);
        assert.equal(total(metrics, "edgejwt_bypassed_total", { rule: "public" }), 1);
        assert.equal(total(metrics, "edgejwt_forwarded_unverified_total", { rule: "feed", code: "ERR_TOKEN_MISSING" }), 1);
        assert.equal(total(metrics, "edgejwt_denied_total", { rule: "default", provider: "users", code: "ERR_JWT_EXPIRED" }), 1);
        assert.equal(total(metrics, "edgejwt_denied_total", { rule: "default", provider: "", code: "ERR_TOKEN_MISSING" }), 1);
        assert.equal(total(metrics, "edgejwt_denied_total", { rule: "default", provider: "partners", code: "ERR_JWKS_FETCH_FAILED" }), 1);
        assert.equal(total(metrics, "edgejwt_denied_total", { rule: "", code: "ERR_AMBIGUOUS_PATH" }), 1);
        assert.equal(total(metrics, "edgejwt_verifications_total", { provider: "users", result: "ok" }), 2);
        assert.equal(total(metrics, "edgejwt_verifications_total", { provider: "users", result: "failed" }), 1);
        assert.equal(total(metrics, "edgejwt_token_cache_hits_total"), 1);
        assert.equal(total(metrics, "edgejwt_jwks_fetches_total", { provider: "partners", result: "failed" }), 1);
        assert.equal(total(metrics, "edgejwt_jwks_fetches_total", { provider: "partners", result: "ok" }), 1);
        assert.equal(total(metrics, "edgejwt_jwks_last_error_info", { provider: "partners", code: "ERR_JWKS_FETCH_FAILED" }), 1);
        assert.ok(total(metrics, "edgejwt_jwks_last_success_timestamp_seconds", { provider: "partners" }) >=
          total(metrics, "edgejwt_jwks_last_error_timestamp_seconds", { provider: "partners" }));
        assert.equal(total(metrics, "edgejwt_metrics_scrapes_total", { result: "refused" }), 4);
        assert.equal(metrics.get("edgejwt_origin_errors_total").samples.length, 1);
        // The same counters as JSON at the stats path, behind the same secret.
        assert.equal((await call("/_stats")).status, 401);
        const stats = (await call("/_stats", { headers: bearer(METRICS_TOKEN) })).body;
        assert.equal(stats.requests, 9);
        assert.equal(stats.allowed, 3);
        assert.equal(stats.rejections.ERR_JWKS_FETCH_FAILED, 1);
        assert.equal(stats.providers.partners.jwks.failures, 1);
        assert.equal(stats.jwks, null); // several providers: each under providers
        assert.equal(handler.metrics(), (await call("/_metrics", { headers: bearer(METRICS_TOKEN) })).body.replace(/(edgejwt_metrics_scrapes_total\{result="ok"\} )\d+/, "$12"));
      } finally {
        await idp.close();
      }
    });

    it("throttles a client's failed verifications: past its budget, 429 with Retry-After and no verification", async () => {
      const { call, handler } = gatewayWith({ throttle: { failuresPerMinute: 5, maxClients: 2 } });
      const from = (client, token) => call("/x", { headers: { "cf-connecting-ip": client, ...bearer(token) } });
      const bad = claimsToken({ iss: USERS, sub: "mallory" }, new Uint8Array(32).fill(9));
      const statuses = [];
      for (let n = 0; n < 12; n++) statuses.push((await from("203.0.113.9", bad)).status);
      assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(7).fill(429)]);
      const throttled = await from("203.0.113.9", user());
      assert.equal(throttled.status, 429); // a good token too: it is not looked at
      assert.deepEqual(throttled.body, { error: "too_many_requests", code: "ERR_THROTTLED" });
      const retryAfter = Number(throttled.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 12, String(retryAfter)); // one failure refills in 60/5 s
      assert.equal(throttled.sent, undefined);
      let metrics = parsePrometheus(handler.metrics());
      assert.equal(total(metrics, "edgejwt_verifications_total", { provider: "users" }), 5); // none for the 429s
      assert.equal(total(metrics, "edgejwt_denied_total", { code: "ERR_THROTTLED" }), 8);
      // Another client, a missing token, a bypass: untouched.
      assert.equal((await from("198.51.100.1", user())).status, 200);
      assert.equal((await call("/x", { headers: { "cf-connecting-ip": "203.0.113.9" } })).status, 401);
      // Bounded memory: two clients remembered, the least recently failed forgotten first.
      await from("198.51.100.2", bad);
      await from("198.51.100.3", bad);
      metrics = parsePrometheus(handler.metrics());
      assert.equal(total(metrics, "edgejwt_throttle_clients"), 2);
      assert.equal(total(metrics, "edgejwt_throttle_evictions_total"), 1);
      assert.equal((await from("203.0.113.9", user())).status, 200); // forgotten: evicted
    });

    it("does not spend the budget when the keys cannot be had (503), and is off by default", async () => {
      const closed = await startEndpoint("/jwks.json");
      await closed.close(); // nothing answers there any more
      const down = gatewayWith({
        providers: { users: { jwksUrl: closed.url, issuer: USERS, timeoutDuration: 1_000, cooldownDuration: 0 } },
        throttle: { failuresPerMinute: 1 },
      });
      for (let n = 0; n < 3; n++) assert.equal((await down.call("/x", { headers: bearer(user()) })).status, 503);
      const { call } = gatewayWith();
      const bad = claimsToken({ iss: USERS }, new Uint8Array(32).fill(9));
      for (let n = 0; n < 50; n++) assert.equal((await call("/x", { headers: bearer(bad) })).status, 401);
    });

    it("logs one JSON line per denial: code, rule, provider, kid, path; sub and jti of verified tokens only; never the token", async () => {
      const { call, logged } = gatewayWith({ rules: [{ name: "admin", match: { prefix: "/admin" }, requires: { provider: "users", scopes: ["admin"] } }] });
      const secretClaims = { email: "alice@example.com", jti: "j-1" };
      const forbiddenToken = user(secretClaims);
      await call("/admin/x?access_token=zzz", { headers: { ...bearer(forbiddenToken), "cf-connecting-ip": "192.0.2.7" } });
      const expiredToken = partner({ sub: "unverified-sub", jti: "j-2", exp: Math.floor(Date.now() / 1000) - 10 }, { expiresIn: undefined });
      await call("/x", { headers: bearer(expiredToken) });
      await call("/x");
      assert.equal(logged.length, 3);
      const [forbidden, expired, missing] = logged;
      assert.deepEqual({ ...forbidden, time: undefined }, {
        time: undefined, event: "edgejwt.denied", status: 403, code: "ERR_INSUFFICIENT_SCOPE", rule: "admin", provider: "users",
        sub: "alice", jti: "j-1", method: "GET", path: "/admin/x", client: "192.0.2.7",
      });
      assert.ok(!Number.isNaN(Date.parse(forbidden.time)));
      assert.deepEqual({ ...expired, time: undefined }, {
        time: undefined, event: "edgejwt.denied", status: 401, code: "ERR_JWT_EXPIRED", rule: "default", provider: "partners", kid: "p1", method: "GET", path: "/x",
      });
      assert.deepEqual({ ...missing, time: undefined }, { time: undefined, event: "edgejwt.denied", status: 401, code: "ERR_TOKEN_MISSING", rule: "default", method: "GET", path: "/x" });
      const text = JSON.stringify(logged);
      for (const secret of [forbiddenToken, expiredToken, ...forbiddenToken.split("."), "alice@example.com", "unverified-sub", "zzz"]) assert.ok(!text.includes(secret), secret);
    });

    it("samples the denial log under load: at most maxPerSecond lines a second, the rest counted", async () => {
      const { call, logged, handler } = gatewayWith({ denialLog: { maxPerSecond: 3, write: (entry) => logged.push(entry) } });
      for (let n = 0; n < 40; n++) await call("/x");
      const suppressed = total(parsePrometheus(handler.metrics()), "edgejwt_denial_logs_suppressed_total");
      assert.equal(logged.length + suppressed, 40);
      assert.ok(logged.length >= 3 && suppressed > 0, `${logged.length} written, ${suppressed} suppressed`);
      const perSecond = {};
      for (const { time } of logged) perSecond[time.slice(0, 19)] = (perSecond[time.slice(0, 19)] ?? 0) + 1;
      for (const [second, lines] of Object.entries(perSecond)) assert.ok(lines <= 3, `${lines} lines in ${second}`);
    });
  });
}

describe("the throttle's budget and the denial log's sampling, on a clock the test turns", () => {
  it("refills one failure per 60 / failuresPerMinute seconds, up to one minute's budget", () => {
    let now = 1_000_000;
    const throttle = new FailureThrottle({ failuresPerMinute: 6 }, () => now);
    const request = (client) => new Request("http://g/", { headers: client === undefined ? {} : { "cf-connecting-ip": client } });
    const client = throttle.clientOf(request("192.0.2.1"));
    assert.equal(client, "192.0.2.1");
    assert.equal(throttle.clientOf(request()), ""); // no header: one shared budget
    assert.equal(throttle.clientOf(request(`  ${"9".repeat(100)} `)).length, 64);
    for (let n = 0; n < 6; n++) {
      assert.equal(throttle.retryAfter(client), 0);
      throttle.failed(client);
    }
    assert.equal(throttle.retryAfter(client), 10);
    now += 4_000;
    assert.equal(throttle.retryAfter(client), 6);
    now += 6_000;
    assert.equal(throttle.retryAfter(client), 0); // one failure's worth back
    throttle.failed(client);
    assert.equal(throttle.retryAfter(client), 10);
    now += 3_600_000; // an hour later: a full budget, not sixty minutes' worth
    for (let n = 0; n < 6; n++) throttle.failed(client);
    assert.equal(throttle.retryAfter(client), 10);
  });

  it("writes at most maxPerSecond lines a second and says how many it left out", () => {
    let now = 5_000;
    const lines = [];
    const log = new DenialLog({ maxPerSecond: 2, write: (entry) => lines.push(entry) }, { now: () => now });
    for (let n = 0; n < 5; n++) log.record(() => ({ code: `C${n}`, kid: "k".repeat(500), sub: null }));
    assert.deepEqual(lines.map((line) => line.code), ["C0", "C1"]);
    assert.equal(lines[0].kid.length, 129); // bounded: 128 characters and "…"
    assert.equal("sub" in lines[0], false);
    now += 1_000;
    log.record(() => ({ code: "C5" }));
    assert.equal(lines[2].code, "C5");
    assert.equal(lines[2].suppressed, 3);
    log.record(() => ({ code: "C6" }));
    assert.equal("suppressed" in lines[3], false);
    let built = 0;
    const off = new DenialLog(false);
    off.record(() => { built++; return {}; });
    assert.equal(built, 0);
    const failing = new DenialLog({ write: () => { throw new Error("disk full"); } });
    assert.doesNotThrow(() => failing.record(() => ({ code: "X" })));
  });
});
