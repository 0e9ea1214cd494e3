// The arguments of the session store interface (docs/sessions.md), checked in one place: every
// store runs these before it touches its tables (the memory store, the Durable Object, and the
// client that routes to it by subject), so a bad argument is refused alike everywhere.
// Each returns a fresh object holding only the fields the method reads.
import { JOSEInvalidArgument } from "../errors.js";

// The session store interface's methods (docs/sessions.md).
export const STORE_METHODS = ["createFamily", "useRefreshToken", "revokeFamily", "revokeJti", "revokeSubject", "reasonRevoked", "stats"];
const MAX_SUBJECT_LENGTH = 1024;
const MAX_ID_LENGTH = 256;
const MAX_CLAIMS_BYTES = 16 * 1024;

// The claims' "sub" is the family's: the store answers for its access tokens by that subject.
export function createFamily(input) {
  const args = objectOf(input, "createFamily");
  const sub = subjectOf(args.sub);
  const claims = claimsOf(args.claims);
  if (claims.sub !== sub) throw new JOSEInvalidArgument('createFamily: claims.sub must be the family\'s "sub"');
  return {
    sub,
    familyId: idOf(args.familyId, "familyId"),
    claims,
    now: timeOf(args.now, "now"),
    maxSessionAge: spanOf(args.maxSessionAge, "maxSessionAge"),
    ...lifetimesOf(args),
    token: idsOf(args.token, "token"),
  };
}

export function useRefreshToken(input) {
  const args = objectOf(input, "useRefreshToken");
  return {
    sub: subjectOf(args.sub),
    familyId: idOf(args.familyId, "familyId"),
    jti: idOf(args.jti, "jti"),
    now: timeOf(args.now, "now"),
    ...lifetimesOf(args),
    reuseInterval: timeOf(args.reuseInterval, "reuseInterval"),
    revokeSubjectOnReuse: flagOf(args.revokeSubjectOnReuse, "revokeSubjectOnReuse"),
    successor: idsOf(args.successor, "successor"),
  };
}

export function revokeFamily(input) {
  const args = objectOf(input, "revokeFamily");
  return { sub: subjectOf(args.sub), familyId: idOf(args.familyId, "familyId"), now: timeOf(args.now, "now") };
}

export function revokeJti(input) {
  const args = objectOf(input, "revokeJti");
  return { sub: subjectOf(args.sub), jti: idOf(args.jti, "jti"), exp: timeOf(args.exp, "exp"), now: timeOf(args.now, "now") };
}

// `before` defaults to `now`, and may not be later: a future cut-off would spare sessions started
// between the call and that time while refusing their tokens.
export function revokeSubject(input) {
  const args = objectOf(input, "revokeSubject");
  const now = timeOf(args.now, "now");
  const before = args.before === undefined ? now : timeOf(args.before, "before");
  if (before > now) throw new JOSEInvalidArgument("revokeSubject: before may not be later than now");
  return { sub: subjectOf(args.sub), before, now };
}

// The claims of a verified token (any other claims are ignored): "sub" is required, the others are
// checked when present (null is absent: what this returns is checked again by the next store).
export function reasonRevoked(input) {
  const claims = objectOf(input, "reasonRevoked");
  const optional = (value, check, what) => (value === undefined || value === null ? null : check(value, what));
  return {
    sub: subjectOf(claims.sub),
    sid: optional(claims.sid, idOf, "sid"),
    jti: optional(claims.jti, idOf, "jti"),
    iat: optional(claims.iat, timeOf, "iat"),
  };
}

export function stats(input) {
  return { sub: subjectOf(objectOf(input, "stats").sub) };
}

// `store`, if it has every method of the interface.
export function sessionStoreOf(store, what) {
  if (!STORE_METHODS.every((method) => typeof store?.[method] === "function")) {
    throw new JOSEInvalidArgument(`${what} must be a session store (MemorySessionStore, DurableObjectSessionStoreClient, CachedSessionStore)`);
  }
  return store;
}

// --- Fields ---------------------------------------------------------------------------------------

// Seconds: how long an issued refresh token lasts unused, and an access token at all.
function lifetimesOf(args) {
  return { idleTimeout: spanOf(args.idleTimeout, "idleTimeout"), accessTokenTtl: spanOf(args.accessTokenTtl, "accessTokenTtl") };
}

// The ids of a pair about to be issued: its refresh token's and its access token's "jti".
function idsOf(value, what) {
  const ids = objectOf(value, what);
  return { jti: idOf(ids.jti, `${what}.jti`), accessJti: idOf(ids.accessJti, `${what}.accessJti`) };
}

export function subjectOf(value) {
  return textOf(value, "sub", MAX_SUBJECT_LENGTH);
}

function idOf(value, what) {
  return textOf(value, what, MAX_ID_LENGTH);
}

function textOf(value, what, maxLength) {
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) {
    throw new JOSEInvalidArgument(`${what} must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

// A NumericDate or a number of seconds (possibly fractional), never negative.
function timeOf(value, what) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new JOSEInvalidArgument(`${what} must be a non-negative number of seconds`);
  }
  return value;
}

// A lifetime: at least a second, as NumericDates count whole seconds.
function spanOf(value, what) {
  if (timeOf(value, what) < 1) throw new JOSEInvalidArgument(`${what} must be at least 1 second`);
  return value;
}

function flagOf(value, what) {
  if (typeof value !== "boolean") throw new JOSEInvalidArgument(`${what} must be a boolean`);
  return value;
}

// The claims of a family's access tokens: JSON of at most 16 KiB (a cookie holds 4 KiB), copied.
function claimsOf(value) {
  if (!isPlainObject(value)) throw new JOSEInvalidArgument("claims must be a plain object");
  let json;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new JOSEInvalidArgument("claims must be JSON", { cause: error });
  }
  if (new TextEncoder().encode(json).length > MAX_CLAIMS_BYTES) throw new JOSEInvalidArgument(`claims must be at most ${MAX_CLAIMS_BYTES} bytes of JSON`);
  return JSON.parse(json);
}

function objectOf(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new JOSEInvalidArgument(`${what} takes an object`);
  return value;
}

export function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
