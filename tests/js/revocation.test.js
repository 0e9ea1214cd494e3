// Revocation lists on every build, made through api.createRevocationList as the gateway makes them:
// inline lists, and lists fetched from a real HTTP endpoint on 127.0.0.1 whose answers each test
// sets, with an injected clock wherever cache time matters (real waits stay around 100 ms). An
// expired list is used at once while it is refreshed in the background: the tests wait for that
// refresh by its onFetch event (fetched(n)) before they count requests.
import { describe, it, before, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { answer, delayed, hang, startEndpoint, until, within } from "../support/endpoint.js";
import { JOSEError } from "../../js/errors.js";
import { RevocationUnavailable } from "../../js/revocation.js";

const MAX_AGE = 600_000; // the defaults the tests rely on
const COOLDOWN = 30_000;
const MAX_STALE = 300_000; // a revocation list's own, shorter than a JWKS's hour
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

const countersOf = ({ fetches, failures, coalesced, servedStale }) => ({ fetches, failures, coalesced, servedStale });

// 100,000 revoked jtis (UUIDs) and 100,000 revoked subjects, pretty-printed: a list at capacity.
let atCapacity;
function listAtCapacity() {
  atCapacity ??= JSON.stringify({
    jti: Array.from({ length: MAX_ENTRIES }, () => crypto.randomUUID()),
    subjects: Object.fromEntries(Array.from({ length: MAX_ENTRIES }, (_, i) => [`auth0|${i.toString(16).padStart(24, "0")}`, REVOKED_BEFORE])),
  }, null, 2);
  return atCapacity;
}

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
        ];
        for (const document of malformed) {
          assert.throws(() => api.createRevocationList(document), unavailable(/malformed/),
            JSON.stringify(document).slice(0, 80));
        }
        const tooMany = /has 100001 .* more than maxEntries \(100000\)/;
        assert.throws(() => api.createRevocationList({ jti: new Array(MAX_ENTRIES + 1).fill("j") }), unavailable(tooMany));
        const subjects = (count) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`u${i}`, 0]));
        assert.throws(() => api.createRevocationList({ subjects: subjects(MAX_ENTRIES + 1) }), unavailable(tooMany));
        assert.doesNotThrow(() => api.createRevocationList({ jti: new Array(MAX_ENTRIES).fill("j") }));
        assert.doesNotThrow(() => api.createRevocationList({ subjects: subjects(MAX_ENTRIES) }));
      });
    });

    describe("remote", () => {
      let endpoint;
      let time;
      let events; // every list's onFetch events, in order
      let logged; // every list's log lines: [level, parsed line]
      const now = () => time;
      const logger = Object.fromEntries(["error", "warn", "info"].map((level) => [level, (line) => logged.push([level, JSON.parse(line)])]));
      const onFetch = (event) => events.push(event);
      const remoteList = (options = {}) => api.createRevocationList({ url: endpoint.url, ...options }, { now, logger, onFetch });
      const fetched = (count) => until(() => events.length >= count, LATE, `${count} fetches`);
      const listed = { jti: ["j1"], subjects: { u1: REVOKED_BEFORE } };

      beforeEach(async () => {
        endpoint = await startEndpoint("/revocations");
        time = 1_700_000_000_000;
        events = [];
        logged = [];
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
        assert.deepEqual(list.stats(), {
          revoked: 20, fetches: 1, failures: 0, coalesced: 0, servedStale: 0, waited: 1, state: "fresh", fetchedAt: time,
          consecutiveFailures: 0, lastError: null,
        });
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
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null); // at once, from the expired list, while refreshed
        await fetched(2);
        assert.equal(await list.reasonRevoked({ jti: "j2" }), "jti");
        assert.equal(await list.reasonRevoked({ sub: "u2", iat: REVOKED_BEFORE }), "sub");
        assert.equal(await list.reasonRevoked({ jti: "j1" }), null); // no longer listed
        assert.equal(endpoint.requests.length, 2);
      });

      it("takes fetch options from both arguments, the list's own first", async () => {
        endpoint.respond = answer(listed);
        const config = { url: endpoint.url, cacheMaxAge: 300_000 };
        const list = api.createRevocationList(config, { now, logger, onFetch, cacheMaxAge: 100_000 });
        await list.reasonRevoked({ jti: "j1" });
        time += 300_000 - 1;
        await list.reasonRevoked({ jti: "j1" });
        assert.equal(endpoint.requests.length, 1);
        time += 1;
        await list.reasonRevoked({ jti: "j1" });
        await fetched(2);
        assert.equal(endpoint.requests.length, 2);
      });

      const failures = [
        ["HTTP 500", () => answer(listed, {}, 500), /answered HTTP 500/],
        ["a timeout", () => hang().respond, /did not answer within 100 ms/],
        ["a body that is not JSON", () => answer("<html>revoked</html>"), /not UTF-8 JSON/],
        ["JSON that is not a revocation list", () => answer({ jti: "j1" }), /not a usable revocation list/],
        ["a body over maxResponseSize", () => answer({ jti: ["j".repeat(5000)] }), /larger than 4096 bytes/],
        ["a list over maxEntries", () => answer({ jti: ["j1", "j2", "j3"] }), /has 3 "jti" entries, more than maxEntries \(2\)/],
      ];
      const bounded = { timeoutDuration: TIMEOUT, maxResponseSize: 4096, maxEntries: 2 };
      for (const [what, respond, message] of failures) {
        it(`${what}: unavailable with no list; with one, the last list is used within its 5-minute maxStale; reported at once`, async () => {
          endpoint.respond = respond();
          const never = remoteList(bounded);
          await assert.rejects(within(LATE, never.reasonRevoked({ jti: "j1" }), what), unavailable(message));
          await assert.rejects(never.reasonRevoked({ jti: "j1" }), unavailable(message)); // at once, within the cooldown
          assert.equal(endpoint.requests.length, 1);
          assert.deepEqual(logged.map(([level, { document, state, code }]) => [level, document, state, code]),
            [["error", "revocation list", "unavailable", "ERR_REVOCATION_UNAVAILABLE"]]);
          assert.match(logged[0][1].message, message);

          endpoint.respond = answer(listed);
          const list = remoteList(bounded);
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          const fetchedAt = time;
          endpoint.respond = respond();
          time += MAX_AGE;
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti"); // at once, from the expired list
          await fetched(3);
          assert.equal(await list.reasonRevoked({ sub: "u1" }), "sub"); // within the cooldown: no request
          assert.equal(endpoint.requests.length, 3);
          const failed = events.at(-1);
          assert.deepEqual([failed.ok, failed.fromCache], [false, true]);
          assert.ok(unavailable(message)(failed.error));
          const { lastError, state, consecutiveFailures } = list.stats();
          assert.deepEqual([lastError.code, lastError.message, lastError.at, state, consecutiveFailures],
            ["ERR_REVOCATION_UNAVAILABLE", failed.error.message, time, "stale", 1]);
          const [level, line] = logged[1];
          assert.deepEqual([level, line.state, line.servedUntil],
            ["warn", "failing", new Date(fetchedAt + MAX_AGE + MAX_STALE).toISOString()]);
          time += COOLDOWN - 1;
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          assert.equal(endpoint.requests.length, 3);
          time += 1; // the cooldown is over: one more try, which fails too
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          await fetched(4);
          assert.equal(endpoint.requests.length, 4);
          time += MAX_STALE - COOLDOWN - 1;
          assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
          await fetched(5);
          assert.equal(endpoint.requests.length, 5);
          assert.equal(logged.length, 2, "the same failure again is no new log line");
          time += 1; // maxStale is over: no list may be used, and the last try is recent
          await assert.rejects(list.reasonRevoked({ jti: "j1" }), unavailable(message));
          assert.equal(endpoint.requests.length, 5);
          assert.deepEqual([logged.length, logged[2][0], logged[2][1].state], [3, "error", "unavailable"]);
          time += COOLDOWN;
          await assert.rejects(within(LATE, list.reasonRevoked({ jti: "j1" }), what), unavailable(message));
          assert.equal(endpoint.requests.length, 6);
          assert.deepEqual(countersOf(list.stats()), { fetches: 5, failures: 4, coalesced: 0, servedStale: 5 });
          assert.equal(list.stats().revoked, 6);
        });
      }

      it("is unavailable while the endpoint cannot be reached, asking it once per cooldown, and recovers when it can", async () => {
        const closed = await startEndpoint("/revocations");
        await closed.close();
        const list = api.createRevocationList({ url: closed.url }, { now, logger });
        await assert.rejects(list.reasonRevoked({ jti: "j1" }), unavailable(/could not be reached/));
        await assert.rejects(list.reasonRevoked({ jti: "j2" }), unavailable(/could not be reached/));
        assert.deepEqual(countersOf(list.stats()), { fetches: 1, failures: 1, coalesced: 0, servedStale: 0 });

        endpoint.respond = answer(listed);
        const recovering = remoteList();
        endpoint.respond = answer("", {}, 503);
        await assert.rejects(recovering.reasonRevoked({ jti: "j1" }), unavailable(/answered HTTP 503/));
        endpoint.respond = answer(listed);
        await assert.rejects(recovering.reasonRevoked({ jti: "j1" }), unavailable(/answered HTTP 503/));
        assert.equal(endpoint.requests.length, 1);
        time += COOLDOWN;
        assert.equal(await recovering.reasonRevoked({ jti: "j1" }), "jti");
        assert.equal(endpoint.requests.length, 2);
        assert.deepEqual(logged.slice(-1).map(([level, { state }]) => [level, state]), [["info", "recovered"]]);
      });

      it("loads a list at the documented capacity, 100,000 jtis and 100,000 subjects, with the default limits", async () => {
        const body = listAtCapacity();
        assert.ok(body.length > 8 * 1024 * 1024 && body.length < 16 * 1024 * 1024, `${body.length} bytes`);
        const { jti: [first], subjects } = JSON.parse(body);
        endpoint.respond = answer(body);
        const list = remoteList({ timeoutDuration: 30_000 });
        assert.equal(await list.reasonRevoked({ jti: first }), "jti");
        assert.equal(await list.reasonRevoked({ sub: Object.keys(subjects).at(-1), iat: REVOKED_BEFORE }), "sub");
        assert.equal(await list.reasonRevoked({ jti: crypto.randomUUID() }), null);
        assert.deepEqual(logged, []);
      });

      it("applies a revocation within cacheMaxAge when the endpoint sends no-store, however small cacheMaxAge is", async () => {
        endpoint.respond = answer({ jti: ["j1"] }, { "cache-control": "no-store" });
        const list = remoteList({ cacheMaxAge: 1_000 });
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null);
        endpoint.respond = answer({ jti: ["j1", "j2"] }, { "cache-control": "no-store" });
        time += 999;
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null);
        assert.equal(endpoint.requests.length, 1);
        time += 1;
        assert.equal(await list.reasonRevoked({ jti: "j2" }), null); // the expired list, while it is refreshed
        await fetched(2);
        assert.equal(await list.reasonRevoked({ jti: "j2" }), "jti");
      });

      it("answers every check at once from the last good list while its refresh hangs", async () => {
        endpoint.respond = answer(listed);
        const list = remoteList({ timeoutDuration: TIMEOUT });
        assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti");
        const stalled = hang();
        endpoint.respond = stalled.respond;
        time += MAX_AGE;
        assert.equal(await list.reasonRevoked({ jti: "j1" }), "jti"); // the refresh starts
        await until(() => stalled.open === 1, LATE, "the refresh reaching the endpoint");
        for (let i = 0; i < 20; i++) assert.equal(await list.reasonRevoked({ jti: `j${i % 2}` }), i % 2 ? "jti" : null);
        assert.deepEqual([stalled.open, events.length], [1, 1], "every check was answered while the refresh was held");
        assert.ok(list.refreshing() instanceof Promise);
        await within(LATE, stalled.closed, "the refresh ending");
      });

      it("coalesces concurrent checks into one request, whether it succeeds or fails", async () => {
        endpoint.respond = delayed(TIMEOUT, answer(listed));
        const list = remoteList();
        const checks = Array.from({ length: 50 }, (_, i) => list.reasonRevoked({ jti: `j${i % 2}` }));
        const reasons = await Promise.all(checks);
        assert.deepEqual(reasons, Array.from({ length: 50 }, (_, i) => (i % 2 ? "jti" : null)));
        assert.equal(endpoint.requests.length, 1);
        assert.deepEqual(countersOf(list.stats()), { fetches: 1, failures: 0, coalesced: 49, servedStale: 0 });
        assert.equal(list.stats().revoked, 25);

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
        time += 200_000; // the seed's own expiry: used while refreshed
        assert.equal(await seeded.reasonRevoked({ jti: "j2" }), null);
        await fetched(2);
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
        const badOptions = [{ maxStale: "1h" }, { timeoutDuration: 0 }, { now: 5 }, { headers: [["bad header", "x"]] },
          { maxEntries: 0 }, { maxEntries: 1.5 }, { maxEntries: "10" }, { logger: {} }];
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
          secret, algorithms: ["HS256"], origin: `${endpoint.origin}/`, cache: false, logger,
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
          secret, algorithms: ["HS256"], origin: `${endpoint.origin}/`, cache: false, logger,
          revocation: { url: endpoint.url.replace("/revocations", "/missing-list"), now },
        });
        endpoint.respond = answer("", {}, 404);
        const response = await down(requestWith({ sub: "u2", jti: "j2" }));
        assert.equal(response.status, 503);
        assert.equal((await response.json()).code, "ERR_REVOCATION_UNAVAILABLE");
        const { revoked, lastError } = down.stats().revocation;
        assert.deepEqual(countersOf(down.stats().revocation), { fetches: 1, failures: 1, coalesced: 0, servedStale: 0 });
        assert.deepEqual([revoked, lastError.code], [0, "ERR_REVOCATION_UNAVAILABLE"]);
        assert.match(lastError.message, /answered HTTP 404/);
      });

      it("makes the gateway report a list that outgrows its limits at once, use the last one for maxStale, then answer 503", async () => {
        const secret = new Uint8Array(32).fill(7);
        let list = { jti: ["j1"] };
        endpoint.respond = (request, response) => {
          if (request.url === "/revocations") return answer(list)(request, response);
          response.writeHead(200, { "content-type": "text/plain" }).end("origin");
        };
        const gateway = api.createGateway({
          secret, algorithms: ["HS256"], origin: `${endpoint.origin}/`, cache: false, logger,
          cacheMaxAge: 1_000, cooldownDuration: 0,
          revocation: { url: endpoint.url, now, onFetch, maxEntries: 3, maxResponseSize: 200, maxStale: 10_000 },
        });
        const statusOf = async (jti) => {
          const headers = { authorization: `Bearer ${api.sign({ jti }, secret, { alg: "HS256" })}` };
          const response = await gateway(new Request(`${endpoint.origin}/resource`, { headers }));
          await response.arrayBuffer();
          return response.status;
        };
        assert.equal(await statusOf("j1"), 401);
        const growths = [
          [{ jti: ["j1", "j2", "j3", "j4"] }, /has 4 "jti" entries, more than maxEntries \(3\)/],
          [{ jti: ["j1", "j2"], padding: "x".repeat(200) }, /larger than 200 bytes/],
        ];
        for (const [grown, message] of growths) {
          list = grown;
          const before = events.length;
          time += 1_000;
          assert.equal(await statusOf("j2"), 200); // the last good list, at once, while it is refreshed
          await fetched(before + 1);
          const { lastError, state } = gateway.stats().revocation;
          assert.equal(state, "stale");
          assert.match(lastError.message, message);
          assert.equal(logged.at(-1)[0], "warn");
          assert.match(logged.at(-1)[1].message, message);
          time += 9_999; // within maxStale of the expiry: still the last good list
          assert.equal(await statusOf("j2"), 200);
          await fetched(before + 2);
          time += 1; // maxStale is over: 503 rather than let a revoked token through
          assert.equal(await statusOf("j2"), 503);
          assert.equal(await statusOf("j9"), 503);
          assert.equal(logged.at(-1)[1].state, "unavailable");
          list = { jti: ["j1", "j2"] };
          assert.equal(await statusOf("j2"), 401); // cooldownDuration 0: the next check fetches again
          assert.equal(await statusOf("j1"), 401);
          list = { jti: ["j1"] };
          time += 1_000;
          await statusOf("j1");
          await fetched(events.length + 1);
        }
      });
    });
  });
}
