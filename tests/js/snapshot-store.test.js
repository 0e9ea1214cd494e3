// Issue 17 item 6 in process: a remote key set (and revocation list) restored from a snapshot store
// at its first use, trusted no further than its own fetchedAt and bounds, saved after each good
// fetch; a store that fails, hangs or lies is as good as none; refresh ahead of expiry so nobody
// waits; CacheSnapshotStore over a Cache; the gateway's snapshotStore and refreshAhead.
// tests/e2e/gateway-persistence.test.js restarts workerd with the endpoint down.
import { describe, it, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { answer, startEndpoint, until } from "../support/endpoint.js";
import { parsePrometheus, total } from "../support/prometheus.js";
import { METRICS_TOKEN } from "../support/gateway.js";
import { CacheSnapshotStore, cacheUrlOf } from "../../js/gateway/snapshot-store.js";

const MAX_AGE = 600_000; // the defaults the tests rely on
const COOLDOWN = 30_000;
const MAX_STALE = 3_600_000;
const MAX_CACHE_MAX_AGE = 86_400_000;
const TIMEOUT = 1_000; // the tests' timeoutDuration: a loopback fetch on a loaded machine must fit in it
const LATE = 5_000;

const code = (expected) => (error) => {
  assert.equal(error.status ?? error.code, expected, `expected ${expected}, got ${error.status ?? error.code}: ${error.message}`);
  return true;
};

// A store in memory: `entries` key → { snapshot, ttl }; `load`/`save` replace its behaviour.
function memoryStore({ load, save } = {}) {
  const entries = new Map();
  return {
    entries,
    load: async (key) => (load ? load(key) : structuredClone(entries.get(key)?.snapshot ?? null)),
    async save(key, snapshot, ttl) {
      if (save) await save(key, snapshot, ttl);
      entries.set(key, { snapshot: structuredClone(snapshot), ttl });
    },
  };
}

// A Cache as the Workers runtime gives one: match/put by URL, in memory.
function memoryCache() {
  const responses = new Map();
  return {
    responses,
    match: async (url) => responses.get(String(url))?.clone(),
    put: async (url, response) => {
      responses.set(String(url), new Response(await response.arrayBuffer(), response));
    },
  };
}

for (const build of builds.filter((b) => b.name !== "wasi (node:wasi)")) {
  describe(`snapshot stores and refresh ahead on ${build.name} (issue 17 item 6)`, () => {
    let api, endpoint, time, logged, keys;
    const now = () => time;
    const logger = Object.fromEntries(["error", "warn", "info"].map((level) => [level, (line) => logged.push([level, JSON.parse(line)])]));

    before(async () => {
      api = await apiFor(build);
      keys = new Map(["a", "b"].map((kid) => {
        const { publicKey, privateKey } = api.generateKeyPair("EdDSA");
        return [kid, { jwk: { ...api.exportJWK(publicKey), kid }, privateKey }];
      }));
    });
    beforeEach(async () => {
      endpoint = await startEndpoint("/jwks");
      endpoint.respond = answer(jwksOf("a"));
      time = 1_700_000_000_000;
      logged = [];
    });
    afterEach(() => endpoint.close());

    const jwksOf = (...kids) => ({ keys: kids.map((kid) => keys.get(kid).jwk) });
    const tokenOf = (kid) => api.sign({ sub: "u1" }, keys.get(kid).privateKey, { alg: "EdDSA", kid });
    const remoteSet = (options = {}) => api.createRemoteJWKSet(endpoint.url, { now, logger, timeoutDuration: TIMEOUT, ...options });
    const verifies = async (remote, kid = "a") => api.verify(tokenOf(kid), await remote.keySetFor({ kid }));
    const key = () => `jwks ${endpoint.url}`;

    it("restores a stored set at its first use: a cold set answers at once with the snapshot's own fetchedAt", async () => {
      const store = memoryStore();
      const first = remoteSet({ store });
      assert.ok(await verifies(first));
      await first.refreshing(); // the save runs in the background, handed to waitUntil on Workers
      assert.deepEqual([...store.entries.keys()], [key()]);
      assert.equal(store.entries.get(key()).ttl, MAX_AGE + MAX_STALE);
      assert.deepEqual(store.entries.get(key()).snapshot, first.snapshot());
      assert.deepEqual(first.stats().persistence, { restoredFrom: null, saves: 1, failures: 0, lastError: null });

      endpoint.respond = answer("", {}, 503); // the endpoint is down for the next isolate
      const fetchedAt = time;
      time += 60_000;
      const cold = remoteSet({ store });
      assert.ok(await verifies(cold));
      assert.equal(endpoint.requests.length, 1); // only the first set's fetch
      const { fetches, waited, state, persistence } = cold.stats();
      assert.deepEqual({ fetches, waited, state, fetchedAt: cold.stats().fetchedAt }, { fetches: 0, waited: 0, state: "fresh", fetchedAt });
      assert.equal(persistence.restoredFrom, fetchedAt);
      // Without a store, the same cold set has nothing but the endpoint.
      await assert.rejects(remoteSet().keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
    });

    it("trusts a restored snapshot no further than its fetchedAt, its max-age (at most a day) and maxStale", async () => {
      const snapshotAt = (fetchedAt, maxAge = MAX_AGE) => ({ jwks: jwksOf("a"), fetchedAt, maxAge });
      endpoint.respond = answer("", {}, 503);
      // Expired beyond maxStale: not served; the endpoint is asked and fails.
      const old = remoteSet({ store: memoryStore({ load: () => snapshotAt(time - MAX_AGE - MAX_STALE) }) });
      await assert.rejects(old.keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
      // Within maxStale: served at once, refreshed in the background.
      const stale = remoteSet({ store: memoryStore({ load: () => snapshotAt(time - MAX_AGE - 10) }) });
      assert.ok(await verifies(stale));
      assert.equal(stale.stats().state, "stale");
      await stale.refreshing();
      // From the future and for ten years: fetched now, for a day.
      const future = remoteSet({ store: memoryStore({ load: () => snapshotAt(time + 10 * MAX_CACHE_MAX_AGE, 10 * 365 * MAX_CACHE_MAX_AGE) }) });
      assert.ok(await verifies(future));
      assert.equal(future.stats().fetchedAt, time);
      time += MAX_CACHE_MAX_AGE + MAX_STALE;
      await assert.rejects(future.keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
    });

    it("takes a store that fails, hangs or answers nonsense as an empty one, and reports it once", async () => {
      const cases = [
        ["throws", memoryStore({ load: () => { throw new Error("cache down"); } }), /cache down/],
        ["hangs", memoryStore({ load: () => new Promise(() => {}) }), new RegExp(`did not answer within ${TIMEOUT} ms`)],
        ["not a snapshot", memoryStore({ load: () => ({ keys: [] }) }), /must be a snapshot/],
        ["a snapshot the core cannot import", memoryStore({ load: () => ({ jwks: { keys: [1] }, fetchedAt: time, maxAge: MAX_AGE }) }), /the stored snapshot is unusable/],
      ];
      for (const [name, store, message] of cases) {
        logged = [];
        const before = endpoint.requests.length;
        const remote = remoteSet({ store });
        assert.ok(await verifies(remote), name);
        assert.equal(endpoint.requests.length, before + 1, `${name}: the endpoint is asked instead`);
        assert.ok(await verifies(remote), name);
        assert.equal(remote.stats().persistence.restoredFrom, null, name);
        assert.equal(remote.stats().persistence.failures, 1, name);
        assert.match(remote.stats().persistence.lastError.message, message, name);
        const lines = logged.filter(([, line]) => line.store);
        assert.equal(lines.length, 1, name);
        assert.deepEqual([lines[0][0], lines[0][1].store, lines[0][1].document], ["warn", "load", "JWKS"]);
      }
      const failingSave = remoteSet({ store: memoryStore({ save: () => { throw new Error("cache full"); } }) });
      assert.ok(await verifies(failingSave));
      await failingSave.refreshing();
      assert.match(failingSave.stats().persistence.lastError.message, /save failed: cache full/);
      for (const store of [{}, { load() {} }, { load() {}, save: "x" }, "cache", 7]) {
        assert.throws(() => remoteSet({ store }), code("ERR_INVALID_ARGUMENT"));
      }
    });

    it("saves after each good fetch, never after a failure; refreshing() lasts until the save ends", async () => {
      let release = () => {};
      const saved = []; // the fetchedAt of each snapshot given to save
      const store = memoryStore({
        save: (storeKey, snapshot) => {
          saved.push(snapshot.fetchedAt);
          return new Promise((resolve) => { release = resolve; });
        },
      });
      const remote = remoteSet({ store });
      assert.ok(await verifies(remote)); // the cold fetch: answered, its save held
      const saving = remote.refreshing();
      assert.ok(saving instanceof Promise);
      let ended = false;
      saving.then(() => { ended = true; });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(ended, false);
      release();
      assert.equal(await saving, null);
      assert.equal(remote.stats().persistence.saves, 1);
      assert.equal(remote.refreshing(), null);
      // An expired set is refreshed in the background: what is handed on covers the fetch and its save.
      time += MAX_AGE;
      assert.ok(await verifies(remote));
      const refresh = remote.refreshing();
      await until(() => saved.length === 2, LATE, "the refresh's save");
      ended = false;
      refresh.then(() => { ended = true; });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(ended, false);
      release();
      assert.equal(await refresh, null);
      // A failed refresh saves nothing.
      endpoint.respond = answer("", {}, 500);
      time += MAX_AGE;
      assert.ok(await verifies(remote));
      assert.equal((await remote.refreshing()).code, "ERR_JWKS_FETCH_FAILED");
      assert.deepEqual(saved, [time - 2 * MAX_AGE, time - MAX_AGE]);
      assert.equal(remote.stats().persistence.saves, 2);
    });

    it("refreshes a fresh set ahead of its expiry in the background, once per window", async () => {
      const remote = remoteSet({ refreshAhead: 60_000 });
      assert.ok(await verifies(remote));
      time += MAX_AGE - 60_001;
      assert.ok(await verifies(remote));
      assert.equal(endpoint.requests.length, 1); // not yet in the last 60 s
      time += 1;
      let release;
      endpoint.respond = (request, response) => { release = () => answer(jwksOf("a", "b"))(request, response); };
      assert.ok(await verifies(remote)); // answered from the fresh set while the refresh is held
      await until(() => release, LATE, "the refresh's request");
      assert.equal(remote.stats().waited, 1); // the cold start's alone
      assert.ok(await verifies(remote)); // starts nothing more
      assert.equal(endpoint.requests.length, 2);
      release();
      assert.equal(await remote.refreshing(), null);
      assert.ok(await verifies(remote, "b")); // the new set, in place before the old one expired
      const { fetchedAt, waited, servedStale, fetches, state } = remote.stats();
      assert.deepEqual({ fetchedAt, waited, servedStale, fetches, state }, { fetchedAt: time, waited: 1, servedStale: 0, fetches: 2, state: "fresh" });
    });

    it("retries a failed refresh ahead once per cooldown, serving the fresh set meanwhile", async () => {
      const remote = remoteSet({ refreshAhead: 200_000 });
      assert.ok(await verifies(remote));
      endpoint.respond = answer("", {}, 500);
      time += MAX_AGE - 200_000;
      assert.ok(await verifies(remote));
      assert.equal((await remote.refreshing()).code, "ERR_JWKS_FETCH_FAILED");
      time += COOLDOWN - 1;
      assert.ok(await verifies(remote));
      assert.equal(endpoint.requests.length, 2);
      time += 1;
      assert.ok(await verifies(remote));
      await remote.refreshing();
      assert.equal(endpoint.requests.length, 3);
      assert.equal(remote.stats().state, "fresh");
      assert.equal(logged.filter(([, line]) => line.state === "failing").length, 1); // one line for the change of state
    });

    it("refreshes ahead in the second half of the max-age at the earliest, and not at all by default", async () => {
      const early = remoteSet({ refreshAhead: 10 * MAX_AGE });
      const never = remoteSet();
      assert.ok(await verifies(early));
      assert.ok(await verifies(never));
      time += MAX_AGE / 2 - 1;
      assert.ok(await verifies(early));
      assert.equal(endpoint.requests.length, 2);
      time += 1;
      assert.ok(await verifies(early));
      await early.refreshing();
      assert.equal(endpoint.requests.length, 3);
      time += MAX_AGE / 2 - 1;
      assert.ok(await verifies(never));
      assert.equal(endpoint.requests.length, 3);
      for (const refreshAhead of [-1, Number.NaN, "1m"]) assert.throws(() => remoteSet({ refreshAhead }), code("ERR_INVALID_ARGUMENT"));
    });

    it("counts the lookups that waited for a fetch: with maxStale 0, one per expiry; refreshed ahead, only the cold start", async () => {
      for (const [refreshAhead, waits] of [[0, 4], [60_000, 1]]) {
        const remote = remoteSet({ maxStale: 0, refreshAhead });
        assert.ok(await verifies(remote));
        for (let step = 0; step < 90; step++) { // a request every 20 s for three max-ages
          time += 20_000;
          assert.ok(await verifies(remote));
          await remote.refreshing();
        }
        assert.equal(remote.stats().waited, waits, `refreshAhead ${refreshAhead}`);
      }
    });

    it("gives the gateway's snapshotStore to the key set and the revocation list: a gateway built later answers while both endpoints are down", async () => {
      const revocations = await startEndpoint("/revoked");
      revocations.respond = answer({ jti: ["gone"] });
      const store = memoryStore();
      const gatewayOn = () => api.createGateway({
        origin: "http://origin.internal", jwksUrl: endpoint.url, revocation: { url: revocations.url }, snapshotStore: store,
        refreshAhead: 60_000, cache: false, logger, denialLog: false, metrics: { path: "/_metrics", token: METRICS_TOKEN },
        fetch: async (request, init) => (String(request.url ?? request).startsWith("http://origin.internal") ? new Response("ok") : globalThis.fetch(request, init)),
      });
      const call = async (handler, token) => {
        const kept = [];
        const response = await handler(new Request("http://gateway/x", { headers: { authorization: `Bearer ${token}` } }), { waitUntil: (promise) => kept.push(promise) });
        await Promise.all(kept);
        return { status: response.status, body: await response.text() };
      };
      const revoked = api.sign({ sub: "u1", jti: "gone" }, keys.get("a").privateKey, { alg: "EdDSA", kid: "a" });
      try {
        const first = gatewayOn();
        assert.equal((await call(first, tokenOf("a"))).status, 200);
        assert.deepEqual([...store.entries.keys()].sort(), [`jwks ${endpoint.url}`, `revocations ${revocations.url}`]);
        endpoint.respond = answer("", {}, 503);
        revocations.respond = answer("", {}, 503);
        const cold = gatewayOn();
        assert.equal((await call(cold, tokenOf("a"))).status, 200);
        assert.equal((await call(cold, revoked)).status, 401);
        const { jwks, revocation } = cold.stats();
        assert.deepEqual([jwks.fetches, revocation.fetches], [0, 0]);
        assert.equal(jwks.persistence.restoredFrom, first.stats().jwks.fetchedAt);
        assert.equal(revocation.persistence.restoredFrom, first.stats().revocation.fetchedAt);
        const scraped = await cold(new Request("http://gateway/_metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }));
        const metrics = parsePrometheus(await scraped.text());
        assert.equal(total(metrics, "edgejwt_jwks_waits_total", { provider: "default" }), 0);
        assert.equal(total(metrics, "edgejwt_revocation_waits_total", { provider: "default" }), 0);
        assert.equal(total(metrics, "edgejwt_jwks_snapshot_restored_timestamp_seconds", { provider: "default" }), jwks.persistence.restoredFrom / 1000);
        const firstMetrics = parsePrometheus(await (await first(new Request("http://gateway/_metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }))).text());
        assert.equal(total(firstMetrics, "edgejwt_jwks_snapshot_saves_total", { provider: "default" }), 1);
        assert.equal(total(firstMetrics, "edgejwt_jwks_waits_total", { provider: "default" }), 1);
        assert.throws(() => api.createGateway({ origin: "http://origin.internal", jwksUrl: endpoint.url, refreshAhead: -1 }), code("ERR_INVALID_ARGUMENT"));
        assert.throws(() => api.createGateway({ origin: "http://origin.internal", jwksUrl: endpoint.url, snapshotStore: {} }), code("ERR_INVALID_ARGUMENT"));
      } finally {
        await revocations.close();
      }
    });
  });
}

describe("CacheSnapshotStore", () => {
  it("keeps a snapshot under a URL derived from its key, for its ttl in whole seconds", async () => {
    const cache = memoryCache();
    const store = new CacheSnapshotStore(cache);
    const snapshot = { jwks: { keys: [] }, fetchedAt: 1, maxAge: 2 };
    const key = "jwks https://idp.example/jwks.json?tenant=secret";
    await store.save(key, snapshot, 3_999);
    const [[url, response]] = cache.responses;
    assert.match(url, /^https:\/\/snapshots\.edgejwt\.invalid\/v1\/[0-9a-f]{64}$/);
    assert.equal(url, await cacheUrlOf(key));
    assert.equal(response.headers.get("cache-control"), "max-age=3");
    assert.ok(![...cache.responses.values()].some(() => url.includes("secret") || url.includes("idp.example")));
    assert.deepEqual(await store.load(key), snapshot);
    assert.equal(await store.load("jwks https://idp.example/other.json"), null);
    await store.save("revocations https://idp.example/r.json", snapshot, 999); // under a second left: not kept
    assert.equal(cache.responses.size, 1);
    await cache.put(await cacheUrlOf("other"), Response.json({ snapshot })); // not of our format
    assert.equal(await store.load("other"), null);
    for (const bad of [undefined, {}, { match() {} }, "caches.default"]) {
      assert.throws(() => new CacheSnapshotStore(bad), code("ERR_INVALID_ARGUMENT"));
    }
  });
});
