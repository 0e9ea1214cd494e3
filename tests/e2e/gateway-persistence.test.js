// Issue 17 item 6 in real workerd: keys that survive cold starts and refresh ahead of expiry.
// workerd sends the Cache API to the service its config names (cacheApiOutbound); here that is
// edge/cache-service.js on loopback, which outlives each workerd process as Cloudflare's cache
// outlives an isolate. Each test restarts workerd (a cold isolate) against the same cache, with
// the identity provider's endpoints down, and counts what the endpoints were asked.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/index.js";
import { startWorkerd } from "../../edge/run-local.js";
import { startCacheService } from "../../edge/cache-service.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { answer, startEndpoint, until } from "../support/endpoint.js";
import { METRICS_TOKEN } from "../support/gateway.js";

const ISSUER = "https://idp.persistence.example";
const AUDIENCE = "api";
const REQUEST_LIMIT_MS = 10_000;

const cleanups = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the worker in workerd: keys that survive cold starts (issue 17 item 6)", () => {
  let origin, idp, signer;
  let down = false; // the identity provider's endpoints answer 503
  let delayMs = 0; // before the JWKS is answered
  const jwks = () => ({ keys: [signer.jwk] });

  before(async () => {
    await edgejwt.init();
    const { publicKey, privateKey } = edgejwt.generateKeyPair("ES256");
    signer = { jwk: { ...edgejwt.exportJWK(publicKey), kid: "k1", alg: "ES256" }, privateKey };
    origin = await startEchoOrigin();
    cleanups.push(origin.close);
    idp = await startEndpoint("/jwks.json");
    cleanups.push(idp.close);
    idp.respond = (request, response) => {
      if (down) return answer({ error: "down" }, {}, 503)(request, response);
      const body = request.url === "/revoked.json" ? { jti: ["revoked-1"] } : jwks();
      setTimeout(() => answer(body)(request, response), request.url === "/jwks.json" ? delayMs : 0);
    };
  });

  const token = (claims = {}) => edgejwt.sign({ sub: "u1", ...claims }, signer.privateKey,
    { alg: "ES256", kid: "k1", issuer: ISSUER, audience: AUDIENCE, expiresIn: "5m" });
  const envWith = (more = {}) => ({
    JWKS_URL: idp.url, ISSUER, AUDIENCE, ORIGIN: origin.url, CLAIM_HEADERS: '{"x-user-id":"sub"}',
    STATS_PATH: "/_stats", METRICS_TOKEN, ...more,
  });
  async function gatewayWith(env, cacheService) {
    const gateway = await startWorkerd({ env, cacheService });
    cleanups.push(gateway.stop);
    return gateway;
  }
  async function call(gateway, path, bearer) {
    const response = await fetch(`${gateway.url}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
    });
    const text = await response.text();
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body };
  }
  const statsOf = async (gateway) => (await call(gateway, "/_stats", METRICS_TOKEN)).body;
  const asked = () => idp.requests.length;

  it("serves a cold isolate (workerd restarted) from the persisted key set and revocation list while both endpoints are down", async () => {
    const cache = await startCacheService();
    cleanups.push(cache.close);
    const env = envWith({ REVOCATION_URL: `${idp.origin}/revoked.json`, SNAPSHOT_STORE: "cache" });
    down = false;
    const warm = await gatewayWith(env, cache.address);
    assert.equal((await call(warm, "/api", token())).status, 200);
    await until(() => cache.entries.size === 2, 5_000, "the key set and the list stored");
    const { jwks: warmJwks, revocation: warmList } = await statsOf(warm);
    assert.equal(warmJwks.persistence.saves, 1);
    await warm.stop();

    down = true;
    const before = asked();
    const cold = await gatewayWith(env, cache.address);
    const allowed = await call(cold, "/api", token());
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.headers["x-user-id"], "u1");
    const revoked = await call(cold, "/api", token({ jti: "revoked-1" }));
    assert.deepEqual([revoked.status, revoked.body.code], [401, "ERR_JWT_REVOKED"]);
    assert.equal(asked(), before); // the endpoints were not asked: both were fresh in the cache
    const { jwks, revocation } = await statsOf(cold);
    assert.deepEqual([jwks.fetchedAt, jwks.persistence.restoredFrom, jwks.fetches, jwks.waited], [warmJwks.fetchedAt, warmJwks.fetchedAt, 0, 0]);
    assert.deepEqual([revocation.fetchedAt, revocation.fetches, revocation.waited], [warmList.fetchedAt, 0, 0]);
    await cold.stop();

    // The same cold start without SNAPSHOT_STORE has nothing to serve from.
    const bare = await gatewayWith({ ...env, SNAPSHOT_STORE: undefined }, cache.address);
    const refused = await call(bare, "/api", token());
    assert.deepEqual([refused.status, refused.body.code], [503, "ERR_JWKS_FETCH_FAILED"]);
  });

  it("trusts a persisted set no further than its own fetchedAt, max-age and maxStale, even from a cache that keeps it longer", async () => {
    const cache = await startCacheService({ keepExpired: true });
    cleanups.push(cache.close);
    const env = envWith({ SNAPSHOT_STORE: "cache", CACHE_MAX_AGE: "1000", JWKS_MAX_STALE: "0" });
    down = false;
    const warm = await gatewayWith(env, cache.address);
    assert.equal((await call(warm, "/api", token())).status, 200);
    await until(() => cache.entries.size === 1, 5_000, "the key set stored");
    const { fetchedAt } = (await statsOf(warm)).jwks;
    await warm.stop();
    down = true;
    await sleep(Math.max(0, fetchedAt + 1_100 - Date.now())); // past its max-age (1 s), and maxStale is 0
    const cold = await gatewayWith(env, cache.address);
    const refused = await call(cold, "/api", token());
    assert.deepEqual([refused.status, refused.body.code], [503, "ERR_JWKS_FETCH_FAILED"]);
    const { jwks } = await statsOf(cold);
    assert.equal(jwks.persistence.restoredFrom, fetchedAt); // the cache answered with it; it was not trusted
    assert.equal(jwks.state, "unavailable");
  });

  it("refreshes ahead of expiry so no request waits for a refetch of a known key set (requests that waited counted)", async (t) => {
    down = false;
    delayMs = 150;
    try {
      const strict = { CACHE_MAX_AGE: "2000", JWKS_MAX_STALE: "0", COOLDOWN_DURATION: "0", TIMEOUT_DURATION: "3000" };
      const [plain, ahead] = await Promise.all([gatewayWith(envWith(strict)), gatewayWith(envWith({ ...strict, REFRESH_AHEAD: "1000" }))]);
      // A request to each every 25 ms or more, 200 of them: at least 5 s, two expiries and more.
      for (let round = 0; round < 200; round++) {
        const [a, b] = await Promise.all([call(plain, "/api", token()), call(ahead, "/api", token())]);
        assert.deepEqual([a.status, b.status], [200, 200]);
        await sleep(25);
      }
      const [{ jwks: without }, { jwks: with_ }] = await Promise.all([statsOf(plain), statsOf(ahead)]);
      t.diagnostic(`requests that waited for the JWKS: ${without.waited} without refresh ahead (${without.fetches} fetches), ` +
        `${with_.waited} with it (${with_.fetches} fetches)`);
      assert.ok(without.waited >= 3, `without refresh ahead: ${JSON.stringify(without)}`); // the cold start, then one per expiry
      assert.equal(with_.waited, 1, `with refresh ahead: ${JSON.stringify(with_)}`); // the cold start alone
      assert.ok(with_.fetches >= 3, JSON.stringify(with_)); // refreshed, in the background
      assert.equal(with_.servedStale, 0);
    } finally {
      delayMs = 0;
    }
  });
});
