// npm run bench:edge: HTTP load on loopback (autocannon) through edge/worker.js in a real workerd,
// and straight to the origin for comparison. Cases: the origin alone, a bypassed path (the
// gateway's proxying without a token), a cache hit (one token again and again), cache misses with
// RS256 and ES256 (a pool of distinct tokens, rotated, larger than the gateway's verified-token
// cache so that every lookup misses), and rejected (tampered) tokens; then a second gateway with
// two providers (the demo identity provider's JWKS and an inline EdDSA set) and rules, its tokens
// routed by "iss" (cache hits and misses, both providers interleaved), and a third with throttling
// under a flood of bad tokens from one client; then, against a JWKS endpoint that takes
// JWKS_DELAY_MS to answer, a key set expiring every second (maxStale 0) with and without refresh
// ahead, counting the requests that waited for it, and cold starts (workerd restarted) with and
// without the key set persisted in the Cache API; then cookie sessions on and off
// (bench/edge-sessions.js). Prints requests/s, p50/p99 latency and the CPU time workerd spent per
// request (which other processes on a shared machine change far less than requests/s), and writes
// artifacts/bench-edge.json. Measured, never asserted; each case also reports the answers it got
// and the gateway's cache hit rate over it, to show it measured what it says.
// Environment: BENCH_EDGE_SECONDS per case (default 5), BENCH_EDGE_CONNECTIONS (default 10).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";

import * as edgejwt from "../js/index.js";
import { startEchoOrigin } from "../edge/demo/origin.js";
import { startIdentityProvider } from "../edge/demo/identity-provider.js";
import { startWorkerd, workerdVersion } from "../edge/run-local.js";
import { startCacheService } from "../edge/cache-service.js";
import { writeArtifact } from "./common.js";
import { measureSessions, printSessions } from "./edge-sessions.js";

const SECONDS = Number(process.env.BENCH_EDGE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_EDGE_CONNECTIONS ?? 10);
const STATS_PATH = "/_edgejwt/stats";
const METRICS_TOKEN = randomBytes(32).toString("base64url");
const PARTNERS = "https://partners.bench.example";
const FLOOD_BUDGET = 60; // failed verifications a minute per client on the throttled gateway
// Tokens rotated through in order: each comes back only after POOL - 1 others, by which time the
// least-recently-used cache of CACHE_ENTRIES has long dropped it.
const CACHE_ENTRIES = 64;
const POOL = 512;
const JWKS_DELAY_MS = 200; // the slow JWKS endpoint's answer time
const COLD_STARTS = 5; // workerd restarts per cold-start case
const CLOCK_TICKS = 100; // /proc's unit of CPU time per second (USER_HZ, 100 on Linux)

const running = [];
async function stopAll() {
  for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
}

async function main() {
  const origin = await startEchoOrigin({ loginPath: "/auth/login" });
  running.push(origin.close);
  const idp = await startIdentityProvider();
  running.push(idp.close);
  const single = {
    JWKS_URL: idp.jwksUrl, ISSUER: idp.issuer, AUDIENCE: idp.audience, ALGORITHMS: "RS256,ES256", ORIGIN: origin.url,
    CLAIM_HEADERS: JSON.stringify({ "x-user-id": "sub", "x-org-id": "org.id" }), BYPASS: "/health",
    TOKEN_CACHE: JSON.stringify({ maxEntries: CACHE_ENTRIES }), STATS_PATH, METRICS_TOKEN, DENIAL_LOG: JSON.stringify({ maxPerSecond: 10 }),
  };
  const partner = edgejwt.generateKeyPair("EdDSA");
  const ruled = {
    ORIGIN: origin.url, STATS_PATH, METRICS_TOKEN, TOKEN_CACHE: single.TOKEN_CACHE, DENIAL_LOG: single.DENIAL_LOG,
    PROVIDERS: JSON.stringify({
      idp: { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience, algorithms: ["RS256", "ES256"], claimHeaders: { "x-user-id": "sub", "x-org-id": "org.id" } },
      partners: { jwks: { keys: [{ ...edgejwt.exportJWK(partner.publicKey), kid: "p1" }] }, issuer: PARTNERS, algorithms: ["EdDSA"], claimHeaders: { "x-partner": "sub" } },
    }),
    RULES: JSON.stringify([
      { name: "health", match: { path: "/health", methods: ["GET"] }, requires: "none" },
      { name: "admin", match: { prefix: "/admin" }, requires: { provider: "idp", scopes: ["admin"] } },
      { name: "assets", match: { pattern: "/assets/*/static/**" }, requires: "none" },
      { name: "api", match: { prefix: "/api" }, requires: { anyOf: ["idp", "partners"], scopes: ["read"] } },
    ]),
  };
  const slowJwks = await startSlowJwks(await (await fetch(idp.jwksUrl)).text());
  running.push(slowJwks.close);
  // The key set expires every second and may not be served expired: without refresh ahead the
  // first request after each expiry waits for the slow endpoint.
  const expiring = { ...single, JWKS_URL: slowJwks.url, CACHE_MAX_AGE: "1000", JWKS_MAX_STALE: "0", COOLDOWN_DURATION: "0" };
  const [gateway, rules, throttled, expiringPlain, expiringAhead] = await Promise.all([
    startWorkerd({ env: single }), startWorkerd({ env: ruled }),
    startWorkerd({ env: { ...single, THROTTLE: JSON.stringify({ failuresPerMinute: FLOOD_BUDGET }) } }),
    startWorkerd({ env: expiring }), startWorkerd({ env: { ...expiring, REFRESH_AHEAD: "500" } }),
  ]);
  running.push(gateway.stop, rules.stop, throttled.stop, expiringPlain.stop, expiringAhead.stop);

  process.stdout.write(`minting ${POOL} RS256 and ${POOL} ES256 tokens… `);
  const pools = {
    RS256: Array.from({ length: POOL }, (_, n) => idp.mint({ alg: "RS256", sub: `user-${n}`, ttl: 3600 })),
    ES256: Array.from({ length: POOL }, (_, n) => idp.mint({ alg: "ES256", sub: `user-${n}`, ttl: 3600 })),
  };
  const partnerToken = (n) => edgejwt.sign({ sub: `partner-${n}`, scope: "read" }, partner.privateKey, { alg: "EdDSA", kid: "p1", issuer: PARTNERS, expiresIn: 3600 });
  pools.mixed = pools.ES256.flatMap((token, n) => [token, partnerToken(n)]);
  const one = idp.mint({ sub: "same-user", ttl: 3600 });
  const twoHot = [one, partnerToken("hot")];
  const [header, , signature] = one.split(".");
  const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: "admin", exp: 4102444800 })).toString("base64url")}.${signature}`;
  console.log("done");

  const cases = [
    { name: "origin alone", url: origin.url, path: "/api", expect: 200 },
    { name: "gateway, bypassed path", url: gateway.url, path: "/health", expect: 200 },
    { name: "gateway, cache hit (ES256)", url: gateway.url, path: "/api", token: () => one, expect: 200 },
    { name: "gateway, cache miss RS256", url: gateway.url, path: "/api", token: rotating(pools.RS256), expect: 200 },
    { name: "gateway, cache miss ES256", url: gateway.url, path: "/api", token: rotating(pools.ES256), expect: 200 },
    { name: "gateway, rejected (tampered)", url: gateway.url, path: "/api", token: () => tampered, expect: 401 },
    { name: "rules, 2 providers, cache hit", url: rules.url, path: "/api", token: rotating(twoHot), expect: 200 },
    { name: "rules, 2 providers, cache miss", url: rules.url, path: "/api", token: rotating(pools.mixed), expect: 200 },
    { name: "throttled flood (tampered, 1 client)", url: throttled.url, path: "/api", token: () => tampered, client: "203.0.113.1", expect: [429, 401] },
    // Warmed again just before: a set that expired while the gateway was idle makes its first requests wait.
    { name: "JWKS expiring each 1 s, cache miss ES256", url: expiringPlain.url, path: "/api", token: rotating(pools.ES256), expect: 200, rewarm: true },
    { name: "… with refresh ahead (500 ms)", url: expiringAhead.url, path: "/api", token: rotating(pools.ES256), expect: 200, rewarm: true },
  ];
  // Warm-up: the JWKS fetch, and the JIT of both processes.
  for (const { url, path, token, client } of cases) await load({ url, path, token, client, seconds: 0.5 });

  const results = [];
  for (const test of cases) {
    process.stdout.write(`${test.name}… `);
    const target = [gateway, rules, throttled, expiringPlain, expiringAhead].find(({ url }) => url === test.url);
    if (test.rewarm) await load({ ...test, seconds: 0.5 });
    const before = target ? await stats(target) : null;
    const cpuBefore = target ? cpuMsOf(target.pid) : null;
    const result = await load({ ...test, seconds: SECONDS });
    const cpuAfter = target ? cpuMsOf(target.pid) : null;
    const after = target ? await stats(target) : null;
    results.push({ ...summary(test, result, before, after), workerdCpuMicrosPerRequest: target ? cpuPerRequest(cpuAfter - cpuBefore, result) : null });
    console.log("done");
  }
  print(results);
  process.stdout.write(`cold starts (${COLD_STARTS} workerd restarts per case)… `);
  const coldStarts = await measureColdStarts({ single, slowJwks, token: pools.ES256[0] });
  console.log("done");
  printColdStarts(coldStarts);
  const sessions = await measureSessions({ originUrl: origin.url, running });
  printSessions(sessions);
  const report = {
    date: new Date().toISOString(), node: process.version, workerd: workerdVersion(), cpus: cpus().length,
    cpuModel: cpus()[0]?.model, loadAverageAtEnd: loadavg(), secondsPerCase: SECONDS, connections: CONNECTIONS, verifiedTokenCacheEntries: CACHE_ENTRIES,
    tokenPool: POOL, throttleFailuresPerMinute: FLOOD_BUDGET, jwksDelayMs: JWKS_DELAY_MS, results, coldStarts, sessions,
  };
  console.log(`\nwritten: ${await writeArtifact("bench-edge.json", report)}`);
}

function rotating(pool) {
  let next = 0;
  return () => pool[next++ % pool.length];
}

// Resolves to autocannon's result and every response's latency in ms (autocannon's own histogram
// counts whole milliseconds; its per-response times are finer).
function load({ url, path, token, client, seconds }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const tracker = autocannon({
      url, connections: CONNECTIONS, duration: seconds, timeout: 10,
      requests: [{
        method: "GET", path,
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token()}` } : {}), ...(client ? { "cf-connecting-ip": client } : {}) },
        }),
      }],
    }, (error, result) => (error ? reject(error) : resolve({ result, latencies })));
    tracker.on("response", (client, status, bytes, milliseconds) => latencies.push(milliseconds));
  });
}

async function stats(gateway) {
  const response = await fetch(`${gateway.url}${STATS_PATH}`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(5_000) });
  return response.json();
}

function summary(test, { result, latencies }, before, after) {
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]));
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  const elapsedSeconds = (new Date(result.finish) - new Date(result.start)) / 1000;
  const hits = after ? after.cache.hits - before.cache.hits : null;
  const misses = after ? after.cache.misses - before.cache.misses : null;
  const jwksWaits = after?.jwks ? after.jwks.waited - before.jwks.waited : null;
  latencies.sort((a, b) => a - b);
  const percentile = (p) => round(latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)] ?? NaN);
  return {
    case: test.name,
    requestsPerSecond: Math.round(answered / elapsedSeconds),
    latencyMs: { p50: percentile(0.5), p99: percentile(0.99), max: round(latencies.at(-1) ?? NaN) },
    requests: answered, seconds: elapsedSeconds, statuses, expectedStatus: test.expect,
    asExpected: answered > 0 && [test.expect].flat().reduce((sum, status) => sum + (statuses[status] ?? 0), 0) === answered &&
      result.errors === 0 && result.timeouts === 0,
    errors: result.errors, timeouts: result.timeouts,
    cacheHitRate: hits === null || hits + misses === 0 ? null : hits / (hits + misses),
    jwksWaits,
  };
}

const round = (milliseconds) => Math.round(milliseconds * 100) / 100;

// The CPU time (user + system, all threads) process `pid` has used, in ms, from /proc (Linux): what
// workerd spends per request, which other processes on a shared machine do not change as they do
// throughput.
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after "pid (name) ": state, ppid, …
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function cpuPerRequest(cpuMs, { result }) {
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, { count }) => sum + count, 0);
  return answered ? Math.round((cpuMs * 1000) / answered * 10) / 10 : null;
}

// A JWKS endpoint on loopback that answers `jwks` (text) after JWKS_DELAY_MS, or 503 while `down`.
async function startSlowJwks(jwks) {
  const endpoint = { down: false };
  const server = createServer((request, response) => setTimeout(() => {
    if (endpoint.down) response.writeHead(503).end();
    else response.writeHead(200, { "content-type": "application/json" }).end(jwks);
  }, JWKS_DELAY_MS));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.url = `http://127.0.0.1:${server.address().port}/jwks.json`;
  endpoint.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return endpoint;
}

// The first request of a fresh workerd (a cold isolate), COLD_STARTS times per case: its answer and
// its time, the JWKS endpoint slow (up) or answering 503 (down), without and with SNAPSHOT_STORE
// (the cache service warmed by one earlier workerd).
async function measureColdStarts({ single, slowJwks, token }) {
  const cache = await startCacheService();
  running.push(cache.close);
  const env = { ...single, JWKS_URL: slowJwks.url };
  const stored = { ...env, SNAPSHOT_STORE: "cache" };
  const warm = await startWorkerd({ env: stored, cacheService: cache.address });
  await firstRequest(warm, token);
  while (cache.entries.size === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await warm.stop();
  const cases = [
    { name: "cold start, no snapshot store, JWKS slow", env, down: false },
    { name: "cold start, SNAPSHOT_STORE=cache, JWKS slow", env: stored, down: false },
    { name: "cold start, no snapshot store, JWKS down", env, down: true },
    { name: "cold start, SNAPSHOT_STORE=cache, JWKS down", env: stored, down: true },
  ];
  const rows = [];
  for (const { name, env: caseEnv, down } of cases) {
    slowJwks.down = down;
    const runs = [];
    for (let run = 0; run < COLD_STARTS; run++) {
      const gateway = await startWorkerd({ env: caseEnv, cacheService: cache.address });
      try {
        runs.push(await firstRequest(gateway, token));
      } finally {
        await gateway.stop();
      }
    }
    const times = runs.map(({ ms }) => ms).sort((a, b) => a - b);
    const statuses = {};
    for (const { status } of runs) statuses[status] = (statuses[status] ?? 0) + 1;
    rows.push({ case: name, firstRequestMs: { median: round(times[Math.floor(times.length / 2)]), max: round(times.at(-1)) }, statuses });
  }
  slowJwks.down = false;
  return rows;
}

async function firstRequest(gateway, token) {
  const started = performance.now();
  const response = await fetch(`${gateway.url}/api`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

function printColdStarts(rows) {
  console.log(`
First request of a fresh workerd (JWKS endpoint answering in ${JWKS_DELAY_MS} ms, or 503):
`);
  console.log("| case | first request p50 ms | max ms | answers |\n|---|---:|---:|---|");
  for (const row of rows) {
    const answers = Object.entries(row.statuses).map(([status, count]) => `${count}×${status}`).join(" ");
    console.log(`| ${row.case} | ${row.firstRequestMs.median.toFixed(2)} | ${row.firstRequestMs.max.toFixed(2)} | ${answers} |`);
  }
}

function print(results) {
  const rows = [["case", "req/s", "p50 ms", "p99 ms", "workerd CPU µs/req", "answers", "cache hit rate", "JWKS waits"]];
  for (const r of results) {
    const answers = Object.entries(r.statuses).map(([status, count]) => `${count}×${status}`).join(" ") +
      (r.asExpected ? "" : ` (expected all ${[r.expectedStatus].flat().join(" or ")}; errors ${r.errors}, timeouts ${r.timeouts})`);
    rows.push([r.case, String(r.requestsPerSecond), r.latencyMs.p50.toFixed(2), r.latencyMs.p99.toFixed(2),
      r.workerdCpuMicrosPerRequest === null ? "-" : r.workerdCpuMicrosPerRequest.toFixed(0), answers,
      r.cacheHitRate === null ? "-" : `${(r.cacheHitRate * 100).toFixed(1)}%`, r.jwksWaits === null ? "-" : String(r.jwksWaits)]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const load = loadavg().map((value) => value.toFixed(1)).join(" ");
  console.log(`\n${SECONDS} s per case, ${CONNECTIONS} connections, loopback, ${cpus().length} CPUs, load ${load} (${process.version})\n`);
  for (const [index, row] of rows.entries()) {
    console.log(`| ${row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(" | ")} |`);
    if (index === 0) console.log(`|${widths.map((width, column) => (column === 0 || column === 5 ? `-${"-".repeat(width)}-` : `-${"-".repeat(width)}:`)).join("|")}|`);
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:edge failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
