// `npm start`'s script in its --check mode, on free ports: it must start the origin, the identity
// provider and workerd (with the session store's Durable Object), pass every self-check and the
// session lifecycle, stop everything and exit 0.
import { it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const START = fileURLToPath(new URL("../../scripts/start.js", import.meta.url));
const CHECKS = [
  "valid token → 200 with claim headers",
  "missing token → 401 (no error=)",
  "tampered token → 401",
  "expired token → 401",
  "revoked token → 401",
  "bypassed /health → 200 without a token",
  // The session's lifecycle in workerd with the SQLite Durable Object (issue 15).
  "login: the origin vouches, the gateway sets the __Host- cookies",
  "API call with the access cookie → 200 as alice",
  "the access token expires (3s) → the edge rotates it and forwards: 200 with new cookies",
  "the old refresh token replayed → 401 ERR_REFRESH_TOKEN_REUSED, family revoked",
  "… and alice's newer access token → 401 ERR_JWT_REVOKED",
  "log in again, log out → both cookies cleared",
  "the logged-out access token on the very next request → 401 ERR_JWT_REVOKED",
  "a cross-site POST with the cookies → 403 ERR_CSRF_REFUSED",
];

it("node scripts/start.js --check passes its self-checks and stops", async () => {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", START, "--check",
    "--gateway-port", "0", "--origin-port", "0", "--idp-port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => { output += chunk; });
  child.stderr.setEncoding("utf8").on("data", (chunk) => { output += chunk; });
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise((resolve) => child.once("exit", resolve));
  clearTimeout(killer);

  assert.equal(code, 0, output);
  for (const check of CHECKS) assert.ok(output.includes(`✓ ${check}`), `${check}\n${output}`);
  assert.ok(!output.includes("✗"), output);
  const gatewayUrl = /gateway {3}(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  assert.ok(gatewayUrl, output);
  assert.ok(output.includes(`curl -s ${gatewayUrl}/health`), output);
  // Everything it started is gone: the gateway no longer answers.
  await assert.rejects(fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(2_000) }));
});
