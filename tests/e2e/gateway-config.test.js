// edge/gateway-config.js: the worker's env bindings → createGateway's config, as text (workerd text
// bindings, wrangler string vars) and as typed values (JSON bindings, TOML arrays and tables).
import { it } from "node:test";
import assert from "node:assert/strict";

import { BINDING_NAMES, gatewayConfigOf } from "../../edge/gateway-config.js";

it("reads every binding from text", () => {
  const config = gatewayConfigOf({
    JWKS_URL: "https://idp.example/jwks.json", ISSUER: "https://idp.example", AUDIENCE: "api, other ,",
    ALGORITHMS: "RS256,ES256", TYP: "at+jwt", CLOCK_TOLERANCE: "30", REQUIRED_CLAIMS: "sub,email",
    REQUIRED_SCOPES: "read", TOKEN_SOURCES: "header:authorization, cookie:session", ORIGIN: "https://origin.example",
    CLAIM_HEADERS: '{"x-user-id":"sub"}', PAYLOAD_HEADER: "x-jwt-payload", BYPASS: "/health,/public/*",
    FORWARD_TOKEN: "true", REVOCATION_URL: "https://idp.example/revoked.json", CACHE_MAX_AGE: "60000",
    COOLDOWN_DURATION: "1000", TIMEOUT_DURATION: "500", TOKEN_CACHE: '{"maxEntries":100,"maxTtl":60}',
    BYPASS_PREFLIGHT: "true", MAX_ADDED_HEADER_BYTES: "16384",
    UNRELATED: "a KV namespace or anything else the worker is bound to",
  });
  assert.deepEqual(config, {
    jwksUrl: "https://idp.example/jwks.json", issuer: "https://idp.example", audience: ["api", "other"],
    algorithms: ["RS256", "ES256"], typ: "at+jwt", clockTolerance: 30, requiredClaims: ["sub", "email"],
    requiredScopes: ["read"], tokenSources: ["header:authorization", "cookie:session"], origin: "https://origin.example",
    claimHeaders: { "x-user-id": "sub" }, payloadHeader: "x-jwt-payload", bypass: ["/health", "/public/*"],
    forwardToken: true, revocation: { url: "https://idp.example/revoked.json" }, cacheMaxAge: 60000,
    cooldownDuration: 1000, timeoutDuration: 500, cache: { maxEntries: 100, maxTtl: 60 },
    bypassPreflight: true, maxAddedHeaderBytes: 16384,
  });
});

it("reads typed values, spans, inline documents and the HMAC secret", () => {
  const config = gatewayConfigOf({
    JWKS: { keys: [] }, AUDIENCE: ["api"], CLOCK_TOLERANCE: "2m", FORWARD_TOKEN: false, CACHE_MAX_AGE: 1000,
    REVOCATION: '{"jti":["j1"]}', CLAIM_HEADERS: { "x-org": "org.id" }, TOKEN_CACHE: "false", ISSUER: "",
    TYP: null,
  });
  assert.deepEqual(config, {
    jwks: { keys: [] }, audience: ["api"], clockTolerance: "2m", forwardToken: false, cacheMaxAge: 1000,
    revocation: { jti: ["j1"] }, claimHeaders: { "x-org": "org.id" }, cache: false,
  });
  assert.deepEqual(gatewayConfigOf({ SECRET: "AAECAwT_" }).secret, Uint8Array.of(0, 1, 2, 3, 4, 255));
  assert.equal(gatewayConfigOf({ PEM: "-----BEGIN PUBLIC KEY-----\n…" }).pem, "-----BEGIN PUBLIC KEY-----\n…");
});

it("refuses malformed bindings, naming them", () => {
  const cases = [
    [{ JWKS: "{" }, /env\.JWKS must be JSON/],
    [{ SECRET: "AAEC+w==" }, /env\.SECRET must be base64url without padding/],
    [{ SECRET: "A" }, /env\.SECRET/],
    [{ FORWARD_TOKEN: "yes" }, /env\.FORWARD_TOKEN must be true or false/],
    [{ CACHE_MAX_AGE: "10s" }, /env\.CACHE_MAX_AGE must be a whole number of milliseconds/],
    [{ TIMEOUT_DURATION: 1.5 }, /env\.TIMEOUT_DURATION/],
    [{ BYPASS_PREFLIGHT: "on" }, /env\.BYPASS_PREFLIGHT must be true or false/],
    [{ MAX_ADDED_HEADER_BYTES: "8k" }, /env\.MAX_ADDED_HEADER_BYTES must be a whole number of bytes/],
    [{ MAX_ADDED_HEADER_BYTES: -1 }, /env\.MAX_ADDED_HEADER_BYTES/],
    [{ AUDIENCE: ["api", 7] }, /env\.AUDIENCE must be a list of strings/],
    [{ ISSUER: 42 }, /env\.ISSUER must be text/],
    [{ TOKEN_CACHE: '{"maxentries":5}' }, /env\.TOKEN_CACHE must be false or a JSON object of maxEntries, maxTtl/],
    [{ REVOCATION_URL: "https://idp.example/r.json", REVOCATION: "{}" }, /env\.REVOCATION and env\.REVOCATION_URL both set revocation/],
  ];
  for (const [env, message] of cases) assert.throws(() => gatewayConfigOf(env), { name: "TypeError", message }, JSON.stringify(env));
});

it("reads the metrics and stats paths with their secret into one metrics option", () => {
  assert.equal(gatewayConfigOf({}).metrics, undefined);
  assert.equal(gatewayConfigOf({ STATS_PATH: "" }).metrics, undefined);
  assert.deepEqual(gatewayConfigOf({ STATS_PATH: "/_stats", METRICS_TOKEN: "t".repeat(32) }).metrics, { statsPath: "/_stats", token: "t".repeat(32) });
  assert.deepEqual(gatewayConfigOf({ METRICS_PATH: "/_metrics", METRICS_TOKEN: "t".repeat(32), STATS_PATH: "/_stats" }).metrics,
    { path: "/_metrics", token: "t".repeat(32), statsPath: "/_stats" });
  // A path without its secret is passed on as it is: createGateway refuses it (the worker then answers 500).
  assert.deepEqual(gatewayConfigOf({ STATS_PATH: "/_stats" }).metrics, { statsPath: "/_stats" });
  assert.throws(() => gatewayConfigOf({ METRICS_TOKEN: 7 }), /env\.METRICS_TOKEN must be text/);
  for (const name of ["STATS_PATH", "METRICS_PATH", "METRICS_TOKEN", "PROVIDERS", "RULES", "THROTTLE", "DENIAL_LOG", "AUTH_STATUS_HEADER", "JWKS_URL"]) {
    assert.ok(BINDING_NAMES.includes(name), name);
  }
  assert.equal(BINDING_NAMES.length, 44);
});

it("reads the decryption key of encrypted tokens from DECRYPTION, and a provider's from PROVIDERS, secrets as bytes", () => {
  const jwks = { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", d: "d", alg: "ECDH-ES+A256KW" }] };
  assert.deepEqual(gatewayConfigOf({ DECRYPTION: JSON.stringify({ jwks, allowUnsigned: false }) }).decryption, { jwks, allowUnsigned: false });
  assert.deepEqual(gatewayConfigOf({ DECRYPTION: '{"secret":"AAECAwT_","alg":"A256KW"}' }).decryption, { secret: Uint8Array.of(0, 1, 2, 3, 4, 255), alg: "A256KW" });
  const providers = gatewayConfigOf({ PROVIDERS: JSON.stringify({ sealed: { jwks, decryption: { secret: "AAECAwT_", alg: "A256GCM" } } }) }).providers;
  assert.deepEqual(providers.sealed.decryption, { secret: Uint8Array.of(0, 1, 2, 3, 4, 255), alg: "A256GCM" });
  assert.throws(() => gatewayConfigOf({ DECRYPTION: "[]" }), { name: "TypeError", message: /env\.DECRYPTION must be a JSON object/ });
  assert.throws(() => gatewayConfigOf({ DECRYPTION: '{"secret":"not base64url!"}' }), { name: "TypeError", message: /env\.DECRYPTION\.secret must be base64url/ });
  assert.ok(BINDING_NAMES.includes("DECRYPTION"));
});

it("reads cookie sessions from SESSIONS (the Durable Object namespace), SESSION_SECRET and SESSION", () => {
  const namespace = { idFromName: (name) => name, get: () => ({}) };
  const secret = Buffer.alloc(32, 7).toString("base64url");
  const config = gatewayConfigOf({ SESSIONS: namespace, SESSION_SECRET: secret, SESSION: '{"refreshCookiePath":"/","accessTokenTtl":"5m"}' });
  assert.equal(config.session.store.constructor.name, "DurableObjectSessionStoreClient");
  assert.deepEqual(config.session.secret, new Uint8Array(32).fill(7));
  assert.deepEqual({ ...config.session, store: undefined, secret: undefined }, { alg: "HS256", refreshCookiePath: "/", accessTokenTtl: "5m", store: undefined, secret: undefined });
  const refused = [
    [{ SESSION_SECRET: secret }, /need env\.SESSIONS/],
    [{ SESSIONS: namespace, SESSION: "{}" }, /need env\.SESSIONS .* and env\.SESSION_SECRET/],
    [{ SESSION: "{}" }, /need env\.SESSIONS/],
    [{ SESSIONS: "SESSIONS", SESSION_SECRET: secret }, /env\.SESSIONS must be a Durable Object namespace/],
    [{ SESSIONS: namespace, SESSION_SECRET: "not base64url!" }, /env\.SESSION_SECRET must be base64url/],
    [{ SESSIONS: namespace, SESSION_SECRET: secret, SESSION: '{"secret":"x"}' }, /env\.SESSION may not set secret/],
    [{ SESSIONS: namespace, SESSION_SECRET: secret, SESSION: "[]" }, /env\.SESSION must be a JSON object/],
  ];
  for (const [env, message] of refused) assert.throws(() => gatewayConfigOf(env), { name: "TypeError", message }, JSON.stringify(env));
  // The namespace alone (wrangler.toml binds it) turns nothing on.
  assert.equal(gatewayConfigOf({ SESSIONS: namespace }).session, undefined);
  for (const name of ["SESSION", "SESSION_SECRET"]) assert.ok(BINDING_NAMES.includes(name), name);
});

it("reads the snapshot store from SNAPSHOT_STORE (the runtime's caches.default) and REFRESH_AHEAD", async () => {
  const stored = new Map();
  const caches = { default: { match: async (url) => stored.get(url), put: async (url, response) => stored.set(url, response) } };
  const config = gatewayConfigOf({ JWKS_URL: "https://idp.example/jwks.json", SNAPSHOT_STORE: "cache", REFRESH_AHEAD: "60000" }, { caches });
  assert.equal(config.refreshAhead, 60000);
  assert.equal(config.snapshotStore.constructor.name, "CacheSnapshotStore");
  await config.snapshotStore.save("jwks https://idp.example/jwks.json", { jwks: { keys: [] }, fetchedAt: 1, maxAge: 1 }, 60_000);
  assert.deepEqual([...stored.keys()].map((url) => new URL(url).host), ["snapshots.edgejwt.invalid"]);
  assert.deepEqual(Object.keys(gatewayConfigOf({ SNAPSHOT_STORE: "none" }, { caches })), []);
  assert.deepEqual(Object.keys(gatewayConfigOf({ SNAPSHOT_STORE: "" }, { caches })), []);
  const refused = [
    [{ SNAPSHOT_STORE: "cache" }, {}, /env\.SNAPSHOT_STORE "cache" needs the Workers Cache API/],
    [{ SNAPSHOT_STORE: "kv" }, { caches }, /env\.SNAPSHOT_STORE must be "cache" or "none"/],
    [{ SNAPSHOT_STORE: "constructor" }, { caches }, /env\.SNAPSHOT_STORE must be/],
    [{ SNAPSHOT_STORE: true }, { caches }, /env\.SNAPSHOT_STORE must be/],
    [{ REFRESH_AHEAD: "1m" }, { caches }, /env\.REFRESH_AHEAD must be a whole number of milliseconds/],
  ];
  for (const [env, runtime, message] of refused) assert.throws(() => gatewayConfigOf(env, runtime), { name: "TypeError", message }, JSON.stringify(env));
  for (const name of ["SNAPSHOT_STORE", "REFRESH_AHEAD"]) assert.ok(BINDING_NAMES.includes(name), name);
});

it("reads providers, rules, throttling and the denial log from JSON bindings; a provider's secret from base64url", () => {
  const config = gatewayConfigOf({
    PROVIDERS: JSON.stringify({ users: { jwksUrl: "https://idp.example/jwks.json", issuer: "https://idp.example" }, hmac: { secret: "AAECAwT_", issuer: "h" } }),
    RULES: '[{"match":{"prefix":"/public"},"requires":"none"}]', THROTTLE: { failuresPerMinute: 30 }, DENIAL_LOG: "false",
    AUTH_STATUS_HEADER: "x-auth",
  });
  assert.deepEqual(config.providers.users, { jwksUrl: "https://idp.example/jwks.json", issuer: "https://idp.example" });
  assert.deepEqual(config.providers.hmac, { secret: Uint8Array.of(0, 1, 2, 3, 4, 255), issuer: "h" });
  assert.deepEqual(config.rules, [{ match: { prefix: "/public" }, requires: "none" }]);
  assert.deepEqual(config.throttle, { failuresPerMinute: 30 });
  assert.equal(config.denialLog, false);
  assert.equal(config.authStatusHeader, "x-auth");
  assert.deepEqual(gatewayConfigOf({ DENIAL_LOG: '{"maxPerSecond":5}' }).denialLog, { maxPerSecond: 5 });
  for (const [env, message] of [[{ PROVIDERS: "[]" }, /env\.PROVIDERS must be a JSON object/], [{ PROVIDERS: '{"a":{"secret":"A"}}' }, /env\.PROVIDERS\.a\.secret/],
    [{ RULES: "[" }, /env\.RULES must be JSON/], [{ THROTTLE: "30" }, /env\.THROTTLE/]]) {
    assert.throws(() => gatewayConfigOf(env), { name: "TypeError", message }, JSON.stringify(env));
  }
});

it("reads the endpoints' limits: the no-store floor, the JWKS's own, and the revocation list's into revocation", () => {
  const config = gatewayConfigOf({
    JWKS_URL: "https://idp.example/jwks.json", MIN_CACHE_MAX_AGE: "1000", JWKS_MAX_STALE: "600000",
    JWKS_MAX_RESPONSE_SIZE: 65536, REVOCATION_URL: "https://idp.example/revoked.json", REVOCATION_MAX_ENTRIES: "200000",
    REVOCATION_MAX_RESPONSE_SIZE: "33554432", REVOCATION_MAX_STALE: 60000,
  });
  assert.deepEqual(config, {
    jwksUrl: "https://idp.example/jwks.json", minCacheMaxAge: 1000, jwksMaxStale: 600000, jwksMaxResponseSize: 65536,
    revocation: { url: "https://idp.example/revoked.json", maxEntries: 200000, maxResponseSize: 33554432, maxStale: 60000 },
  });
  for (const name of ["MIN_CACHE_MAX_AGE", "JWKS_MAX_STALE", "JWKS_MAX_RESPONSE_SIZE", "REVOCATION_MAX_ENTRIES",
    "REVOCATION_MAX_RESPONSE_SIZE", "REVOCATION_MAX_STALE"]) {
    assert.ok(BINDING_NAMES.includes(name), name);
  }
  const refused = [
    [{ JWKS_MAX_RESPONSE_SIZE: "0" }, /env\.JWKS_MAX_RESPONSE_SIZE must be a whole number from 1/],
    [{ MIN_CACHE_MAX_AGE: "1s" }, /env\.MIN_CACHE_MAX_AGE must be a whole number of milliseconds/],
    [{ REVOCATION_URL: "https://idp.example/r.json", REVOCATION_MAX_ENTRIES: "1e5" }, /env\.REVOCATION_MAX_ENTRIES must be a whole number/],
    [{ REVOCATION_MAX_ENTRIES: "10" }, /env\.REVOCATION_MAX_ENTRIES needs env\.REVOCATION_URL/],
    [{ REVOCATION: '{"jti":[]}', REVOCATION_MAX_STALE: "10" }, /env\.REVOCATION_MAX_STALE needs env\.REVOCATION_URL/],
  ];
  for (const [env, message] of refused) assert.throws(() => gatewayConfigOf(env), { name: "TypeError", message }, JSON.stringify(env));
});
