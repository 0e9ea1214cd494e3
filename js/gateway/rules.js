// The rule table: an ordered list of { name, match: { path | prefix | pattern, methods }, requires };
// the first rule whose match holds decides; when none does, the default rule: a token of any
// provider (routed by its "iss"), or, when the last rule matches every request, that rule.
//
// requires (what a request must carry to be forwarded):
//   "none"                                  nothing: the bypass (every token source is still stripped)
//   "<provider>"                            a valid token of that provider
//   { provider, scopes?, allowMissing?, allowFailed? }
//   { anyOf: ["<provider>", …], scopes?, allowMissing?, allowFailed? }
//                                           a valid token of one of them, chosen by its "iss"
//   { allOf: ["<provider>", …], scopes? }   a valid token of each (each from its own sources)
// scopes: each must be granted (scope/scp) by a verified token of the rule. allowMissing: a
// request without a token is forwarded, without claim headers, the origin told why in the auth
// status header; allowFailed: so is one whose token fails verification (never one over its
// throttling budget, nor one whose valid token lacks a scope or claim).
//
// methods: HTTP methods the rule is limited to, matched without regard to case (so "delete" is
// DELETE, as frameworks that upper-case methods would read it); "GET" also matches HEAD, which
// servers answer with their GET handler.
import { JOSEInvalidArgument } from "../errors.js";
import { HEADER_NAME } from "./claim-headers.js";
import { booleanOf, unknownKeys } from "./options.js";
import { pathMatcherOf } from "./path-match.js";

export const NONE = "none";
const RULE_NAME = /^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/; // printable ASCII but quotes and "\": a metric label and a log field
const RESERVED_NAMES = new Set(["default", "preflight"]);

// A requirement: which providers a request must satisfy, and how. `providers` are Provider objects.
export class Requirement {
  constructor({ mode, providers = [], scopes = [], allowMissing = false, allowFailed = false }) {
    Object.assign(this, { mode, providers, scopes, allowMissing: allowMissing || allowFailed, allowFailed });
    // The sources a token may come from, in order, each once: the providers' own, first provider
    // first; and for each, the providers that read it (a token found there is theirs to judge).
    this.sources = [...new Map(providers.flatMap((provider) => provider.sources).map((source) => [source.spec, source])).values()];
    this.candidates = new Map(this.sources.map(({ spec }) => [spec, providers.filter((provider) => provider.sources.some((source) => source.spec === spec))]));
  }
}

// The rule table for `rules` (the config's array) over `providers` (name → Provider).
export function ruleTableOf(rules, providers) {
  if (!Array.isArray(rules)) throw new JOSEInvalidArgument("rules must be an array");
  const table = rules.map((rule, index) => ruleOf(rule, index, providers));
  const names = new Set();
  for (const { name } of table) {
    if (names.has(name)) throw new JOSEInvalidArgument(`two rules are named "${name}"`);
    names.add(name);
  }
  const last = table.at(-1);
  const catchAll = last !== undefined && last.methods === null && last.matchesEveryPath;
  const fallback = catchAll ? null : { name: "default", requirement: anyOfEvery(providers, "the default rule (no rule matched)") };
  return {
    // The rule for a request: its method and its normalised path.
    match(method, path) {
      const upper = method.toUpperCase();
      for (const rule of table) {
        if ((rule.methods === null || rule.methods.has(upper)) && rule.matches(path)) return rule;
      }
      return fallback;
    },
    names: [...names, ...(fallback ? [fallback.name] : [])],
  };
}

function ruleOf(rule, index, providers) {
  const where = `rules[${index}]`;
  if (typeof rule !== "object" || rule === null) throw new JOSEInvalidArgument(`${where} must be an object`);
  unknownKeys(rule, ["name", "match", "requires"], where);
  const name = rule.name ?? String(index);
  if (typeof name !== "string" || !RULE_NAME.test(name) || RESERVED_NAMES.has(name)) {
    throw new JOSEInvalidArgument(`${where}.name must be 1 to 256 printable ASCII characters without quotes or "\\", and not default or preflight`);
  }
  const { match } = rule;
  if (typeof match !== "object" || match === null) throw new JOSEInvalidArgument(`${where}.match must be an object`);
  unknownKeys(match, ["path", "prefix", "pattern", "methods"], `${where}.match`);
  const matches = pathMatcherOf(match, `${where}.match`);
  return {
    name, matches, methods: methodsOf(match.methods, `${where}.match.methods`),
    matchesEveryPath: match.prefix === "/" || match.pattern === "/**",
    requirement: requirementOf(rule.requires, providers, `${where}.requires`),
  };
}

function methodsOf(methods, where) {
  if (methods === undefined) return null;
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((method) => typeof method === "string" && HEADER_NAME.test(method))) {
    throw new JOSEInvalidArgument(`${where} must be a non-empty array of HTTP methods`);
  }
  const set = new Set(methods.map((method) => method.toUpperCase()));
  if (set.has("GET")) set.add("HEAD");
  return set;
}

function requirementOf(requires, providers, where) {
  if (requires === NONE) return new Requirement({ mode: NONE });
  if (typeof requires === "string") return new Requirement({ mode: "anyOf", providers: [providerNamed(providers, requires, where)] });
  if (typeof requires !== "object" || requires === null || Array.isArray(requires)) {
    throw new JOSEInvalidArgument(`${where} must be "none", a provider name, or { provider | anyOf | allOf, scopes, allowMissing, allowFailed }`);
  }
  unknownKeys(requires, ["provider", "anyOf", "allOf", "scopes", "allowMissing", "allowFailed"], where);
  const forms = ["provider", "anyOf", "allOf"].filter((form) => requires[form] !== undefined);
  if (forms.length !== 1) throw new JOSEInvalidArgument(`${where}: give exactly one of provider, anyOf or allOf`);
  const [form] = forms;
  const names = form === "provider" ? [requires.provider] : requires[form];
  if (!Array.isArray(names) || names.length === 0) throw new JOSEInvalidArgument(`${where}.${form} must name at least one provider`);
  const listed = names.map((name) => providerNamed(providers, name, `${where}.${form}`));
  if (new Set(listed).size !== listed.length) throw new JOSEInvalidArgument(`${where}.${form} names a provider twice`);
  const scopes = requires.scopes ?? [];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === "string" && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw new JOSEInvalidArgument(`${where}.scopes must be an array of scope names (RFC 6749 §3.3)`);
  }
  const allowMissing = booleanOf(requires.allowMissing, `${where}.allowMissing`);
  const allowFailed = booleanOf(requires.allowFailed, `${where}.allowFailed`);
  if (form === "allOf") {
    if (allowMissing || allowFailed) throw new JOSEInvalidArgument(`${where}: allOf takes neither allowMissing nor allowFailed`);
    claimHeadersApart(listed, where);
    return new Requirement({ mode: "allOf", providers: listed, scopes });
  }
  issuersApart(listed, where);
  return new Requirement({ mode: "anyOf", providers: listed, scopes, allowMissing, allowFailed });
}

// Every provider, one token routed by "iss": what a request no rule matches must carry.
function anyOfEvery(providers, where) {
  const every = [...providers.values()];
  issuersApart(every, where);
  return new Requirement({ mode: "anyOf", providers: every });
}

// A token is routed to one of several providers by its "iss" alone: each must name its issuers,
// and no issuer may belong to two of them (the gateway could not tell which policy applies).
function issuersApart(providers, where) {
  if (providers.length < 2) return;
  const owner = new Map();
  for (const provider of providers) {
    if (provider.issuers.length === 0) {
      throw new JOSEInvalidArgument(`${where}: provider "${provider.name}" has no issuer, so no token can be routed to it among several`);
    }
    for (const issuer of provider.issuers) {
      if (owner.has(issuer)) {
        throw new JOSEInvalidArgument(`${where}: providers "${owner.get(issuer)}" and "${provider.name}" share the issuer "${issuer}"; a token could not be routed (add a rule naming one)`);
      }
      owner.set(issuer, provider.name);
    }
  }
}

// Under allOf every provider's claim headers are added: no two may set the same header.
function claimHeadersApart(providers, where) {
  const owner = new Map();
  for (const provider of providers) {
    for (const name of provider.addedHeaderNames) {
      if (owner.has(name)) throw new JOSEInvalidArgument(`${where}: providers "${owner.get(name)}" and "${provider.name}" both set the header ${name}`);
      owner.set(name, provider.name);
    }
  }
}

function providerNamed(providers, name, where) {
  const provider = typeof name === "string" ? providers.get(name) : undefined;
  if (!provider) throw new JOSEInvalidArgument(`${where}: no provider is named "${name}"`);
  return provider;
}

// The single-provider config's `bypass` list as rules: "/health" is that path, "/public/*"
// everything under /public/.
export function bypassRules(bypass) {
  if (!Array.isArray(bypass)) throw new JOSEInvalidArgument("bypass must be an array of paths");
  return [...new Set(bypass)].map((entry) => ({
    name: String(entry),
    match: typeof entry === "string" && entry.endsWith("/*") ? { prefix: entry.slice(0, -1) } : { path: entry },
    requires: NONE,
  }));
}
