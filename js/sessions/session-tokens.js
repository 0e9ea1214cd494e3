// Sessions on a store: startSession issues a family's first access + refresh pair, rotateRefreshToken
// trades a refresh token for the next pair (with reuse detection), endSession revokes what a
// logout ends. Bound by each entry point to its own API (as createGateway is), so tokens are signed
// and verified by that entry's build. docs/sessions.md describes the semantics.
//
// The store keeps ids and times, never a token or a key: a rotation retried within reuseInterval
// gets back the successor's ids and times and signs the same claims again (the same tokens, byte
// for byte, with every algorithm but PS*, whose signatures are randomised).
import { JOSEError, JOSEInvalidArgument, JWTClaimValidationFailed, JWTExpired } from "../errors.js";
import { secondsOf } from "../timespan.js";
import { base64url, definedOnly } from "../util.js";
import { isPlainObject, sessionStoreOf } from "./arguments.js";
import { RefreshTokenReused, SessionRevoked, SessionUnknown } from "./errors.js";

const OPTIONS = new Set([
  "key", "verifyKey", "store", "alg", "kid", "issuer", "audience", "algorithms", "clockTolerance", "currentDate",
  "accessTokenTtl", "idleTimeout", "maxSessionAge", "reuseInterval", "revokeSubjectOnReuse", "accessTokenTyp", "refreshTokenTyp",
]);
// The session sets these itself.
const RESERVED_CLAIMS = ["sid", "jti", "iat", "exp", "nbf"];
// What a refresh token must carry to be traded.
const REFRESH_CLAIMS = ["sub", "sid", "jti", "iat", "exp"];

export function createSessionApi({ sign, verify }) {
  /**
   * A new family (a login) and its first pair.
   * @param {object} claims the access tokens' claims: a plain object with "sub"; "sid", "jti", "iat",
   *   "exp" and "nbf" are the session's own
   * @param {object} options { key, store, alg, … } (sessions.d.ts: SessionOptions)
   * @returns {Promise<object>} the pair with familyId and sessionExpiresAt (SessionTokens)
   * @throws {JOSEInvalidArgument} a malformed claim set or option, before the store is called
   * @throws {SessionRevoked} the subject is revoked until after `now`
   * @throws {SessionStoreUnavailable} from a store across a network
   */
  async function startSession(claims, options) {
    const settings = settingsOf(options);
    if (!isPlainObject(claims) || typeof claims.sub !== "string") {
      throw new JOSEInvalidArgument("startSession takes the access token's claims, with \"sub\", as a plain object");
    }
    const reserved = RESERVED_CLAIMS.find((claim) => claims[claim] !== undefined);
    if (reserved) throw new JOSEInvalidArgument(`the session sets "${reserved}" itself: leave it out of the claims`);
    const familyId = randomId();
    const result = await settings.store.createFamily({
      sub: claims.sub, familyId, claims, now: settings.now, maxSessionAge: settings.maxSessionAge,
      idleTimeout: settings.idleTimeout, accessTokenTtl: settings.accessTokenTtl, token: newIds(),
    });
    if (result.outcome === "revoked") throw new SessionRevoked("the subject's sessions are revoked until after this login");
    if (result.outcome !== "created") throw new JOSEError(`the session store did not record the session (${result.outcome})`);
    return pairOf(settings, claims.sub, familyId, claims, result);
  }

  /**
   * The next pair for a refresh token, which is then used up (docs/sessions.md, "Rotation outcomes").
   * @param {string|Uint8Array} refreshToken
   * @param {object} options as startSession's (SessionOptions)
   * @returns {Promise<object>} the new pair, or within reuseInterval the same one again (`repeated`)
   * @throws {RefreshTokenReused} the token had been used: its family is revoked now
   * @throws {SessionRevoked} its family or its jti is revoked
   * @throws {SessionUnknown} the store has no record of it
   * @throws {JWTExpired} idle timeout or maxSessionAge; and every error of verify() for the token
   * @throws {SessionStoreUnavailable} from a store across a network
   */
  async function rotateRefreshToken(refreshToken, options) {
    const settings = settingsOf(options);
    const { payload } = await verify(refreshToken, settings.verifyKey, settings.verifyOptions);
    for (const claim of ["sub", "sid", "jti"]) {
      if (typeof payload[claim] !== "string") {
        throw new JWTClaimValidationFailed(`the refresh token's "${claim}" must be a string`, payload, claim, "invalid");
      }
    }
    const { sub, sid, jti } = payload;
    const result = await settings.store.useRefreshToken({
      sub, familyId: sid, jti, now: settings.now, successor: newIds(), idleTimeout: settings.idleTimeout,
      accessTokenTtl: settings.accessTokenTtl, reuseInterval: settings.reuseInterval,
      revokeSubjectOnReuse: settings.revokeSubjectOnReuse,
    });
    switch (result.outcome) {
      case "rotated":
      case "repeated":
        return { ...pairOf(settings, sub, sid, result.claims, result), repeated: result.outcome === "repeated" };
      case "reused":
        throw new RefreshTokenReused("the refresh token had been used: its session is revoked");
      case "revoked":
        throw new SessionRevoked("the refresh token's session has been revoked");
      case "expired":
        throw new JWTExpired("the session has ended", payload, "exp", "check_failed");
      default:
        throw new SessionUnknown("the session store has no record of this refresh token");
    }
  }

  // The family's access and refresh tokens for what the store issued.
  function pairOf(settings, sub, familyId, claims, { token, expiresAt }) {
    const common = definedOnly({ alg: settings.alg, kid: settings.kid, issuer: settings.issuer, audience: settings.audience, iat: token.iat });
    const accessToken = sign({ ...claims, sid: familyId }, settings.key, {
      ...common, typ: settings.accessTokenTyp, expiresIn: token.accessExp - token.iat, jwtId: token.accessJti,
    });
    const refreshToken = sign({ sub, sid: familyId }, settings.key, {
      ...common, typ: settings.refreshTokenTyp, expiresIn: token.exp - token.iat, jwtId: token.jti,
    });
    return {
      accessToken, refreshToken, accessTokenId: token.accessJti, refreshTokenId: token.jti,
      accessTokenExpiresAt: token.accessExp, refreshTokenExpiresAt: token.exp, familyId, sessionExpiresAt: expiresAt,
    };
  }

  return { startSession, rotateRefreshToken };
}

/**
 * Logout: the family of these verified claims (their "sid") is revoked, and the token itself (its
 * "jti") until its "exp".
 * @param {object} claims a verified access or refresh token's payload, with "sub"
 * @param {{ store: object, currentDate?: Date }} options
 * @returns {Promise<{ familyRevoked: boolean, jtiRevoked: boolean }>} which were revoked by this call
 * @throws {JOSEInvalidArgument} claims without "sub", an unknown option; SessionStoreUnavailable
 */
export async function endSession(claims, options = {}) {
  for (const name of Object.keys(options)) {
    if (name !== "store" && name !== "currentDate") throw new JOSEInvalidArgument(`unknown endSession option "${name}"`);
  }
  const store = sessionStoreOf(options.store, "options.store");
  const now = nowOf(options.currentDate);
  if (!isPlainObject(claims) || typeof claims.sub !== "string") throw new JOSEInvalidArgument("endSession takes verified claims with \"sub\"");
  const { sub, sid, jti, exp } = claims;
  const [family, token] = await Promise.all([
    typeof sid === "string" ? store.revokeFamily({ sub, familyId: sid, now }) : { revoked: false },
    typeof jti === "string" && typeof exp === "number" ? store.revokeJti({ sub, jti, exp, now }) : { revoked: false },
  ]);
  return { familyRevoked: family.revoked, jtiRevoked: token.revoked };
}

// The options of startSession and rotateRefreshToken, checked before anything reaches the store.
function settingsOf(options) {
  if (!isPlainObject(options)) throw new JOSEInvalidArgument("sessions take options: { key, store, alg, … }");
  for (const name of Object.keys(options)) {
    if (!OPTIONS.has(name)) throw new JOSEInvalidArgument(`unknown session option "${name}"`);
  }
  const { key, alg, issuer, audience } = options;
  if (!(key instanceof Uint8Array) && (typeof key !== "object" || key === null)) {
    throw new JOSEInvalidArgument("options.key must be the key that signs the session's tokens");
  }
  if (typeof alg !== "string") throw new JOSEInvalidArgument('sessions need options.alg, e.g. { alg: "ES256" }');
  const refreshTokenTyp = options.refreshTokenTyp ?? "refresh+jwt";
  const accessTokenTyp = options.accessTokenTyp ?? "at+jwt";
  if (typeof refreshTokenTyp !== "string" || typeof accessTokenTyp !== "string" || refreshTokenTyp.toLowerCase() === accessTokenTyp.toLowerCase()) {
    throw new JOSEInvalidArgument("accessTokenTyp and refreshTokenTyp must be two different strings");
  }
  const revokeSubjectOnReuse = options.revokeSubjectOnReuse ?? false;
  if (typeof revokeSubjectOnReuse !== "boolean") throw new JOSEInvalidArgument("options.revokeSubjectOnReuse must be a boolean");
  return {
    key, alg, kid: options.kid, issuer, audience, accessTokenTyp, refreshTokenTyp, revokeSubjectOnReuse,
    verifyKey: options.verifyKey ?? key,
    store: sessionStoreOf(options.store, "options.store"),
    now: nowOf(options.currentDate),
    accessTokenTtl: secondsOf(options.accessTokenTtl ?? "15m", "accessTokenTtl"),
    idleTimeout: secondsOf(options.idleTimeout ?? "14d", "idleTimeout"),
    maxSessionAge: secondsOf(options.maxSessionAge ?? "30d", "maxSessionAge"),
    reuseInterval: secondsOf(options.reuseInterval ?? "5s", "reuseInterval"),
    verifyOptions: definedOnly({
      typ: refreshTokenTyp, algorithms: options.algorithms ?? [alg], issuer, audience, requiredClaims: REFRESH_CLAIMS,
      clockTolerance: options.clockTolerance, currentDate: options.currentDate,
    }),
  };
}

function nowOf(currentDate) {
  if (currentDate === undefined) return Date.now() / 1000;
  if (!(currentDate instanceof Date) || Number.isNaN(currentDate.getTime())) throw new JOSEInvalidArgument("options.currentDate must be a valid Date");
  return currentDate.getTime() / 1000;
}

const randomId = () => base64url(crypto.getRandomValues(new Uint8Array(16)));
const newIds = () => ({ jti: randomId(), accessJti: randomId() });
