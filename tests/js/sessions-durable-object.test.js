// The store suite on DurableObjectSessionStore in a real workerd, SQLite-backed and stored on disk:
// the suite's calls go through tests/support/sessions-worker.js, whose DurableObjectSessionStoreClient
// reaches the objects by RPC, and whose startSession / rotateRefreshToken run on the WASI build
// inside workerd. "Restart" stops workerd and starts another on the same storage directory.
// Every workerd started here is stopped, by its pid, in the `after` hook.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { STORE_METHODS } from "../../js/sessions/arguments.js";
import { sessionStoreSuite } from "../support/session-store-suite.js";
import { startSessionsWorker } from "../support/sessions-workerd.js";

const REQUEST_LIMIT_MS = 15_000; // no call of these tests may take longer, whatever workerd does

const storageDir = mkdtempSync(join(tmpdir(), "edgejwt-sessions-"));
const secret = crypto.getRandomValues(new Uint8Array(32));
let worker = null;

const start = () => startSessionsWorker({ storageDir, secret: Buffer.from(secret).toString("base64url") });

after(async () => {
  await worker?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

// A JSON call to the worker: its result, or its error thrown with the same name, code and claim.
async function call(path, body) {
  const response = await fetch(`${worker.url}${path}`, {
    method: "POST", body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  assert.equal(response.status, 200, `${path}: ${response.status}\n${worker.output()}`);
  const { result, error } = await response.json();
  if (error) throw Object.assign(new Error(error.message), error);
  return result;
}

// Dates cross as milliseconds.
const sent = (options = {}) => ({ ...options, currentDate: options.currentDate?.getTime() });

sessionStoreSuite("DurableObjectSessionStore in workerd (SQLite on disk)", async () => {
  worker = await start();
  return {
    secret,
    store: Object.fromEntries(STORE_METHODS.map((method) => [method, (args) => call(`/store/${method}`, args)])),
    start: (claims, options) => call("/session/start", { claims, options: sent(options) }),
    rotate: (refreshToken, options) => call("/session/rotate", { refreshToken, options: sent(options) }),
    end: (claims, options) => call("/session/end", { claims, options: sent(options) }),
    async restart() {
      await worker.stop();
      worker = await start();
    },
  };
});

describe("DurableObjectSessionStore on disk", () => {
  before(async () => {
    worker ??= await start();
  });

  it("keeps its SQLite databases in the configured storage directory", () => {
    const files = readdirSync(storageDir, { recursive: true }).map(String);
    assert.ok(files.some((file) => file.endsWith(".sqlite")), `no SQLite database under ${storageDir}: ${files.join(", ")}`);
  });

  it("refuses a call for another subject than the one its object serves", async () => {
    const t = Math.floor(Date.now() / 1000);
    const family = (sub) => ({
      sub, familyId: `f-${sub}`, claims: { sub }, now: t, maxSessionAge: 3600, idleTimeout: 600, accessTokenTtl: 60,
      token: { jti: `r-${sub}`, accessJti: `a-${sub}` },
    });
    assert.equal((await call("/store/createFamily", family("owner"))).outcome, "created");
    const error = await call("/misrouted", { name: "owner", args: family("intruder") }).catch((e) => e);
    assert.match(error.message, /serves another subject/);
    assert.deepEqual(await call("/store/stats", { sub: "owner" }), { families: 1, revokedFamilies: 0, refreshTokens: 1, revokedJtis: 0, revokedBefore: null });
  });
});
