// Revocation lists on every build, made through api.createRevocationList as the gateway makes them:
// inline lists, and lists fetched from a real HTTP endpoint on 127.0.0.1 whose answers each test
// sets, with an injected clock wherever cache time matters (real waits stay around 100 ms).
import { describe, it, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { answer, delayed, startEndpoint, within } from "../support/endpoint.js";
import { JOSEError } from "../../js/errors.js";
import { RevocationUnavailable } from "../../js/revocation.js";

const MAX_AGE = 600_000; // the defaults the tests rely on
const COOLDOWN = 30_000;
const MAX_STALE = 3_600_000;
const TIMEOUT = 100; // the tests' timeoutDuration
const LATE = 1_000; // longer than any wait the tests expect
const MAX_ENTRIES = 100_000;
const REVOKED_BEFORE = 1_700_000_000; // a subject's "revoked before" NumericDate

const unavailable = (message) => (error) => {
  assert.equal(error.code, "ERR_REVOCATION_UNAVAILABLE", `got ${error.code}: ${error.message}`);
  assert.ok(error instanceof RevocationUnavailable && error instanceof JOSEError, error.name);
  if (message) assert.match(error.message, message);
  return true;
};
const invalidArgument = (error) => {
  assert.equal(error.code, "ERR_INVALID_ARGUMENT", `got ${error.code}: ${error.message}`);
  return true;
};

const hang = () => () => {}; // never answers; the client's abort closes the connection

for (const build of builds) {
  describe(`revocation lists on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    describe("inline", () => {
      it("revokes the listed jtis, and only those", async () => {
        const list = api.createRevocationList({ jti: ["j1", "j2"] });
        assert.equal(await list.reasonRevoked({ jti: "j1", sub: "u1" }), "jti");
        assert.equal(await list.reasonRevoked({ jti: "j2" }), "jti");
        for (const payload of [{ jti: "j3" }, { jti: "J1" }, { jti: "j1 " }, { sub: "j1" }, {}]) {
          assert.equal(await list.reasonRevoked(payload), null, JSON.stringify(payload));
        }
        assert.deepEqual(list.stats(), { revoked: 2, inline: true });
        assert.equal(list.snapshot(), null);
      });

      it("revokes a subject's tokens issued at or before its time, and those without iat", async () => {
        const list = api.createRevocationList({ subjects: { u1: REVOKED_BEFORE, u2: REVOKED_BEFORE - 100 } });
        const cases = [
          [{ sub: "u1", iat: REVOKED_BEFORE - 1 }, "sub"],
          [{ sub: "u1", iat: REVOKED_BEFORE }, "sub"],
          [{ sub: "u1", iat: REVOKED_BEFORE - 0.5 }, "sub"],
          [{ sub: "u1" }, "sub"],
          [{ sub: "u1", iat: REVOKED_BEFORE + 1 }, null],
          [{ sub: "u1", iat: REVOKED_BEFORE + 0.5 }, null],
          [{ sub: "u2", iat: REVOKED_BEFORE - 100 }, "sub"],
          [{ sub: "u2", iat: REVOKED_BEFORE - 99 }, null],
          [{ sub: "u3", iat: 0 }, null],
          [{ sub: "u3" }, null],
          [{ sub: "U1" }, null],
          [{ iat: 0 }, null],
        ];
        for (const [payload, reason] of cases) {
          assert.equal(await list.reasonRevoked(payload), reason, JSON.stringify(payload));
        }
        assert.equal(list.stats().revoked, 5);
      });

      it("names the jti when both the jti and the subject are revoked", async () => {
        const list = api.createRevocationList({ jti: ["j1"], subjects: { u1: REVOKED_BEFORE } });
        assert.equal(await list.reasonRevoked({ jti: "j1", sub: "u1", iat: 0 }), "jti");
        assert.equal(await list.reasonRevoked({ jti: "j2", sub: "u1", iat: 0 }), "sub");
      });

      it("treats an empty document as an empty list", async () => {
        for (const document of [{}, { jti: [], subjects: {} }]) {
          const list = api.createRevocationList(document);
          assert.equal(await list.reasonRevoked({ jti: "j1", sub: "u1" }), null);
        }
      });

      it("refuses malformed documents with ERR_REVOCATION_UNAVAILABLE", () => {
        const malformed = [
          [], "j1", 5, true, { jti: "j1" }, { jti: null }, { jti: [1] }, { jti: ["j1", null] }, { jti: { 0: "j1" } },
          { subjects: [] }, { subjects: null }, { subjects: "u1" }, { subjects: { u1: "1700000000" } },
          { subjects: { u1: null } }, { subjects: { u1: Number.NaN } }, { subjects: { u1: Infinity } },
          { jti: new Array(MAX_ENTRIES + 1).fill("j") },
          { subjects: Object.fromEntries(Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => [`u${i}`, 0])) },
        ];
        for (const document of malformed) {
          assert.throws(() => api.createRevocationList(document), unavailable(/malformed/),
            JSON.stringify(document).slice(0, 80));
        }
        assert.doesNotThrow(() => api.createRevocationList({ jti: new Array(MAX_ENTRIES).fill("j") }));
        const subjects = Object.fromEntries(Array.from({ length: MAX_ENTRIES }, (_, i) => [`u${i}`, 0]));
        assert.doesNotThrow(() => api.createRevocationList({ subjects }));
      });
    });

    describe("remote", () => {
      let endpoint;
      let time;
      const now = () => time;
      const remoteList = (options = {}) => api.createRevocationList({ url: endpoint.url, ...options }, { now });
      const listed = { jti: ["j1"], subjects: { u1: REVOKED_BEFORE } };

      beforeEach(async () => {
        endpoint = await startEndpoint("/revocations");
        time = 1_700_000_000_000;
      });
      afterEach(() => endpoint.close());

      it("fetches once and answers every check from the cache", async () => {
        endpoint.respond = answer(listed);
        const list = remoteList();
        for (let i = 0; i < 10; i++) {
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          assert.equal(await list.reasonRevoked({ sub: "u1", iat: REVOKED_BEFORE }), "sub");
          assert.equal(await list.reasonRevoked({ jti: "j2", sub: "u1", iat: REVOKED_BEFORE + 1 }), null);
        }
        assert.equal(endpoint.requests.length, 1);
        const [request] = endpoint.requests;
        assert.equal(request.method, "GET");
        assert.equal(request.url, "/revocations");
        assert.equal(request.headers.accept, "application/json");
        assert.deepEqual(list.stats(), { revoked: 20, fetches: 1, failures: 0, coalesced: 0, servedStale: 0 });
      });

      it("applies a newly revoked jti or subject once the cached list expires", async () => {
        endpoint.respond = answer({ jti: ["j1"] }, { "cache-control": "max-age=120" });
        const list = remoteList();
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null);
        endpoint.respond = answer({ jti: ["j2"], subjects: { u2: REVOKED_BEFORE } });
        time += 120_000 - 1;
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null); // still the cached list
        assert.equal(await list.reasonRevoked({ sub: "u2", iat: REVOKED_BEFORE }), null);
        assert.equal(endpoint.requests.length, 1);
        time += 1;
        assert.equal(await list.reasonRevoked({ jti: "j2" }), "jti");
        assert.equal(await list.reasonRevoked({ sub: "u2", iat: REVOKED_BEFORE }), "sub");
        assert.equal(await list.reasonRevoked({ jti: "j1" }), null); // no longer listed
        assert.equal(endpoint.requests.length, 2);
      });

      it("takes fetch options from both arguments, the list's own first", async () => {
        endpoint.respond = answer(listed);
        const config = { url: endpoint.url, cacheMaxAge: 300_000 };
        const list = api.createRevocationList(config, { now, cacheMaxAge: 100_000 });
        await list.reasonRevoked({ jti: "j1" });
        time += 300_000 - 1;
        await list.reasonRevoked({ jti: "j1" });
        assert.equal(endpoint.requests.length, 1);
        time += 1;
        await list.reasonRevoked({ jti: "j1" });
        assert.equal(endpoint.requests.length, 2);
      });

      const failures = [
        ["HTTP 500", () => answer(listed, {}, 500), /answered HTTP 500/],
        ["a timeout", hang, /did not answer within 100 ms/],
        ["a body that is not JSON", () => answer("<html>revoked</html>"), /not UTF-8 JSON/],
        ["JSON that is not a revocation list", () => answer({ jti: "j1" }), /not a usable revocation list/],
        ["a body over maxResponseSize", () => answer({ jti: ["j".repeat(5000)] }), /larger than 4096 bytes/],
      ];
      const bounded = { timeoutDuration: TIMEOUT, maxResponseSize: 4096 };
      for (const [what, respond, message] of failures) {
        it(`${what}: unavailable with no list; with one, the last list is used within maxStale`, async () => {
          endpoint.respond = respond();
          const never = remoteList(bounded);
          await assert.rejects(within(LATE, never.reasonRevoked({ jti: "j1" }), what), unavailable(message));
          assert.equal(endpoint.requests.length, 1);

          const events = [];
          endpoint.respond = answer(listed);
          const list = remoteList({ ...bounded, onFetch: (event) => events.push(event) });
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          endpoint.respond = respond();
          time += MAX_AGE;
          assert.equal(await within(LATE, list.reasonRevoked({ jti: "j1" }), what), "jti"); // the refresh failed
          assert.equal(await list.reasonRevoked({ sub: "u1" }), "sub"); // within the cooldown: no request
          assert.equal(endpoint.requests.length, 3);
          const failed = events.at(-1);
          assert.deepEqual([failed.ok, failed.fromCache], [false, true]);
          assert.ok(unavailable(message)(failed.error));
          time += COOLDOWN - 1;
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          assert.equal(endpoint.requests.length, 3);
          time += 1; // the cooldown is over: one more try, which fails too
          assert.equal(await within(LATE, list.reasonRevoked({ jti: "j1" }), what), "jti");
          assert.equal(endpoint.requests.length, 4);
          time += MAX_STALE - COOLDOWN - 1;
          assert.equal(await within(LATE, list.reasonRevoked({ jti: "j1" }), what), "jti");
          assert.equal(endpoint.requests.length, 5);
          time += 1; // maxStale is over: no list may be used
          await assert.rejects(within(LATE, list.reasonRevoked({ jti: "j1" }), what), unavailable(message));
          assert.equal(endpoint.requests.length, 6);
          assert.deepEqual(list.stats(), { revoked: 6, fetches: 5, failures: 4, coalesced: 0, servedStale: 5 });
        });
      }

      it("is unavailable while the endpoint cannot be reached, and recovers when it can", async () => {
        const closed = await startEndpoint("/revocations");
        await closed.close();
        const list = api.createRevocationList({ url: closed.url }, { now });
        await assert.rejects(list.reasonRevoked({ jti: "j1" }), unavailable(/could not be reached/));
        await assert.rejects(list.reasonRevoked({ jti: "j2" }), unavailable(/could not be reached/));
        assert.deepEqual(list.stats(), { revoked: 0, fetches: 2, failures: 2, coalesced: 0, servedStale: 0 });

        endpoint.respond = answer(listed);
        const recovering = remoteList();
        endpoint.respond = answer("", {}, 503);
        await assert.rejects(recovering.reasonRevoked({ jti: "j1" }), unavailable(/answered HTTP 503/));
        endpoint.respond = answer(listed);
        assert.equal(await recovering.reasonRevoked({ jti: "j1" }), "jti"); // no list to use: no cooldown either
        assert.equal(endpoint.requests.length, 2);
      });

      it("coalesces concurrent checks into one request, whether it succeeds or fails", async () => {
        endpoint.respond = delayed(TIMEOUT, answer(listed));
        const list = remoteList();
        const checks = Array.from({ length: 50 }, (_, i) => list.reasonRevoked({ jti: `j${i % 2}` }));
        const reasons = await Promise.all(checks);
        assert.deepEqual(reasons, Array.from({ length: 50 }, (_, i) => (i % 2 ? "jti" : null)));
        assert.equal(endpoint.requests.length, 1);
        assert.deepEqual(list.stats(), { revoked: 25, fetches: 1, failures: 0, coalesced: 49, servedStale: 0 });

        endpoint.respond = delayed(TIMEOUT, answer("", {}, 503));
        const failing = remoteList();
        const failed = Array.from({ length: 10 }, () => failing.reasonRevoked({ jti: "j1" }));
        const outcomes = await Promise.allSettled(failed);
        for (const outcome of outcomes) assert.ok(outcome.status === "rejected" && unavailable()(outcome.reason));
        assert.equal(new Set(outcomes.map((outcome) => outcome.reason)).size, 1);
        assert.equal(endpoint.requests.length, 2);
      });

      it("round-trips snapshot() through seed, and asks the endpoint when a seed is malformed", async () => {
        endpoint.respond = answer(listed, { "cache-control": "max-age=300" });
        const first = remoteList();
        assert.equal(first.snapshot(), null);
        await first.reasonRevoked({ jti: "j1" });
        const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
        assert.deepEqual(snapshot, { revocations: listed, fetchedAt: time, maxAge: 300_000 });

        time += 100_000;
        endpoint.respond = answer({ jti: ["j2"] });
        const seeded = remoteList({ seed: snapshot });
        assert.equal(await seeded.reasonRevoked({ jti: "j1" }), "jti");
        assert.equal(await seeded.reasonRevoked({ sub: "u1" }), "sub");
        assert.equal(endpoint.requests.length, 1);
        time += 200_000; // the seed's own expiry: refreshed
        assert.equal(await seeded.reasonRevoked({ jti: "j2" }), "jti");
        assert.equal(endpoint.requests.length, 2);

        const malformed = remoteList({ seed: { revocations: { jti: "j1" }, fetchedAt: time, maxAge: MAX_AGE } });
        assert.equal(await malformed.reasonRevoked({ jti: "j2" }), "jti");
        assert.equal(endpoint.requests.length, 3);
        const notSnapshots = [
          {}, "seed", { revocations: [], fetchedAt: time, maxAge: 1 }, { revocations: {}, fetchedAt: time },
        ];
        for (const seed of notSnapshots) {
          assert.throws(() => remoteList({ seed }), invalidArgument, JSON.stringify(seed));
        }
      });

      it("refuses a URL that is neither https: nor loopback http:, and bad options", () => {
        const fetch = () => assert.fail("nothing is fetched before a token is checked");
        for (const url of ["https://idp.example/revocations", "http://localhost:8080/revocations"]) {
          assert.doesNotThrow(() => api.createRevocationList({ url }, { fetch }), url);
        }
        for (const url of ["http://idp.example/revocations", "http://10.0.0.1/revocations", "file:///etc/revoked.json",
          "not a url", "https://user:secret@idp.example/revocations"]) {
          assert.throws(() => api.createRevocationList({ url }, { fetch }), invalidArgument, url);
        }
        const badOptions = [{ maxStale: "1h" }, { timeoutDuration: 0 }, { now: 5 }, { headers: [["bad header", "x"]] }];
        for (const options of badOptions) {
          assert.throws(() => remoteList(options), invalidArgument, JSON.stringify(options));
        }
      });

      it("makes the gateway answer 401 for a revoked token and 503 while no list can be had", async () => {
        const secret = new Uint8Array(32).fill(7);
        endpoint.respond = (request, response) => {
          if (request.url === "/revocations") return answer(listed)(request, response);
          response.writeHead(200, { "content-type": "text/plain" }).end("origin");
        };
        const gateway = api.createGateway({
          secret, algorithms: ["HS256"], origin: `${endpoint.origin}/`, cache: false,
          revocation: { url: endpoint.url, now },
        });
        const requestWith = (claims) => new Request(`${endpoint.origin}/resource`, {
          headers: { authorization: `Bearer ${api.sign(claims, secret, { alg: "HS256" })}` },
        });

        const allowed = await gateway(requestWith({ sub: "u2", jti: "j2" }));
        assert.equal(allowed.status, 200);
        assert.equal(await allowed.text(), "origin");
        for (const claims of [{ sub: "u2", jti: "j1" }, { sub: "u1", iat: REVOKED_BEFORE }]) {
          const revoked = await gateway(requestWith(claims));
          assert.equal(revoked.status, 401, JSON.stringify(claims));
          assert.equal((await revoked.json()).code, "ERR_JWT_REVOKED");
        }

        const down = api.createGateway({
          secret, algorithms: ["HS256"], origin: `${endpoint.origin}/`, cache: false,
          revocation: { url: endpoint.url.replace("/revocations", "/missing-list"), now },
        });
        endpoint.respond = answer("", {}, 404);
        const response = await down(requestWith({ sub: "u2", jti: "j2" }));
        assert.equal(response.status, 503);
        assert.equal((await response.json()).code, "ERR_REVOCATION_UNAVAILABLE");
        const stats = { revoked: 0, fetches: 1, failures: 1, coalesced: 0, servedStale: 0 };
        assert.deepEqual(down.stats().revocation, stats);
      });
    });
  });
}
