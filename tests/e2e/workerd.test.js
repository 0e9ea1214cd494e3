// edge/worker.js in a real workerd (edge/run-local.js), in front of a local echo origin, with its
// JWKS and revocation list served by a loopback server whose answers each test sets. Every workerd
// and server started here is stopped in the `after` hook, whatever the tests did.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createPublicKey } from "node:crypto";

import * as edgejwt from "../../js/index.js";
import { startWorkerd } from "../../edge/run-local.js";
import { workerModules } from "../../edge/workerd-config.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { close, listen, LOOPBACK } from "../../edge/demo/listen.js";
import { DEMO_PRIVATE_JWK } from "../../edge/demo/demo-keys.js";
import { METRICS_TOKEN } from "../support/gateway.js";
import { parsePrometheus, total } from "../support/prometheus.js";

const ISSUER = "https://idp.e2e.example";
const AUDIENCE = "api";
const TIMEOUT_MS = 400; // TIMEOUT_DURATION of the gateways that meet a stalled endpoint
const REQUEST_LIMIT_MS = 10_000; // no request of these tests may take longer, whatever the gateway does

const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = () => Math.floor(Date.now() / 1000);

// Serves JSON documents by path. Each route: { body (or text), mode, delay, headers }, mode one of
// "ok", "error", "malformed", "hang" (never answers; the connection is dropped at close), "held"
// (answers as "ok" once the test calls release(path): a slow endpoint whose slowness is an event),
// "endless" (spaces until the client stops reading, at most ENDLESS_CAP bytes) and "redirect" (to
// `location`). `hits` counts requests per path, `held` the connections a hang or an endless body
// keeps open, `written` what endless bodies sent.
const ENDLESS_CAP = 64 * 1024 * 1024;
async function documentServer() {
  const routes = new Map();
  const hits = {};
  const held = {};
  const written = {};
  const releases = {};
  const server = http.createServer((request, response) => {
    request.resume();
    const path = new URL(request.url, "http://documents").pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const route = routes.get(path);
    if (!route) return response.writeHead(404).end();
    if (route.mode === "hang" || route.mode === "endless" || route.mode === "held") {
      held[path] = (held[path] ?? 0) + 1;
      response.on("close", () => { held[path]--; });
    }
    if (route.mode === "hang") return undefined;
    if (route.mode === "endless") {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      response.writeHead(200, { "content-type": "application/json" });
      const pump = () => {
        while ((written[path] ?? 0) < ENDLESS_CAP && !response.destroyed) {
          written[path] = (written[path] ?? 0) + chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      return pump();
    }
    const answer = () => {
      if (route.mode === "error") return response.writeHead(500, { "content-type": "text/plain" }).end("boom");
      if (route.mode === "redirect") return response.writeHead(302, { location: route.location }).end();
      const body = route.mode === "malformed" ? '{"keys": [' : route.text ?? JSON.stringify(route.body);
      return response.writeHead(200, { "content-type": "application/json", ...route.headers }).end(body);
    };
    if (route.mode === "held") (releases[path] ??= []).push(answer);
    else if (route.delay) setTimeout(answer, route.delay).unref();
    else answer();
    return undefined;
  });
  const port = await listen(server);
  cleanups.push(() => close(server));
  const url = `http://${LOOPBACK}:${port}`;
  return {
    hits, held, written,
    // Serves `body` at `path` (or changes how the route answers) and returns the route's URL.
    set(path, settings) {
      routes.set(path, { mode: "ok", delay: 0, ...routes.get(path), ...settings });
      return `${url}${path}`;
    },
    // Answers the requests a "held" route holds (as "ok": with its body), and serves later ones at once.
    release(path) {
      routes.get(path).mode = "ok";
      for (const answer of (releases[path] ?? []).splice(0)) answer();
    },
  };
}

async function gatewayWith(env) {
  const gateway = await startWorkerd({ env });
  cleanups.push(gateway.stop);
  return gateway;
}

async function call(gateway, path, { token, headers = {}, ...init } = {}) {
  const started = performance.now();
  const response = await fetch(`${gateway.url}${path}`, {
    ...init,
    headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` },
    redirect: "manual",
    signal: init.signal ?? AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
}

// An ES256 signer with its public JWK (kid set).
function signer(kid) {
  const { publicKey, privateKey } = edgejwt.generateKeyPair("ES256");
  const jwk = { ...edgejwt.exportJWK(publicKey), kid, alg: "ES256", use: "sig" };
  const sign = (claims = {}, options = {}) => edgejwt.sign(
    { sub: "u1", org: { id: "o9" }, roles: ["a", "b"], scope: "read", ...claims }, privateKey,
    { alg: "ES256", kid, issuer: ISSUER, audience: AUDIENCE, expiresIn: "5m", ...options });
  return { kid, jwk, sign };
}

function assertRejected({ status, headers, body }, code) {
  assert.equal(status, 401, `${code}: ${JSON.stringify(body)}`);
  assert.deepEqual(body, { error: "invalid_token", code });
  assert.equal(headers.get("content-type"), "application/json");
  assert.equal(headers.get("cache-control"), "no-store");
  const challenge = headers.get("www-authenticate");
  assert.match(challenge, /^Bearer realm="edgejwt", error="invalid_token", error_description="[\x20-\x7e]*"$/);
  assert.ok(challenge.includes(`error_description="${code}: `), challenge);
  assert.ok(!challenge.includes("-----") && !challenge.includes(" at "), "no key material or stack trace");
}

// Calls until the token is refused with `code` (a list or key set that expired is used once more
// while its refresh runs), at most 100 times within `limitMs`; resolves to how many were let through.
async function refusedSoon(gateway, token, code, limitMs = 2_000) {
  const deadline = performance.now() + limitMs;
  for (let allowed = 0; allowed < 100 && performance.now() < deadline; allowed++) {
    const answer = await call(gateway, "/api", { token });
    if (answer.status === 401) {
      assertRejected(answer, code);
      return allowed;
    }
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await sleep(20);
  }
  assert.fail(`${code} not answered within ${limitMs} ms`);
}

const statsOf = async (gateway) => (await call(gateway, "/_stats", { token: METRICS_TOKEN })).body;

// Resolves once `predicate()` holds, checking every 10 ms; fails after `ms`.
async function until(predicate, ms, what) {
  for (const deadline = performance.now() + ms; !(await predicate());) {
    if (performance.now() > deadline) assert.fail(`${what}: not so after ${ms} ms`);
    await sleep(10);
  }
}

function assertUnavailable({ status, headers, body }, code) {
  assert.equal(status, 503, `${code}: ${JSON.stringify(body)}`);
  assert.deepEqual(body, { error: "temporarily_unavailable", code });
  assert.equal(headers.get("retry-after"), "5");
}

await edgejwt.init(); // the signers below are made as the suites are defined
let documents;
let origin;
before(async () => {
  documents = await documentServer();
  origin = await startEchoOrigin();
  cleanups.push(origin.close);
});

describe("the worker in workerd: token sources, answers, spoofing, bypass, revocation", () => {
  const k1 = signer("k1");
  let gateway;
  let revocationUrl;
  const loggedOutAt = seconds() - 10;

  before(async () => {
    revocationUrl = documents.set("/main/revoked.json", { body: { jti: ["revoked-jti"], subjects: { "logged-out": loggedOutAt } } });
    gateway = await gatewayWith({
      JWKS_URL: documents.set("/main/jwks.json", { body: { keys: [k1.jwk] } }),
      ISSUER, AUDIENCE: `${AUDIENCE},other-api`, ALGORITHMS: "ES256", ORIGIN: origin.url,
      TOKEN_SOURCES: "header:authorization, cookie:session, query:access_token",
      CLAIM_HEADERS: JSON.stringify({ "x-user-id": "sub", "x-org-id": "org.id", "x-roles": { claim: "roles", encoding: "list" } }),
      PAYLOAD_HEADER: "x-jwt-payload", BYPASS: "/health,/public/*", BYPASS_PREFLIGHT: "true", REQUIRED_SCOPES: "read",
      REVOCATION_URL: revocationUrl, CACHE_MAX_AGE: "1000", COOLDOWN_DURATION: "0", STATS_PATH: "/_stats", METRICS_TOKEN,
    });
  });

  it("accepts the token from each source and forwards the verified claims, not the token", async () => {
    const token = k1.sign();
    const sources = [
      ["/api/items?x=1", { token }],
      ["/api/items?x=1", { headers: { authorization: `bearer ${token}` } }], // the scheme is case-insensitive
      ["/api/items?x=1", { headers: { cookie: `theme=dark; session=${token}` } }],
      [`/api/items?x=1&access_token=${token}`, {}],
    ];
    for (const [path, init] of sources) {
      const { status, body } = await call(gateway, path, init);
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.path, "/api/items?x=1");
      assert.equal(body.headers["x-user-id"], "u1");
      assert.equal(body.headers["x-org-id"], "o9");
      assert.equal(body.headers["x-roles"], "a,b");
      assert.equal(JSON.parse(Buffer.from(body.headers["x-jwt-payload"], "base64url")).iss, ISSUER);
      assert.equal(body.headers.authorization, undefined);
      assert.ok(!String(body.headers.cookie ?? "").includes("session="));
    }
    const post = await call(gateway, "/api/items", { token, method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    assert.equal(post.body.method, "POST");
    // The sources are tried in order: a bad header token is not rescued by a good cookie.
    const both = await call(gateway, "/api", { headers: { authorization: "Bearer x.y.z", cookie: `session=${token}` } });
    assert.equal(both.status, 401);
  });

  it("answers 401 without error= when there is no token", async () => {
    for (const init of [{}, { headers: { authorization: "Basic dTpw" } }, { headers: { cookie: "theme=dark" } }]) {
      const { status, headers, body } = await call(gateway, "/api", init);
      assert.equal(status, 401);
      assert.deepEqual(body, { error: "missing_token", code: "ERR_TOKEN_MISSING" });
      assert.equal(headers.get("www-authenticate"), 'Bearer realm="edgejwt"');
      assert.equal(headers.get("cache-control"), "no-store");
    }
  });

  it("answers 401 invalid_token with the verify code for every kind of bad token", async () => {
    const valid = k1.sign();
    const [header, payload, signature] = valid.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "admin", iss: ISSUER, aud: AUDIENCE, exp: seconds() + 600 })).toString("base64url");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    const short = Buffer.from(signature, "base64url").subarray(0, 60).toString("base64url");
    const cases = [
      ["a.b", "ERR_JWS_INVALID"],
      [`${valid}x`, "ERR_BASE64URL_INVALID"],
      [`${header}.${forged}.${signature}`, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"],
      [`${header}.${payload}.${short}`, "ERR_JWS_SIGNATURE_LENGTH"],
      [none, "ERR_JOSE_NOT_SUPPORTED"],
      [edgejwt.sign({ sub: "u1" }, new Uint8Array(32).fill(7), { alg: "HS256", kid: "k1", issuer: ISSUER, audience: AUDIENCE }), "ERR_JOSE_ALG_NOT_ALLOWED"],
      [k1.sign({}, { iat: seconds() - 600, expiresIn: 60 }), "ERR_JWT_EXPIRED"],
      [k1.sign({}, { notBefore: 120 }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
      [k1.sign({}, { issuer: "https://evil.example" }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
      [k1.sign({}, { audience: "someone-else" }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
      [signer("k1").sign(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"], // right kid, wrong key
      [signer("stranger").sign(), "ERR_JWKS_NO_MATCHING_KEY"],
    ];
    for (const [token, code] of cases) assertRejected(await call(gateway, "/api", { token }), code);
    // A second audience from the comma-separated binding is accepted.
    assert.equal((await call(gateway, "/api", { token: k1.sign({}, { audience: "other-api" }) })).status, 200);
  });

  it("answers 403 insufficient_scope for a valid token without the required scope", async () => {
    for (const claims of [{ scope: "write" }, { scope: undefined, scp: ["write"] }]) {
      const { status, headers, body } = await call(gateway, "/api", { token: k1.sign(claims) });
      assert.equal(status, 403);
      assert.deepEqual(body, { error: "insufficient_scope", code: "ERR_INSUFFICIENT_SCOPE" });
      assert.equal(headers.get("www-authenticate"), 'Bearer realm="edgejwt", error="insufficient_scope", error_description="missing scope \'read\'"');
    }
    assert.equal((await call(gateway, "/api", { token: k1.sign({ scope: undefined, scp: ["read"] }) })).status, 200);
  });

  it("strips spoofed claim and payload headers, on verified and on bypassed requests", async () => {
    const spoof = { "x-user-id": "admin", "x-org-id": "root", "x-roles": "admin", "x-jwt-payload": "e30" };
    const verified = await call(gateway, "/api", { token: k1.sign({ org: undefined, roles: undefined }), headers: spoof });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.headers["x-user-id"], "u1");
    assert.equal(verified.body.headers["x-org-id"], undefined); // the token has no org: the spoofed one is gone
    assert.equal(verified.body.headers["x-roles"], undefined);
    assert.notEqual(verified.body.headers["x-jwt-payload"], "e30");
    const bypassed = await call(gateway, "/health", { headers: spoof });
    assert.equal(bypassed.status, 200);
    for (const name of Object.keys(spoof)) assert.equal(bypassed.body.headers[name], undefined, name);
  });

  it("forwards bypassed paths and CORS preflights without a token, and nothing else", async () => {
    for (const path of ["/health", "/public/", "/public/logo.svg", "/public/a/b?c=d"]) {
      const { status, body } = await call(gateway, path);
      assert.equal(status, 200, path);
      assert.equal(body.path, path);
    }
    for (const path of ["/health/", "/healthz", "/public", "/publicity", "/api/public/x"]) {
      assert.equal((await call(gateway, path)).status, 401, path);
    }
    const preflight = await call(gateway, "/api", { method: "OPTIONS", headers: { "access-control-request-method": "POST", origin: "https://app.example" } });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.body.method, "OPTIONS");
    assert.equal((await call(gateway, "/api", { method: "OPTIONS" })).status, 401);
  });

  it("refuses revoked tokens by jti and by sub, and sees new revocations once the list expires", async () => {
    assertRejected(await call(gateway, "/api", { token: k1.sign({ jti: "revoked-jti" }) }), "ERR_JWT_REVOKED");
    assertRejected(await call(gateway, "/api", { token: k1.sign({ sub: "logged-out" }, { iat: loggedOutAt - 5 }) }), "ERR_JWT_REVOKED");
    // Issued after the logout: accepted.
    assert.equal((await call(gateway, "/api", { token: k1.sign({ sub: "logged-out" }, { iat: loggedOutAt + 5 }) })).status, 200);

    const later = k1.sign({ jti: "later-jti" });
    const bob = k1.sign({ sub: "bob" }, { iat: seconds() - 1 });
    assert.equal((await call(gateway, "/api", { token: later })).status, 200);
    assert.equal((await call(gateway, "/api", { token: bob })).status, 200);
    documents.set("/main/revoked.json", { body: { jti: ["revoked-jti", "later-jti"], subjects: { bob: seconds() } } });
    await sleep(1_100); // CACHE_MAX_AGE: the next check uses the expired list once more while it is refreshed
    await refusedSoon(gateway, later, "ERR_JWT_REVOKED"); // cached as verified, still refused
    assertRejected(await call(gateway, "/api", { token: bob }), "ERR_JWT_REVOKED");
  });

  it("reports its counters at STATS_PATH, only to a request with METRICS_TOKEN", async () => {
    for (const init of [{}, { token: k1.sign() }, { token: `${METRICS_TOKEN.slice(1)}x` }, { headers: { cookie: `session=${METRICS_TOKEN}` } }]) {
      const refused = await call(gateway, "/_stats", init);
      assert.equal(refused.status, 401);
      assert.deepEqual(refused.body, { error: "invalid_token", code: "ERR_METRICS_UNAUTHORIZED" });
    }
    const { status, body } = await call(gateway, "/_stats", { token: METRICS_TOKEN });
    assert.equal(status, 200);
    assert.ok(body.requests > 20 && body.allowed > 5 && body.bypassed > 3 && body.revoked >= 4, JSON.stringify(body));
    assert.ok(body.rejections.ERR_TOKEN_MISSING >= 3 && body.rejections.ERR_JWT_REVOKED >= 4);
    assert.ok(body.cache.hits >= 1 && body.jwks.fetches >= 1 && body.revocation.fetches >= 2, JSON.stringify(body));
  });
});

describe("the worker in workerd: inline keys, PEM and HMAC secrets, and the other bindings", () => {
  const k1 = signer("k1");
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const rsa = edgejwt.importJWK(DEMO_PRIVATE_JWK.RS256, "RS256");
  let inline;
  let pem;
  let hmac;

  before(async () => {
    [inline, pem, hmac] = await Promise.all([
      gatewayWith({
        JWKS: JSON.stringify({ keys: [k1.jwk] }), ISSUER, AUDIENCE, ORIGIN: origin.url, TYP: "at+jwt",
        REQUIRED_CLAIMS: "email", FORWARD_TOKEN: "true", REVOCATION: JSON.stringify({ jti: ["inline-revoked"] }),
        TOKEN_CACHE: "false", CLOCK_TOLERANCE: "60", STATS_PATH: "/_stats", METRICS_TOKEN,
      }),
      gatewayWith({
        PEM: createPublicKey({ key: DEMO_PRIVATE_JWK.RS256, format: "jwk" }).export({ type: "spki", format: "pem" }),
        ALGORITHMS: "RS256", ORIGIN: origin.url,
      }),
      gatewayWith({ SECRET: Buffer.from(secret).toString("base64url"), ALGORITHMS: "HS256", ORIGIN: origin.url }),
    ]);
  });

  it("verifies with an inline JWKS under TYP, REQUIRED_CLAIMS, CLOCK_TOLERANCE, FORWARD_TOKEN, REVOCATION and TOKEN_CACHE", async () => {
    const token = (claims = {}, options = {}) => k1.sign({ email: "u1@example.com", ...claims }, { typ: "at+jwt", ...options });
    const good = token();
    const forwarded = await call(inline, "/api", { token: good });
    assert.equal(forwarded.status, 200, JSON.stringify(forwarded.body));
    assert.equal(forwarded.body.headers.authorization, `Bearer ${good}`);
    assertRejected(await call(inline, "/api", { token: token({}, { typ: "JWT" }) }), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    const withoutEmail = await call(inline, "/api", { token: token({ email: undefined }) });
    assert.equal(withoutEmail.status, 403);
    assert.match(withoutEmail.headers.get("www-authenticate"), /error_description="missing claim 'email'"/);
    assertRejected(await call(inline, "/api", { token: token({ jti: "inline-revoked" }) }), "ERR_JWT_REVOKED");
    const expiredAgo = (by) => token({}, { iat: seconds() - 600, expiresIn: 600 - by });
    assert.equal((await call(inline, "/api", { token: expiredAgo(30) })).status, 200); // within the tolerance
    assertRejected(await call(inline, "/api", { token: expiredAgo(120) }), "ERR_JWT_EXPIRED");
    const { body } = await call(inline, "/_stats", { token: METRICS_TOKEN });
    assert.equal(body.cache, null);
    assert.equal(body.jwks, null);
    assert.deepEqual(body.revocation, { revoked: 1, inline: true });
  });

  it("verifies with a PEM public key and with an HMAC secret", async () => {
    const rs256 = edgejwt.sign({ sub: "u1" }, rsa, { alg: "RS256", expiresIn: "5m" });
    assert.equal((await call(pem, "/api", { token: rs256 })).status, 200);
    assertRejected(await call(pem, "/api", { token: k1.sign() }), "ERR_JOSE_ALG_NOT_ALLOWED");
    const hs256 = (key) => edgejwt.sign({ sub: "u1" }, key, { alg: "HS256", expiresIn: "5m" });
    const accepted = await call(hmac, "/api", { token: hs256(secret) });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.headers.authorization, undefined);
    assertRejected(await call(hmac, "/api", { token: hs256(crypto.getRandomValues(new Uint8Array(32))) }), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });
});

describe("the worker in workerd: key rotation", () => {
  const k1 = signer("k1");
  const k2 = signer("k2");
  let gateway;
  let jwksPath;

  before(async () => {
    jwksPath = "/rotation/jwks.json";
    gateway = await gatewayWith({
      JWKS_URL: documents.set(jwksPath, { body: { keys: [k1.jwk] } }), ISSUER, AUDIENCE, ORIGIN: origin.url,
      CACHE_MAX_AGE: "1000", COOLDOWN_DURATION: "200",
    });
  });

  it("accepts a new kid after refetching, and refuses a removed key once the cached set expires", async () => {
    const old = k1.sign();
    assert.equal((await call(gateway, "/api", { token: old })).status, 200);
    assert.equal(documents.hits[jwksPath], 1);

    documents.set(jwksPath, { body: { keys: [k1.jwk, k2.jwk] } });
    await sleep(250); // COOLDOWN_DURATION: an unknown kid may now trigger a refetch
    const rotated = await call(gateway, "/api", { token: k2.sign() });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.equal(documents.hits[jwksPath], 2);

    documents.set(jwksPath, { body: { keys: [k2.jwk] } });
    assert.equal((await call(gateway, "/api", { token: k1.sign() })).status, 200); // the cached set still has k1
    await sleep(1_100); // CACHE_MAX_AGE: the next request uses the expired set once more while it is refreshed
    await refusedSoon(gateway, old, "ERR_JWKS_NO_MATCHING_KEY");
    assertRejected(await call(gateway, "/api", { token: k1.sign() }), "ERR_JWKS_NO_MATCHING_KEY");
    assert.equal((await call(gateway, "/api", { token: k2.sign() })).status, 200);
    assert.ok(documents.hits[jwksPath] >= 3);
  });
});

describe("the worker in workerd: a failing JWKS endpoint", () => {
  const k1 = signer("k1");
  let gateway;
  const jwksPath = "/failing/jwks.json";
  // Long enough that a loaded machine answers a held refresh well within it; the hang costs it once.
  const FETCH_TIMEOUT_MS = 3_000;
  const BOUND_MS = FETCH_TIMEOUT_MS + 10_000; // how long a state change may take, at the most

  before(async () => {
    gateway = await gatewayWith({
      JWKS_URL: documents.set(jwksPath, { body: { keys: [k1.jwk] } }), ISSUER, AUDIENCE, ORIGIN: origin.url,
      CACHE_MAX_AGE: "300", COOLDOWN_DURATION: "0", TIMEOUT_DURATION: String(FETCH_TIMEOUT_MS), STATS_PATH: "/_stats", METRICS_TOKEN,
    });
  });

  // Every wait below is on what the servers and the gateway report (a request arriving, a
  // connection held, the stats' state), bounded generously; the sleeps only let the keys expire
  // (CACHE_MAX_AGE), which no load can make too short.
  it("keeps verifying with the stale keys through a 500, malformed JSON, a timeout and a slow answer", async () => {
    assert.equal((await call(gateway, "/api", { token: k1.sign() })).status, 200);
    for (const [failures, mode] of [[1, "error"], [2, "malformed"], [3, "hang"]]) {
      documents.set(jwksPath, { mode });
      const hitsBefore = documents.hits[jwksPath];
      await sleep(350); // CACHE_MAX_AGE: the next request refreshes in the background
      const { status } = await call(gateway, "/api", { token: k1.sign() });
      assert.equal(status, 200, mode);
      // The hang: answered before the refresh it started ended (not yet arrived, or held open).
      const refreshEnded = documents.hits[jwksPath] === hitsBefore + 1 && documents.held[jwksPath] === 0;
      if (mode === "hang") assert.ok(!refreshEnded, "answered without waiting for the refresh");
      await until(async () => (await statsOf(gateway)).jwks.failures === failures, BOUND_MS, mode);
      assert.equal(documents.hits[jwksPath], hitsBefore + 1, mode);
    }
    // A slow answer, within the timeout: the request is answered from the stale keys while the
    // refresh is held, and the refresh, once answered, makes the keys fresh again.
    documents.set(jwksPath, { mode: "held" });
    const hitsBefore = documents.hits[jwksPath];
    await sleep(350);
    assert.equal((await call(gateway, "/api", { token: k1.sign() })).status, 200);
    await until(() => documents.hits[jwksPath] === hitsBefore + 1, BOUND_MS, "the slow refresh's request");
    assert.equal(documents.held[jwksPath], 1, "the slow refresh is still held");
    assert.equal((await statsOf(gateway)).jwks.state, "stale", "not fresh before its answer");
    documents.release(jwksPath);
    await until(async () => (await statsOf(gateway)).jwks.state === "fresh", BOUND_MS, "the slow refresh");
    const body = await statsOf(gateway);
    assert.equal(body.jwks.failures, 3);
    assert.ok(body.jwks.servedStale >= 3, JSON.stringify(body.jwks));
    assert.equal(body.jwks.consecutiveFailures, 0);
    assert.equal(body.jwks.lastError.code, "ERR_JWKS_TIMEOUT");
    assert.equal(body.rejected, 0);
    // One line per change of state on the worker's log (console), none per request.
    const states = gateway.output().match(/"state":"\w+"/g) ?? [];
    assert.deepEqual(states.slice(-4), ['"state":"failing"', '"state":"failing"', '"state":"failing"', '"state":"recovered"']);
  });
});

describe("the worker in workerd: no keys, no revocation list, no origin, no configuration", () => {
  const k1 = signer("k1");
  let gateway;
  let misconfigured;
  const jwksPath = "/none/jwks.json";
  const revocationPath = "/none/revoked.json";

  before(async () => {
    const closed = await startEchoOrigin();
    await closed.close();
    [gateway, misconfigured] = await Promise.all([
      gatewayWith({
        JWKS_URL: documents.set(jwksPath, { mode: "error", body: { keys: [k1.jwk] } }), ISSUER, AUDIENCE,
        ORIGIN: closed.url, BYPASS: "/health", REVOCATION_URL: documents.set(revocationPath, { mode: "error", body: {} }),
        COOLDOWN_DURATION: "0", TIMEOUT_DURATION: String(TIMEOUT_MS),
      }),
      gatewayWith({ ORIGIN: origin.url, ISSUER }), // no key source
    ]);
  });

  it("answers 503 with Retry-After when no keys can be fetched, never waiting past the timeout", async () => {
    assertUnavailable(await call(gateway, "/api", { token: k1.sign() }), "ERR_JWKS_FETCH_FAILED");
    documents.set(jwksPath, { mode: "hang" });
    const timedOut = await call(gateway, "/api", { token: k1.sign() });
    assertUnavailable(timedOut, "ERR_JWKS_TIMEOUT");
    assert.ok(timedOut.ms < TIMEOUT_MS + 1_000, `${timedOut.ms} ms`);
  });

  // A body that is no JWK Set tells nothing about the token: like the other upstream failures, 503.
  it("answers 503 when the JWKS endpoint answers malformed JSON and no keys are on hand", async () => {
    documents.set(jwksPath, { mode: "malformed" });
    assertUnavailable(await call(gateway, "/api", { token: k1.sign() }), "ERR_JWKS_INVALID");
  });

  it("answers 503 when the revocation list cannot be fetched, and 502 when the origin is down", async () => {
    documents.set(jwksPath, { mode: "ok" });
    assertUnavailable(await call(gateway, "/api", { token: k1.sign() }), "ERR_REVOCATION_UNAVAILABLE");
    const down = await call(gateway, "/health");
    assert.equal(down.status, 502);
    assert.deepEqual(down.body, { error: "bad_gateway", code: "ERR_ORIGIN_UNREACHABLE" });
  });

  it("answers 500 without details when the bindings are refused", async () => {
    const { status, body } = await call(misconfigured, "/api", { token: k1.sign() });
    assert.equal(status, 500);
    assert.deepEqual(body, { error: "gateway_misconfigured" });
    // workerd writes the worker's log line on its own schedule, after the answer.
    const logged = () => /the configuration is refused: give exactly one key source/.test(misconfigured.output());
    for (const until = performance.now() + 10_000; !logged() && performance.now() < until;) await sleep(20);
    assert.ok(logged(), misconfigured.output());
  });
});

describe("the worker in workerd: concurrency", () => {
  const k1 = signer("k1");
  let gateway;
  let abandoned;
  const jwksPath = "/concurrent/jwks.json";
  const abandonedPath = "/abandoned/jwks.json";

  before(async () => {
    [gateway, abandoned] = await Promise.all([
      gatewayWith({
        JWKS_URL: documents.set(jwksPath, { body: { keys: [k1.jwk] }, delay: 500 }), ISSUER, AUDIENCE, ORIGIN: origin.url,
        STATS_PATH: "/_stats", METRICS_TOKEN,
      }),
      gatewayWith({ JWKS_URL: documents.set(abandonedPath, { body: { keys: [k1.jwk] }, delay: 600 }), ISSUER, AUDIENCE, ORIGIN: origin.url }),
    ]);
  });

  it("makes one JWKS fetch for 50 requests that arrive while it runs", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => call(gateway, `/api/${n}`, { token: k1.sign({ n }) })));
    assert.deepEqual(answers.map(({ status }) => status), Array(50).fill(200));
    assert.deepEqual(answers.map(({ body }) => body.path), Array.from({ length: 50 }, (_, n) => `/api/${n}`));
    assert.equal(documents.hits[jwksPath], 1);
    const { body } = await call(gateway, "/_stats", { token: METRICS_TOKEN });
    assert.equal(body.jwks.fetches, 1);
    assert.ok(body.jwks.coalesced > 0, JSON.stringify(body.jwks)); // the requests did wait for the one fetch
    assert.equal(body.allowed, 50);
  });

  // The fetch runs in the first request's context: a client that gives up must not strand the others.
  it("lets the requests that joined a JWKS fetch finish when the request that started it is abandoned", async () => {
    const first = call(abandoned, "/api/first", { token: k1.sign(), signal: AbortSignal.timeout(100) });
    await assert.rejects(first, { name: "TimeoutError" });
    const second = await call(abandoned, "/api/second", { token: k1.sign() });
    assert.equal(second.status, 200);
    assert.ok(second.ms < 1_000, `${second.ms} ms`);
    assert.equal(documents.hits[abandonedPath], 1);
  });
});

// The fault servers of tests/js/endpoint-faults.test.js against the worker itself: a bounded load
// of concurrent clients, with counts, not speeds, asserted.
describe("the worker in workerd: JWKS and revocation endpoints that hang, send without end, or are slow to change", () => {
  const k1 = signer("k1");
  const HOLD_MS = 1_000; // TIMEOUT_DURATION: how long one hanging refresh is held
  const FLOOR = 20; // known-kid requests answered while one refresh hangs (measured: README, "When an endpoint fails")
  const CLIENTS = 4;
  const known = k1.sign();
  const env = (jwksUrl, revocationUrl, more = {}) => ({
    JWKS_URL: jwksUrl, REVOCATION_URL: revocationUrl, ISSUER, AUDIENCE, ORIGIN: origin.url, CACHE_MAX_AGE: "300",
    COOLDOWN_DURATION: "300", TIMEOUT_DURATION: String(HOLD_MS), STATS_PATH: "/_stats", METRICS_TOKEN, ...more,
  });

  // CLIENTS loops of calls with a known kid until `done()`, at most 5,000 calls or `limitMs`;
  // each outcome notes whether `during()` held when its answer came.
  async function load(gateway, { done, during, limitMs }) {
    const outcomes = [];
    const deadline = performance.now() + limitMs;
    const client = async () => {
      while (!done() && outcomes.length < 5_000 && performance.now() < deadline) {
        const { status, ms } = await call(gateway, "/api", { token: known });
        outcomes.push({ status, ms, during: during() });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    return outcomes;
  }

  for (const which of ["jwks", "revocation"]) {
    it(`answers known kids at once while the ${which} endpoint hangs: at least ${FLOOR} during one timeout, none waiting`, async (t) => {
      const jwksPath = `/hang-${which}/jwks.json`;
      const revocationPath = `/hang-${which}/revoked.json`;
      const gateway = await gatewayWith(env(documents.set(jwksPath, { body: { keys: [k1.jwk] } }),
        documents.set(revocationPath, { body: { jti: [] } })));
      assert.equal((await call(gateway, "/api", { token: known })).status, 200);
      const path = which === "jwks" ? jwksPath : revocationPath;
      documents.set(path, { mode: "hang" });
      await sleep(350); // CACHE_MAX_AGE: the next request starts a refresh, which hangs
      let held = false;
      const outcomes = await load(gateway, {
        done: () => {
          if (documents.held[path] > 0) held = true;
          return held && documents.held[path] === 0;
        },
        during: () => documents.held[path] > 0,
        limitMs: 3 * HOLD_MS,
      });
      const during = outcomes.filter((outcome) => outcome.during).length;
      t.diagnostic(`${during} requests answered while the refresh was held for ${HOLD_MS} ms`);
      assert.deepEqual(outcomes.filter(({ status }) => status !== 200), []);
      assert.ok(during >= FLOOR, `${during} answered during the hang (floor ${FLOOR})`);
      assert.ok(Math.max(...outcomes.map(({ ms }) => ms)) < HOLD_MS, "no request waited for the refresh");
      const stats = (await statsOf(gateway))[which];
      assert.equal(stats.lastError.code, which === "jwks" ? "ERR_JWKS_TIMEOUT" : "ERR_REVOCATION_UNAVAILABLE");
      assert.equal(stats.fetches, 2);
      assert.match(gateway.output(), new RegExp(`"document":"${which === "jwks" ? "JWKS" : "revocation list"}".*"state":"failing"`));
    });
  }

  it("stops reading a JWKS and a revocation list without end at their limits, reporting each at once", async () => {
    const jwksPath = "/endless/jwks.json";
    const revocationPath = "/endless/revoked.json";
    const gateway = await gatewayWith(env(documents.set(jwksPath, { body: { keys: [k1.jwk] } }),
      documents.set(revocationPath, { body: { jti: [] } }), { REVOCATION_MAX_RESPONSE_SIZE: String(4 * 1024 * 1024) }));
    assert.equal((await call(gateway, "/api", { token: known })).status, 200);
    documents.set(jwksPath, { mode: "endless" });
    documents.set(revocationPath, { mode: "endless" });
    await sleep(350);
    assert.equal((await call(gateway, "/api", { token: known })).status, 200); // both refresh in the background
    await until(async () => {
      const { jwks, revocation } = await statsOf(gateway);
      return jwks.failures === 1 && revocation.failures === 1;
    }, 10_000, "both refreshes failing");
    const { jwks, revocation } = await statsOf(gateway);
    assert.match(jwks.lastError.message, /larger than 524288 bytes/);
    assert.match(revocation.lastError.message, /larger than 4194304 bytes/);
    assert.equal((await call(gateway, "/api", { token: known })).status, 200);
    for (const path of [jwksPath, revocationPath]) assert.ok(documents.written[path] < ENDLESS_CAP, `${path}: ${documents.written[path]} bytes`);
  });

  it("loads a revocation list at capacity (100,000 jtis and 100,000 subjects) with the default limits", async () => {
    const jti = Array.from({ length: 100_000 }, () => crypto.randomUUID());
    const subjects = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`auth0|${i.toString(16).padStart(24, "0")}`, seconds()]));
    const text = JSON.stringify({ jti, subjects }, null, 2);
    assert.ok(text.length > 512 * 1024);
    const gateway = await gatewayWith(env(documents.set("/capacity/jwks.json", { body: { keys: [k1.jwk] } }),
      documents.set("/capacity/revoked.json", { text }), { TIMEOUT_DURATION: "30000" }));
    assertRejected(await call(gateway, "/api", { token: k1.sign({ jti: jti.at(-1) }) }), "ERR_JWT_REVOKED");
    assertRejected(await call(gateway, "/api", { token: k1.sign({ sub: "auth0|00000000000000000001869f" }, { iat: seconds() - 10 }) }), "ERR_JWT_REVOKED");
    assert.equal((await call(gateway, "/api", { token: k1.sign({ jti: crypto.randomUUID() }) })).status, 200);
  });

  it("applies a revocation within about CACHE_MAX_AGE when the list is sent with Cache-Control: no-store", async () => {
    const path = "/no-store/revoked.json";
    const gateway = await gatewayWith(env(documents.set("/no-store/jwks.json", { body: { keys: [k1.jwk] } }),
      documents.set(path, { body: { jti: [] }, headers: { "cache-control": "no-store" } }), { CACHE_MAX_AGE: "1000" }));
    const token = k1.sign({ jti: "soon-revoked" });
    assert.equal((await call(gateway, "/api", { token })).status, 200);
    documents.set(path, { body: { jti: ["soon-revoked"] } });
    await sleep(1_100); // CACHE_MAX_AGE, not minCacheMaxAge's 60 s
    assert.ok(await refusedSoon(gateway, token, "ERR_JWT_REVOKED", 1_000) <= 5);
  });

  it("refuses a redirect of the JWKS off https/loopback, and follows one on its own origin", async () => {
    const gateway = await gatewayWith(env(documents.set("/redirect/jwks.json", { mode: "redirect", location: "http://jwks.evil.example/jwks.json" }),
      undefined, { COOLDOWN_DURATION: "0" }));
    assertUnavailable(await call(gateway, "/api", { token: known }), "ERR_JWKS_FETCH_FAILED");
    assert.match((await statsOf(gateway)).jwks.lastError.message, /to http:\/\/jwks\.evil\.example: neither https: nor loopback http:/);
    documents.set("/redirect/keys.json", { body: { keys: [k1.jwk] } });
    documents.set("/redirect/jwks.json", { mode: "redirect", location: "/redirect/keys.json" });
    assert.equal((await call(gateway, "/api", { token: known })).status, 200);
  });
});

// A worker that builds the gateway but does not pass its ExecutionContext: workerd drops a refresh
// started in the background once its request has ended. The gateway must not wait on it forever.
describe("the worker in workerd: a background refresh the runtime drops", () => {
  const k1 = signer("k1");
  const k2 = signer("k2");

  it("takes the dropped refresh as timed out and lets the next request fetch again", async () => {
    const jwksPath = "/dropped/jwks.json";
    const gateway = await startWorkerd({
      modules: workerModules(["tests/support/worker-without-context.js", "edge/worker.js", "edge/gateway-config.js"]),
      env: {
        JWKS_URL: documents.set(jwksPath, { body: { keys: [k1.jwk] } }), ISSUER, AUDIENCE, ORIGIN: origin.url,
        CACHE_MAX_AGE: "300", COOLDOWN_DURATION: "0", TIMEOUT_DURATION: "400", STATS_PATH: "/_stats", METRICS_TOKEN,
        METRICS_PATH: "/_metrics",
      },
    });
    cleanups.push(gateway.stop);
    assert.equal((await call(gateway, "/api", { token: k1.sign() })).status, 200);
    documents.set(jwksPath, { body: { keys: [k1.jwk, k2.jwk] }, delay: 200 });
    await sleep(350);
    assert.equal((await call(gateway, "/api", { token: k1.sign() })).status, 200); // starts a refresh, then ends
    await sleep(700); // past TIMEOUT_DURATION: whatever became of that refresh, it is over
    const rotated = await call(gateway, "/api", { token: k2.sign() });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.ok(rotated.ms < 2_000, `${rotated.ms} ms`);
    const { jwks } = await statsOf(gateway);
    assert.equal(jwks.failures, 1, JSON.stringify(jwks));
    assert.match(jwks.lastError.message, /dropped before it ended/);
    // The metrics count the dropped fetch as failed, once, with its code (it never settles: the
    // document reports it when it gives it up).
    const metrics = parsePrometheus((await call(gateway, "/_metrics", { token: METRICS_TOKEN })).body);
    assert.equal(total(metrics, "edgejwt_jwks_fetches_total", { provider: "default", result: "failed" }), 1);
    assert.equal(total(metrics, "edgejwt_jwks_fetches_total", { provider: "default", result: "ok" }), 2);
    assert.equal(total(metrics, "edgejwt_jwks_last_error_info", { provider: "default", code: "ERR_JWKS_TIMEOUT" }), 1);
  });
});
