// npm start: the edge gateway on loopback. A demo origin (echoes what reaches it, and logs in
// anyone at POST /auth/login?user=NAME), a demo identity provider (JWKS, /token, a revocation list)
// and, in front of the origin, edge/worker.js in a real workerd, with cookie sessions on its
// SQLite-backed Durable Object (kept on disk for the run). Tokens are signed in Node by edgejwt's
// Emscripten build and verified in workerd by its WASI build. Prints the URLs and curl commands,
// checks valid / missing / tampered / expired / revoked tokens and a session's whole lifecycle
// (login, API call, edge refresh, reuse, logout), then runs until Ctrl-C (or, with --check, stops
// after the checks).
//   node scripts/start.js [--check] [--gateway-port 8787] [--origin-port 8080] [--idp-port 8081]
// A default port that is taken falls back to a free one; port 0 always picks a free one.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { startEchoOrigin } from "../edge/demo/origin.js";
import { startIdentityProvider } from "../edge/demo/identity-provider.js";
import { startWorkerd } from "../edge/run-local.js";
import { cookiesOf, sessionClient } from "../edge/demo/session-client.js";

const METRICS_PATH = "/_edgejwt/metrics";
const STATS_PATH = "/_edgejwt/stats";
// The metrics and stats paths answer only this bearer secret, made afresh for each run.
const METRICS_TOKEN = randomBytes(32).toString("base64url");
const REFRESH_MS = 5_000; // how often the gateway re-reads the JWKS and the revocation list
// The session's tokens: access tokens that expire while you watch, and a reuse interval short
// enough to show reuse detection (the defaults are 15 minutes and 5 seconds).
const SESSION = { accessTokenTtl: "3s", reuseInterval: "1s", refreshCookiePath: "/", claimHeaders: { "x-user-id": "sub" } };
const SESSION_SECRET = randomBytes(32).toString("base64url");

const { values: options } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    "gateway-port": { type: "string", default: "8787" },
    "origin-port": { type: "string", default: "8080" },
    "idp-port": { type: "string", default: "8081" },
  },
});

const running = [];
async function stopAll() {
  for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
}

async function startGateway(port, env, sessionStorage) {
  try {
    return await startWorkerd({ port, env, sessionStorage });
  } catch (error) {
    if (port === 0 || !/address already in use/i.test(error.message)) throw error;
    return startWorkerd({ port: 0, env, sessionStorage });
  }
}

async function main() {
  const sessionStorage = mkdtempSync(join(tmpdir(), "edgejwt-demo-sessions-"));
  running.push(async () => rmSync(sessionStorage, { recursive: true, force: true }));
  const origin = await startEchoOrigin({ port: Number(options["origin-port"]), fallback: true, loginPath: "/auth/login" });
  running.push(origin.close);
  const idp = await startIdentityProvider({ port: Number(options["idp-port"]), fallback: true });
  running.push(idp.close);
  const gateway = await startGateway(Number(options["gateway-port"]), {
    JWKS_URL: idp.jwksUrl, ISSUER: idp.issuer, AUDIENCE: idp.audience, ALGORITHMS: "ES256,RS256",
    ORIGIN: origin.url, TOKEN_SOURCES: "header:authorization,cookie:session,query:access_token",
    CLAIM_HEADERS: JSON.stringify({ "x-user-id": "sub", "x-org-id": "org.id" }), PAYLOAD_HEADER: "x-jwt-payload",
    BYPASS: "/health,/public/*,/auth/login", REVOCATION_URL: idp.revocationUrl, METRICS_PATH, STATS_PATH, METRICS_TOKEN,
    CACHE_MAX_AGE: String(REFRESH_MS), SESSION_SECRET, SESSION: JSON.stringify(SESSION),
  }, sessionStorage);
  running.push(gateway.stop);

  printIntroduction({ origin, idp, gateway });
  const tokensPassed = await selfCheck({ idp, gateway });
  const passed = (await sessionCheck(gateway)) && tokensPassed;
  if (options.check || !passed) {
    await stopAll();
    process.exitCode = passed ? 0 : 1;
    return;
  }
  console.log("\nRunning. Ctrl-C stops the gateway, the origin and the identity provider.");
  const signal = await Promise.race([
    new Promise((resolve) => process.once("SIGINT", () => resolve("SIGINT"))),
    new Promise((resolve) => process.once("SIGTERM", () => resolve("SIGTERM"))),
    // A terminal's Ctrl-C reaches workerd too (same process group): that is a stop, not a crash.
    gateway.exited.then(({ signal }) => (signal === "SIGINT" ? "SIGINT" : null)),
  ]);
  if (signal === null) console.error(`workerd exited on its own:\n${gateway.output()}`);
  await stopAll();
  console.log("Stopped.");
  process.exit(signal === null ? 1 : 0); // the other signal's listener would keep the process alive
}

function printIntroduction({ origin, idp, gateway }) {
  const api = `${gateway.url}/api/hello`;
  const tries = [
    [`TOKEN=$(curl -s '${idp.tokenUrl}?sub=alice&org=acme')`, "a token for alice, ES256 (&alg=RS256: RS256; &ttl=-60: expired)"],
    [`curl -s -H "Authorization: Bearer $TOKEN" ${api}`, "200: the origin sees x-user-id, x-org-id and x-jwt-payload, not the token"],
    [`curl -s --cookie "session=$TOKEN" ${api}`, "the token from a cookie"],
    [`curl -s "${api}?access_token=$TOKEN"`, "the token from the query (removed before the origin)"],
    [`curl -si ${api}`, 'no token: 401, WWW-Authenticate: Bearer realm="edgejwt"'],
    [`curl -s -H "Authorization: Bearer $TOKEN" -H "x-user-id: admin" ${api}`, "a spoofed claim header is replaced by the verified claim"],
    [`curl -s ${gateway.url}/health`, "a bypassed path: no token needed"],
    [`curl -s -X POST '${idp.url}/revoke?sub=alice'`, `revoke alice's tokens issued until now: 401 within ${REFRESH_MS / 1000} s`],
    [`curl -si -X POST -H "Origin: ${gateway.url}" -c jar.txt '${gateway.url}/auth/login?user=alice'`,
      "log in: the origin vouches for alice, the gateway sets the __Host- cookies (HttpOnly, Secure, SameSite=Lax)"],
    [`curl -s -b jar.txt -c jar.txt ${api}`, `the API with the session cookies; once the access token expires (${SESSION.accessTokenTtl}) the edge refreshes it`],
    [`curl -si -X POST -H "Origin: ${gateway.url}" -b jar.txt -c jar.txt ${gateway.url}/auth/logout`, "log out: the family revoked at once, both cookies cleared"],
    [`curl -s -H "Authorization: Bearer ${METRICS_TOKEN}" ${gateway.url}${METRICS_PATH}`, "the gateway's counters, Prometheus text (JSON at the stats path); without the secret: 401"],
  ];
  console.log(`edgejwt edge gateway demo (loopback only)

  gateway   ${gateway.url}   edge/worker.js in workerd (pid ${gateway.pid}), WASI build of the core
  origin    ${origin.url}   echoes the method, path and headers it receives
  identity  ${idp.url}   JWKS ${idp.jwksUrl}
            tokens: iss "${idp.issuer}", aud "${idp.audience}", signed with a PUBLIC demo key
            by edgejwt's Emscripten build in Node; the gateway verifies them with the WASI build
  metrics   ${gateway.url}${METRICS_PATH}, stats ${gateway.url}${STATS_PATH}
            (Authorization: Bearer ${METRICS_TOKEN}: a secret made for this run)

Try:
${tries.map(([command, comment]) => `  # ${comment}\n  ${command}`).join("\n")}
`);
}

// Each check prints ✓ or ✗; true when all pass.
async function selfCheck({ idp, gateway }) {
  const api = `${gateway.url}/api/hello`;
  const bearer = (token) => ({ headers: { authorization: `Bearer ${token}` } });
  const valid = idp.mint({ sub: "alice", org: "acme" });
  const [header, , signature] = valid.split(".");
  const forgedClaims = Buffer.from(JSON.stringify({ sub: "admin", org: { id: "acme" }, exp: 4102444800 })).toString("base64url");
  const revokedJti = "demo-revoked-token";
  const revokedToken = idp.mint({ sub: "bob", jti: revokedJti });
  const revocation = await fetch(`${idp.url}/revoke?jti=${revokedJti}`, { method: "POST" });
  if (!revocation.ok) throw new Error(`the demo identity provider refused /revoke: HTTP ${revocation.status}`);

  const checks = [
    ["valid token → 200 with claim headers", api, bearer(valid), (response, body) =>
      response.status === 200 && body.headers["x-user-id"] === "alice" && body.headers["x-org-id"] === "acme" &&
      body.headers.authorization === undefined],
    ["missing token → 401 (no error=)", api, {}, (response, body) =>
      response.status === 401 && body.code === "ERR_TOKEN_MISSING" && response.headers.get("www-authenticate") === 'Bearer realm="edgejwt"'],
    ["tampered token → 401", api, bearer(`${header}.${forgedClaims}.${signature}`), rejectedWith("ERR_JWS_SIGNATURE_VERIFICATION_FAILED")],
    ["expired token → 401", api, bearer(idp.mint({ sub: "alice", ttl: -60 })), rejectedWith("ERR_JWT_EXPIRED")],
    ["revoked token → 401", api, bearer(revokedToken), rejectedWith("ERR_JWT_REVOKED")],
    ["bypassed /health → 200 without a token", `${gateway.url}/health`, {}, (response, body) =>
      response.status === 200 && body.path === "/health"],
    ["stats without the metrics secret → 401", `${gateway.url}${STATS_PATH}`, bearer(valid), (response, body) =>
      response.status === 401 && body.code === "ERR_METRICS_UNAUTHORIZED"],
    ["stats with the metrics secret → 200", `${gateway.url}${STATS_PATH}`, bearer(METRICS_TOKEN), (response, body) =>
      response.status === 200 && body.allowed >= 1 && body.rejections.ERR_TOKEN_MISSING >= 1],
  ];
  console.log("Self-checks:");
  let passed = true;
  for (const [name, url, init, holds] of checks) {
    let ok = false;
    let seen = "";
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      const body = await response.json();
      seen = `${response.status} ${body.code ?? ""}`.trim();
      ok = holds(response, body);
    } catch (error) {
      seen = error.message;
    }
    passed &&= ok;
    console.log(`  ${ok ? "✓" : "✗"} ${name}${ok ? "" : `   (got ${seen})`}`);
  }
  return passed;
}

// The lifecycle of a cookie session, as a browser at the gateway's own origin lives it: each step
// prints ✓ or ✗; true when all pass.
async function sessionCheck(gateway) {
  const sameOrigin = { origin: gateway.url, "sec-fetch-site": "same-origin" };
  const browser = () => sessionClient((path, init) => fetch(`${gateway.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) }), sameOrigin);
  const alice = browser();
  const codeOf = async (response) => `${response.status} ${(await response.json().catch(() => ({}))).code ?? ""}`.trim();
  let spent;
  let held;
  const steps = [
    ["login: the origin vouches, the gateway sets the __Host- cookies", async () => {
      const response = await alice.post("/auth/login?user=alice");
      return response.status === 200 && cookiesOf(response).length === 2 && Boolean(alice.jar.access && alice.jar.refresh);
    }],
    ["API call with the access cookie → 200 as alice", async () => {
      const response = await alice.get("/api/hello");
      return response.status === 200 && (await response.json()).headers["x-user-id"] === "alice";
    }],
    [`the access token expires (${SESSION.accessTokenTtl}) → the edge rotates it and forwards: 200 with new cookies`, async () => {
      spent = alice.jar.refresh;
      await sleep(3_500);
      const response = await alice.get("/api/hello");
      return response.status === 200 && cookiesOf(response).length === 2 && alice.jar.refresh !== spent;
    }],
    ["the old refresh token replayed → 401 ERR_REFRESH_TOKEN_REUSED, family revoked", async () => {
      await sleep(1_200); // past the reuse interval
      const response = await browser().with({ ...alice.jar, access: undefined, refresh: spent }).post("/auth/refresh");
      return (await codeOf(response)) === "401 ERR_REFRESH_TOKEN_REUSED";
    }],
    ["… and alice's newer access token → 401 ERR_JWT_REVOKED", async () => (await codeOf(await alice.get("/api/hello"))) === "401 ERR_JWT_REVOKED"],
    ["log in again, log out → both cookies cleared", async () => {
      const bob = browser();
      await bob.post("/auth/login?user=bob");
      held = { ...bob.jar };
      const response = await bob.post("/auth/logout");
      return response.status === 200 && bob.jar.access === undefined && bob.jar.refresh === undefined;
    }],
    ["the logged-out access token on the very next request → 401 ERR_JWT_REVOKED", async () =>
      (await codeOf(await browser().with(held).get("/api/hello"))) === "401 ERR_JWT_REVOKED"],
    ["a cross-site POST with the cookies → 403 ERR_CSRF_REFUSED", async () => {
      const response = await browser().with(held).send("POST", "/api/hello", { sameOrigin: false, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
      return (await codeOf(response)) === "403 ERR_CSRF_REFUSED";
    }],
  ];
  console.log("Session lifecycle (cookies, SQLite Durable Object):");
  let passed = true;
  for (const [name, step] of steps) {
    const ok = await step().catch(() => false);
    passed &&= ok;
    console.log(`  ${ok ? "✓" : "✗"} ${name}`);
  }
  return passed;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rejectedWith(code) {
  return (response, body) => response.status === 401 && body.code === code &&
    (response.headers.get("www-authenticate") ?? "").includes('error="invalid_token"');
}

main().catch(async (error) => {
  console.error(`npm start failed: ${error.message}`);
  await stopAll();
  process.exitCode = 1;
});
