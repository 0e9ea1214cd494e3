// Issue 17 in real workerd: edge/worker.js with two providers (an RS256 JWKS and an EdDSA JWKS,
// each served on loopback) and rules from the PROVIDERS and RULES bindings, in front of an echo
// origin: routing by "iss", rules by path and method, a scope rule, allowMissing, claim header
// encodings; the metrics scraped and parsed as Prometheus text; the metrics and stats paths
// refused without their secret; the denial log on the worker's output; and throttling of bad
// tokens under a bounded loopback load. Everything started here is stopped in `after`.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/index.js";
import { startWorkerd } from "../../edge/run-local.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { DEMO_PRIVATE_JWK } from "../../edge/demo/demo-keys.js";
import { answer, startEndpoint } from "../support/endpoint.js";
import { METRICS_TOKEN } from "../support/gateway.js";
import { parsePrometheus, total } from "../support/prometheus.js";

const CORP = "https://corp.example";
const PARTNERS = "https://partners.example";
const REQUEST_LIMIT_MS = 10_000;
const FLOOD = { requests: 240, concurrency: 8, budget: 10, limitMs: 60_000 }; // the throttling load, bounded in count and time

const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

await edgejwt.init();
const corpKey = edgejwt.importJWK(DEMO_PRIVATE_JWK.RS256, "RS256");
const corpJwks = { keys: [{ ...edgejwt.exportJWK(edgejwt.importJWK(publicHalf(DEMO_PRIVATE_JWK.RS256), "RS256")), kid: "corp-1", alg: "RS256", use: "sig" }] };
const partnerPair = edgejwt.generateKeyPair("EdDSA");
const partnerJwks = { keys: [{ ...edgejwt.exportJWK(partnerPair.publicKey), kid: "partner-1", alg: "EdDSA", use: "sig" }] };

function publicHalf(jwk) {
  const { kty, n, e } = jwk;
  return { kty, n, e };
}

const seconds = () => Math.floor(Date.now() / 1000);
const corp = (claims = {}, options = {}) => edgejwt.sign({ sub: "alice", groups: ["eng", "ops,oncall"], org: { id: "9007199254740993", tier: 2 }, scope: "reports:read", ...claims },
  corpKey, { alg: "RS256", kid: "corp-1", issuer: CORP, audience: "api", expiresIn: "5m", ...options });
const partner = (claims = {}, options = {}) => edgejwt.sign({ sub: "acme", roles: ["buyer"], scope: "reports:read", ...claims },
  partnerPair.privateKey, { alg: "EdDSA", kid: "partner-1", issuer: PARTNERS, expiresIn: "5m", ...options });

async function call(gateway, path, { token, headers = {}, ...init } = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    ...init, redirect: "manual", signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
    headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Prometheus text, or the origin's answer to HEAD
  }
  return { status: response.status, headers: response.headers, body };
}

const scrape = async (gateway) => {
  const { status, headers, body } = await call(gateway, "/_edgejwt/metrics", { token: METRICS_TOKEN });
  assert.equal(status, 200);
  assert.equal(headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheus(body);
};

describe("the worker in workerd with two providers and rules (issue 17)", () => {
  let origin, gateway, throttled, corpIdp, partnerIdp;

  before(async () => {
    origin = await startEchoOrigin();
    cleanups.push(origin.close);
    corpIdp = await startEndpoint("/corp/jwks.json");
    corpIdp.respond = answer(corpJwks);
    partnerIdp = await startEndpoint("/partners/jwks.json");
    partnerIdp.respond = answer(partnerJwks);
    cleanups.push(corpIdp.close, partnerIdp.close);
    const providers = {
      corp: {
        jwksUrl: corpIdp.url, issuer: CORP, audience: "api", algorithms: ["RS256"], tokenSources: ["header:authorization", "cookie:corp_session"],
        claimHeaders: { "x-user-id": "sub", "x-groups": { claim: "groups", encoding: "list" }, "x-org": { claim: "org", encoding: "json" } },
      },
      partners: {
        jwksUrl: partnerIdp.url, issuer: PARTNERS, algorithms: ["EdDSA"],
        claimHeaders: { "x-partner": "sub", "x-partner-roles": { claim: "roles", encoding: "json" } }, payloadHeader: "x-partner-payload",
      },
    };
    const rules = [
      { name: "health", match: { path: "/health", methods: ["GET"] }, requires: "none" },
      { name: "reports-write", match: { pattern: "/reports/*", methods: ["POST", "PUT", "DELETE"] }, requires: { provider: "corp", scopes: ["reports:write"] } },
      { name: "reports", match: { prefix: "/reports" }, requires: { anyOf: ["corp", "partners"], scopes: ["reports:read"] } },
      { name: "catalog", match: { prefix: "/catalog" }, requires: { anyOf: ["corp", "partners"], allowMissing: true } },
      { name: "partner-api", match: { prefix: "/partner" }, requires: "partners" },
    ];
    const env = {
      ORIGIN: origin.url, PROVIDERS: JSON.stringify(providers), RULES: JSON.stringify(rules),
      METRICS_PATH: "/_edgejwt/metrics", STATS_PATH: "/_edgejwt/stats", METRICS_TOKEN, DENIAL_LOG: JSON.stringify({ maxPerSecond: 1000 }),
    };
    [gateway, throttled] = await Promise.all([
      startWorkerd({ env }),
      startWorkerd({ env: { ...env, THROTTLE: JSON.stringify({ failuresPerMinute: FLOOD.budget, maxClients: 1000 }), DENIAL_LOG: "false" } }),
    ]);
    cleanups.push(gateway.stop, throttled.stop);
  });

  it("routes RS256 and EdDSA tokens to their providers by iss, each with its claim headers in their encodings", async () => {
    const fromCorp = await call(gateway, "/orders?x=1", { token: corp() });
    assert.equal(fromCorp.status, 200, JSON.stringify(fromCorp.body));
    assert.equal(fromCorp.body.path, "/orders?x=1");
    assert.equal(fromCorp.body.headers["x-user-id"], "alice");
    assert.equal(fromCorp.body.headers["x-groups"], "eng,ops%2Concall"); // list: "," inside an item encoded
    assert.equal(fromCorp.body.headers["x-org"], '{"id":"9007199254740993","tier":2}'); // json: as the token wrote it
    assert.equal(fromCorp.body.headers["x-partner"], undefined);
    assert.equal(fromCorp.body.headers.authorization, undefined);
    const cookie = await call(gateway, "/orders", { headers: { cookie: `corp_session=${corp()}; theme=dark` } });
    assert.equal(cookie.body.headers["x-user-id"], "alice");
    assert.equal(cookie.body.headers.cookie, "theme=dark");

    const token = partner();
    const fromPartner = await call(gateway, "/orders", { token, headers: { "x-user-id": "root" } });
    assert.equal(fromPartner.status, 200, JSON.stringify(fromPartner.body));
    assert.equal(fromPartner.body.headers["x-partner"], "acme");
    assert.equal(fromPartner.body.headers["x-partner-roles"], '["buyer"]');
    assert.equal(fromPartner.body.headers["x-partner-payload"], token.split(".")[1]);
    assert.equal(fromPartner.body.headers["x-user-id"], undefined); // spoofed, stripped: corp's header, not set for a partner

    // A partner token in corp's cookie: corp is its only candidate, and corp refuses EdDSA.
    const wrongSource = await call(gateway, "/orders", { headers: { cookie: `corp_session=${partner()}` } });
    assert.equal(wrongSource.status, 401);
    assert.equal(wrongSource.body.code, "ERR_JOSE_ALG_NOT_ALLOWED");
    const stranger = await call(gateway, "/orders", { token: corp({}, { issuer: "https://stranger.example" }) });
    assert.equal(stranger.status, 401);
    assert.equal(stranger.body.code, "ERR_UNKNOWN_ISSUER");
    assert.equal(corpIdp.requests.length, 1); // fetched once; the stranger's token looked up no key
    assert.equal(partnerIdp.requests.length, 1);
  });

  it("applies rules by path and method: a GET bypass, a write scope, a read scope, a partners-only prefix", async () => {
    const expectations = [
      // [method, path, token, status, code]
      ["GET", "/health", undefined, 200],
      ["HEAD", "/health", undefined, 200],
      ["POST", "/health", undefined, 401, "ERR_TOKEN_MISSING"],
      ["POST", "/reports/42", corp(), 403, "ERR_INSUFFICIENT_SCOPE"],
      ["POST", "/reports/42", corp({ scope: "reports:read reports:write" }), 200],
      ["DELETE", "/reports/42", partner({ scope: "reports:write" }), 401, "ERR_JOSE_ALG_NOT_ALLOWED"], // writes are corp's only
      ["POST", "/reports/42/export", corp(), 200], // not the pattern's one segment: the next rule, reads, decides
      ["POST", "/reports/42/export", corp({ scope: "other" }), 403, "ERR_INSUFFICIENT_SCOPE"],
      ["GET", "/reports/42", corp(), 200],
      ["GET", "/reports/42", partner(), 200],
      ["GET", "/reports", partner({ scope: "catalog" }), 403, "ERR_INSUFFICIENT_SCOPE"],
      ["GET", "/partner/orders", partner(), 200],
      ["GET", "/partner/orders", corp(), 401, "ERR_JOSE_ALG_NOT_ALLOWED"],
      ["GET", "/partners", corp(), 200], // a prefix is whole segments: /partners is the default rule's
    ];
    for (const [method, path, token, status, code] of expectations) {
      const body = method === "POST" || method === "PUT" ? "{}" : undefined;
      const answer = await call(gateway, path, { method, token, body });
      assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      if (code) assert.equal(answer.body.code, code, `${method} ${path}`);
      if (status === 200 && method !== "HEAD") assert.equal(answer.body.method, method);
    }
  });

  it("forwards allowMissing requests without a token, the reason in x-edgejwt-auth, and verifies a token when there is one", async () => {
    const anonymous = await call(gateway, "/catalog/items", { headers: { "x-edgejwt-auth": "verified", "x-user-id": "root" } });
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.body.headers["x-edgejwt-auth"], "ERR_TOKEN_MISSING");
    assert.equal(anonymous.body.headers["x-user-id"], undefined);
    const signedIn = await call(gateway, "/catalog/items", { token: partner() });
    assert.equal(signedIn.body.headers["x-edgejwt-auth"], "verified");
    assert.equal(signedIn.body.headers["x-partner"], "acme");
    const expired = await call(gateway, "/catalog/items", { token: corp({}, { iat: seconds() - 600, expiresIn: 60 }) });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, "ERR_JWT_EXPIRED");
    // Elsewhere the header is stripped and never set.
    const elsewhere = await call(gateway, "/orders", { token: corp(), headers: { "x-edgejwt-auth": "verified" } });
    assert.equal(elsewhere.body.headers["x-edgejwt-auth"], undefined);
  });

  it("serves Prometheus text behind METRICS_TOKEN, counting per rule, provider and code; refuses the metrics and stats paths without it", async () => {
    for (const path of ["/_edgejwt/metrics", "/_edgejwt/stats"]) {
      for (const init of [{}, { token: corp() }, { token: METRICS_TOKEN.slice(0, -1) }, { headers: { authorization: `Basic ${btoa(`x:${METRICS_TOKEN}`)}` } }]) {
        const refused = await call(gateway, path, init);
        assert.equal(refused.status, 401, path);
        assert.deepEqual(refused.body, { error: "invalid_token", code: "ERR_METRICS_UNAUTHORIZED" });
        assert.equal(refused.headers.get("www-authenticate"), 'Bearer realm="edgejwt-metrics"');
      }
    }
    const before = await scrape(gateway);
    await call(gateway, "/reports/1", { token: corp() });
    await call(gateway, "/reports/1", { token: corp({ scope: "none" }) });
    await call(gateway, "/catalog");
    await call(gateway, "/health");
    const after = await scrape(gateway);
    const delta = (name, labels) => total(after, name, labels) - total(before, name, labels);

    for (const [name, family] of after) {
      assert.match(name, /^edgejwt_[a-z_]+$/);
      assert.ok(family.help, `${name} has HELP`);
      assert.ok(family.type === "counter" ? name.endsWith("_total") : family.type === "gauge", name);
      for (const { value } of family.samples) assert.ok(Number.isFinite(value) && value >= 0, name);
    }
    for (const name of ["edgejwt_requests_total", "edgejwt_allowed_total", "edgejwt_denied_total", "edgejwt_verifications_total",
      "edgejwt_token_cache_hits_total", "edgejwt_token_cache_misses_total", "edgejwt_jwks_fetches_total", "edgejwt_revoked_total", "edgejwt_start_time_seconds"]) {
      assert.ok(after.has(name), name);
    }
    assert.deepEqual(Object.keys(after.get("edgejwt_denied_total").samples[0].labels), ["rule", "provider", "code"]);
    assert.equal(delta("edgejwt_requests_total", { rule: "reports" }), 2);
    assert.equal(delta("edgejwt_allowed_total", { rule: "reports", provider: "corp" }), 1);
    assert.equal(delta("edgejwt_denied_total", { rule: "reports", provider: "corp", code: "ERR_INSUFFICIENT_SCOPE" }), 1);
    assert.equal(delta("edgejwt_forwarded_unverified_total", { rule: "catalog", code: "ERR_TOKEN_MISSING" }), 1);
    assert.equal(delta("edgejwt_bypassed_total", { rule: "health" }), 1);
    assert.equal(delta("edgejwt_verifications_total", { provider: "corp", result: "ok" }), 2);
    assert.equal(total(after, "edgejwt_jwks_fetches_total", { provider: "corp", result: "ok" }), 1);
    assert.equal(total(after, "edgejwt_jwks_fetches_total", { provider: "partners", result: "ok" }), 1);
    assert.ok(total(after, "edgejwt_jwks_last_success_timestamp_seconds", { provider: "partners" }) > seconds() - 600);
    assert.ok(delta("edgejwt_metrics_scrapes_total", { result: "ok" }) >= 1);
    const stats = await call(gateway, "/_edgejwt/stats", { token: METRICS_TOKEN });
    assert.equal(stats.status, 200);
    assert.equal(stats.body.providers.corp.jwks.fetches, 1);
  });

  it("writes one JSON line per denial on the worker's log, with code, rule, provider and kid, never the token", async () => {
    const token = corp({ scope: "none", email: "alice@corp.example" });
    await call(gateway, "/reports/log-check", { token, headers: { "cf-connecting-ip": "192.0.2.44" } });
    const lineOf = () => gateway.output().split("\n").map((line) => /(\{"time".*"event":"edgejwt\.denied".*\})/.exec(line)?.[1])
      .filter(Boolean).map((line) => JSON.parse(line)).find((entry) => entry.path === "/reports/log-check");
    // workerd writes the worker's log on its own schedule, after the answer.
    for (const until = performance.now() + 10_000; !lineOf() && performance.now() < until;) await new Promise((resolve) => setTimeout(resolve, 20));
    const entry = lineOf();
    assert.ok(entry, gateway.output().slice(-2000));
    assert.deepEqual({ ...entry, time: undefined }, {
      time: undefined, event: "edgejwt.denied", status: 403, code: "ERR_INSUFFICIENT_SCOPE", rule: "reports", provider: "corp", kid: "corp-1",
      sub: "alice", method: "GET", path: "/reports/log-check", client: "192.0.2.44",
    });
    assert.ok(!gateway.output().includes(token.split(".")[2]) && !gateway.output().includes("alice@corp.example"));
  });

  it(`throttles a flood of bad tokens: ${FLOOD.requests} requests, ${FLOOD.concurrency} at a time, a budget of ${FLOOD.budget} a minute`, async () => {
    const bad = corp({}, { audience: "not-api" }); // well signed, refused by the core
    const before = await scrape(throttled);
    const statuses = {};
    let retryAfter = null;
    let sent = 0;
    const started = performance.now();
    const worker = async () => {
      while (sent < FLOOD.requests && performance.now() - started < FLOOD.limitMs) {
        sent++;
        const { status, headers, body } = await call(throttled, "/orders", { token: bad, headers: { "cf-connecting-ip": "203.0.113.50" } });
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 429) {
          retryAfter = Number(headers.get("retry-after"));
          assert.deepEqual(body, { error: "too_many_requests", code: "ERR_THROTTLED" });
        } else {
          assert.equal(body.code, "ERR_JWT_CLAIM_VALIDATION_FAILED");
        }
      }
    };
    await Promise.all(Array.from({ length: FLOOD.concurrency }, worker));
    const elapsedMinutes = (performance.now() - started) / 60_000;
    const after = await scrape(throttled);
    const delta = (name, labels) => total(after, name, labels) - total(before, name, labels);

    assert.equal(sent, FLOOD.requests, "the load finished within its time bound");
    assert.deepEqual(Object.keys(statuses).sort(), ["401", "429"]);
    assert.equal(statuses[401] + statuses[429], FLOOD.requests);
    // The budget, plus what refilled while the load ran, plus the requests already past the check
    // when the budget ran out (their verifications were under way).
    assert.ok(statuses[401] >= FLOOD.budget && statuses[401] <= FLOOD.budget + Math.ceil(elapsedMinutes * FLOOD.budget) + FLOOD.concurrency, JSON.stringify(statuses));
    assert.ok(retryAfter >= 1 && retryAfter <= 60 / FLOOD.budget, String(retryAfter));
    // Exactly one verification per 401, none for the 429s.
    assert.equal(delta("edgejwt_verifications_total", { provider: "corp" }), statuses[401]);
    assert.equal(delta("edgejwt_denied_total", { code: "ERR_THROTTLED" }), statuses[429]);
    assert.equal(delta("edgejwt_denied_total", { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" }), statuses[401]);
    assert.equal(total(after, "edgejwt_throttle_clients"), 1);
    // Another client is not held back by this one's failures, and a valid token of the throttled
    // client waits like its bad ones.
    assert.equal((await call(throttled, "/orders", { token: corp(), headers: { "cf-connecting-ip": "198.51.100.7" } })).status, 200);
    assert.equal((await call(throttled, "/orders", { token: corp(), headers: { "cf-connecting-ip": "203.0.113.50" } })).status, 429);
  });
});
