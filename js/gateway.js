// createGateway(config): a fetch-style handler, (Request) => Promise<Response>, that verifies a
// bearer token before a request reaches the origin, for any runtime with Request/Response (workerd,
// Deno, Bun, Node 20). The origin's scheme, host, port and base path come from the configuration
// alone; the path is normalised once, and that string is both what the rules match and what the
// origin receives (ambiguous paths are refused). It never answers with key material or a stack
// trace; the headers it adds for the origin are always stripped from the incoming request first,
// so a client cannot spoof them, and every configured token source is stripped, so no token it did
// not verify reaches the origin.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { ClaimHeaderType, HEADER_NAME, claimHeadersOf, claimHeaderValues, headerNameOf } from "./gateway/claim-headers.js";
import { originPrefixOf, normalisedPath, requestTargetOf } from "./gateway/request-target.js";
import { tokenSourceOf } from "./gateway/token-sources.js";
import { VerifiedTokenCache } from "./cache/verified-tokens.js";
import { base64url, definedOnly } from "./util.js";

const CONFIG_KEYS = new Set([
  "jwksUrl", "jwks", "key", "pem", "secret", "issuer", "audience", "subject", "algorithms", "typ", "clockTolerance",
  "maxTokenAge", "requiredClaims", "requiredScopes", "tokenSources", "origin", "claimHeaders", "payloadHeader",
  "bypass", "bypassPreflight", "forwardToken", "revocation", "cacheMaxAge", "cooldownDuration", "timeoutDuration",
  "cache", "realm", "fetch", "jwksSeed", "maxAddedHeaderBytes", "minCacheMaxAge", "jwksMaxStale",
  "jwksMaxResponseSize", "logger",
]);
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
  "proxy-authorization", "proxy-authenticate"];
// Headers that make frameworks treat a request as another method: never forwarded, and a request
// carrying one is no CORS preflight.
const METHOD_OVERRIDE = ["x-http-method-override", "x-http-method", "x-method-override"];
const PRINTABLE = /^[\x20-\x7e]*$/;
// What the gateway may add to a request (claim and payload headers, counted as name + value + 4
// bytes each): Node's default limit for a whole request head is 16 KiB.
const MAX_ADDED_HEADER_BYTES = 8192;
// The gateway cannot tell whether the token is good: 503, so clients retry rather than log in again.
const UNAVAILABLE = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_FETCH_FAILED", "ERR_JWKS_INVALID", "ERR_REVOCATION_UNAVAILABLE"]);

export class GatewayTokenMissing extends JOSEError { static code = "ERR_TOKEN_MISSING"; }
export class JWTRevoked extends JOSEError { static code = "ERR_JWT_REVOKED"; }
export class GatewayForbidden extends JOSEError { static code = "ERR_INSUFFICIENT_SCOPE"; }

// Bound by each entry point to its own API (and so to its own Wasm build).
export function createGatewayFactory(api) {
  return function createGateway(config) {
    return new Gateway(api, config).handler();
  };
}

class Gateway {
  constructor(api, config) {
    for (const name of Object.keys(config)) {
      if (!CONFIG_KEYS.has(name)) throw new JOSEInvalidArgument(`unknown gateway option "${name}"`);
    }
    this.api = api;
    this.realm = config.realm ?? "edgejwt";
    if (!PRINTABLE.test(this.realm) || this.realm.includes('"')) throw new JOSEInvalidArgument("realm must be printable ASCII without quotes");
    this.originPrefix = originPrefixOf(config.origin);
    if (this.originPrefix === null) {
      throw new JOSEInvalidArgument("origin must be an absolute http(s) URL without credentials, query or fragment, and a normalised base path");
    }
    this.fetch = config.fetch ?? ((request) => globalThis.fetch(request));
    this.tokenSources = (config.tokenSources ?? ["header:authorization"]).map(tokenSourceOf);
    this.claimHeaders = claimHeadersOf(config.claimHeaders);
    this.payloadHeader = config.payloadHeader === undefined ? null : headerNameOf(config.payloadHeader);
    // Stripped from every incoming request: the client cannot set what the gateway vouches for.
    this.removedHeaders = [...HOP_BY_HOP, ...METHOD_OVERRIDE, ...this.claimHeaders.map(({ name }) => name)];
    if (this.payloadHeader) this.removedHeaders.push(this.payloadHeader);
    this.bypass = (config.bypass ?? []).map(bypassRuleOf);
    this.bypassPreflight = booleanOf(config.bypassPreflight ?? false, "bypassPreflight");
    this.forwardToken = booleanOf(config.forwardToken ?? false, "forwardToken");
    this.maxAddedHeaderBytes = config.maxAddedHeaderBytes ?? MAX_ADDED_HEADER_BYTES;
    if (!Number.isSafeInteger(this.maxAddedHeaderBytes) || this.maxAddedHeaderBytes < 0) {
      throw new JOSEInvalidArgument("maxAddedHeaderBytes must be a whole number of bytes");
    }
    // The headers a verified result adds, worked out once per result: the verified-token cache
    // hands back the same frozen result on every hit.
    this.addedHeaders = new WeakMap();
    this.requiredClaims = config.requiredClaims ?? [];
    this.requiredScopes = config.requiredScopes ?? [];
    this.cache = config.cache === false ? null : new VerifiedTokenCache(config.cache ?? {});
    // One options object for every request: the library remembers its policy by identity.
    this.verifyOptions = definedOnly({
      issuer: config.issuer, audience: config.audience, subject: config.subject, algorithms: config.algorithms,
      typ: config.typ, clockTolerance: config.clockTolerance, maxTokenAge: config.maxTokenAge,
      cache: this.cache ?? undefined,
    });
    this.keys = keySourceOf(api, config);
    this.revocation = config.revocation ? api.createRevocationList(config.revocation, fetchOptionsOf(config)) : null;
    this.counters = { requests: 0, allowed: 0, bypassed: 0, refused: 0, rejected: 0, forbidden: 0, revoked: 0, originErrors: 0 };
    this.rejections = {};
  }

  // `context` is optional: a Workers ExecutionContext (or anything with waitUntil), which keeps a
  // JWKS or revocation refresh the request started in the background alive after the response.
  handler() {
    const handle = (request, context) => this.handle(request).finally(() => this.keepRefreshing(context));
    handle.stats = () => this.stats();
    return handle;
  }

  keepRefreshing(context) {
    if (typeof context?.waitUntil !== "function") return;
    for (const source of [this.keys, this.revocation]) {
      const refresh = source?.refreshing?.();
      if (refresh) context.waitUntil(refresh);
    }
  }

  stats() {
    return {
      ...this.counters,
      rejections: { ...this.rejections },
      cache: this.cache ? this.cache.stats() : null,
      jwks: typeof this.keys.stats === "function" ? this.keys.stats() : null,
      revocation: this.revocation ? this.revocation.stats() : null,
    };
  }

  async handle(request) {
    this.counters.requests++;
    const { path, query } = requestTargetOf(request.url);
    if (path === null) return this.refuse(400, "invalid_request", "ERR_AMBIGUOUS_PATH");
    const forwarded = { path, queryPairs: query?.split("&"), headers: this.incomingHeaders(request) };
    for (const source of this.tokenSources) source.strip(forwarded);
    if (this.isBypassed(request, path)) {
      this.counters.bypassed++;
      return this.forward(request, forwarded);
    }
    const found = this.findToken(request, { path, query });
    if (!found) return this.reject(new GatewayTokenMissing("no bearer token in the request"), false);
    let result;
    try {
      result = await this.api.verifyAsync(found.token, this.keys, this.verifyOptions);
      if (this.revocation) await this.checkRevocation(result.payload);
    } catch (error) {
      return this.reject(error, true);
    }
    const missing = this.missingGrant(result.payload);
    if (missing) return this.forbid(missing);
    const added = this.addedHeadersOf(result, found.token);
    if (added instanceof ClaimHeaderType) return this.forbid(added.message, added.code);
    if (added === null) return this.refuse(431, "request_header_fields_too_large", "ERR_ADDED_HEADERS_TOO_LARGE");
    this.counters.allowed++;
    for (const [name, value] of added) forwarded.headers.set(name, value);
    if (this.forwardToken) found.source.restore(forwarded, found.token);
    return this.forward(request, forwarded);
  }

  // The client's headers minus hop-by-hop ones (those its Connection header names too),
  // method overrides and the headers the gateway adds.
  incomingHeaders(request) {
    const headers = new Headers(request.headers);
    for (const name of (headers.get("connection") ?? "").split(",")) {
      if (HEADER_NAME.test(name.trim())) headers.delete(name.trim());
    }
    for (const name of this.removedHeaders) headers.delete(name);
    return headers;
  }

  // A bypass rule matches the normalised path; a CORS preflight skips the token only when
  // bypassPreflight is on and it is a real one: OPTIONS with Origin and
  // Access-Control-Request-Method, no body and no method override.
  isBypassed(request, path) {
    if (this.bypassPreflight && isPreflight(request)) return true;
    return this.bypass.some((rule) => rule(path));
  }

  // The first token found, in the configured order, and its source.
  findToken(request, target) {
    for (const source of this.tokenSources) {
      const token = source.read(request, target);
      if (token !== undefined) return { token, source };
    }
    return null;
  }

  // [[name, value]] of the claim and payload headers for a verified result; null when they would
  // exceed maxAddedHeaderBytes; a ClaimHeaderType when a claim does not fit its header's encoding.
  addedHeadersOf(result, token) {
    let added = this.addedHeaders.get(result);
    if (added === undefined) {
      added = addedHeaders(this, token.split(".")[1]);
      this.addedHeaders.set(result, added);
    }
    return added;
  }

  async checkRevocation(payload) {
    const reason = await this.revocation.reasonRevoked(payload);
    if (reason) {
      this.counters.revoked++;
      throw new JWTRevoked(`the token has been revoked (${reason})`);
    }
  }

  // A valid token that lacks a required claim or scope: 403, not 401 (RFC 6750 §3.1). Only the
  // payload's own members count ("constructor" is not a claim of every token).
  missingGrant(payload) {
    for (const claim of this.requiredClaims) if (!Object.hasOwn(payload, claim)) return `missing claim "${claim}"`;
    if (this.requiredScopes.length === 0) return null;
    const granted = scopesOf(payload);
    for (const scope of this.requiredScopes) if (!granted.has(scope)) return `missing scope "${scope}"`;
    return null;
  }

  reject(error, tokenPresent) {
    const code = typeof error?.code === "string" && error instanceof JOSEError ? error.code : "ERR_VERIFICATION_FAILED";
    this.counters.rejected++;
    this.rejections[code] = (this.rejections[code] ?? 0) + 1;
    if (UNAVAILABLE.has(code)) {
      return jsonResponse(503, { error: "temporarily_unavailable", code }, { "retry-after": "5" });
    }
    let challenge = `Bearer realm="${this.realm}"`;
    if (tokenPresent) challenge += `, error="invalid_token", error_description="${quoted(describe(code, error))}"`;
    return jsonResponse(401, { error: tokenPresent ? "invalid_token" : "missing_token", code }, { "www-authenticate": challenge });
  }

  forbid(description, code = GatewayForbidden.code) {
    this.counters.forbidden++;
    this.rejections[code] = (this.rejections[code] ?? 0) + 1;
    const challenge = `Bearer realm="${this.realm}", error="insufficient_scope", error_description="${quoted(description)}"`;
    return jsonResponse(403, { error: "insufficient_scope", code }, { "www-authenticate": challenge });
  }

  // A request the gateway will not pass on, whatever its token: an ambiguous path (400), or more
  // added headers than maxAddedHeaderBytes (431).
  refuse(status, error, code) {
    this.counters.refused++;
    this.rejections[code] = (this.rejections[code] ?? 0) + 1;
    return jsonResponse(status, { error, code });
  }

  // The origin request's URL is the configured origin's text followed by the normalised path and
  // the query as received, minus the token parameters.
  async forward(request, { path, queryPairs, headers }) {
    const query = queryPairs?.length ? `?${queryPairs.join("&")}` : "";
    const init = { method: request.method, headers, redirect: "manual" };
    if (request.method !== "GET" && request.method !== "HEAD") {
      init.body = request.body;
      init.duplex = "half";
    }
    try {
      return await this.fetch(new Request(`${this.originPrefix}${path}${query}`, init));
    } catch {
      this.counters.originErrors++;
      return jsonResponse(502, { error: "bad_gateway", code: "ERR_ORIGIN_UNREACHABLE" });
    }
  }
}

// --- Configuration ----------------------------------------------------------------------------

function keySourceOf(api, config) {
  const given = ["jwksUrl", "jwks", "key", "pem", "secret"].filter((name) => config[name] !== undefined);
  if (given.length !== 1) throw new JOSEInvalidArgument("give exactly one key source: jwksUrl, jwks, key, pem or secret");
  if (config.jwksUrl) return api.createRemoteJWKSet(config.jwksUrl, jwksOptionsOf(config));
  if (config.jwks) return api.createLocalJWKSet(config.jwks);
  if (config.pem) return api.importPEM(config.pem);
  if (config.secret) {
    if (!(config.secret instanceof Uint8Array)) throw new JOSEInvalidArgument("secret must be a Uint8Array");
    return api.importJWK({ kty: "oct", k: base64url(config.secret) });
  }
  return config.key;
}

// What the JWKS and the revocation fetches share; the revocation list's own limits (maxEntries,
// maxResponseSize, maxStale) are members of `revocation: { url, … }`.
function fetchOptionsOf(config) {
  return definedOnly({
    cacheMaxAge: config.cacheMaxAge, cooldownDuration: config.cooldownDuration,
    timeoutDuration: config.timeoutDuration, minCacheMaxAge: config.minCacheMaxAge, fetch: config.fetch,
    logger: config.logger,
  });
}

function jwksOptionsOf(config) {
  return definedOnly({
    ...fetchOptionsOf(config), maxStale: config.jwksMaxStale, maxResponseSize: config.jwksMaxResponseSize,
    seed: config.jwksSeed,
  });
}

function booleanOf(value, name) {
  if (typeof value !== "boolean") throw new JOSEInvalidArgument(`${name} must be true or false`);
  return value;
}

// "/health" matches that path; "/public/*" matches everything under /public/. Rules are
// normalised paths themselves, matched against the request's normalised path.
function bypassRuleOf(rule) {
  const path = typeof rule === "string" && rule.endsWith("/*") ? rule.slice(0, -1) : rule;
  if (normalisedPath(path) !== path) throw new JOSEInvalidArgument(`bypass rule "${rule}" must be a normalised path starting with "/"`);
  if (rule.endsWith("/*")) {
    const prefix = rule.slice(0, -1);
    return (path) => path.startsWith(prefix);
  }
  return (path) => path === rule;
}

// --- Helpers ----------------------------------------------------------------------------------

// No body: "Content-Length: 0" (workerd then gives an empty body stream), or neither a length nor a body.
function isPreflight(request) {
  const { headers } = request;
  const length = headers.get("content-length");
  const bodiless = length === "0" || (length === null && request.body === null);
  return request.method === "OPTIONS" && headers.has("origin") && headers.has("access-control-request-method") && bodiless &&
    !headers.has("transfer-encoding") && !METHOD_OVERRIDE.some((name) => headers.has(name));
}

// The claim headers and the payload header (the token's own payload segment: base64url of the
// exact bytes that were signed), or null / a ClaimHeaderType as addedHeadersOf says.
function addedHeaders({ claimHeaders, payloadHeader, maxAddedHeaderBytes }, payloadSegment) {
  let added;
  try {
    added = claimHeaders.length ? claimHeaderValues(claimHeaders, payloadSegment) : [];
  } catch (error) {
    if (error instanceof ClaimHeaderType) return error;
    throw error;
  }
  if (payloadHeader) added.push([payloadHeader, payloadSegment]);
  const bytes = added.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  return bytes > maxAddedHeaderBytes ? null : added;
}

// The scopes granted by `scope` and `scp`, each a space-separated string (RFC 8693 §4.2; Azure's
// `scp`) or an array of strings (Okta's `scp`).
function scopesOf(payload) {
  const scopes = new Set();
  for (const claim of ["scope", "scp"]) {
    if (!Object.hasOwn(payload, claim)) continue;
    const value = payload[claim];
    const listed = typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value : [];
    for (const scope of listed) if (typeof scope === "string" && scope !== "") scopes.add(scope);
  }
  return scopes;
}

// What a client may be told: the stable code and its fixed message, never key material or a stack.
function describe(code, error) {
  return error instanceof JOSEError ? `${code}: ${error.message}` : code;
}

function quoted(text) {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "'");
}

function jsonResponse(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}
