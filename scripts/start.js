// npm start: the edge gateway on loopback. A demo origin (echoes what reaches it), a demo identity
// provider (JWKS, /token, a revocation list) and, in front of the origin, edge/worker.js in a real
// workerd. Tokens are signed in Node by edgejwt's Emscripten build and verified in workerd by its
// WASI build. Prints the URLs and curl commands, checks valid / missing / tampered / expired /
// revoked tokens, then runs until Ctrl-C (or, with --check, stops after the checks).
//   node scripts/start.js [--check] [--gateway-port 8787] [--origin-port 8080] [--idp-port 8081]
// A default port that is taken falls back to a free one; port 0 always picks a free one.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

import { startEchoOrigin } from "../edge/demo/origin.js";
import { startIdentityProvider } from "../edge/demo/identity-provider.js";
import { startWorkerd } from "../edge/run-local.js";

const METRICS_PATH = "/_edgejwt/metrics";
const STATS_PATH = "/_edgejwt/stats";
// The metrics and stats paths answer only this bearer secret, made afresh for each run.
const METRICS_TOKEN = randomBytes(32).toString("base64url");
const REFRESH_MS = 5_000; // how often the gateway re-reads the JWKS and the revocation list

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

async function startGateway(port, env) {
  try {
    return await startWorkerd({ port, env });
  } catch (error) {
    if (port === 0 || !/address already in use/i.test(error.message)) throw error;
    return startWorkerd({ port: 0, env });
  }
}

async function main() {
  const origin = await startEchoOrigin({ port: Number(options["origin-port"]), fallback: true });
  running.push(origin.close);
  const idp = await startIdentityProvider({ port: Number(options["idp-port"]), fallback: true });
  running.push(idp.close);
  const gateway = await startGateway(Number(options["gateway-port"]), {
    JWKS_URL: idp.jwksUrl, ISSUER: idp.issuer, AUDIENCE: idp.audience, ALGORITHMS: "ES256,RS256",
    ORIGIN: origin.url, TOKEN_SOURCES: "header:authorization,cookie:session,query:access_token",
    CLAIM_HEADERS: JSON.stringify({ "x-user-id": "sub", "x-org-id": "org.id" }), PAYLOAD_HEADER: "x-jwt-payload",
    BYPASS: "/health,/public/*", REVOCATION_URL: idp.revocationUrl, METRICS_PATH, STATS_PATH, METRICS_TOKEN,
    CACHE_MAX_AGE: String(REFRESH_MS),
  });
  running.push(gateway.stop);

  printIntroduction({ origin, idp, gateway });
  const passed = await selfCheck({ idp, gateway });
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

function rejectedWith(code) {
  return (response, body) => response.status === 401 && body.code === code &&
    (response.headers.get("www-authenticate") ?? "").includes('error="invalid_token"');
}

main().catch(async (error) => {
  console.error(`npm start failed: ${error.message}`);
  await stopAll();
  process.exitCode = 1;
});
