// Cookie sessions through edge/worker.js in workerd (part of `npm run bench:edge`; alone:
// `node bench/edge-sessions.js`): the gateway with sessions on (SESSIONS bound to the SQLite
// Durable Object on disk, a temporary directory) against the same gateway with sessions off,
// verifying the same kind of HS256 "at+jwt" token from an Authorization header. Cases: the access
// token again and again (verified-token cache hit; with sessions on, also the revocation verdict
// cache, which asks the object again every maxStale = 2 s), POST /auth/refresh (a rotation: the
// refresh token verified, the used mark in the object, a new pair signed), the edge refresh (an
// expired access cookie rotated and the request forwarded), login (the origin's handoff, a family
// recorded) and logout (family and jti revoked). Each of BENCH_EDGE_CONNECTIONS browsers runs
// its requests one after another with its own cookies (Node's fetch; the cases of bench/edge.js use
// autocannon, so compare these rows with each other). Measured, never asserted.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import * as edgejwt from "../js/index.js";
import { startEchoOrigin } from "../edge/demo/origin.js";
import { sessionClient } from "../edge/demo/session-client.js";
import { startWorkerd } from "../edge/run-local.js";

const SECONDS = Number(process.env.BENCH_EDGE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_EDGE_CONNECTIONS ?? 10);
const APP = "https://app.bench.example";
const ISSUER = "edgejwt-session";
const RULES = JSON.stringify([{ name: "login", match: { path: "/auth/login" }, requires: "none" }, { name: "app", match: { prefix: "/" }, requires: "session" }]);

export async function measureSessions({ originUrl, running }) {
  const secret = randomBytes(32);
  const storage = mkdtempSync(join(tmpdir(), "edgejwt-bench-sessions-"));
  running.push(async () => rmSync(storage, { recursive: true, force: true }));
  const [on, off] = await Promise.all([
    startWorkerd({ sessionStorage: storage, env: {
      ORIGIN: originUrl, RULES, SESSION_SECRET: secret.toString("base64url"),
      SESSION: JSON.stringify({ refreshCookiePath: "/", allowedOrigins: [APP], claimHeaders: { "x-user-id": "sub" } }),
    } }),
    startWorkerd({ env: {
      ORIGIN: originUrl, SECRET: secret.toString("base64url"), ISSUER, TYP: "at+jwt", ALGORITHMS: "HS256", CLAIM_HEADERS: '{"x-user-id":"sub"}',
    } }),
  ]);
  running.push(on.stop, off.stop);
  const key = edgejwt.importJWK({ kty: "oct", k: secret.toString("base64url") }, "HS256");
  const browsers = (gateway) => Array.from({ length: CONNECTIONS }, () => sessionClient(
    (path, init) => fetch(`${gateway.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) }), { origin: APP, "sec-fetch-site": "same-origin" }));
  const loggedIn = async (clients) => {
    await Promise.all(clients.map((client, index) => client.post(`/auth/login?user=b${index}${randomBytes(4).toString("hex")}`).then((r) => r.arrayBuffer())));
    return clients;
  };
  const bearer = edgejwt.sign({ sub: "bench-user", scope: "read" }, key, { alg: "HS256", typ: "at+jwt", issuer: ISSUER, expiresIn: 3600 });
  const offClients = browsers(off);
  const expiredAccess = (client) => {
    const { payload } = edgejwt.decode(client.jar.access);
    return edgejwt.sign({ ...payload, iat: payload.iat - 1000, exp: payload.iat - 10 }, key, { alg: "HS256", typ: "at+jwt" });
  };

  const cases = [
    { name: "sessions off: bearer at+jwt, cache hit", clients: async () => offClients,
      step: (client) => client.get("/api", { headers: { authorization: `Bearer ${bearer}` } }), expect: 200 },
    { name: "sessions on: access cookie, cache hit", clients: () => loggedIn(browsers(on)), step: (client) => client.get("/api"), expect: 200 },
    { name: "sessions on: POST /auth/refresh", clients: () => loggedIn(browsers(on)), step: (client) => client.post("/auth/refresh"), expect: 200 },
    { name: "sessions on: edge refresh (expired access cookie)", clients: () => loggedIn(browsers(on)), step: (client) => {
      client.jar.access = expiredAccess(client);
      return client.get("/api");
    }, expect: 200 },
    { name: "sessions on: login (origin handoff)", clients: async () => browsers(on),
      step: (client, n) => client.post(`/auth/login?user=l${n}${randomBytes(3).toString("hex")}`), expect: 200 },
    // A logout ends the browser's session: each logs in again, unmeasured, before its next one.
    { name: "sessions on: logout", clients: () => loggedIn(browsers(on)), step: (client) => client.post("/auth/logout"), expect: 200,
      after: (client, n) => client.post(`/auth/login?user=o${n}${randomBytes(3).toString("hex")}`) },
  ];
  const rows = [];
  for (const test of cases) {
    process.stdout.write(`${test.name}… `);
    await run(await test.clients(), test, 0.5); // warm-up
    rows.push({ case: test.name, ...(await run(await test.clients(), test, SECONDS)) });
    console.log("done");
  }
  return rows;
}

// Every client runs `step` one request after another for `seconds`; `after` runs unmeasured.
async function run(clients, { step, after, expect }, seconds) {
  const latencies = [];
  const statuses = {};
  let measuredMs = 0;
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(clients.map(async (client) => {
    while (performance.now() < deadline) {
      const n = count++;
      const started = performance.now();
      const response = await step(client, n);
      await response.arrayBuffer();
      const took = performance.now() - started;
      latencies.push(took);
      measuredMs += took;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (after) await (await after(client, n)).arrayBuffer();
    }
  }));
  latencies.sort((a, b) => a - b);
  const percentile = (p) => Math.round(latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)] * 100) / 100;
  // Requests a second over the time the clients spent in measured requests (an unmeasured login
  // between two logouts is not counted), with all of them in flight at once.
  const requestsPerSecond = Math.round(latencies.length / (measuredMs / 1000 / clients.length));
  return { requestsPerSecond, latencyMs: { p50: percentile(0.5), p99: percentile(0.99) }, requests: latencies.length, statuses, asExpected: Object.keys(statuses).every((status) => Number(status) === expect) };
}

export function printSessions(rows) {
  console.log(`\nCookie sessions (${SECONDS} s per case, ${CONNECTIONS} browsers, Node fetch):\n`);
  console.log("| case | req/s | p50 ms | p99 ms | answers |\n|---|---:|---:|---:|---|");
  for (const row of rows) {
    const answers = Object.entries(row.statuses).map(([status, count]) => `${count}×${status}`).join(" ");
    console.log(`| ${row.case} | ${row.requestsPerSecond} | ${row.latencyMs.p50.toFixed(2)} | ${row.latencyMs.p99.toFixed(2)} | ${answers} |`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const running = [];
  try {
    await edgejwt.init();
    const origin = await startEchoOrigin({ loginPath: "/auth/login" });
    running.push(origin.close);
    printSessions(await measureSessions({ originUrl: origin.url, running }));
  } catch (error) {
    console.error(`bench:edge sessions failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    for (const stop of running.reverse()) await stop().catch(() => {});
  }
}
