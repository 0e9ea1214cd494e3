// The cookies of the gateway's sessions (docs/sessions.md, "Cookie sessions at the gateway") and
// the CSRF check of the requests they authenticate.
//
// The access token lives in a "__Host-" cookie: the browser keeps it only if it is Secure, has
// Path=/ and no Domain, so no sibling subdomain can set or overwrite it. The refresh token lives in
// its own cookie, "__Host-" too when its path is "/", else "__Secure-", with Path= the refresh
// cookie's path: the browser sends it only there. Both are HttpOnly (no script reads them) and
// SameSite=Lax by default (not sent on cross-site subrequests and POSTs); "None" is refused.
import { JOSEInvalidArgument } from "../errors.js";
import { cookiePairs, cookieNameOf, cookieValueOf } from "./token-sources.js";
import { normalisedPath } from "./request-target.js";

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
const SAME_SITE = new Set(["Lax", "Strict"]);
// Methods a browser may send cross-site without a CORS preflight that change nothing by the Fetch
// standard's definition: every other method of a cookie-authenticated request is CSRF-checked.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// { accessCookie, refreshCookie, refreshCookiePath, sameSite } from the session options, checked.
export function cookieSettingsOf(options, { refreshPath, logoutPath }) {
  const accessCookie = options.accessCookie ?? "__Host-edgejwt-access";
  const refreshCookiePath = options.refreshCookiePath ?? "/auth/";
  const refreshCookie = options.refreshCookie ?? (refreshCookiePath === "/" ? "__Host-edgejwt-refresh" : "__Secure-edgejwt-refresh");
  const sameSite = options.sameSite ?? "Lax";
  if (typeof accessCookie !== "string" || !COOKIE_NAME.test(accessCookie) || !accessCookie.startsWith("__Host-")) {
    throw new JOSEInvalidArgument('session.accessCookie must be a cookie name starting with "__Host-"');
  }
  if (typeof refreshCookiePath !== "string" || normalisedPath(refreshCookiePath) !== refreshCookiePath) {
    throw new JOSEInvalidArgument('session.refreshCookiePath must be a normalised path starting with "/"');
  }
  const prefix = refreshCookiePath === "/" ? "__Host-" : "__Secure-";
  if (typeof refreshCookie !== "string" || !COOKIE_NAME.test(refreshCookie) || !refreshCookie.startsWith(prefix)) {
    throw new JOSEInvalidArgument(`session.refreshCookie must be a cookie name starting with "${prefix}" (its path is ${refreshCookiePath})`);
  }
  if (refreshCookie === accessCookie) throw new JOSEInvalidArgument("session.accessCookie and session.refreshCookie must differ");
  for (const [name, path] of [["refreshPath", refreshPath], ["logoutPath", logoutPath]]) {
    if (!pathWithin(path, refreshCookiePath)) {
      throw new JOSEInvalidArgument(`session.${name} (${path}) must be within session.refreshCookiePath (${refreshCookiePath}): the browser sends the refresh cookie only there`);
    }
  }
  if (!SAME_SITE.has(sameSite)) throw new JOSEInvalidArgument('session.sameSite must be "Lax" or "Strict"');
  return { accessCookie, refreshCookie, refreshCookiePath, sameSite };
}

// The Set-Cookie values that hand a session's pair to the browser (`pair`: startSession's or
// rotateRefreshToken's answer). Max-Age ends each cookie with its token.
export function pairCookies(settings, pair, now = Date.now() / 1000) {
  return [
    cookieText(settings.accessCookie, pair.accessToken, "/", pair.accessTokenExpiresAt - now, settings.sameSite),
    cookieText(settings.refreshCookie, pair.refreshToken, settings.refreshCookiePath, pair.refreshTokenExpiresAt - now, settings.sameSite),
  ];
}

// The Set-Cookie values that delete both cookies.
export function clearedCookies(settings) {
  return [
    cookieText(settings.accessCookie, "", "/", 0, settings.sameSite),
    cookieText(settings.refreshCookie, "", settings.refreshCookiePath, 0, settings.sameSite),
  ];
}

function cookieText(name, value, path, seconds, sameSite) {
  return `${name}=${value}; Path=${path}; Max-Age=${Math.max(0, Math.floor(seconds))}; Secure; HttpOnly; SameSite=${sameSite}`;
}

// Every value of the cookie `name` the request carries, empty ones too (a client sending a name
// twice is refused: the gateway cannot tell which the browser meant).
export function cookieValues(request, name) {
  return cookiePairs(request.headers.get("cookie")).filter((pair) => cookieNameOf(pair) === name).map(cookieValueOf);
}

// RFC 6265 §5.1.4: does a request for `path` get a cookie of `cookiePath`?
export function pathWithin(path, cookiePath) {
  if (path === cookiePath) return true;
  return path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path[cookiePath.length] === "/");
}

export const isUnsafeMethod = (method) => !SAFE_METHODS.has(method.toUpperCase());

// Why a cookie-authenticated request with an unsafe method is refused as cross-site, or null.
// A browser sends Sec-Fetch-Site (Fetch Metadata) and Origin on every POST; it must be
// "same-origin", and Origin one of `allowedOrigins` (by default the request URL's own origin).
// A request with neither is refused: browsers that send neither predate the 2020s, and a
// non-browser client can send Origin itself.
export function csrfRefusal(request, allowedOrigins) {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site === null && origin === null) return "no Origin or Sec-Fetch-Site header";
  if (site !== null && site !== "same-origin") return `Sec-Fetch-Site is ${site.slice(0, 32)}`;
  if (origin !== null && !(allowedOrigins ?? [ownOrigin(request)]).includes(origin)) return "the Origin is not allowed";
  return null;
}

function ownOrigin(request) {
  try {
    return new URL(request.url).origin;
  } catch {
    return null;
  }
}

// session.allowedOrigins: origins ("https://app.example") whose pages may POST with the cookies.
export function allowedOriginsOf(value) {
  if (value === undefined) return undefined;
  const valid = (origin) => {
    try {
      return typeof origin === "string" && new URL(origin).origin === origin;
    } catch {
      return false;
    }
  };
  if (!Array.isArray(value) || value.length === 0 || !value.every(valid)) {
    throw new JOSEInvalidArgument('session.allowedOrigins must be a non-empty array of origins ("https://app.example")');
  }
  return value;
}
