// The answers the gateway gives itself (RFC 6750 for tokens, RFC 6585 for throttling): small JSON
// bodies { error, code }, never key material, a stack trace or anything of the token.
import { JOSEError } from "../errors.js";

// The gateway cannot tell whether the token is good: 503, so clients retry rather than log in again.
const UNAVAILABLE = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_FETCH_FAILED", "ERR_JWKS_INVALID", "ERR_REVOCATION_UNAVAILABLE",
  "ERR_SESSION_STORE_UNAVAILABLE"]);

// The stable code of a failure: the core's status name for its refusals (finer than jose's code,
// which the gateway's clients and logs have always had), a JOSEError's own code, else a generic one.
export function codeOf(error) {
  if (!(error instanceof JOSEError)) return "ERR_VERIFICATION_FAILED";
  if (typeof error.status === "string") return error.status;
  return typeof error.code === "string" ? error.code : "ERR_VERIFICATION_FAILED";
}

// Whether a failure says nothing about the token (its keys or revocation list could not be had).
export const isUnavailable = (code) => UNAVAILABLE.has(code);

// 401 (no token, or one that fails) or 503 (the gateway cannot tell).
export function rejected(realm, code, error, tokenPresent) {
  if (isUnavailable(code)) return json(503, { error: "temporarily_unavailable", code }, { "retry-after": "5" });
  let challenge = `Bearer realm="${realm}"`;
  if (tokenPresent) challenge += `, error="invalid_token", error_description="${quoted(describe(code, error))}"`;
  return json(401, { error: tokenPresent ? "invalid_token" : "missing_token", code }, { "www-authenticate": challenge });
}

// 403: a valid token without a required claim or scope, or a claim its header cannot carry.
export function forbidden(realm, description, code) {
  const challenge = `Bearer realm="${realm}", error="insufficient_scope", error_description="${quoted(description)}"`;
  return json(403, { error: "insufficient_scope", code }, { "www-authenticate": challenge });
}

// 429: the client spent its budget of failed verifications; its token is not looked at.
export function throttled(code, retryAfterSeconds) {
  return json(429, { error: "too_many_requests", code }, { "retry-after": String(retryAfterSeconds) });
}

export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

// What a client may be told: the stable code and its fixed message, never key material or a stack.
function describe(code, error) {
  return error instanceof JOSEError ? `${code}: ${error.message}` : code;
}

function quoted(text) {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "'");
}
