// Cookie sessions end to end in real workerd: edge/worker.js with SESSIONS bound to its
// DurableObjectSessionStore, SQLite-backed and on disk (workerd-config.js, `sessionStorage`), in
// front of the demo origin, which hands logins off with the login header. workerd is stopped and
// started again on the same storage directory between steps: what a step relies on of the one
// before (the family, the used refresh token, the revocation) was on disk, not in an isolate.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { startWorkerd } from "../../edge/run-local.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { expiredAccessToken } from "../support/gateway.js";
import { uploadModules, wranglerWorkerd, WRANGLER_ENV } from "../consumers/workers.js";
import { PROJECT_ROOT } from "../../edge/workerd-config.js";
import { cookiesOf, sessionClient } from "../../edge/demo/session-client.js";

const REQUEST_LIMIT_MS = 15_000;
const APP = "https://app.example"; // the page's origin, SESSION's allowedOrigins
const SAME_ORIGIN = { origin: APP, "sec-fetch-site": "same-origin" };
const secret = crypto.getRandomValues(new Uint8Array(32));
const storageDir = mkdtempSync(join(tmpdir(), "edgejwt-gateway-sessions-"));
let origin = null;
let gateway = null;

after(async () => {
  await gateway?.stop();
  await origin?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

// workerd (again) on the same storage directory.
async function restart() {
  await gateway?.stop();
  gateway = await startWorkerd({
    sessionStorage: storageDir,
    env: {
      ORIGIN: origin.url, SESSION_SECRET: Buffer.from(secret).toString("base64url"),
      SESSION: JSON.stringify({ refreshCookiePath: "/", allowedOrigins: [APP], reuseInterval: 0, claimHeaders: { "x-user-id": "sub" } }),
      RULES: JSON.stringify([{ name: "login", match: { path: "/auth/login" }, requires: "none" }, { name: "app", match: { prefix: "/" }, requires: "session" }]),
    },
  });
}

const client = () => sessionClient((path, init) => fetch(`${gateway.url}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) }), SAME_ORIGIN);
async function expectRefused(response, status, code) {
  assert.equal(response.status, status, gateway.output());
  assert.equal((await response.json()).code, code);
}

describe("cookie sessions in workerd with the SQLite Durable Object, restarted between steps", () => {
  before(async () => {
    origin = await startEchoOrigin({ loginPath: "/auth/login", record: true });
    await restart();
  });

  it("login → API → edge refresh → reuse revokes the family → logout refuses at once; each step after a restart", async () => {
    const alice = client();
    const login = await alice.post("/auth/login?user=alice");
    assert.equal(login.status, 200, gateway.output());
    const [access, refresh] = login.headers.getSetCookie();
    assert.match(access, /^__Host-edgejwt-access=[^;]+; Path=\/; Max-Age=\d+; Secure; HttpOnly; SameSite=Lax$/);
    assert.match(refresh, /^__Host-edgejwt-refresh=[^;]+; Path=\/; Max-Age=\d+; Secure; HttpOnly; SameSite=Lax$/);
    assert.ok(readdirSync(storageDir, { recursive: true }).some((name) => String(name).endsWith(".sqlite")), "the object's SQLite file is on disk");

    await restart();
    const call = await alice.get("/api/me");
    assert.equal(call.status, 200, gateway.output());
    assert.equal((await call.json()).headers["x-user-id"], "alice");

    // The access token expires: the edge rotates it and forwards the request, once.
    const spent = alice.jar.refresh;
    alice.jar.access = expiredAccessToken(alice.jar.access, secret);
    const reached = origin.requests.length;
    const refreshed = await alice.get("/api/me");
    assert.equal(refreshed.status, 200, gateway.output());
    assert.equal(origin.requests.length, reached + 1);
    assert.equal(cookiesOf(refreshed).length, 2);
    assert.notEqual(alice.jar.refresh, spent);

    await restart();
    // The spent refresh token comes back (a thief's copy): the family is revoked, the owner's newer pair too.
    const thief = client().with({ ...alice.jar, access: undefined, refresh: spent });
    await expectRefused(await thief.post("/auth/refresh"), 401, "ERR_REFRESH_TOKEN_REUSED");
    await restart();
    await expectRefused(await alice.get("/api/me"), 401, "ERR_JWT_REVOKED");
    await expectRefused(await alice.post("/auth/refresh"), 401, "ERR_SESSION_REVOKED");

    // A new login, then logout: the held access token is refused by the next request, and after a restart.
    const bob = client();
    assert.equal((await bob.post("/auth/login?user=bob")).status, 200);
    const held = { ...bob.jar };
    const out = await bob.post("/auth/logout");
    assert.equal(out.status, 200);
    assert.deepEqual(cookiesOf(out), ["__Host-edgejwt-access=", "__Host-edgejwt-refresh="]);
    await expectRefused(await client().with(held).get("/api/me"), 401, "ERR_JWT_REVOKED");
    await restart();
    await expectRefused(await client().with({ ...held, refresh: undefined }).get("/api/me"), 401, "ERR_JWT_REVOKED");
    await expectRefused(await client().with({ ...held, access: expiredAccessToken(held.access, secret) }).get("/api/me"), 401, "ERR_SESSION_REVOKED");
  });

  it("refuses cross-site and header-less unsafe requests and logouts in workerd, before the origin", async () => {
    const carol = client();
    assert.equal((await carol.post("/auth/login?user=carol")).status, 200);
    const reached = origin.requests.length;
    for (const headers of [{}, { "sec-fetch-site": "cross-site", origin: "https://evil.example" }, { origin: "https://evil.example" }]) {
      for (const path of ["/api/transfer", "/auth/logout", "/auth/refresh"]) {
        await expectRefused(await carol.send("POST", path, { headers, sameOrigin: false }), 403, "ERR_CSRF_REFUSED");
      }
    }
    assert.equal(origin.requests.length, reached);
    assert.equal((await carol.get("/api/me")).status, 200); // the refused logouts revoked nothing
    await expectRefused(await carol.get("/api/me", { headers: { authorization: `Bearer ${carol.jar.access}` } }), 400, "ERR_AMBIGUOUS_CREDENTIALS");
  });
});

it("edge/wrangler.toml: wrangler's upload binds the Durable Object, and sessions work in wrangler's workerd", async (t) => {
  const outdir = mkdtempSync(join(tmpdir(), "edgejwt-sessions-upload-"));
  const storage = mkdtempSync(join(tmpdir(), "edgejwt-sessions-upload-storage-"));
  t.after(() => [outdir, storage].forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const { stdout } = await promisify(execFile)(join(PROJECT_ROOT, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", outdir],
    { cwd: join(PROJECT_ROOT, "edge"), env: { ...process.env, ...WRANGLER_ENV }, timeout: 120_000 });
  assert.match(stdout, /env\.SESSIONS \(DurableObjectSessionStore\)\s+Durable Object/);
  const upload = await startWorkerd({
    binary: wranglerWorkerd(), modules: await uploadModules(outdir), sessionStorage: storage,
    env: { ORIGIN: origin.url, SESSION_SECRET: Buffer.from(secret).toString("base64url"), BYPASS: "/auth/login" },
  });
  t.after(() => upload.stop());
  const dave = sessionClient((path, init) => fetch(`${upload.url}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) }), { origin: upload.url });
  assert.equal((await dave.post("/auth/login?user=dave")).status, 200, upload.output());
  assert.deepEqual(Object.keys(dave.jar).filter((name) => dave.jar[name]).sort(), ["access", "refresh", "refreshName", "refreshPath"]);
  assert.equal((await dave.get("/api/me")).status, 200);
  assert.equal((await dave.post("/auth/logout")).status, 200);
});
