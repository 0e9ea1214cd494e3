// Providers: the issuers the gateway trusts, each with its own key source object (a remote or
// local JWK Set, a key), its verify options, revocation list, token sources, claim headers and
// grants. `providers: { name: { … } }` names several; the single-provider options at the top of
// the config are the one provider "default". A provider owns what it verifies with, so what
// persists or refreshes a key set later works on the provider alone.
import { JOSEError, JOSEInvalidArgument } from "../errors.js";
import { base64url, definedOnly } from "../util.js";
import { ClaimHeaderType, claimHeadersOf, claimHeaderValues, headerNameOf } from "./claim-headers.js";
import { Decryption, GatewayEncryptedTokenRefused, isCompactJWE } from "./decryption.js";
import { unknownKeys } from "./options.js";
import { tokenSourceOf } from "./token-sources.js";

export class JWTRevoked extends JOSEError { static code = "ERR_JWT_REVOKED"; }

// What a provider is configured by; at the top of a config without `providers`, they make "default".
export const PROVIDER_OPTIONS = [
  "jwksUrl", "jwks", "key", "pem", "secret", "jwksSeed", "issuer", "audience", "subject", "algorithms", "typ",
  "clockTolerance", "maxTokenAge", "requiredClaims", "requiredScopes", "tokenSources", "claimHeaders", "payloadHeader",
  "revocation", "cacheMaxAge", "cooldownDuration", "timeoutDuration", "minCacheMaxAge", "jwksMaxStale", "jwksMaxResponseSize",
  "refreshAhead", "decryption",
];
const PROVIDER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY_SOURCES = ["jwksUrl", "jwks", "key", "pem", "secret"];

// name → Provider. `shared`: { api, fetch, logger, store (the snapshot store, or undefined), cache (a
// VerifiedTokenCache or null), onFetch(provider, document, event) }. `session`: the provider of the
// gateway's cookie sessions (sessions.js), last; with it, a config may have no other provider.
export function providersOf(config, shared, session) {
  const named = configuredProviders(config, shared);
  if (!session) return named;
  if (named.has(session.name)) throw new JOSEInvalidArgument(`the provider name "${session.name}" is the cookie session's: rename it`);
  return new Map([...named, [session.name, session]]);
}

function configuredProviders(config, shared) {
  if (config.providers === undefined) {
    if (config.session !== undefined && !PROVIDER_OPTIONS.some((option) => config[option] !== undefined)) return new Map();
    return new Map([["default", new Provider("default", definedOnly(Object.fromEntries(PROVIDER_OPTIONS.map((name) => [name, config[name]]))), shared)]]);
  }
  const stray = PROVIDER_OPTIONS.filter((name) => config[name] !== undefined);
  if (stray.length) throw new JOSEInvalidArgument(`with providers, ${stray.join(", ")} belong in a provider`);
  const { providers } = config;
  if (typeof providers !== "object" || providers === null || Array.isArray(providers) || Object.keys(providers).length === 0) {
    throw new JOSEInvalidArgument("providers must be an object of at least one name → provider options");
  }
  return new Map(Object.entries(providers).map(([name, options]) => {
    if (!PROVIDER_NAME.test(name) || name === "none") {
      throw new JOSEInvalidArgument(`provider name "${name}" must be 1 to 64 of A-Z a-z 0-9 _ . - and not "none"`);
    }
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument(`providers.${name} must be an object`);
    unknownKeys(options, PROVIDER_OPTIONS, `providers.${name}`);
    return [name, new Provider(name, options, shared)];
  }));
}

export class Provider {
  constructor(name, config, { api, fetch, logger, store, cache, onFetch }) {
    this.name = name;
    this.api = api;
    const issuer = config.issuer ?? [];
    this.issuers = Array.isArray(issuer) ? issuer : [issuer];
    if (!this.issuers.every((item) => typeof item === "string" && item !== "")) {
      throw new JOSEInvalidArgument(`providers.${name}.issuer must be a string or an array of strings`);
    }
    this.sources = (config.tokenSources ?? ["header:authorization"]).map(tokenSourceOf);
    this.claimHeaders = claimHeadersOf(config.claimHeaders);
    this.payloadHeader = config.payloadHeader === undefined ? null : headerNameOf(config.payloadHeader);
    this.addedHeaderNames = [...this.claimHeaders.map((header) => header.name), ...(this.payloadHeader ? [this.payloadHeader] : [])];
    this.requiredClaims = config.requiredClaims ?? [];
    this.requiredScopes = config.requiredScopes ?? [];
    // The headers a verified result adds, worked out once per result: the verified-token cache
    // hands back the same frozen result on every hit.
    this.addedHeaders = new WeakMap();
    // One options object for every request: the library remembers its policy by identity.
    this.verifyOptions = definedOnly({
      issuer: config.issuer, audience: config.audience, subject: config.subject, algorithms: config.algorithms,
      typ: config.typ, clockTolerance: config.clockTolerance, maxTokenAge: config.maxTokenAge, cache: cache ?? undefined,
    });
    // What the JWKS and the revocation list fetches share (the snapshot store too: each document
    // is stored under its own kind and URL); the list's own limits (maxEntries, maxResponseSize,
    // maxStale) are members of `revocation: { url, … }`, the key set's are jwks*.
    const fetchOptions = (document) => definedOnly({
      cacheMaxAge: config.cacheMaxAge, cooldownDuration: config.cooldownDuration, timeoutDuration: config.timeoutDuration,
      minCacheMaxAge: config.minCacheMaxAge, refreshAhead: config.refreshAhead, fetch, logger, store,
      onFetch: onFetch && ((event) => onFetch(this, document, event)),
    });
    const jwksOptions = definedOnly({
      ...fetchOptions("jwks"), maxStale: config.jwksMaxStale, maxResponseSize: config.jwksMaxResponseSize, seed: config.jwksSeed,
    });
    this.keys = keySourceOf(api, config, jwksOptions, name);
    this.revocation = config.revocation ? api.createRevocationList(config.revocation, fetchOptions("revocation")) : null;
    // An encrypted-only JWT's claims are checked under the verify options of the claims (not those of a JWS).
    const { cache: _cache, algorithms: _algorithms, ...claimOptions } = this.verifyOptions;
    this.decryption = config.decryption === undefined ? null
      : new Decryption(api, config.decryption, `providers.${name}.decryption`, claimOptions);
  }

  // The fetches in flight for this provider's key set and revocation list (promises that never
  // reject), for a runtime's waitUntil.
  refreshing() {
    return [this.keys, this.revocation].map((source) => source?.refreshing?.()).filter(Boolean);
  }

  // The verified result for `token` (a JOSEError when it fails, JWTRevoked when it is revoked).
  async verify(token) {
    const result = isCompactJWE(token) ? await this.open(token) : await this.api.verifyAsync(token, this.keys, this.verifyOptions);
    if (this.revocation) {
      const reason = await this.revocation.reasonRevoked(result.payload);
      if (reason) {
        const { sub, jti } = result.payload; // for the denial log: the claims of a token that verified
        throw Object.assign(new JWTRevoked(`the token has been revoked (${reason})`, { detail: reason }), { claims: { sub, jti } });
      }
    }
    return result;
  }

  // An encrypted token (decryption.js): its inner JWS verified as a plain token is, or its claims
  // checked under the same options; its claim headers are those of the verified claims.
  open(token) {
    if (!this.decryption) throw new GatewayEncryptedTokenRefused(`provider "${this.name}" does not accept encrypted tokens`);
    return this.decryption.open(token, {
      verifyInner: (jws) => this.api.verifyAsync(jws, this.keys, this.verifyOptions),
      payloadOf: (result, segment) => {
        if (!this.addedHeaders.has(result)) this.addedHeaders.set(result, this.computeAddedHeaders(segment));
      },
    });
  }

  // A valid token that lacks a required claim or scope: what is missing, else null. Only the
  // payload's own members count ("constructor" is not a claim of every token).
  missingGrant(payload) {
    for (const claim of this.requiredClaims) if (!Object.hasOwn(payload, claim)) return `missing claim "${claim}"`;
    const granted = this.requiredScopes.length ? scopesOf(payload) : null;
    for (const scope of this.requiredScopes) if (!granted.has(scope)) return `missing scope "${scope}"`;
    return null;
  }

  // [[name, value]] of the claim and payload headers for a verified result, or a ClaimHeaderType
  // when a claim does not fit its header's encoding.
  addedHeadersOf(result, token) {
    let added = this.addedHeaders.get(result);
    if (added === undefined) {
      added = this.computeAddedHeaders(token.split(".")[1]);
      this.addedHeaders.set(result, added);
    }
    return added;
  }

  // The claim headers and the payload header (the token's own payload segment: base64url of the
  // exact bytes that were signed).
  computeAddedHeaders(payloadSegment) {
    let added;
    try {
      added = this.claimHeaders.length ? claimHeaderValues(this.claimHeaders, payloadSegment) : [];
    } catch (error) {
      if (error instanceof ClaimHeaderType) return error;
      throw error;
    }
    if (this.payloadHeader) added.push([this.payloadHeader, payloadSegment]);
    return added;
  }

  stats() {
    return {
      jwks: typeof this.keys.stats === "function" ? this.keys.stats() : null,
      revocation: this.revocation ? this.revocation.stats() : null,
    };
  }
}

// The scopes granted by `scope` and `scp`, each a space-separated string (RFC 8693 §4.2; Azure's
// `scp`) or an array of strings (Okta's `scp`).
export function scopesOf(payload) {
  const scopes = new Set();
  for (const claim of ["scope", "scp"]) {
    if (!Object.hasOwn(payload, claim)) continue;
    const value = payload[claim];
    const listed = typeof value === "string" ? value.split(" ") : Array.isArray(value) ? value : [];
    for (const scope of listed) if (typeof scope === "string" && scope !== "") scopes.add(scope);
  }
  return scopes;
}

function keySourceOf(api, config, jwksOptions, name) {
  const given = KEY_SOURCES.filter((option) => config[option] !== undefined);
  const where = name === "default" ? "" : ` for provider "${name}"`;
  if (given.length !== 1) throw new JOSEInvalidArgument(`give exactly one key source${where}: jwksUrl, jwks, key, pem or secret`);
  if (config.jwksUrl) return api.createRemoteJWKSet(config.jwksUrl, jwksOptions);
  if (config.jwks) return api.createLocalJWKSet(config.jwks);
  if (config.pem) return api.importPEM(config.pem);
  if (config.secret) {
    if (!(config.secret instanceof Uint8Array)) throw new JOSEInvalidArgument(`secret${where} must be a Uint8Array`);
    return api.importJWK({ kty: "oct", k: base64url(config.secret) });
  }
  return config.key;
}
