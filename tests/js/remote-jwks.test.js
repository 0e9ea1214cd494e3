// createRemoteJWKSet on every build, against a real HTTP endpoint on 127.0.0.1 whose answers each
// test sets, with an injected clock wherever cache time matters (real waits stay around 100 ms).
import { describe, it, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { answer, delayed, startEndpoint, within } from "../support/endpoint.js";
import { createApi } from "../../js/api.js";
import { createRemoteJWKSetFactory } from "../../js/remote-jwks.js";

const MAX_AGE = 600_000; // the defaults the tests rely on
const COOLDOWN = 30_000;
const MAX_STALE = 3_600_000;
const TIMEOUT = 100; // the tests' timeoutDuration
const LATE = 1_000; // longer than any wait the tests expect
const claims = { sub: "u1", iss: "https://idp.example" };

const code = (expected) => (error) => {
  assert.equal(error.code, expected, `expected ${expected}, got ${error.code}: ${error.message}`);
  return true;
};

// Never answers (or stalls after `start`); `closed` settles when the client gives up the connection.
function hang(start) {
  const state = {};
  state.closed = new Promise((resolve) => {
    state.respond = (request, response) => {
      response.on("close", resolve);
      if (start) {
        response.writeHead(200, { "content-type": "application/json" });
        response.write(start);
      }
    };
  });
  return state;
}

// A body of valid JWK Set JSON padded with spaces to exactly `size` bytes.
const padded = (jwks, size) => JSON.stringify(jwks).padEnd(size, " ");

async function timed(promise) {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

for (const build of builds) {
  describe(`createRemoteJWKSet on ${build.name}`, () => {
    let api;
    let createRemoteJWKSet;
    let imports; // calls into the core's createLocalJWKSet
    let endpoint;
    let time;
    const now = () => time;
    const signers = new Map();

    before(async () => {
      api = await apiFor(build);
      createRemoteJWKSet = createRemoteJWKSetFactory({
        createLocalJWKSet(jwks) {
          imports++;
          return api.createLocalJWKSet(jwks);
        },
      });
    });
    beforeEach(async () => {
      endpoint = await startEndpoint("/jwks");
      time = 1_700_000_000_000;
      imports = 0;
    });
    afterEach(() => endpoint.close());

    // An Ed25519 key pair per kid: its public JWK and a signer.
    function keyFor(kid) {
      if (!signers.has(kid)) {
        const { publicKey, privateKey } = api.generateKeyPair("EdDSA");
        signers.set(kid, { jwk: { ...api.exportJWK(publicKey), kid }, privateKey });
      }
      return signers.get(kid);
    }
    const jwksOf = (...kids) => ({ keys: kids.map((kid) => keyFor(kid).jwk) });
    const tokenOf = (kid) => api.sign(claims, keyFor(kid).privateKey, { alg: "EdDSA", kid, iat: false });
    const remoteSet = (options = {}) => createRemoteJWKSet(endpoint.url, { now, ...options });

    // What verifyAsync does: the key set for the token's header, then the synchronous verify.
    async function verifyRemote(remote, token) {
      return api.verify(token, await remote.keySetFor(api.decode(token).header));
    }
    async function refusesKid(remote, kid) {
      const set = await remote.keySetFor({ alg: "EdDSA", kid });
      assert.throws(() => api.verify(tokenOf(kid), set), code("ERR_JWKS_NO_MATCHING_KEY"));
    }

    it("fetches once, imports once, and serves many verifications from the cache", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet({ headers: { "x-gateway": "edge-1" } });
      for (let i = 0; i < 20; i++) assert.deepEqual((await verifyRemote(remote, tokenOf("a"))).payload, claims);
      assert.equal(endpoint.requests.length, 1);
      assert.equal(imports, 1);
      const [request] = endpoint.requests;
      assert.equal(request.method, "GET");
      assert.equal(request.url, "/jwks");
      assert.equal(request.headers.accept, "application/jwk-set+json, application/json");
      assert.equal(request.headers["x-gateway"], "edge-1");
      assert.deepEqual(remote.stats(), { fetches: 1, failures: 0, coalesced: 0, servedStale: 0 });
    });

    const cacheControlCases = [
      { header: undefined, options: {}, maxAge: MAX_AGE },
      { header: undefined, options: { cacheMaxAge: 300_000 }, maxAge: 300_000 },
      { header: "public, max-age=120", options: {}, maxAge: 120_000 },
      { header: "max-age=5", options: {}, maxAge: 60_000 },
      { header: "max-age=999999999", options: {}, maxAge: 86_400_000 },
      { header: "no-store", options: {}, maxAge: 60_000 },
      { header: "no-cache, max-age=600", options: {}, maxAge: 60_000 },
      { header: "max-age=soon", options: { cacheMaxAge: 300_000 }, maxAge: 300_000 },
      { header: "max-age=5", options: { minCacheMaxAge: 10_000, maxCacheMaxAge: 100_000 }, maxAge: 10_000 },
      { header: "max-age=500", options: { minCacheMaxAge: 10_000, maxCacheMaxAge: 100_000 }, maxAge: 100_000 },
    ];
    for (const { header, options, maxAge } of cacheControlCases) {
      const given = `Cache-Control ${header ?? "absent"} and ${JSON.stringify(options)}`;
      it(`caches for ${maxAge} ms with ${given}, then refetches`, async () => {
        endpoint.respond = answer(jwksOf("a"), header === undefined ? {} : { "cache-control": header });
        const remote = remoteSet(options);
        await remote.keySetFor({ kid: "a" });
        assert.equal(remote.snapshot().maxAge, maxAge);
        time += maxAge - 1;
        assert.ok(await verifyRemote(remote, tokenOf("a")));
        assert.equal(endpoint.requests.length, 1);
        time += 1;
        assert.ok(await verifyRemote(remote, tokenOf("a")));
        assert.equal(endpoint.requests.length, 2);
        assert.equal(imports, 2);
      });
    }

    it("refetches for an unknown kid, at most once per cooldown", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet();
      assert.ok(await verifyRemote(remote, tokenOf("a")));
      await refusesKid(remote, "b"); // within the cooldown of the first fetch
      assert.equal(endpoint.requests.length, 1);
      time += COOLDOWN;
      await refusesKid(remote, "b");
      assert.equal(endpoint.requests.length, 2);
      await refusesKid(remote, "c");
      await refusesKid(remote, "b");
      const withoutKid = api.sign(claims, keyFor("a").privateKey, { alg: "EdDSA" });
      assert.ok(await verifyRemote(remote, withoutKid)); // no kid is never "unknown"
      time += COOLDOWN - 1;
      await refusesKid(remote, "c");
      assert.equal(endpoint.requests.length, 2);
      time += 1;
      await refusesKid(remote, "c");
      assert.equal(endpoint.requests.length, 3);
    });

    it("follows key rotation: a new kid after a refetch, a removed key refused once the cache expires", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet();
      assert.ok(await verifyRemote(remote, tokenOf("a")));
      endpoint.respond = answer(jwksOf("a", "b"));
      time += COOLDOWN;
      assert.deepEqual((await verifyRemote(remote, tokenOf("b"))).payload, claims);
      assert.equal(endpoint.requests.length, 2);
      endpoint.respond = answer(jwksOf("b"));
      assert.ok(await verifyRemote(remote, tokenOf("a"))); // still cached
      assert.equal(endpoint.requests.length, 2);
      time += MAX_AGE;
      await refusesKid(remote, "a");
      assert.equal(endpoint.requests.length, 3);
      assert.ok(await verifyRemote(remote, tokenOf("b")));
      assert.equal(imports, 3);
    });

    it("aborts a request at timeoutDuration and keeps serving the last good keys", async () => {
      const events = [];
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet({ timeoutDuration: TIMEOUT, onFetch: (event) => events.push(event) });
      await remote.keySetFor({ kid: "a" });
      const stalled = hang();
      endpoint.respond = stalled.respond;
      time += MAX_AGE;
      const { value: set, ms } = await timed(within(LATE, remote.keySetFor({ kid: "a" }), "keySetFor"));
      assert.ok(ms >= TIMEOUT - 5 && ms < LATE, `answered after ${ms} ms`);
      assert.deepEqual(api.verify(tokenOf("a"), set).payload, claims);
      await within(LATE, stalled.closed, "the aborted request's connection closing");
      assert.equal(events.length, 2);
      assert.deepEqual({ ...events[0], durationMs: 0 },
        { ok: true, status: 200, error: null, durationMs: 0, fromCache: false });
      const { error, ...timeout } = events[1];
      assert.equal(error.code, "ERR_JWKS_TIMEOUT");
      assert.ok(timeout.durationMs >= TIMEOUT - 5 && timeout.durationMs < LATE);
      assert.deepEqual({ ...timeout, durationMs: 0 }, { ok: false, status: null, durationMs: 0, fromCache: true });
      assert.deepEqual(remote.stats(), { fetches: 2, failures: 1, coalesced: 0, servedStale: 1 });
      assert.ok(await verifyRemote(remote, tokenOf("a"))); // within the cooldown: stale keys, no new request
      assert.equal(endpoint.requests.length, 2);
      assert.equal(remote.stats().servedStale, 2);
    });

    it("rejects with ERR_JWKS_TIMEOUT when no keys were ever obtained, whatever stalls", async () => {
      const stalls = [
        ["no answer", hang().respond, {}],
        ["a body that stops halfway", hang('{"keys":[').respond, {}],
        ["a fetch that ignores its abort signal", null, { fetch: () => new Promise(() => {}) }],
      ];
      for (const [what, respond, options] of stalls) {
        endpoint.respond = respond;
        const remote = remoteSet({ ...options, timeoutDuration: TIMEOUT });
        const started = performance.now();
        await assert.rejects(within(LATE, remote.keySetFor({ kid: "a" }), what), code("ERR_JWKS_TIMEOUT"));
        assert.ok(performance.now() - started >= TIMEOUT - 5, what);
      }
      assert.equal(endpoint.requests.length, 2);
    });

    const LIMIT = 4096;
    const bounded = { maxResponseSize: LIMIT, timeoutDuration: LATE }; // a wait for the body would be a timeout
    const garbage = [
      ["HTTP 500 (even with a JWK Set body)", () => answer(jwksOf("a"), {}, 500), "ERR_JWKS_FETCH_FAILED"],
      ["HTTP 404", () => answer("not found", {}, 404), "ERR_JWKS_FETCH_FAILED"],
      ["malformed JSON", () => answer('{"keys":[{"kty":"OKP"'), "ERR_JWKS_INVALID"],
      ["JSON that is not a JWK Set", () => answer({ keys: "a" }), "ERR_JWKS_INVALID"],
      ["a JSON array of JWKs", () => answer(jwksOf("a").keys), "ERR_JWKS_INVALID"],
      ["a JWK Set nested deeper than the core parses",
        () => answer(`{"keys":[],"x":${"[".repeat(40)}${"]".repeat(40)}}`), "ERR_JWKS_INVALID"],
      ["bytes that are not UTF-8",
        () => answer(Buffer.concat([Buffer.from('{"keys":[],"x":"'), Buffer.from([0xff]), Buffer.from('"}')])),
        "ERR_JWKS_INVALID"],
      ["an oversized length declared (refused before the body, which never comes)", () => (request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": LIMIT + 1 });
        response.write("{");
      }, "ERR_JWKS_INVALID"],
      ["an oversized body in chunks", () => (request, response) => {
        response.writeHead(200, { "content-type": "application/json" }); // no content-length: chunked
        const body = padded(jwksOf("a"), LIMIT + 1);
        response.write(body.slice(0, 2000));
        response.end(body.slice(2000));
      }, "ERR_JWKS_INVALID"],
    ];
    for (const [what, respond, expected] of garbage) {
      it(`${what}: ${expected} with no keys; with keys, served stale within maxStale, then ${expected}`, async () => {
        endpoint.respond = respond();
        await assert.rejects(remoteSet(bounded).keySetFor({ kid: "a" }), code(expected));
        assert.equal(endpoint.requests.length, 1);

        endpoint.respond = answer(jwksOf("a"));
        const remote = remoteSet(bounded);
        assert.ok(await verifyRemote(remote, tokenOf("a")));
        endpoint.respond = respond();
        time += MAX_AGE;
        assert.ok(await verifyRemote(remote, tokenOf("a"))); // the refresh failed: stale keys
        assert.deepEqual(remote.stats(), { fetches: 2, failures: 1, coalesced: 0, servedStale: 1 });
        assert.ok(await verifyRemote(remote, tokenOf("a"))); // within the cooldown: no request
        assert.equal(endpoint.requests.length, 3);
        time += MAX_STALE - 1;
        assert.ok(await verifyRemote(remote, tokenOf("a")));
        assert.equal(endpoint.requests.length, 4);
        time += 1; // maxStale is over; no keys may be served, so the cooldown does not hold the request back
        await assert.rejects(remote.keySetFor({ kid: "a" }), code(expected));
        assert.equal(endpoint.requests.length, 5);
        assert.deepEqual(remote.stats(), { fetches: 4, failures: 3, coalesced: 0, servedStale: 3 });
      });
    }

    it("accepts a body of exactly maxResponseSize bytes", async () => {
      endpoint.respond = answer(padded(jwksOf("a"), LIMIT));
      assert.ok(await verifyRemote(remoteSet(bounded), tokenOf("a")));
    });

    it("stops reading an endless body at the default maxResponseSize", async () => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const cap = 64 * 1024 * 1024;
      let written = 0;
      let closed;
      endpoint.respond = (request, response) => {
        closed = new Promise((resolve) => response.on("close", resolve));
        response.writeHead(200, { "content-type": "application/json" });
        const pump = () => {
          while (written < cap && !response.destroyed) {
            written += chunk.length;
            if (!response.write(chunk)) return response.once("drain", pump);
          }
        };
        pump();
      };
      await assert.rejects(remoteSet().keySetFor({ kid: "a" }), (error) => {
        assert.equal(error.code, "ERR_JWKS_INVALID");
        assert.match(error.message, /larger than 524288 bytes/);
        return true;
      });
      await within(LATE, closed, "the connection closing");
      assert.ok(written < cap, `the server wrote ${written} bytes`);
    });

    it("coalesces 50 concurrent calls into one request, on first use, on expiry and for unknown kids", async () => {
      endpoint.respond = delayed(TIMEOUT, answer(jwksOf("a")));
      const remote = remoteSet();
      const concurrently = (header) => Promise.all(Array.from({ length: 50 }, (_, i) => remote.keySetFor(header(i))));

      const first = await concurrently(() => ({ kid: "a" }));
      assert.ok(first.every((set) => set === first[0]));
      assert.ok(api.verify(tokenOf("a"), first[0]));
      assert.deepEqual([endpoint.requests.length, imports], [1, 1]);

      time += MAX_AGE;
      const renewed = await concurrently(() => ({ kid: "a" }));
      assert.ok(renewed.every((set) => set === renewed[0]) && renewed[0] !== first[0]);
      assert.deepEqual([endpoint.requests.length, imports], [2, 2]);

      time += COOLDOWN;
      await concurrently((i) => ({ kid: `unknown-${i}` }));
      assert.deepEqual([endpoint.requests.length, imports], [3, 3]);
      assert.deepEqual(remote.stats(), { fetches: 3, failures: 0, coalesced: 3 * 49, servedStale: 0 });
    });

    it("shares one failure among concurrent callers and serves them all stale", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet();
      const good = await remote.keySetFor({ kid: "a" });
      endpoint.respond = delayed(TIMEOUT, answer("", {}, 503));
      time += MAX_AGE;
      const sets = await Promise.all(Array.from({ length: 10 }, () => remote.keySetFor({ kid: "a" })));
      assert.ok(sets.every((set) => set === good));
      assert.deepEqual(remote.stats(), { fetches: 2, failures: 1, coalesced: 9, servedStale: 10 });
    });

    it("round-trips snapshot() through seed: a seeded set verifies with no request", async () => {
      endpoint.respond = answer(jwksOf("a"), { "cache-control": "max-age=300" });
      const first = remoteSet();
      assert.equal(first.snapshot(), null);
      await first.keySetFor({ kid: "a" });
      const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
      assert.deepEqual(snapshot, { jwks: jwksOf("a"), fetchedAt: time, maxAge: 300_000 });

      time += 100_000;
      const seeded = remoteSet({ seed: snapshot });
      assert.deepEqual(seeded.snapshot(), snapshot);
      assert.deepEqual((await verifyRemote(seeded, tokenOf("a"))).payload, claims);
      assert.equal(endpoint.requests.length, 1);
      assert.equal(seeded.stats().fetches, 0);
      time += 200_000; // the seed's own expiry: refreshed
      assert.ok(await verifyRemote(seeded, tokenOf("a")));
      assert.equal(endpoint.requests.length, 2);
      assert.equal(seeded.snapshot().fetchedAt, time);
    });

    it("trusts a seed no further than now and maxCacheMaxAge", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const future = remoteSet({ seed: { jwks: jwksOf("a"), fetchedAt: time + 10 * MAX_AGE, maxAge: MAX_AGE } });
      assert.equal(future.snapshot().fetchedAt, time);
      const lasting = remoteSet({ seed: { jwks: jwksOf("a"), fetchedAt: time, maxAge: 1e12 } });
      assert.equal(lasting.snapshot().maxAge, 86_400_000);
      await future.keySetFor({ kid: "a" });
      time += MAX_AGE;
      await future.keySetFor({ kid: "a" });
      assert.equal(endpoint.requests.length, 1);
    });

    it("can be seeded before init(), and falls back to the endpoint when the core refuses a seed", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const late = createApi(build.load);
      const seed = { jwks: jwksOf("a"), fetchedAt: time, maxAge: MAX_AGE };
      const seeded = createRemoteJWKSetFactory(late)(endpoint.url, { now, seed });
      await late.init(build.options);
      const set = await seeded.keySetFor({ kid: "a" });
      assert.equal(endpoint.requests.length, 0);
      assert.equal(set.size, 1);

      const refused = remoteSet({ seed: { jwks: { keys: [1] }, fetchedAt: time, maxAge: MAX_AGE } });
      assert.ok(await verifyRemote(refused, tokenOf("a")));
      assert.equal(endpoint.requests.length, 1);
    });

    it("refuses a seed that is not a snapshot", () => {
      const jwks = jwksOf("a");
      for (const seed of [{}, "seed", { jwks: { keys: "a" }, fetchedAt: time, maxAge: 1 },
        { jwks, fetchedAt: "now", maxAge: 1 }, { jwks, fetchedAt: time, maxAge: -1 }, { jwks, fetchedAt: time }]) {
        assert.throws(() => remoteSet({ seed }), code("ERR_INVALID_ARGUMENT"), JSON.stringify(seed));
      }
    });

    it("allows https:, and http: only for loopback hosts", () => {
      const fetch = () => assert.fail("nothing is fetched before a key set is asked for");
      for (const url of ["https://idp.example/.well-known/jwks.json", new URL("https://idp.example/jwks"),
        "http://127.0.0.1:8080/jwks", "http://127.255.0.1/jwks", "http://127.1/jwks", "http://localhost:1234/jwks",
        "http://[::1]:99/jwks"]) {
        assert.doesNotThrow(() => createRemoteJWKSet(url, { fetch }), String(url));
      }
      for (const url of ["http://idp.example/jwks", "http://10.0.0.1/jwks", "http://128.0.0.1/jwks",
        "http://127.0.0.1.nip.io/jwks", "http://localhost.idp.example/jwks", "http://[::ffff:127.0.0.1]/jwks",
        "http://[::2]/jwks", "ftp://idp.example/jwks", "file:///etc/jwks.json", "data:application/json,{}",
        "/jwks", "not a url", "https://user:secret@idp.example/jwks", undefined]) {
        assert.throws(() => createRemoteJWKSet(url, { fetch }), code("ERR_INVALID_ARGUMENT"), String(url));
      }
    });

    it("follows a redirect, but refuses one that ends on plain http off loopback", async () => {
      endpoint.respond = (request, response) => {
        if (request.url === "/jwks") return void response.writeHead(302, { location: "/keys" }).end();
        answer(jwksOf("a"))(request, response);
      };
      assert.ok(await verifyRemote(remoteSet(), tokenOf("a")));
      assert.deepEqual(endpoint.requests.map((request) => request.url), ["/jwks", "/keys"]);

      const downgraded = async (url, init) => {
        const response = await fetch(url, init);
        return Object.defineProperty(response, "url", { value: "http://idp.example/keys" });
      };
      await assert.rejects(remoteSet({ fetch: downgraded }).keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
      assert.equal(endpoint.requests.length, 4);
    });

    it("rejects with ERR_JWKS_FETCH_FAILED when the endpoint cannot be reached or fetch answers nonsense", async () => {
      const closed = await startEndpoint("/jwks");
      await closed.close();
      const events = [];
      const remote = createRemoteJWKSet(closed.url, { now, onFetch: (event) => events.push(event) });
      await assert.rejects(remote.keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
      assert.equal(events.length, 1);
      assert.deepEqual([events[0].ok, events[0].status, events[0].fromCache], [false, null, false]);
      const nonsense = remoteSet({ fetch: async () => ({ ok: true, status: 200 }) });
      await assert.rejects(nonsense.keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
    });

    it("reloads on request: within the cooldown only when forced, coalesced, and rejecting on failure", async () => {
      endpoint.respond = answer(jwksOf("a"));
      const remote = remoteSet();
      const first = await remote.reload();
      assert.equal(endpoint.requests.length, 1);
      assert.equal(await remote.reload(), first);
      assert.equal(endpoint.requests.length, 1);
      endpoint.respond = delayed(TIMEOUT, answer(jwksOf("a", "b")));
      const [forced, joined, forKid] = await Promise.all([
        remote.reload({ force: true }), remote.reload({ force: true }), remote.keySetFor({ kid: "b" }),
      ]);
      assert.ok(forced !== first && joined === forced && forKid === forced);
      assert.equal(endpoint.requests.length, 2);
      assert.ok(api.verify(tokenOf("b"), forKid));

      endpoint.respond = answer("", {}, 502);
      await assert.rejects(remote.reload({ force: true }), code("ERR_JWKS_FETCH_FAILED"));
      assert.equal(await remote.keySetFor({ kid: "b" }), forced);
      assert.deepEqual(remote.stats(), { fetches: 3, failures: 1, coalesced: 2, servedStale: 0 });
    });

    it("reports every request to onFetch, and ignores an onFetch that throws", async () => {
      const events = [];
      endpoint.respond = answer("", {}, 503);
      const failing = remoteSet({ onFetch: (event) => events.push(event) });
      await assert.rejects(failing.keySetFor({ kid: "a" }), code("ERR_JWKS_FETCH_FAILED"));
      const [{ ok, status, error, fromCache }] = events;
      assert.deepEqual([ok, status, error.code, fromCache], [false, 503, "ERR_JWKS_FETCH_FAILED", false]);
      endpoint.respond = answer(jwksOf("a"));
      const throwing = remoteSet({ onFetch: () => { throw new Error("stats are down"); } });
      assert.ok(await verifyRemote(throwing, tokenOf("a")));
    });

    it("refuses bad options", () => {
      for (const options of [null, { cooldownDuration: -1 }, { cacheMaxAge: Number.NaN }, { timeoutDuration: 0 },
        { timeoutDuration: 2 ** 31 }, { maxStale: "1h" }, { maxResponseSize: 0 },
        { minCacheMaxAge: 2, maxCacheMaxAge: 1 }, { fetch: "fetch" }, { now: 5 }, { onFetch: {} },
        { headers: [["bad header", "x"]] }]) {
        assert.throws(() => createRemoteJWKSet(endpoint.url, options), code("ERR_INVALID_ARGUMENT"),
          JSON.stringify(options));
      }
    });
  });
}
