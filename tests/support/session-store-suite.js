// The session store suite: one set of tests every session store passes, run on MemorySessionStore in
// Node (tests/js/sessions-memory.test.js) and on DurableObjectSessionStore in real workerd with SQLite
// on disk (tests/js/sessions-durable-object.test.js). `setUp()` resolves to a harness:
//   store: the store interface (for the Durable Object, calls through the test worker)
//   start(claims, options), rotate(refreshToken, options), end(claims, options): startSession,
//     rotateRefreshToken and endSession on that store, signing with HS256 and `secret`
//   restart(): stops and starts the store's process where it has one (state must survive)
//   secret: the HS256 secret's bytes
// Times are driven by options.currentDate from a base at the real time, except where cleanup by the
// store's own clock is tested (bounded waits).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import * as edgejwt from "../../js/index.js";

const HOUR = 3600;
const DAY = 24 * HOUR;
const CLEANUP_WAIT_MS = 30_000; // an expired row must be gone by then (they expire within 5 s)

const at = (seconds) => new Date(seconds * 1000);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const payloadOf = (token) => edgejwt.decode(token).payload;
const headerOf = (token) => edgejwt.decode(token).header;

let subjects = 0;
// A subject of its own for each test, so tests share nothing (and, for the Durable Object, no object).
const newSubject = () => `user-${process.pid}-${Date.now()}-${++subjects}`;

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

export function sessionStoreSuite(name, setUp) {
  describe(`session store suite: ${name}`, () => {
    let h;
    let key; // the harness's secret, imported here to check and to forge tokens
    before(async () => {
      await edgejwt.init();
      h = await setUp();
      key = edgejwt.importJWK({ kty: "oct", k: Buffer.from(h.secret).toString("base64url") }, "HS256");
    });

    it("startSession records a family whose first pair carries its id and is not revoked", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub, scope: "read", org: { id: "o1" } }, { currentDate: at(t) });
      const access = edgejwt.verify(session.accessToken, key, { typ: "at+jwt", currentDate: at(t) }).payload;
      const refresh = edgejwt.verify(session.refreshToken, key, { typ: "refresh+jwt", currentDate: at(t) }).payload;
      assert.deepEqual(access, {
        sub, scope: "read", org: { id: "o1" }, sid: session.familyId, jti: session.accessTokenId, iat: t, exp: t + 15 * 60,
      });
      assert.deepEqual(refresh, { sub, sid: session.familyId, jti: session.refreshTokenId, iat: t, exp: t + 14 * DAY });
      assert.equal(session.sessionExpiresAt, t + 30 * DAY);
      assert.equal(session.accessTokenExpiresAt, access.exp);
      assert.equal(session.refreshTokenExpiresAt, refresh.exp);
      assert.equal(await h.store.reasonRevoked(access), null);
      assert.equal(await h.store.reasonRevoked(refresh), null);
      assert.deepEqual(await h.store.stats({ sub }), { families: 1, revokedFamilies: 0, refreshTokens: 1, revokedJtis: 0, revokedBefore: null });
    });

    it("rotation issues the next pair in the same family, and the state survives a restart", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub, scope: "read" }, { currentDate: at(t) });
      const next = await h.rotate(session.refreshToken, { currentDate: at(t + 60) });
      assert.equal(next.repeated, false);
      assert.equal(next.familyId, session.familyId);
      assert.notEqual(next.refreshTokenId, session.refreshTokenId);
      assert.notEqual(next.accessTokenId, session.accessTokenId);
      assert.deepEqual(payloadOf(next.accessToken), {
        sub, scope: "read", sid: session.familyId, jti: next.accessTokenId, iat: t + 60, exp: t + 60 + 15 * 60,
      });
      assert.equal(headerOf(next.refreshToken).typ, "refresh+jwt");
      await h.restart();
      const third = await h.rotate(next.refreshToken, { currentDate: at(t + 120) });
      assert.equal(third.familyId, session.familyId);
      assert.equal((await h.store.stats({ sub })).refreshTokens, 3);
    });

    it("two rotations of one token at once: exactly one rotates, the other gets the same successor", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const [a, b] = await Promise.all([0, 1].map(() => h.rotate(session.refreshToken, { currentDate: at(t + 30) })));
      assert.deepEqual([a.repeated, b.repeated].sort(), [false, true]);
      assert.equal(a.accessToken, b.accessToken); // HS256 signs the same claims to the same bytes
      assert.equal(a.refreshToken, b.refreshToken);
      const next = await h.rotate(a.refreshToken, { currentDate: at(t + 60) });
      assert.equal(next.repeated, false);
    });

    it("eight uses of one token at once through the store: one records its successor, all get that one", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const first = { jti: `r0-${sub}`, accessJti: `a0-${sub}` };
      await h.store.createFamily({
        sub, familyId: `f-${sub}`, claims: { sub }, now: t, maxSessionAge: DAY, idleTimeout: HOUR, accessTokenTtl: 60, token: first,
      });
      const uses = await Promise.all(Array.from({ length: 8 }, (_, i) => h.store.useRefreshToken({
        sub, familyId: `f-${sub}`, jti: first.jti, now: t + 1, idleTimeout: HOUR, accessTokenTtl: 60, reuseInterval: 5,
        revokeSubjectOnReuse: false, successor: { jti: `r1-${i}-${sub}`, accessJti: `a1-${i}-${sub}` },
      })));
      const winners = uses.filter((use) => use.outcome === "rotated");
      assert.equal(winners.length, 1);
      assert.ok(uses.every((use) => use.outcome === "rotated" || use.outcome === "repeated"));
      assert.ok(uses.every((use) => use.token.jti === winners[0].token.jti && use.token.accessJti === winners[0].token.accessJti));
      assert.deepEqual(winners[0].token, { ...winners[0].token, iat: t + 1, exp: t + 1 + HOUR, accessExp: t + 1 + 60 });
      assert.equal((await h.store.stats({ sub })).refreshTokens, 2);
    });

    it("two rotations at once, one past the reuse interval: one rotates, the other is reuse and revokes the family", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const outcomes = await Promise.allSettled([t + 10, t + 100].map((when) =>
        h.rotate(session.refreshToken, { currentDate: at(when), reuseInterval: 5 })));
      const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
      const lost = outcomes.filter((outcome) => outcome.status === "rejected");
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.equal(lost[0].reason.code, "ERR_REFRESH_TOKEN_REUSED");
      const winner = won[0].value;
      assert.equal(await h.store.reasonRevoked(payloadOf(winner.accessToken)), "family");
      const error = await rejection(h.rotate(winner.refreshToken, { currentDate: at(t + 200) }));
      assert.equal(error.code, "ERR_SESSION_REVOKED");
    });

    it("a used refresh token presented after the reuse interval revokes its family, on disk", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const other = await h.start({ sub }, { currentDate: at(t) });
      const next = await h.rotate(session.refreshToken, { currentDate: at(t + 10) });
      await h.restart();
      // Within the interval the same successor comes back; after it, the old token is a stolen copy.
      const again = await h.rotate(session.refreshToken, { currentDate: at(t + 14), reuseInterval: 5 });
      assert.equal(again.repeated, true);
      assert.equal(again.refreshToken, next.refreshToken);
      const error = await rejection(h.rotate(session.refreshToken, { currentDate: at(t + 16), reuseInterval: 5 }));
      assert.equal(error.code, "ERR_REFRESH_TOKEN_REUSED");
      await h.restart();
      assert.equal((await rejection(h.rotate(next.refreshToken, { currentDate: at(t + 20) }))).code, "ERR_SESSION_REVOKED");
      assert.equal(await h.store.reasonRevoked(payloadOf(next.accessToken)), "family");
      assert.equal(await h.store.reasonRevoked(payloadOf(session.accessToken)), "family");
      // The subject's other session is another family: untouched.
      assert.equal(await h.store.reasonRevoked(payloadOf(other.accessToken)), null);
      assert.equal((await h.rotate(other.refreshToken, { currentDate: at(t + 20) })).repeated, false);
      assert.deepEqual(await h.store.stats({ sub }), { families: 2, revokedFamilies: 1, refreshTokens: 4, revokedJtis: 0, revokedBefore: null });
    });

    it("within the interval, a token whose successor has been used is reuse", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const next = await h.rotate(session.refreshToken, { currentDate: at(t + 1) });
      await h.rotate(next.refreshToken, { currentDate: at(t + 2) });
      const error = await rejection(h.rotate(session.refreshToken, { currentDate: at(t + 3), reuseInterval: 5 }));
      assert.equal(error.code, "ERR_REFRESH_TOKEN_REUSED");
    });

    it("revokeSubjectOnReuse: reuse revokes every session of the subject, and a later login stands", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const other = await h.start({ sub }, { currentDate: at(t) });
      const bystander = await h.start({ sub: newSubject() }, { currentDate: at(t) });
      await h.rotate(session.refreshToken, { currentDate: at(t + 1) });
      const error = await rejection(h.rotate(session.refreshToken, { currentDate: at(t + 60), revokeSubjectOnReuse: true }));
      assert.equal(error.code, "ERR_REFRESH_TOKEN_REUSED");
      assert.equal((await rejection(h.rotate(other.refreshToken, { currentDate: at(t + 61) }))).code, "ERR_SESSION_REVOKED");
      assert.equal(await h.store.reasonRevoked(payloadOf(other.accessToken)), "family");
      assert.equal(await h.store.reasonRevoked(payloadOf(bystander.accessToken)), null);
      const later = await h.start({ sub }, { currentDate: at(t + 61) });
      assert.equal(await h.store.reasonRevoked(payloadOf(later.accessToken)), null);
      assert.equal((await h.rotate(later.refreshToken, { currentDate: at(t + 62) })).repeated, false);
    });

    it("logout revokes the family and the access token's jti until its exp", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const access = payloadOf(session.accessToken);
      assert.deepEqual(await h.end(access, { currentDate: at(t + 5) }), { familyRevoked: true, jtiRevoked: true });
      await h.restart();
      assert.equal(await h.store.reasonRevoked(access), "jti");
      assert.equal(await h.store.reasonRevoked({ ...access, jti: "another" }), "family");
      assert.equal((await rejection(h.rotate(session.refreshToken, { currentDate: at(t + 6) }))).code, "ERR_SESSION_REVOKED");
      assert.deepEqual(await h.end(access, { currentDate: at(t + 7) }), { familyRevoked: false, jtiRevoked: true });
      assert.deepEqual(await h.store.revokeJti({ sub, jti: "expired", exp: t, now: t + 7 }), { revoked: false });
      // Logging out with the refresh token's claims revokes that token too; its jti alone suffices.
      const other = await h.start({ sub }, { currentDate: at(t) });
      const refresh = payloadOf(other.refreshToken);
      assert.deepEqual(await h.store.revokeJti({ sub, jti: refresh.jti, exp: refresh.exp, now: t + 7 }), { revoked: true });
      assert.equal((await rejection(h.rotate(other.refreshToken, { currentDate: at(t + 8) }))).code, "ERR_SESSION_REVOKED");
      const stats = await h.store.stats({ sub });
      assert.equal(stats.revokedFamilies, 1);
      assert.equal(stats.revokedJtis, 2);
    });

    it("revoking a subject revokes its sessions and its tokens issued until then, and no one else's", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const sessions = [await h.start({ sub }, { currentDate: at(t) }), await h.start({ sub }, { currentDate: at(t + 1) })];
      const bystander = await h.start({ sub: newSubject() }, { currentDate: at(t) });
      assert.deepEqual(await h.store.revokeSubject({ sub, now: t + 5.5 }), { families: 2 });
      await h.restart();
      for (const session of sessions) {
        assert.equal((await rejection(h.rotate(session.refreshToken, { currentDate: at(t + 6) }))).code, "ERR_SESSION_REVOKED");
        assert.equal(await h.store.reasonRevoked(payloadOf(session.accessToken)), "family");
      }
      // Tokens of no session: judged by "iat" against the cut-off (no "iat": revoked).
      assert.equal(await h.store.reasonRevoked({ sub, jti: "plain", iat: t + 5 }), "sub");
      assert.equal(await h.store.reasonRevoked({ sub }), "sub");
      assert.equal(await h.store.reasonRevoked({ sub, iat: t + 6 }), null);
      // A login in the same second, after the cut-off, stands although its "iat" is not later.
      const after = await h.start({ sub }, { currentDate: at(t + 5.75) });
      assert.equal(payloadOf(after.accessToken).iat, t + 5);
      assert.equal(await h.store.reasonRevoked(payloadOf(after.accessToken)), null);
      assert.equal(await h.store.reasonRevoked(payloadOf(bystander.accessToken)), null);
      // A login dated at or before the cut-off (a clock behind the store's) is refused.
      assert.equal((await rejection(h.start({ sub }, { currentDate: at(t + 5) }))).code, "ERR_SESSION_REVOKED");
      assert.equal((await h.store.stats({ sub })).revokedBefore, t + 5.5);
      const error = await rejection(h.store.revokeSubject({ sub, before: t + 10, now: t + 9 }));
      assert.equal(error.code, "ERR_INVALID_ARGUMENT");
    });

    it("maxSessionAge ends a family however often it is refreshed; no token outlives it", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const lifetimes = { maxSessionAge: "1h", idleTimeout: "45m", accessTokenTtl: "15m" };
      const session = await h.start({ sub }, { ...lifetimes, currentDate: at(t) });
      assert.equal(session.sessionExpiresAt, t + HOUR);
      assert.equal(session.refreshTokenExpiresAt, t + 45 * 60);
      const second = await h.rotate(session.refreshToken, { ...lifetimes, currentDate: at(t + 1700) });
      assert.equal(second.refreshTokenExpiresAt, t + HOUR);
      assert.equal(second.accessTokenExpiresAt, t + 1700 + 15 * 60);
      const third = await h.rotate(second.refreshToken, { ...lifetimes, currentDate: at(t + 3500) });
      assert.equal(payloadOf(third.accessToken).exp, t + HOUR);
      assert.equal(payloadOf(third.refreshToken).exp, t + HOUR);
      assert.equal((await rejection(h.rotate(third.refreshToken, { ...lifetimes, currentDate: at(t + HOUR) }))).code, "ERR_JWT_EXPIRED");
      // Past the token's exp by less than the clock tolerance: the store still ends the session.
      const late = await rejection(h.rotate(third.refreshToken, { ...lifetimes, currentDate: at(t + HOUR + 10), clockTolerance: 60 }));
      assert.equal(late.code, "ERR_JWT_EXPIRED");
    });

    it("idle timeout: a refresh token unused for idleTimeout is refused, each rotation slides it", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { idleTimeout: "10m", currentDate: at(t) });
      const next = await h.rotate(session.refreshToken, { idleTimeout: "10m", currentDate: at(t + 599) });
      assert.equal(next.refreshTokenExpiresAt, t + 599 + 600);
      const error = await rejection(h.rotate(next.refreshToken, { idleTimeout: "10m", currentDate: at(t + 599 + 600) }));
      assert.equal(error.code, "ERR_JWT_EXPIRED");
      assert.equal((await h.rotate(next.refreshToken, { idleTimeout: "10m", currentDate: at(t + 599 + 599) })).repeated, false);
    });

    it("expired families, tokens and revoked jtis are deleted by the store itself", async () => {
      const sub = newSubject();
      // Lifetimes of a few seconds, by the real clock, which the store's cleanup runs on.
      await h.start({ sub }, { maxSessionAge: 10, idleTimeout: 5, accessTokenTtl: 5 });
      const now = Date.now() / 1000;
      await h.store.revokeJti({ sub, jti: "short-lived", exp: now + 5, now });
      assert.deepEqual(await h.store.stats({ sub }), { families: 1, revokedFamilies: 0, refreshTokens: 1, revokedJtis: 1, revokedBefore: null });
      await h.restart();
      const deadline = Date.now() + CLEANUP_WAIT_MS;
      let stats;
      while (Date.now() < deadline) {
        stats = await h.store.stats({ sub });
        if (stats.families + stats.refreshTokens + stats.revokedJtis === 0) break;
        await sleep(250);
      }
      assert.deepEqual(stats, { families: 0, revokedFamilies: 0, refreshTokens: 0, revokedJtis: 0, revokedBefore: null });
    });

    it("refuses a refresh token it never recorded, and an access token offered as one", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const session = await h.start({ sub }, { currentDate: at(t) });
      const forge = (claims) => edgejwt.sign(claims, key, { alg: "HS256", typ: "refresh+jwt", iat: t, expiresIn: HOUR, jwtId: "unrecorded" });
      const options = { currentDate: at(t + 1) };
      assert.equal((await rejection(h.rotate(forge({ sub, sid: "no-such-family" }), options))).code, "ERR_SESSION_UNKNOWN");
      assert.equal((await rejection(h.rotate(forge({ sub, sid: session.familyId }), options))).code, "ERR_SESSION_UNKNOWN");
      assert.equal((await rejection(h.rotate(forge({ sub: newSubject(), sid: session.familyId }), options))).code, "ERR_SESSION_UNKNOWN");
      const typ = await rejection(h.rotate(session.accessToken, options));
      assert.equal(typ.code, "ERR_JWT_CLAIM_VALIDATION_FAILED");
      assert.equal(typ.claim, "typ");
      // Nothing of the session was spent by those attempts.
      assert.equal((await h.rotate(session.refreshToken, options)).repeated, false);
    });

    it("refuses malformed arguments, and works on after them", async () => {
      const sub = newSubject();
      const t = nowSeconds();
      const family = { sub, familyId: "f", claims: { sub }, now: t, maxSessionAge: DAY, idleTimeout: HOUR, accessTokenTtl: 60, token: { jti: "r", accessJti: "a" } };
      const use = { sub, familyId: "f", jti: "r", now: t, idleTimeout: HOUR, accessTokenTtl: 60, reuseInterval: 5, revokeSubjectOnReuse: false, successor: { jti: "r2", accessJti: "a2" } };
      const bad = [
        ["createFamily", { ...family, sub: 42 }],
        ["createFamily", { ...family, sub: "x".repeat(1025) }],
        ["createFamily", { ...family, familyId: "" }],
        ["createFamily", { ...family, claims: { sub, blob: "x".repeat(17 * 1024) } }],
        ["createFamily", { ...family, claims: [sub] }],
        ["createFamily", { ...family, claims: { sub: "someone-else" } }],
        ["createFamily", { ...family, claims: {} }],
        ["createFamily", { ...family, maxSessionAge: 0 }],
        ["createFamily", { ...family, now: -1 }],
        ["createFamily", { ...family, token: { jti: "r" } }],
        ["useRefreshToken", { ...use, reuseInterval: "5s" }],
        ["useRefreshToken", { ...use, revokeSubjectOnReuse: "yes" }],
        ["useRefreshToken", { ...use, successor: null }],
        ["revokeFamily", { sub, familyId: 7, now: t }],
        ["revokeJti", { sub, jti: "j", now: t }],
        ["revokeSubject", { sub, now: "now" }],
        ["reasonRevoked", { sid: "f" }],
        ["reasonRevoked", { sub, jti: ["j"] }],
        ["stats", {}],
        ["stats", null],
      ];
      for (const [method, args] of bad) {
        const error = await rejection(h.store[method](args));
        assert.equal(error.code, "ERR_INVALID_ARGUMENT", `${method}(${JSON.stringify(args)?.slice(0, 80)}): ${error.message}`);
      }
      assert.deepEqual(await h.store.stats({ sub }), { families: 0, revokedFamilies: 0, refreshTokens: 0, revokedJtis: 0, revokedBefore: null });
      assert.equal((await h.store.createFamily(family)).outcome, "created");
      assert.deepEqual(await h.store.createFamily(family), { outcome: "exists" });
      assert.equal((await h.store.useRefreshToken(use)).outcome, "rotated");
    });

    it("a verdict cache sees a revocation made through it at once, and one made elsewhere within maxStale", async () => {
      const sub = newSubject();
      const session = await h.start({ sub });
      const access = payloadOf(session.accessToken);
      const clocks = { here: nowSeconds(), there: nowSeconds() };
      const here = new edgejwt.CachedSessionStore(h.store, { maxStale: "2s", clock: () => clocks.here });
      const there = new edgejwt.CachedSessionStore(h.store, { maxStale: "2s", clock: () => clocks.there });
      assert.equal(await here.reasonRevoked(access), null);
      assert.equal(await there.reasonRevoked(access), null);
      assert.equal(await there.reasonRevoked(access), null);
      assert.deepEqual(there.cacheStats(), { entries: 1, hits: 1, misses: 1, hitRate: 0.5 });
      await edgejwt.endSession(access, { store: here });
      assert.equal(await here.reasonRevoked(access), "jti");
      clocks.there += 1.9;
      assert.equal(await there.reasonRevoked(access), null, "within maxStale the other isolate may answer from its cache");
      clocks.there += 0.1;
      assert.equal(await there.reasonRevoked(access), "jti");
      clocks.there += 10 * 60; // a revoked verdict stands until the token expires (15 min): not asked again
      const { misses } = there.cacheStats();
      assert.equal(await there.reasonRevoked(access), "jti");
      assert.equal(there.cacheStats().misses, misses);
    });
  });
}
