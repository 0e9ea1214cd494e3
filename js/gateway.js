// createGateway(config): a fetch-style handler, (Request) => Promise<Response>, that verifies a
// bearer token before a request reaches the origin, for any runtime with Request/Response (workerd,
// Deno, Bun, Node 20). It never answers with key material or a stack trace, and the headers it
// adds for the origin are always stripped from the incoming request first, so a client cannot
// spoof them.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { VerifiedTokenCache } from "./token-cache.js";
import { base64url, definedOnly } from "./util.js";

const CONFIG_KEYS = new Set([
  "jwksUrl", "jwks", "key", "pem", "secret", "issuer", "audience", "subject", "algorithms", "typ", "clockTolerance",
  "maxTokenAge", "requiredClaims", "requiredScopes", "tokenSources", "origin", "claimHeaders", "payloadHeader",
  "bypass", "bypassPreflight", "forwardToken", "revocation", "cacheMaxAge", "cooldownDuration", "timeoutDuration",
  "cache", "realm", "fetch", "jwksSeed", "minCacheMaxAge", "jwksMaxStale", "jwksMaxResponseSize", "logger",
]);
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];
const TOKEN_SOURCE = /^(header:authorization|cookie:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|query:[^&=#]+)$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
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
    this.origin = originOf(config.origin);
    this.fetch = config.fetch ?? ((request) => globalThis.fetch(request));
    this.tokenSources = (config.tokenSources ?? ["header:authorization"]).map(tokenSourceOf);
    this.claimHeaders = Object.entries(config.claimHeaders ?? {}).map(([header, path]) => [headerNameOf(header), path.split(".")]);
    this.payloadHeader = config.payloadHeader === undefined ? null : headerNameOf(config.payloadHeader);
    this.bypass = (config.bypass ?? []).map(bypassRuleOf);
    this.bypassPreflight = config.bypassPreflight ?? true;
    this.forwardToken = config.forwardToken ?? false;
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
    this.counters = { requests: 0, allowed: 0, bypassed: 0, rejected: 0, forbidden: 0, revoked: 0, originErrors: 0 };
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
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    for (const [name] of this.claimHeaders) headers.delete(name);
    if (this.payloadHeader) headers.delete(this.payloadHeader);
    if (this.isBypassed(request, url)) {
      this.counters.bypassed++;
      return this.forward(request, url, headers);
    }
    const found = this.findToken(request, url, headers);
    if (!found) return this.reject(new GatewayTokenMissing("no bearer token in the request"), false);
    let payload;
    try {
      ({ payload } = await this.api.verifyAsync(found.token, this.keys, this.verifyOptions));
      if (this.revocation) await this.checkRevocation(payload);
    } catch (error) {
      return this.reject(error, true);
    }
    const missing = this.missingGrant(payload);
    if (missing) return this.forbid(missing);
    this.counters.allowed++;
    for (const [name, path] of this.claimHeaders) {
      const value = headerValueOf(valueAt(payload, path));
      if (value !== undefined) headers.set(name, value);
    }
    if (this.payloadHeader) headers.set(this.payloadHeader, base64url(JSON.stringify(payload)));
    return this.forward(request, url, headers);
  }

  isBypassed(request, url) {
    if (this.bypassPreflight && request.method === "OPTIONS" && request.headers.has("access-control-request-method")) return true;
    return this.bypass.some((rule) => rule(url.pathname));
  }

  // The first token found, in the configured order; the token is removed from what the origin
  // receives unless forwardToken is set.
  findToken(request, url, headers) {
    for (const source of this.tokenSources) {
      const token = source.read(request, url);
      if (token === undefined) continue;
      if (!this.forwardToken) source.strip(headers, url);
      return { token };
    }
    return null;
  }

  async checkRevocation(payload) {
    const reason = await this.revocation.reasonRevoked(payload);
    if (reason) {
      this.counters.revoked++;
      throw new JWTRevoked(`the token has been revoked (${reason})`);
    }
  }

  // A valid token that lacks a required claim or scope: 403, not 401 (RFC 6750 §3.1).
  missingGrant(payload) {
    for (const claim of this.requiredClaims) if (payload[claim] === undefined) return `claim "${claim}"`;
    if (this.requiredScopes.length === 0) return null;
    const granted = scopesOf(payload);
    for (const scope of this.requiredScopes) if (!granted.has(scope)) return `scope "${scope}"`;
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

  forbid(missing) {
    this.counters.forbidden++;
    const code = GatewayForbidden.code;
    this.rejections[code] = (this.rejections[code] ?? 0) + 1;
    const challenge = `Bearer realm="${this.realm}", error="insufficient_scope", error_description="${quoted(`missing ${missing}`)}"`;
    return jsonResponse(403, { error: "insufficient_scope", code }, { "www-authenticate": challenge });
  }

  async forward(request, url, headers) {
    for (const name of HOP_BY_HOP) headers.delete(name);
    const target = new URL(url.pathname + url.search, this.origin);
    const init = { method: request.method, headers, redirect: "manual" };
    if (request.method !== "GET" && request.method !== "HEAD") {
      init.body = request.body;
      init.duplex = "half";
    }
    try {
      return await this.fetch(new Request(target, init));
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

function originOf(origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    throw new JOSEInvalidArgument("origin must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new JOSEInvalidArgument("origin must be an http(s) URL");
  return url;
}

function headerNameOf(name) {
  if (typeof name !== "string" || !HEADER_NAME.test(name)) throw new JOSEInvalidArgument(`"${name}" is not a header name`);
  return name.toLowerCase();
}

// "header:authorization" (Bearer), "cookie:NAME" or "query:NAME".
function tokenSourceOf(spec) {
  if (typeof spec !== "string" || !TOKEN_SOURCE.test(spec)) {
    throw new JOSEInvalidArgument(`token source "${spec}" is not header:authorization, cookie:NAME or query:NAME`);
  }
  const [kind, name] = [spec.slice(0, spec.indexOf(":")), spec.slice(spec.indexOf(":") + 1)];
  if (kind === "header") {
    return {
      read: (request) => /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(request.headers.get("authorization") ?? "")?.[1],
      strip: (headers) => headers.delete("authorization"),
    };
  }
  if (kind === "cookie") {
    return {
      read: (request) => cookiesOf(request.headers.get("cookie")).get(name),
      strip: (headers) => {
        const rest = [...cookiesOf(headers.get("cookie"))].filter(([cookie]) => cookie !== name);
        if (rest.length) headers.set("cookie", rest.map(([cookie, value]) => `${cookie}=${value}`).join("; "));
        else headers.delete("cookie");
      },
    };
  }
  return {
    read: (request, url) => url.searchParams.get(name) ?? undefined,
    strip: (headers, url) => url.searchParams.delete(name),
  };
}

// "/health" matches that path; "/public/*" matches everything under /public/.
function bypassRuleOf(rule) {
  if (typeof rule !== "string" || !rule.startsWith("/")) throw new JOSEInvalidArgument(`bypass rule "${rule}" must start with "/"`);
  if (rule.endsWith("/*")) {
    const prefix = rule.slice(0, -1);
    return (path) => path.startsWith(prefix);
  }
  return (path) => path === rule;
}

// --- Helpers ----------------------------------------------------------------------------------

function cookiesOf(header) {
  const cookies = new Map();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

function valueAt(object, path) {
  let value = object;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment];
  }
  return value;
}

// Header values must be printable ASCII: other strings are percent-encoded, objects sent as JSON.
function headerValueOf(value) {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return PRINTABLE.test(text) ? text : encodeURIComponent(text);
}

function scopesOf(payload) {
  const scopes = new Set();
  if (typeof payload.scope === "string") for (const scope of payload.scope.split(" ")) if (scope) scopes.add(scope);
  if (Array.isArray(payload.scp)) for (const scope of payload.scp) if (typeof scope === "string") scopes.add(scope);
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
