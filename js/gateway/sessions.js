// Cookie sessions at the gateway (`createGateway({ session: { … } })`, docs/sessions.md): the
// session's access token in a "__Host-" cookie is verified as the token of the provider "session"
// (its revocation asked of a CachedSessionStore: no store round trip per request on a hit); an
// expired or absent access cookie with a refresh cookie is rotated at the edge and the request
// forwarded with the new pair in Set-Cookie; POST refreshPath rotates, POST logoutPath revokes the
// family and the access token's jti; the origin's answer to POST loginPath may carry the login's
// claims in loginHeader, and the gateway mints the pair. Every unsafe request these cookies
// authenticate is CSRF-checked (session-cookies.js).
import { JOSEInvalidArgument, JWTClaimValidationFailed } from "../errors.js";
import { base64url } from "../util.js";
import { CachedSessionStore } from "../sessions/cached-store.js";
import { sessionStoreOf } from "../sessions/arguments.js";
import { createSessionApi, endSession } from "../sessions/session-tokens.js";
import { codeOf, isUnavailable, json, rejected } from "./answers.js";
import { headerNameOf } from "./claim-headers.js";
import { unknownKeys } from "./options.js";
import { Provider } from "./providers.js";
import { normalisedPath } from "./request-target.js";
import * as cookies from "./session-cookies.js";
import { tokenSourceOf } from "./token-sources.js";

export const SESSION_PROVIDER = "session";
const OPTIONS = [
  "key", "secret", "verifyKey", "alg", "store", "issuer", "audience", "clockTolerance", "claimHeaders",
  "accessTokenTtl", "idleTimeout", "maxSessionAge", "reuseInterval", "revokeSubjectOnReuse", "maxStale",
  "accessCookie", "refreshCookie", "refreshCookiePath", "sameSite", "allowedOrigins",
  "refreshPath", "logoutPath", "loginPath", "loginHeader",
];
// Passed as they are to startSession and rotateRefreshToken.
const LIFETIMES = ["accessTokenTtl", "idleTimeout", "maxSessionAge", "reuseInterval", "revokeSubjectOnReuse", "clockTolerance"];
const ACCESS_TYP = "at+jwt";
const REFRESH_TYP = "refresh+jwt";

export class GatewaySessions {
  // `options`: the config's `session`; `shared`: what providers get (providers.js), and `realm`
  // and `counters` of the gateway.
  constructor(api, options, { realm, counters, ...shared }) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) throw new JOSEInvalidArgument("session must be an object");
    unknownKeys(options, OPTIONS, "session");
    Object.assign(this, { api, realm, counters });
    this.refreshPath = pathOf(options.refreshPath ?? "/auth/refresh", "refreshPath");
    this.logoutPath = pathOf(options.logoutPath ?? "/auth/logout", "logoutPath");
    this.loginPath = pathOf(options.loginPath ?? "/auth/login", "loginPath");
    if (new Set([this.refreshPath, this.logoutPath, this.loginPath]).size !== 3) throw new JOSEInvalidArgument("session paths must differ");
    this.loginHeader = headerNameOf(options.loginHeader ?? "x-edgejwt-session");
    this.cookies = cookies.cookieSettingsOf(options, this);
    this.allowedOrigins = cookies.allowedOriginsOf(options.allowedOrigins);
    const store = sessionStoreOf(options.store, "session.store");
    this.store = store instanceof CachedSessionStore ? store : new CachedSessionStore(store, { maxStale: options.maxStale ?? 2 });
    const key = keyOf(api, options);
    const issuer = options.issuer ?? "edgejwt-session";
    if (typeof options.alg !== "string") throw new JOSEInvalidArgument('session.alg must name the algorithm of session.key, e.g. "ES256"');
    this.tokenOptions = Object.fromEntries(Object.entries({
      key, verifyKey: options.verifyKey, store: this.store, alg: options.alg, issuer, audience: options.audience,
      ...Object.fromEntries(LIFETIMES.map((name) => [name, options[name]])),
    }).filter(([, value]) => value !== undefined));
    this.tokens = createSessionApi({ sign: api.sign, verify: api.verifyAsync });
    this.provider = new Provider(SESSION_PROVIDER, {
      key: options.verifyKey ?? key, issuer, audience: options.audience, algorithms: [options.alg], typ: ACCESS_TYP,
      clockTolerance: options.clockTolerance, tokenSources: [`cookie:${this.cookies.accessCookie}`], claimHeaders: options.claimHeaders,
    }, shared);
    this.provider.revocation = { reasonRevoked: (payload) => this.reasonRevoked(payload), stats: () => this.store.cacheStats() };
    this.accessSource = this.provider.sources[0];
    this.refreshSource = tokenSourceOf(`cookie:${this.cookies.refreshCookie}`);
    const { cache, ...accessOptions } = this.provider.verifyOptions;
    this.refreshVerifyOptions = { ...accessOptions, typ: REFRESH_TYP };
  }

  // Every access token the provider verified is asked about (its family, its jti, its subject).
  async reasonRevoked(payload) {
    if (typeof payload.sub !== "string") throw new JWTClaimValidationFailed('a session token must carry "sub"', payload, "sub", "missing");
    return this.store.reasonRevoked(payload);
  }

  // The gateway's own answer for the session paths, or undefined to go on (the login path is
  // forwarded, once its CSRF check passed).
  async answer(request, path) {
    if (path !== this.refreshPath && path !== this.logoutPath && path !== this.loginPath) return undefined;
    const isLogin = path === this.loginPath;
    if (!isLogin && request.method !== "POST") return json(405, { error: "method_not_allowed" }, { allow: "POST" });
    if (!isLogin || cookies.isUnsafeMethod(request.method)) {
      const refusal = this.refusal(request, path, true);
      if (refusal) return this.refused(isLogin ? "login" : path === this.refreshPath ? "refresh" : "logout", refusal);
    }
    if (isLogin) return undefined;
    return path === this.refreshPath ? this.refreshEndpoint(request, path) : this.logout(request, path);
  }

  // What a rule reading the session cookie meets before verification: { found, setCookies } (a
  // rotation at the edge replaced an expired or absent access token), or { code, response }.
  async admit(request, path, requirement, found) {
    const entry = found?.find(({ source }) => source === this.accessSource);
    const refresh = this.refreshToken(request, path);
    // Not for an Upgrade (WebSocket): its 101 answer cannot carry the new cookies, and the client
    // would be left with a spent refresh token.
    const rotates = refresh !== undefined && !request.headers.has("upgrade") &&
      (entry ? this.expired(entry.token) : found === null && requirement.mode === "anyOf");
    // A session cookie beside another provider's token is refused too; the CSRF check is for
    // requests the cookies authenticate.
    const refusal = this.refusal(request, path, (entry !== undefined || rotates) && cookies.isUnsafeMethod(request.method));
    if (refusal) return refusal;
    if (!rotates) return { found };
    const rotated = await this.rotate(refresh, "edge_refresh");
    if (rotated.response) return rotated;
    const fresh = { token: rotated.pair.accessToken, source: this.accessSource, candidates: [this.provider] };
    return { found: entry ? found.map((each) => (each === entry ? fresh : each)) : [fresh], setCookies: rotated.setCookies };
  }

  // The origin's answer, with the login handed off (POST loginPath, 2xx, claims in loginHeader) and
  // `setCookies` added; loginHeader never reaches the client.
  async finish(request, path, response, setCookies = []) {
    const claims = response.headers.get(this.loginHeader);
    // A 101 (a WebSocket upgrade in workerd) cannot be rebuilt, and no rotation precedes one.
    if ((claims === null && setCookies.length === 0) || response.status === 101) return response;
    const answer = new Response(response.body, response);
    answer.headers.delete(this.loginHeader);
    if (claims !== null && path === this.loginPath && request.method === "POST" && response.ok) {
      try {
        const pair = await this.tokens.startSession(JSON.parse(claims), this.tokenOptions);
        setCookies = [...setCookies, ...cookies.pairCookies(this.cookies, pair)];
        this.count("login", "ok");
      } catch (error) {
        const code = error instanceof SyntaxError ? "ERR_SESSION_LOGIN_INVALID" : codeOf(error);
        this.count("login", code);
        return isUnavailable(code) ? rejected(this.realm, code, error, false) : json(502, { error: "bad_gateway", code });
      }
    }
    for (const cookie of setCookies) answer.headers.append("set-cookie", cookie);
    return answer;
  }

  async refreshEndpoint(request, path) {
    const refresh = this.refreshToken(request, path);
    if (refresh === undefined) return this.withCookies(rejected(this.realm, "ERR_TOKEN_MISSING", null, false), this.clearing());
    const rotated = await this.rotate(refresh, "refresh");
    if (rotated.response) return rotated.response;
    const { accessTokenExpiresAt, refreshTokenExpiresAt, sessionExpiresAt } = rotated.pair;
    return this.withCookies(json(200, { accessTokenExpiresAt, refreshTokenExpiresAt, sessionExpiresAt }), rotated.setCookies);
  }

  // Revokes the family and the jti of every session token the request carries that verifies (an
  // expired access token does not: the refresh token names the same family); clears both cookies.
  async logout(request, path) {
    const presented = [[this.accessSource.read(request), this.provider.verifyOptions], [this.refreshToken(request, path), this.refreshVerifyOptions]];
    let revoked = false;
    try {
      for (const [token, options] of presented) {
        if (token === undefined) continue;
        const payload = await this.api.verifyAsync(token, this.provider.keys, options).then(({ payload }) => payload, () => null);
        if (typeof payload?.sub === "string") revoked = (await endSession(payload, { store: this.store })).familyRevoked || revoked;
      }
    } catch (error) {
      // Nothing cleared: the client's retry can still revoke what it holds.
      this.count("logout", codeOf(error));
      return rejected(this.realm, codeOf(error), error, false);
    }
    this.count("logout", "ok");
    return this.withCookies(json(200, { loggedOut: true, familyRevoked: revoked }), this.clearing());
  }

  // { pair, setCookies }, or { code, response }: 401 clearing both cookies, 503 clearing nothing.
  async rotate(refreshToken, event) {
    try {
      const pair = await this.tokens.rotateRefreshToken(refreshToken, this.tokenOptions);
      this.count(event, "ok");
      return { pair, setCookies: cookies.pairCookies(this.cookies, pair) };
    } catch (error) {
      const code = codeOf(error);
      this.count(event, code);
      const response = rejected(this.realm, code, error, true);
      return { code, response: isUnavailable(code) ? response : this.withCookies(response, this.clearing()) };
    }
  }

  // Why a request these cookies would authenticate is refused before anything is verified:
  // { code, response } or null. Checked: one value per session cookie, no Authorization beside
  // them (RFC 6750 §2: one method per request), and the CSRF check when `unsafe`.
  refusal(request, path, unsafe) {
    const refreshes = cookies.pathWithin(path, this.cookies.refreshCookiePath) ? cookies.cookieValues(request, this.cookies.refreshCookie) : [];
    const accesses = cookies.cookieValues(request, this.cookies.accessCookie);
    if (accesses.length > 1 || refreshes.length > 1) return refuse(400, "ERR_AMBIGUOUS_CREDENTIALS", "a session cookie is sent twice");
    if (accesses.length + refreshes.length > 0 && request.headers.has("authorization")) {
      return refuse(400, "ERR_AMBIGUOUS_CREDENTIALS", "a session cookie and an Authorization header together");
    }
    const crossSite = unsafe ? cookies.csrfRefusal(request, this.allowedOrigins) : null;
    return crossSite === null ? null : refuse(403, "ERR_CSRF_REFUSED", crossSite);
  }

  refused(event, { code, response }) {
    this.count(event, code);
    return response;
  }

  // The refresh cookie, only where the browser sends it (a copy sent elsewhere is ignored; the
  // gateway strips it from every request).
  refreshToken(request, path) {
    return cookies.pathWithin(path, this.cookies.refreshCookiePath) ? this.refreshSource.read(request) : undefined;
  }

  // Whether the access token's "exp" is past, read without trusting it: the rotation it starts
  // is authenticated by the refresh token alone, and the new access token is then verified.
  expired(token) {
    try {
      const { exp } = this.api.decode(token).payload;
      return typeof exp === "number" && exp <= Date.now() / 1000;
    } catch {
      return false;
    }
  }

  clearing() {
    return cookies.clearedCookies(this.cookies);
  }

  withCookies(response, setCookies) {
    for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
    return response;
  }

  count(event, outcome) {
    this.counters.add("edgejwt_session_events_total", [event, outcome]);
  }
}

function refuse(status, code, description) {
  const error = status === 403 ? "forbidden" : "invalid_request";
  return { code, response: json(status, { error, code, error_description: description }) };
}

function pathOf(value, name) {
  if (typeof value !== "string" || normalisedPath(value) !== value) throw new JOSEInvalidArgument(`session.${name} must be a normalised path starting with "/"`);
  return value;
}

// The signing key: `key` (a Key), or `secret` (HMAC bytes).
function keyOf(api, options) {
  if ((options.key === undefined) === (options.secret === undefined)) throw new JOSEInvalidArgument("session needs one of key or secret");
  if (options.key !== undefined) return options.key;
  if (!(options.secret instanceof Uint8Array) || options.secret.length < 32) throw new JOSEInvalidArgument("session.secret must be a Uint8Array of at least 32 bytes");
  return api.importJWK({ kty: "oct", k: base64url(options.secret) });
}
