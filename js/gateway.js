// createGateway(config): a fetch-style handler, (Request) => Promise<Response>, that verifies
// bearer tokens before a request reaches the origin, for any runtime with Request/Response
// (workerd, Deno, Bun, Node 20). The origin's scheme, host, port and base path come from the
// configuration alone; the path is normalised once, and that string is both what the rules match
// and what the origin receives (ambiguous paths are refused). Providers (gateway/providers.js) are
// the trusted issuers; rules (gateway/rules.js) say per path and method which must vouch for a
// request. It never answers with key material or a stack trace; the headers it adds for the origin
// are always stripped from the incoming request first, so a client cannot spoof them, and every
// configured token source is stripped, so no token it did not verify reaches the origin.
//
// Each request, in order: the target (refused if ambiguous) → the operator's paths → the session
// paths → the rule → the tokens the rule's requirement reads → the session step (CSRF; an expired
// access cookie rotated at the edge: gateway/sessions.js) → the throttle → verification → grants
// → the headers for the origin → forward (with the session's Set-Cookie).
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { codeOf, forbidden, isUnavailable, json, rejected, throttled } from "./gateway/answers.js";
import { GatewayForbidden, GatewayUnknownIssuer, missingGrant, tokensFor, verifyTokens } from "./gateway/authorize.js";
import { ClaimHeaderType, headerNameOf } from "./gateway/claim-headers.js";
import { Denials } from "./gateway/denials.js";
import { NEVER_FORWARDED, incomingHeaders, isPreflight, originRequest } from "./gateway/forwarding.js";
import { Counters, scrapedFamilies } from "./gateway/metrics.js";
import { operatorEndpointsOf } from "./gateway/operator-endpoints.js";
import { booleanOf } from "./gateway/options.js";
import { JWTRevoked, PROVIDER_OPTIONS, providersOf } from "./gateway/providers.js";
import { originPrefixOf, requestTargetOf } from "./gateway/request-target.js";
import { NONE, bypassRules, ruleTableOf } from "./gateway/rules.js";
import { GatewaySessions } from "./gateway/sessions.js";
import { FailureThrottle, GatewayThrottled } from "./gateway/throttle.js";
import { VerifiedTokenCache } from "./cache/verified-tokens.js";

export { GatewayForbidden, GatewayUnknownIssuer, GatewayThrottled, JWTRevoked };
export class GatewayTokenMissing extends JOSEError { static code = "ERR_TOKEN_MISSING"; }

const GATEWAY_OPTIONS = ["providers", "rules", "origin", "bypass", "bypassPreflight", "forwardToken", "cache", "realm", "fetch",
  "maxAddedHeaderBytes", "metrics", "throttle", "denialLog", "authStatusHeader", "logger", "snapshotStore", "session"];
const CONFIG_KEYS = new Set([...GATEWAY_OPTIONS, ...PROVIDER_OPTIONS]);
const PRINTABLE = /^[\x20-\x7e]*$/;
// What the gateway may add to a request (claim and payload headers, counted as name + value + 4
// bytes each): Node's default limit for a whole request head is 16 KiB.
const MAX_ADDED_HEADER_BYTES = 8192;

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
    this.cache = config.cache === false ? null : new VerifiedTokenCache(config.cache ?? {});
    this.counters = new Counters();
    const shared = {
      api, fetch: config.fetch, logger: config.logger, store: config.snapshotStore, cache: this.cache,
      onFetch: (...event) => this.fetched(...event),
    };
    this.session = config.session === undefined ? null : new GatewaySessions(api, config.session, { ...shared, realm: this.realm, counters: this.counters });
    this.providers = providersOf(config, shared, this.session?.provider);
    if (config.bypass !== undefined && config.rules !== undefined) throw new JOSEInvalidArgument('give rules or bypass, not both (a bypass is a rule that requires "none")');
    this.rules = ruleTableOf(config.rules ?? bypassRules(config.bypass ?? []), this.providers);
    // Every provider's token sources, each once: stripped from every request, whichever rule applies.
    this.sources = [...new Map([...this.providers.values()].flatMap((provider) => provider.sources).map((source) => [source.spec, source])).values(),
      ...(this.session ? [this.session.refreshSource] : [])];
    this.authStatusHeader = headerNameOf(config.authStatusHeader ?? "x-edgejwt-auth");
    const clash = [...this.providers.values()].find((provider) => provider.addedHeaderNames.includes(this.authStatusHeader));
    if (clash) throw new JOSEInvalidArgument(`provider "${clash.name}" sets ${this.authStatusHeader}, the auth status header: rename one (authStatusHeader)`);
    // Stripped from every incoming request: the client cannot set what the gateway vouches for.
    this.removedHeaders = [...NEVER_FORWARDED, this.authStatusHeader, ...(this.session ? [this.session.loginHeader] : []),
      ...[...this.providers.values()].flatMap((provider) => provider.addedHeaderNames)];
    this.bypassPreflight = booleanOf(config.bypassPreflight, "bypassPreflight");
    this.forwardToken = booleanOf(config.forwardToken, "forwardToken");
    this.maxAddedHeaderBytes = config.maxAddedHeaderBytes ?? MAX_ADDED_HEADER_BYTES;
    if (!Number.isSafeInteger(this.maxAddedHeaderBytes) || this.maxAddedHeaderBytes < 0) {
      throw new JOSEInvalidArgument("maxAddedHeaderBytes must be a whole number of bytes");
    }
    this.throttle = config.throttle === undefined ? null : new FailureThrottle(config.throttle);
    this.denials = new Denials(api, this.counters, config.denialLog);
    this.operatorEndpoints = operatorEndpointsOf(config.metrics);
    this.operatorView = { metrics: () => this.metrics(), stats: () => this.stats(), counters: this.counters };
    this.startedAt = Date.now();
  }

  // `context` is optional: a Workers ExecutionContext (or anything with waitUntil), which keeps a
  // JWKS or revocation refresh the request started in the background alive after the response.
  handler() {
    const handle = (request, context) => this.handle(request).finally(() => this.keepRefreshing(context));
    handle.stats = () => this.stats();
    handle.metrics = () => this.metrics();
    return handle;
  }

  // Hands every refresh in flight (each provider's key set and revocation list) to the runtime's
  // waitUntil, so it outlives the response: workerd drops it otherwise.
  keepRefreshing(context) {
    if (typeof context?.waitUntil !== "function") return;
    for (const provider of this.providers.values()) {
      for (const refresh of provider.refreshing()) context.waitUntil(refresh);
    }
  }

  async handle(request) {
    const { path, query } = requestTargetOf(request.url);
    const client = this.throttle ? this.throttle.clientOf(request) : request.headers.get("cf-connecting-ip") ?? undefined;
    const context = { request, path, rule: null, client };
    if (path === null) {
      this.counters.add("edgejwt_requests_total", [""]);
      return this.deny(context, "ERR_AMBIGUOUS_PATH", json(400, { error: "invalid_request", code: "ERR_AMBIGUOUS_PATH" }));
    }
    const operatorPath = this.operatorEndpoints?.match(path);
    if (operatorPath) return this.operatorEndpoints.answer(operatorPath, request, this.operatorView);
    if (this.session) {
      const answer = await this.session.answer(request, path);
      if (answer) return answer;
    }
    const forwarded = { path, queryPairs: query?.split("&"), headers: incomingHeaders(request, this.removedHeaders) };
    for (const source of this.sources) source.strip(forwarded);
    const preflight = this.bypassPreflight && isPreflight(request);
    const rule = context.rule = preflight ? { name: "preflight", requirement: { mode: NONE } } : this.rules.match(request.method, path);
    this.counters.add("edgejwt_requests_total", [rule.name]);
    const { requirement } = rule;
    if (requirement.mode === NONE) {
      this.counters.add("edgejwt_bypassed_total", [rule.name]);
      return this.forward(context, forwarded);
    }
    let found = tokensFor(requirement, request, { path, query });
    if (this.session && requirement.providers.includes(this.session.provider)) {
      const admitted = await this.session.admit(request, path, requirement, found);
      if (admitted.response) {
        if (admitted.response.status === 401) this.throttle?.failed(client);
        return this.deny(context, admitted.code, admitted.response, { provider: this.session.provider });
      }
      ({ found, setCookies: context.setCookies } = admitted);
    }
    if (!found) {
      if (requirement.allowMissing) return this.forwardUnverified(context, forwarded, GatewayTokenMissing.code);
      const missing = new GatewayTokenMissing("no bearer token in the request");
      return this.deny(context, missing.code, rejected(this.realm, missing.code, missing, false));
    }
    const retryAfter = this.throttle?.retryAfter(context.client) ?? 0;
    if (retryAfter) return this.deny(context, GatewayThrottled.code, throttled(GatewayThrottled.code, retryAfter), { token: found[0].token });
    const outcome = await verifyTokens(this.api, found, (provider, ok) => {
      this.counters.add("edgejwt_verifications_total", [provider.name, ok ? "ok" : "failed"]);
    });
    if (outcome.error) return this.failed(context, forwarded, outcome);
    const { verified } = outcome;
    const grant = missingGrant(requirement, verified);
    if (grant) return this.forbid(context, grant.provider, grant.description, GatewayForbidden.code, verified);
    const added = this.addedHeadersOf(verified);
    if (added instanceof ClaimHeaderType) return this.forbid(context, added.provider, added.message, added.code, verified);
    if (added === null) {
      return this.deny(context, "ERR_ADDED_HEADERS_TOO_LARGE", json(431, { error: "request_header_fields_too_large", code: "ERR_ADDED_HEADERS_TOO_LARGE" }),
        { provider: verified[0].provider, verified });
    }
    for (const [name, value] of added) forwarded.headers.set(name, value);
    if (requirement.allowMissing) forwarded.headers.set(this.authStatusHeader, "verified");
    if (this.forwardToken) {
      const restored = new Set();
      for (const { source, token } of verified) if (!restored.has(source.spec) && restored.add(source.spec)) source.restore(forwarded, token);
    }
    this.counters.add("edgejwt_allowed_total", [rule.name, verified.map(({ provider }) => provider.name).join("+")]);
    return this.forward(context, forwarded);
  }

  // A token that failed (or could not be judged): 401 or 503, or forwarded without it on an
  // allowFailed route. A failure that says something about the token spends the client's budget.
  failed(context, forwarded, { error, provider, token }) {
    const code = codeOf(error);
    if (error instanceof JWTRevoked) this.counters.add("edgejwt_revoked_total", [provider.name, error.reason]);
    if (!isUnavailable(code)) this.throttle?.failed(context.client);
    if (context.rule.requirement.allowFailed) return this.forwardUnverified(context, forwarded, code);
    return this.deny(context, code, rejected(this.realm, code, error, true), { provider, token, claims: error.claims });
  }

  forwardUnverified(context, forwarded, code) {
    this.counters.add("edgejwt_forwarded_unverified_total", [context.rule.name, code]);
    forwarded.headers.set(this.authStatusHeader, code);
    return this.forward(context, forwarded);
  }

  forbid(context, provider, description, code, verified) {
    return this.deny(context, code, forbidden(this.realm, description, code), { provider, verified });
  }

  deny(context, code, response, about) {
    return this.denials.record(context, code, response, about);
  }

  // The verified providers' claim and payload headers together; a ClaimHeaderType (with its
  // provider) when a claim does not fit its header; null over maxAddedHeaderBytes.
  addedHeadersOf(verified) {
    const added = [];
    for (const { provider, result, token } of verified) {
      const headers = provider.addedHeadersOf(result, token);
      if (headers instanceof ClaimHeaderType) return Object.assign(headers, { provider });
      added.push(...headers);
    }
    const bytes = added.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
    return bytes > this.maxAddedHeaderBytes ? null : added;
  }

  // The origin request: the configured origin's text, the normalised path, the query as received
  // minus the token parameters; 502 when the origin cannot be reached. With sessions, the answer
  // carries the cookies of a rotation or a login (sessions.js).
  async forward({ request, path, setCookies }, forwarded) {
    let response;
    try {
      response = await this.fetch(originRequest(this.originPrefix, request, forwarded));
    } catch {
      this.counters.add("edgejwt_origin_errors_total");
      return json(502, { error: "bad_gateway", code: "ERR_ORIGIN_UNREACHABLE" });
    }
    return this.session ? this.session.finish(request, path, response, setCookies) : response;
  }

  // A provider's key set or revocation list was fetched, or given up (the remote document's onFetch).
  fetched(provider, document, { ok }) {
    this.counters.add(`edgejwt_${document}_fetches_total`, [provider.name, ok ? "ok" : "failed"]);
  }

  metrics() {
    return this.counters.exposition(scrapedFamilies(this));
  }

  stats() {
    const { counters } = this;
    const providers = Object.fromEntries([...this.providers].map(([name, provider]) => [name, provider.stats()]));
    const [only] = this.providers.size === 1 ? Object.values(providers) : [{ jwks: null, revocation: null }];
    return {
      requests: counters.sum("edgejwt_requests_total"), allowed: counters.sum("edgejwt_allowed_total"),
      bypassed: counters.sum("edgejwt_bypassed_total"), unverified: counters.sum("edgejwt_forwarded_unverified_total"),
      ...this.denials.totals, revoked: counters.sum("edgejwt_revoked_total"), originErrors: counters.sum("edgejwt_origin_errors_total"),
      rejections: counters.totalsBy("edgejwt_denied_total", "code"),
      cache: this.cache ? this.cache.stats() : null, throttle: this.throttle ? this.throttle.stats() : null,
      jwks: only.jwks, revocation: only.revocation, providers,
    };
  }
}
