// Sessions in Node: the store suite on MemorySessionStore (and on a CachedSessionStore in front of
// one), the verdict cache's races, the Durable Object client's routing, checks and timeouts (on a
// stand-in namespace; the real one is in sessions-durable-object.test.js), and rotation's own checks.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/index.js";
import { STORE_METHODS } from "../../js/sessions/arguments.js";
import { sessionStoreSuite } from "../support/session-store-suite.js";

const {
  MemorySessionStore, CachedSessionStore, DurableObjectSessionStoreClient, startSession, rotateRefreshToken, endSession,
} = edgejwt;

const secret = crypto.getRandomValues(new Uint8Array(32));

function harnessOn(store) {
  const key = edgejwt.importJWK({ kty: "oct", k: Buffer.from(secret).toString("base64url") }, "HS256");
  const settings = (options) => ({ ...options, key, store, alg: "HS256" });
  return {
    store, secret,
    start: (claims, options = {}) => startSession(claims, settings(options)),
    rotate: (token, options = {}) => rotateRefreshToken(token, settings(options)),
    end: (claims, options = {}) => endSession(claims, { ...options, store }),
    restart: async () => {}, // nothing outlives the process: the suite's steps run on
  };
}

await edgejwt.init();
sessionStoreSuite("MemorySessionStore", async () => harnessOn(new MemorySessionStore()));
sessionStoreSuite("CachedSessionStore over MemorySessionStore", async () => harnessOn(new CachedSessionStore(new MemorySessionStore())));

const nowSeconds = () => Math.floor(Date.now() / 1000);
const claimsOf = (sub, extra = {}) => ({ sub, sid: "f", jti: "a", iat: nowSeconds(), exp: nowSeconds() + 600, ...extra });

// A store that is `inner` but for the methods in `overrides`.
function storeWith(inner, overrides) {
  return Object.fromEntries(STORE_METHODS.map((method) => [method, overrides[method] ?? ((args) => inner[method](args))]));
}

// A store whose reasonRevoked answers only when the test says so, counting the questions.
function heldStore() {
  const inner = new MemorySessionStore();
  const held = [];
  const store = storeWith(inner, {
    reasonRevoked: (claims) => new Promise((resolve, reject) => {
      held.push({ claims, release: () => inner.reasonRevoked(claims).then(resolve, reject) });
    }),
  });
  return { store, held };
}

describe("CachedSessionStore", () => {
  it("gives each concurrent question its own lookup (in Workers a store call belongs to its request), and answers the next from the cache", async () => {
    const { store, held } = heldStore();
    const cache = new CachedSessionStore(store);
    const answers = Promise.all([1, 2, 3].map(() => cache.reasonRevoked(claimsOf("u1"))));
    assert.equal(held.length, 3);
    for (const { release } of held) release();
    assert.deepEqual(await answers, [null, null, null]);
    assert.equal(await cache.reasonRevoked(claimsOf("u1")), null);
    assert.equal(held.length, 3);
    assert.deepEqual(cache.cacheStats(), { entries: 1, hits: 1, misses: 3, hitRate: 0.25 });
  });

  it("does not keep an answer that was on its way while a revocation of the subject completed", async () => {
    const { store, held } = heldStore();
    const cache = new CachedSessionStore(store, { maxStale: "1h" });
    const claims = claimsOf("u2");
    const early = cache.reasonRevoked(claims); // asked before the revocation, answered after it
    await cache.revokeJti({ sub: "u2", jti: claims.jti, exp: claims.exp, now: nowSeconds() });
    held[0].release();
    await early;
    const late = cache.reasonRevoked(claims);
    assert.equal(held.length, 2, "the answer on its way was not kept, so the store is asked again");
    held[1].release();
    assert.equal(await late, "jti");
  });

  it("drops only the revoked subject's verdicts", async () => {
    const store = new MemorySessionStore();
    const cache = new CachedSessionStore(store);
    await cache.reasonRevoked(claimsOf("u3"));
    await cache.reasonRevoked(claimsOf("u4"));
    await cache.revokeSubject({ sub: "u3", now: nowSeconds() });
    assert.equal(await cache.reasonRevoked(claimsOf("u4")), null);
    assert.equal(cache.cacheStats().hits, 1);
    assert.equal(await cache.reasonRevoked(claimsOf("u3", { iat: nowSeconds() - 1 })), "sub");
  });

  it("drops the subject's verdicts when a revoking call fails, as it may have been carried out", async () => {
    const inner = new MemorySessionStore();
    const store = storeWith(inner, {
      revokeFamily: async (args) => {
        await inner.revokeFamily(args);
        throw new edgejwt.SessionStoreUnavailable("the answer was lost");
      },
    });
    const cache = new CachedSessionStore(store);
    const t = nowSeconds();
    await inner.createFamily({ sub: "u5", familyId: "f", claims: { sub: "u5" }, now: t, maxSessionAge: 3600, idleTimeout: 600, accessTokenTtl: 60, token: { jti: "r", accessJti: "a" } });
    assert.equal(await cache.reasonRevoked(claimsOf("u5")), null);
    await assert.rejects(cache.revokeFamily({ sub: "u5", familyId: "f", now: t }), { code: "ERR_SESSION_STORE_UNAVAILABLE" });
    assert.equal(await cache.reasonRevoked(claimsOf("u5")), "family");
  });

  it("keeps at most maxEntries verdicts, and none when the store fails", async () => {
    const cache = new CachedSessionStore(new MemorySessionStore(), { maxEntries: 3 });
    for (let i = 0; i < 10; i++) await cache.reasonRevoked(claimsOf(`bounded-${i}`));
    assert.equal(cache.cacheStats().entries, 3);
    const failing = storeWith(new MemorySessionStore(), { reasonRevoked: async () => { throw new edgejwt.SessionStoreUnavailable("down"); } });
    const empty = new CachedSessionStore(failing);
    await assert.rejects(empty.reasonRevoked(claimsOf("u6")), { code: "ERR_SESSION_STORE_UNAVAILABLE" });
    assert.equal(empty.cacheStats().entries, 0);
  });

  it("refuses what is not a store and options out of range", () => {
    assert.throws(() => new CachedSessionStore({ reasonRevoked() {} }), { code: "ERR_INVALID_ARGUMENT" });
    assert.throws(() => new CachedSessionStore(new MemorySessionStore(), { maxStale: -1 }), { code: "ERR_INVALID_ARGUMENT" });
    assert.throws(() => new CachedSessionStore(new MemorySessionStore(), { maxEntries: 0 }), { code: "ERR_INVALID_ARGUMENT" });
  });
});

// A namespace binding's stand-in: records the names asked for and the RPC calls made.
function fakeNamespace(stubMethod) {
  const calls = [];
  return {
    calls,
    idFromName: (name) => ({ name }),
    get: (id) => new Proxy({}, { get: (target, method) => (args) => { calls.push({ name: id.name, method, args }); return stubMethod(method, args); } }),
  };
}

describe("DurableObjectSessionStoreClient", () => {
  it("sends each call, checked and stripped to its fields, to the object named by its subject", async () => {
    const namespace = fakeNamespace(async (method) => (method === "reasonRevoked" ? "family" : { revoked: true }));
    const client = new DurableObjectSessionStoreClient(namespace);
    assert.equal(await client.reasonRevoked({ sub: "alice", sid: "f1", jti: "j1", iat: 5, scope: "read", exp: 9 }), "family");
    assert.deepEqual(await client.revokeFamily({ sub: "bob", familyId: "f2", now: 7 }), { revoked: true });
    assert.deepEqual(namespace.calls, [
      { name: "alice", method: "reasonRevoked", args: { sub: "alice", sid: "f1", jti: "j1", iat: 5 } },
      { name: "bob", method: "revokeFamily", args: { sub: "bob", familyId: "f2", now: 7 } },
    ]);
  });

  it("refuses malformed arguments before calling any object", async () => {
    const namespace = fakeNamespace(async () => null);
    const client = new DurableObjectSessionStoreClient(namespace);
    await assert.rejects(client.reasonRevoked({ sub: { toString: () => "alice" } }), { code: "ERR_INVALID_ARGUMENT" });
    await assert.rejects(client.revokeJti({ sub: "alice", jti: "j", exp: Infinity, now: 1 }), { code: "ERR_INVALID_ARGUMENT" });
    assert.deepEqual(namespace.calls, []);
  });

  it("fails with SessionStoreUnavailable when the object throws or does not answer in time", async () => {
    const cause = new Error("Durable Object reset because its code was updated");
    const throwing = new DurableObjectSessionStoreClient(fakeNamespace(async () => { throw cause; }));
    const error = await throwing.stats({ sub: "alice" }).catch((e) => e);
    assert.ok(error instanceof edgejwt.SessionStoreUnavailable);
    assert.equal(error.code, "ERR_SESSION_STORE_UNAVAILABLE");
    assert.equal(error.cause, cause);
    const hanging = new DurableObjectSessionStoreClient(fakeNamespace(() => new Promise(() => {})), { timeoutDuration: 50 });
    await assert.rejects(hanging.reasonRevoked({ sub: "alice" }), { code: "ERR_SESSION_STORE_UNAVAILABLE", message: /within 50 ms/ });
  });

  it("takes only a namespace binding and a positive timeout", () => {
    assert.throws(() => new DurableObjectSessionStoreClient({}), { code: "ERR_INVALID_ARGUMENT" });
    assert.throws(() => new DurableObjectSessionStoreClient(fakeNamespace(), { timeoutDuration: 0 }), { code: "ERR_INVALID_ARGUMENT" });
  });
});

describe("startSession and rotateRefreshToken", () => {
  let store;
  before(() => { store = new MemorySessionStore(); });

  it("signs with a private key and verifies refresh tokens with its public key; a retry is the same tokens", async () => {
    for (const alg of ["ES256", "EdDSA"]) {
      const { publicKey, privateKey } = edgejwt.generateKeyPair(alg);
      const options = { key: privateKey, verifyKey: publicKey, store, alg, kid: "k1", issuer: "https://idp.example", audience: "api" };
      const session = await startSession({ sub: `asym-${alg}` }, options);
      const [first, retry] = await Promise.all([0, 1].map(() => rotateRefreshToken(session.refreshToken, options)));
      assert.equal(first.accessToken, retry.accessToken, alg);
      assert.equal(first.refreshToken, retry.refreshToken, alg);
      const { payload, protectedHeader } = edgejwt.verify(first.accessToken, publicKey, { typ: "at+jwt", issuer: "https://idp.example", audience: "api" });
      assert.deepEqual(protectedHeader, { alg, typ: "at+jwt", kid: "k1" });
      assert.equal(payload.sid, session.familyId);
    }
  });

  it("with PS256 a retry carries the same claims under a fresh signature", async () => {
    const { publicKey, privateKey } = edgejwt.generateKeyPair("PS256");
    const options = { key: privateKey, verifyKey: publicKey, store, alg: "PS256" };
    const session = await startSession({ sub: "pss" }, options);
    const [first, retry] = await Promise.all([0, 1].map(() => rotateRefreshToken(session.refreshToken, options)));
    assert.deepEqual(edgejwt.decode(first.accessToken), edgejwt.decode(retry.accessToken));
    assert.deepEqual(edgejwt.decode(first.refreshToken), edgejwt.decode(retry.refreshToken));
  });

  it("refuses a refresh token of another key, issuer or audience without spending the session", async () => {
    const key = edgejwt.generateSecret("HS256");
    const options = { key, store, alg: "HS256", issuer: "https://idp.example", audience: "api" };
    const session = await startSession({ sub: "strict" }, options);
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, key: edgejwt.generateSecret("HS256") }), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, issuer: "https://other.example" }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, audience: "other" }), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, algorithms: ["HS512"] }), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
    assert.equal((await rotateRefreshToken(session.refreshToken, options)).repeated, false);
  });

  it("an answer lost on its way back: the retry within reuseInterval gets the recorded successor, a later one is reuse", async () => {
    const inner = new MemorySessionStore();
    let loseNext = true;
    const lossy = storeWith(inner, {
      useRefreshToken: async (args) => {
        const result = await inner.useRefreshToken(args);
        if (loseNext) {
          loseNext = false;
          throw new edgejwt.SessionStoreUnavailable("the connection dropped");
        }
        return result;
      },
    });
    const key = edgejwt.generateSecret("HS256");
    const options = { key, store: lossy, alg: "HS256", reuseInterval: "5s" };
    const t = nowSeconds();
    const session = await startSession({ sub: "lossy" }, { ...options, currentDate: new Date(t * 1000) });
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, currentDate: new Date((t + 1) * 1000) }), { code: "ERR_SESSION_STORE_UNAVAILABLE" });
    const retried = await rotateRefreshToken(session.refreshToken, { ...options, currentDate: new Date((t + 3) * 1000) });
    assert.equal(retried.repeated, true);
    assert.equal(edgejwt.decode(retried.accessToken).payload.iat, t + 1);
    await assert.rejects(rotateRefreshToken(session.refreshToken, { ...options, currentDate: new Date((t + 7) * 1000) }), { code: "ERR_REFRESH_TOKEN_REUSED" });
  });

  it("errors are JOSEErrors with stable codes; reuse is a kind of revocation", () => {
    const reused = new edgejwt.RefreshTokenReused("x");
    assert.ok(reused instanceof edgejwt.SessionRevoked && reused instanceof edgejwt.JOSEError);
    assert.equal(reused.code, "ERR_REFRESH_TOKEN_REUSED");
    assert.equal(new edgejwt.SessionRevoked("x").code, "ERR_SESSION_REVOKED");
    assert.equal(new edgejwt.SessionUnknown("x").code, "ERR_SESSION_UNKNOWN");
    assert.equal(new edgejwt.SessionStoreUnavailable("x").code, "ERR_SESSION_STORE_UNAVAILABLE");
  });

  it("refuses unknown options, reserved claims and a store that is not one, before the store is called", async () => {
    const key = edgejwt.generateSecret("HS256");
    const options = { key, store, alg: "HS256" };
    const refused = [
      [{ sub: "o" }, { ...options, reuseIntervall: "5s" }],
      [{ sub: "o" }, { ...options, alg: undefined }],
      [{ sub: "o" }, { ...options, key: "secret" }],
      [{ sub: "o" }, { ...options, store: { reasonRevoked() {} } }],
      [{ sub: "o" }, { ...options, accessTokenTyp: "Refresh+JWT" }],
      [{ sub: "o" }, { ...options, revokeSubjectOnReuse: 1 }],
      [{ sub: "o" }, { ...options, idleTimeout: "forever" }],
      [{ sub: "o" }, { ...options, currentDate: new Date(NaN) }],
      [{ sub: "o", sid: "mine" }, options],
      [{ sub: "o", exp: 1 }, options],
      [{ scope: "read" }, options],
      [null, options],
    ];
    for (const [claims, settings] of refused) {
      await assert.rejects(startSession(claims, settings), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(claims));
    }
    assert.equal((await store.stats({ sub: "o" })).families, 0);
    await assert.rejects(endSession({ sub: "o" }, { store, everywhere: true }), { code: "ERR_INVALID_ARGUMENT" });
  });
});
