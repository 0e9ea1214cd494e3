// edge/gateway-config.js: the worker's env bindings → createGateway's config, as text (workerd text
// bindings, wrangler string vars) and as typed values (JSON bindings, TOML arrays and tables).
import { it } from "node:test";
import assert from "node:assert/strict";

import { BINDING_NAMES, gatewayConfigOf, statsPathOf } from "../../edge/gateway-config.js";

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

it("answers stats only at a configured path", () => {
  assert.equal(statsPathOf({}), null);
  assert.equal(statsPathOf({ STATS_PATH: "" }), null);
  assert.equal(statsPathOf({ STATS_PATH: "/_stats" }), "/_stats");
  assert.throws(() => statsPathOf({ STATS_PATH: "stats" }), /must be a path/);
  assert.ok(BINDING_NAMES.includes("STATS_PATH") && BINDING_NAMES.includes("JWKS_URL") && BINDING_NAMES.length === 32);
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
