// The gateway under a bounded loopback load while its JWKS or revocation endpoint misbehaves as
// an identity provider can: it hangs, drips its body, sends one without end, redirects where it
// must not or in a loop, or flaps between good and failing. Each case states its floor and counts
// outcomes, never speed: while a refresh hangs, every request with a known kid is answered (at
// least FLOOR of them during one hang, none waiting for the fetch); only an unknown kid waits, and
// never past the timeout; a failing endpoint is asked at most once per cooldown. Real time, real
// HTTP on 127.0.0.1, one build (the library's logic is the same on all three).
import { describe, it, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/index.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { answer, drip, endless, flapping, hang, redirect, startEndpoint, until } from "../support/endpoint.js";

const CLIENTS = 4; // concurrent request loops
const MAX_REQUESTS = 20_000; // every load loop stops at this count, or at its time bound
const TIMEOUT = 2_000; // the gateways' timeoutDuration: how long one hang lasts (long beside a request's time on a loaded 2-core machine)
const CACHE_MAX_AGE = 200;
const COOLDOWN = 300;
// The stated floor: requests with a known kid answered while one refresh hangs for TIMEOUT. The
// gateway answers thousands in such a hang on this machine (README, "When an endpoint fails");
// before stale-while-revalidate it answered none.
const FLOOR = 50;
const HUGE = 64 * 1024 * 1024; // what an endless body would send if nobody stopped reading

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await edgejwt.init();

// Runs CLIENTS loops of `send()` until `done()` holds (checked before each request), MAX_REQUESTS
// are sent or `limitMs` has passed. Each outcome: { status, code, started, ended, during } where
// `during` is what `phase()` said when the answer came.
async function load(send, { done, limitMs, phase = () => null }) {
  const outcomes = [];
  const deadline = performance.now() + limitMs;
  const client = async () => {
    while (!done() && outcomes.length < MAX_REQUESTS && performance.now() < deadline) {
      const started = performance.now();
      const response = await send();
      const body = await response.json().catch(() => ({}));
      outcomes.push({ status: response.status, code: body.code, started, ended: performance.now(), during: phase() });
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return outcomes;
}

const statuses = (outcomes) => outcomes.reduce((counts, { status, code }) => {
  const key = code ? `${status} ${code}` : String(status);
  counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}, {});

describe("JWKS and revocation endpoints that fail, under load", () => {
  const issuer = "https://idp.faults.example";
  const signers = {};
  let origin;
  let jwksEndpoint;
  let revocationEndpoint;
  let logged;
  const logger = Object.fromEntries(["error", "warn", "info"].map((level) => [level, (line) => logged.push([level, JSON.parse(line)])]));

  for (const kid of ["k1", "stranger"]) {
    const { publicKey, privateKey } = edgejwt.generateKeyPair("EdDSA");
    signers[kid] = { jwk: { ...edgejwt.exportJWK(publicKey), kid }, privateKey };
  }
  const jwks = { keys: [signers.k1.jwk] };
  const sign = (kid, claims = {}) => edgejwt.sign({ sub: "u1", ...claims }, signers[kid].privateKey,
    { alg: "EdDSA", kid, issuer, expiresIn: "10m" });
  // Half the load repeats one token (a verified-cache hit), half brings a token not seen before.
  const known = sign("k1");
  const fresh = Array.from({ length: 200 }, (_, n) => sign("k1", { n }));
  let sent = 0;
  const nextToken = () => (sent++ % 2 ? known : fresh[sent % fresh.length]);

  before(async () => { origin = await startEchoOrigin(); });
  after(() => origin.close());
  beforeEach(async () => {
    logged = [];
    jwksEndpoint = await startEndpoint("/jwks.json");
    revocationEndpoint = await startEndpoint("/revoked.json");
    jwksEndpoint.respond = answer(jwks);
    revocationEndpoint.respond = answer({ jti: ["revoked-jti"] });
  });
  afterEach(async () => {
    await jwksEndpoint.close(); // a refresh still held fails at once
    await revocationEndpoint.close();
  });

  function gatewayWith(config = {}) {
    const gateway = edgejwt.createGateway({
      jwksUrl: jwksEndpoint.url, issuer, algorithms: ["EdDSA"], origin: origin.url, logger,
      cacheMaxAge: CACHE_MAX_AGE, cooldownDuration: COOLDOWN, timeoutDuration: TIMEOUT,
      revocation: { url: revocationEndpoint.url }, ...config,
    });
    return gateway;
  }
  const requestWith = (token) => new Request(`${origin.url}/api`, { headers: { authorization: `Bearer ${token}` } });
  const send = (gateway, token = nextToken()) => () => gateway(requestWith(token));

  // Primes `gateway` (keys and list fetched), lets both expire, and makes `endpoint` answer with
  // `fault` from then on.
  async function expireInto(gateway, endpoint, fault) {
    assert.equal((await gateway(requestWith(known))).status, 200);
    endpoint.respond = fault;
    await sleep(CACHE_MAX_AGE + 20);
  }

  for (const [which, makeFault] of [
    ["JWKS", () => hang()], ["revocation list", () => hang()],
    ["JWKS", () => drip(JSON.stringify(jwks), { bytes: 1, everyMs: 100 })],
  ]) {
    const fault = makeFault();
    const what = fault.closed ? "hangs" : "drips its body a byte at a time";
    it(`answers every known kid at once while the ${which} endpoint ${what}: at least ${FLOOR} during one timeout, none waiting`, async (t) => {
      const gateway = gatewayWith();
      const endpoint = which === "JWKS" ? jwksEndpoint : revocationEndpoint;
      await expireInto(gateway, endpoint, fault.respond);
      let held = false; // the refresh has reached the endpoint, and is held there
      const outcomes = await load(send(gateway), {
        done: () => {
          if (fault.open > 0) held = true;
          return held && fault.open === 0;
        },
        limitMs: 3 * TIMEOUT,
        phase: () => fault.open > 0,
      });
      const during = outcomes.filter((outcome) => outcome.during);
      assert.deepEqual(statuses(outcomes), { 200: outcomes.length }, JSON.stringify(statuses(outcomes)));
      assert.ok(during.length >= FLOOR, `${during.length} answered during the hang (floor ${FLOOR})`);
      t.diagnostic(`${during.length} requests answered while the refresh was held for ${TIMEOUT} ms`);
      const longest = Math.max(...outcomes.map(({ started, ended }) => ended - started));
      assert.ok(longest < TIMEOUT, `a request waited ${Math.round(longest)} ms: it waited for the refresh`);
      const stats = gateway.stats()[which === "JWKS" ? "jwks" : "revocation"];
      assert.equal(stats.lastError.code, which === "JWKS" ? "ERR_JWKS_TIMEOUT" : "ERR_REVOCATION_UNAVAILABLE");
      assert.match(stats.lastError.message, new RegExp(`did not answer within ${TIMEOUT} ms`));
      assert.equal(stats.fetches, 2, "one refresh for the whole load");
      assert.deepEqual(logged.map(([level, { document, state }]) => [level, document, state]), [["warn", which, "failing"]]);
    });
  }

  it("makes only a token with an unknown kid wait while the JWKS refresh hangs, and never past the timeout", async () => {
    const stalled = hang();
    const gateway = gatewayWith({ cooldownDuration: 0 });
    await expireInto(gateway, jwksEndpoint, stalled.respond);
    assert.equal((await gateway(requestWith(known))).status, 200); // starts the refresh
    await until(() => stalled.open === 1, TIMEOUT, "the refresh reaching the endpoint");
    const started = performance.now();
    let strangerDone = false;
    const stranger = gateway(requestWith(sign("stranger"))).finally(() => { strangerDone = true; });
    const outcomes = await load(send(gateway), { done: () => stalled.open === 0 || strangerDone, limitMs: 3 * TIMEOUT });
    const waited = performance.now() - started;
    const response = await stranger;
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, "ERR_JWKS_NO_MATCHING_KEY");
    assert.ok(waited < TIMEOUT + 1_000, `the unknown kid waited ${Math.round(waited)} ms`);
    assert.ok(outcomes.length >= FLOOR, `${outcomes.length} known-kid requests answered meanwhile`);
    assert.deepEqual(statuses(outcomes), { 200: outcomes.length });
  });

  for (const [which, limit] of [["JWKS", 512 * 1024], ["revocation list", 16 * 1024 * 1024]]) {
    it(`stops reading a ${which} body without end at ${limit} bytes, reports it at once, and keeps answering`, async () => {
      const huge = endless(HUGE);
      const gateway = gatewayWith();
      await expireInto(gateway, which === "JWKS" ? jwksEndpoint : revocationEndpoint, huge.respond);
      const stats = () => gateway.stats()[which === "JWKS" ? "jwks" : "revocation"];
      const outcomes = await load(send(gateway), { done: () => stats().failures > 0, limitMs: 10 * TIMEOUT });
      await until(() => huge.written > 0, TIMEOUT, "the body starting");
      await Promise.race([huge.closed, sleep(TIMEOUT)]);
      assert.ok(huge.written < HUGE, `the endpoint wrote ${huge.written} bytes`);
      assert.deepEqual(statuses(outcomes), { 200: outcomes.length });
      assert.match(stats().lastError.message, new RegExp(`larger than ${limit} bytes`));
      assert.deepEqual(logged.map(([level, { document, state }]) => [level, document, state]), [["warn", which, "failing"]]);
      assert.equal(stats().state, "stale");
    });
  }

  it("never follows a redirect off https/loopback, stops a redirect loop at 5 hops, and asks once per cooldown", async () => {
    const gateway = gatewayWith({ revocation: undefined, cooldownDuration: COOLDOWN });
    let hops = 0;
    jwksEndpoint.respond = (request, response) => {
      hops++;
      redirect(request.url === "/jwks.json" ? "/elsewhere" : "/jwks.json")(request, response);
    };
    // Nothing was ever cached: every request is answered 503 at once, with the loop's code.
    const started = performance.now();
    const outcomes = await load(send(gateway), { done: () => false, limitMs: 2 * COOLDOWN + 100 });
    const elapsed = performance.now() - started;
    assert.deepEqual(Object.keys(statuses(outcomes)), ["503 ERR_JWKS_FETCH_FAILED"]);
    const { fetches, lastError } = gateway.stats().jwks;
    assert.equal(hops, 6 * fetches, `${hops} requests in ${fetches} fetches`);
    assert.ok(fetches <= Math.ceil(elapsed / COOLDOWN) + 1, `${fetches} fetches in ${Math.round(elapsed)} ms`);
    assert.match(lastError.message, /redirected more than 5 times/);
    assert.ok(outcomes.length >= FLOOR, `${outcomes.length} requests answered`);

    jwksEndpoint.respond = redirect("http://jwks.evil.example/jwks.json");
    await sleep(COOLDOWN);
    const refused = await gateway(requestWith(known));
    assert.equal(refused.status, 503);
    assert.match(gateway.stats().jwks.lastError.message, /to http:\/\/jwks\.evil\.example: neither https: nor loopback http:/);
  });

  it("keeps answering while the JWKS endpoint flaps, logging each change of state once, never each failure", async () => {
    const gateway = gatewayWith({ cooldownDuration: 0 });
    await expireInto(gateway, jwksEndpoint, flapping(answer(jwks), answer("", {}, 500), { run: 2, badFirst: true }));
    const outcomes = await load(send(gateway), { done: () => gateway.stats().jwks.fetches >= 12, limitMs: 20 * CACHE_MAX_AGE });
    await until(() => gateway.stats().jwks.fetches >= 12 && gateway.stats().jwks.fetches === jwksEndpoint.requests.length,
      TIMEOUT, "the last refresh");
    assert.deepEqual(statuses(outcomes), { 200: outcomes.length });
    const { fetches, failures } = gateway.stats().jwks;
    assert.ok(failures >= 4, `${failures} failures in ${fetches} fetches`);
    const states = logged.map(([, { state }]) => state);
    assert.ok(states.length >= 4 && states.length < failures * 2, `${states.length} log lines for ${failures} failures`);
    assert.ok(states.every((state, i) => state === (i % 2 ? "recovered" : "failing")), states.join());
  });

  it("asks an endpoint failing from the start at most once per cooldown, answering 503 at once in between", async () => {
    jwksEndpoint.respond = answer("", {}, 500);
    const gateway = gatewayWith({ revocation: undefined });
    const started = performance.now();
    const outcomes = await load(send(gateway), { done: () => false, limitMs: 3 * COOLDOWN });
    const elapsed = performance.now() - started;
    assert.deepEqual(Object.keys(statuses(outcomes)), ["503 ERR_JWKS_FETCH_FAILED"]);
    assert.ok(jwksEndpoint.requests.length <= Math.ceil(elapsed / COOLDOWN) + 1,
      `${jwksEndpoint.requests.length} requests in ${Math.round(elapsed)} ms for ${outcomes.length} answers`);
    assert.ok(outcomes.length >= FLOOR);
    assert.deepEqual(logged.map(([level, { state }]) => [level, state]), [["error", "unavailable"]]);
  });
});
