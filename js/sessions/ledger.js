// The rules of a session store, written once over one subject's tables: MemorySessionStore keeps
// them in Maps (memory-store.js), the Durable Object in SQLite (sql-tables.js). Every method is
// synchronous, and a store runs each as one indivisible step (a turn of the event loop in memory,
// a transaction in the Durable Object): that is what makes marking a refresh token used atomic.
// Of two uses of one token, the first to run rotates and the second finds it used.
//
// A family is one login: its refresh tokens, each used at most once, and the access token issued
// with each. Lifetimes are computed here, so a retried rotation gets back exactly what the first
// one issued: the successor's ids and times, from which the caller signs the same tokens again.
//
// The tables of one subject (every time is seconds since the epoch):
//   family(familyId) -> { familyId, createdAt, expiresAt, endsAt, revokedAt, claims (JSON text) } | null
//   token(jti) -> { jti, familyId, iat, exp, accessJti, accessExp, usedAt, successorJti } | null
//   insertFamily(row), insertToken(row): throw if the key exists
//   markUsed(jti, usedAt, successorJti), extendFamily(familyId, endsAt): endsAt only grows
//   revokeFamily(familyId, revokedAt), revokeFamiliesCreatedBy(before, revokedAt) -> how many
//   isJtiRevoked(jti), revokeJti(jti, exp): the later exp is kept
//   revokedBefore() -> time | null, setRevokedBefore(time)
//   stats() -> { families, revokedFamilies, refreshTokens, revokedJtis, revokedBefore }
// and, for the store's cleanup: deleteExpired(now) drops what no live token can need (a family at
// its endsAt, a refresh token or a revoked jti at its exp), nextExpiry() -> time | null.
import * as check from "./arguments.js";

// Every method first checks its argument (arguments.js) and throws JOSEInvalidArgument, having read
// and written nothing, for a malformed one; the results are plain data (they cross RPC as they are).
export class SessionLedger {
  // tablesFor(sub, writing): the subject's tables; reading a subject never written gives empty ones.
  constructor(tablesFor) {
    this.tablesFor = tablesFor;
  }

  /**
   * Records a new family and its first pair: { outcome: "created", token, expiresAt }; "exists"
   * when the family or token id is taken; "revoked" when the subject was revoked at or after now.
   */
  createFamily(input) {
    const { sub, familyId, claims, now, maxSessionAge, token: ids, ...lifetimes } = check.createFamily(input);
    const tables = this.tablesFor(sub, true);
    if (tables.family(familyId) || tables.token(ids.jti)) return { outcome: "exists" };
    const revokedBefore = tables.revokedBefore();
    if (revokedBefore !== null && now <= revokedBefore) return { outcome: "revoked" };
    const family = { familyId, createdAt: now, expiresAt: Math.floor(now + maxSessionAge), revokedAt: null, claims: JSON.stringify(claims) };
    const token = issue(family, ids, now, lifetimes);
    tables.insertFamily({ ...family, endsAt: endOf(token) });
    tables.insertToken(token);
    return { outcome: "created", token: pairOf(token), expiresAt: family.expiresAt };
  }

  /**
   * Marks the refresh token used and records its successor, or says why not:
   *   "rotated": it was unused; `token` is the successor just recorded
   *   "repeated": it was used at most reuseInterval away from now (either way: callers' clocks differ)
   *               and its successor is still unused: `token` is that same successor (two tabs
   *               refreshing at once, or a retry after a lost answer)
   *   "reused": it was used before that, or its successor has been used: the family is now revoked
   *             (and every session of the subject, with revokeSubjectOnReuse)
   *   "revoked" (the family, or this token's jti), "expired" (the family's maxSessionAge or the
   *   token's exp has passed), "unknown"
   */
  useRefreshToken(input) {
    const { sub, familyId, jti, now, successor: ids, reuseInterval, revokeSubjectOnReuse, ...lifetimes } = check.useRefreshToken(input);
    const tables = this.tablesFor(sub, false);
    const family = tables.family(familyId);
    const token = tables.token(jti);
    if (!family || !token || token.familyId !== familyId) return { outcome: "unknown" };
    if (family.revokedAt !== null || tables.isJtiRevoked(jti)) return { outcome: "revoked" };
    if (now >= family.expiresAt || now >= token.exp) return { outcome: "expired" };
    if (token.usedAt === null) {
      const successor = issue(family, ids, now, lifetimes);
      tables.insertToken(successor);
      tables.markUsed(jti, now, successor.jti);
      tables.extendFamily(familyId, endOf(successor));
      return issued("rotated", family, successor);
    }
    const successor = tables.token(token.successorJti);
    if (successor && successor.usedAt === null && now < successor.exp && Math.abs(now - token.usedAt) <= reuseInterval) {
      return issued("repeated", family, successor);
    }
    tables.revokeFamily(familyId, now);
    if (revokeSubjectOnReuse) cutOff(tables, now, now);
    return { outcome: "reused" };
  }

  /**
   * { revoked: true } when the family was live and is now revoked.
   */
  revokeFamily(input) {
    const { sub, familyId, now } = check.revokeFamily(input);
    const tables = this.tablesFor(sub, false);
    const family = tables.family(familyId);
    if (!family || family.revokedAt !== null) return { revoked: false };
    tables.revokeFamily(familyId, now);
    return { revoked: true };
  }

  /**
   * The token with this "jti" is refused until its exp ({ revoked: false }: it has expired already).
   */
  revokeJti(input) {
    const { sub, jti, exp, now } = check.revokeJti(input);
    if (exp <= now) return { revoked: false };
    this.tablesFor(sub, true).revokeJti(jti, exp);
    return { revoked: true };
  }

  /**
   * Every family of the subject created at or before `before`, and every other token of the
   * subject issued then, is refused: { families } counts the families revoked now.
   */
  revokeSubject(input) {
    const { sub, before, now } = check.revokeSubject(input);
    return { families: cutOff(this.tablesFor(sub, true), before, now) };
  }

  /**
   * Why a verified token is revoked: "jti", "family" (its "sid"), "sub" (issued at or before the
   * subject's cut-off, or without "iat"), or null. A token of a known family is judged by its
   * family, which revokeSubject revokes, so a login in the same second as a logout stands.
   */
  reasonRevoked(input) {
    const { sub, sid, jti, iat } = check.reasonRevoked(input);
    const tables = this.tablesFor(sub, false);
    if (jti !== null && tables.isJtiRevoked(jti)) return "jti";
    const family = sid === null ? null : tables.family(sid);
    if (family) return family.revokedAt === null ? null : "family";
    const before = tables.revokedBefore();
    return before !== null && (iat === null || iat <= before) ? "sub" : null;
  }

  stats(input) {
    return this.tablesFor(check.stats(input).sub, false).stats();
  }
}

// The subject's cut-off moves to `before` (never back), and its families created by then are revoked.
function cutOff(tables, before, now) {
  tables.setRevokedBefore(Math.max(tables.revokedBefore() ?? 0, before));
  return tables.revokeFamiliesCreatedBy(before, now);
}

// A refresh token and its access token, issued now; neither outlives the family.
function issue(family, ids, now, { idleTimeout, accessTokenTtl }) {
  const iat = Math.floor(now);
  return {
    jti: ids.jti, familyId: family.familyId, iat,
    exp: Math.min(Math.floor(iat + idleTimeout), family.expiresAt),
    accessJti: ids.accessJti,
    accessExp: Math.min(Math.floor(iat + accessTokenTtl), family.expiresAt),
    usedAt: null, successorJti: null,
  };
}

const endOf = (token) => Math.max(token.exp, token.accessExp);

const pairOf = ({ jti, iat, exp, accessJti, accessExp }) => ({ jti, iat, exp, accessJti, accessExp });

function issued(outcome, family, token) {
  return { outcome, token: pairOf(token), claims: JSON.parse(family.claims), expiresAt: family.expiresAt };
}
