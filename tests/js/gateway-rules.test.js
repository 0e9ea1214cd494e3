// The gateway's rule engine (js/gateway/rules.js, path-match.js), table-driven: what each `match`
// form matches, what a configuration may not say, which rule decides a request, and random hostile
// paths (fixed seed) against patterns, compared with an independent reading of the grammar.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { pathMatcherOf } from "../../js/gateway/path-match.js";
import { normalisedPath } from "../../js/gateway/request-target.js";
import { ruleTableOf } from "../../js/gateway/rules.js";
import { tokenSourceOf } from "../../js/gateway/token-sources.js";
import { hostilePath, random } from "../support/gateway.js";

// Just what the rule table reads of a provider.
const provider = (name, { issuers = [`https://${name}.example`], sources = ["header:authorization"], headers = [] } = {}) => ({
  name, issuers, sources: sources.map(tokenSourceOf), addedHeaderNames: headers,
});
const providersOf = (...list) => new Map(list.map((item) => [item.name, item]));

describe("match forms", () => {
  const cases = [
    // [match, path, matches]
    [{ path: "/health" }, "/health", true],
    [{ path: "/health" }, "/health/", false],
    [{ path: "/health" }, "/healthz", false],
    [{ path: "/health" }, "/Health", false],
    [{ prefix: "/api" }, "/api", true],
    [{ prefix: "/api" }, "/api/", true],
    [{ prefix: "/api" }, "/api/v1/x", true],
    [{ prefix: "/api" }, "/apiary", false],
    [{ prefix: "/api" }, "/ap", false],
    [{ prefix: "/api/" }, "/api", false],
    [{ prefix: "/api/" }, "/api/", true],
    [{ prefix: "/api/" }, "/api/x", true],
    [{ prefix: "/" }, "/", true],
    [{ prefix: "/" }, "/anything/at/all", true],
    [{ pattern: "/users/*/profile" }, "/users/42/profile", true],
    [{ pattern: "/users/*/profile" }, "/users/42/profile/", false],
    [{ pattern: "/users/*/profile" }, "/users/42/43/profile", false],
    [{ pattern: "/users/*/profile" }, "/users/profile", false],
    [{ pattern: "/users/*" }, "/users/", false],
    [{ pattern: "/users/*" }, "/users/x", true],
    [{ pattern: "/files/**/raw" }, "/files/raw", true],
    [{ pattern: "/files/**/raw" }, "/files/a/b/c/raw", true],
    [{ pattern: "/files/**/raw" }, "/files/a/b/c/raw/x", false],
    [{ pattern: "/files/**/raw" }, "/files/rawx", false],
    [{ pattern: "/api/**" }, "/api", true],
    [{ pattern: "/api/**" }, "/api/", true],
    [{ pattern: "/api/**" }, "/api/x/y", true],
    [{ pattern: "/api/**" }, "/apix", false],
    [{ pattern: "/**" }, "/", true],
    [{ pattern: "/**/health" }, "/health", true],
    [{ pattern: "/**/health" }, "/a/b/health", true],
    [{ pattern: "/**/health" }, "/a/b/healthy", false],
    [{ pattern: "/*/admin/**" }, "/t1/admin", true],
    [{ pattern: "/*/admin/**" }, "/admin", false],
    [{ pattern: "/a%20b/*" }, "/a%20b/x", true],
    [{ pattern: "/%C3%A9/*" }, "/%C3%A9/x", true],
    // No regular expressions: what looks like one is a literal segment.
    [{ pattern: "/(a+)+" }, "/(a+)+", true],
    [{ pattern: "/(a+)+" }, "/aaaa", false],
    [{ prefix: "/a.b" }, "/aXb", false],
  ];
  for (const [match, path, expected] of cases) {
    it(`${JSON.stringify(match)} ${expected ? "matches" : "does not match"} ${path}`, () => {
      assert.equal(normalisedPath(path), path, "the table's paths are normalised, as every path the engine sees");
      assert.equal(pathMatcherOf(match, "match")(path), expected);
    });
  }

  it("refuses what is not a normalised path, a whole-segment wildcard or one form", () => {
    const refused = [
      {}, { path: "/a", prefix: "/a" }, { path: "a" }, { prefix: "/a/../b" }, { prefix: "/a//b" }, { path: "/a;b" },
      { path: "/%41" }, { path: "/a%2fb" }, { prefix: "/a%2E%2E" }, { path: 7 }, { pattern: "users/*" },
      { pattern: "/a/**/b/**" }, { pattern: "/a*" }, { pattern: "/*.css" }, { pattern: "/a/***" },
      { pattern: "/a/../*" }, { pattern: "/a//*" }, { pattern: "/a/%2F/*" }, { pattern: "/\u00e9/*" }, { pattern: "/a\\b" },
    ];
    for (const match of refused) assert.throws(() => pathMatcherOf(match, "match"), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(match));
  });
});

describe("random hostile paths against patterns (seed 0x9a77e2)", () => {
  // The grammar read independently: literal segments, "*" one non-empty segment, "**" any run of
  // segments (the slash before it included).
  const oracle = (pattern) => new RegExp(`^${pattern.split("/").slice(1).map((segment) => {
    if (segment === "**") return "(?:/[^/]*)*";
    if (segment === "*") return "/[^/]+";
    return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  }).join("")}$`);
  const PATTERNS = ["/public/**", "/*/admin", "/api/*/x/**", "/**/health", "/%C3%A9/*", "/a%20b/**", "/public/*", "/**", "/*/*/*",
    "/evil.example/**", "/~/*", "/!$&'()+,=/**", "/health"];

  it("matches what the grammar says on 20,000 paths, and only ever sees normalised ones", () => {
    const matchers = PATTERNS.map((pattern) => [pattern, pathMatcherOf({ pattern }, "match"), oracle(pattern)]);
    const next = random(0x9a77e2);
    const seen = { refused: 0, matched: 0, unmatched: 0 };
    for (let index = 0; index < 20_000; index++) {
      const raw = hostilePath(next);
      const path = normalisedPath(raw);
      if (path === null) {
        seen.refused++;
        continue;
      }
      assert.equal(normalisedPath(path), path, `${raw}: normal form is stable`);
      for (const [pattern, matches, expected] of matchers) {
        const got = matches(path);
        assert.equal(got, expected.test(path), `pattern ${pattern}, path ${JSON.stringify(path)} (raw ${JSON.stringify(raw)}, index ${index})`);
        seen[got ? "matched" : "unmatched"]++;
      }
    }
    for (const [outcome, count] of Object.entries(seen)) assert.ok(count > 100, `${outcome}: ${JSON.stringify(seen)}`);
  });
});

describe("the rule table", () => {
  const users = provider("users", { sources: ["header:authorization", "cookie:session"], headers: ["x-user-id"] });
  const partners = provider("partners", { headers: ["x-partner-id"] });
  const providers = providersOf(users, partners);
  const table = ruleTableOf([
    { name: "public", match: { prefix: "/public" }, requires: "none" },
    { name: "admin-write", match: { prefix: "/admin", methods: ["post", "DELETE"] }, requires: { provider: "users", scopes: ["admin"] } },
    { name: "admin-read", match: { prefix: "/admin", methods: ["GET"] }, requires: "users" },
    { name: "feed", match: { pattern: "/feed/**" }, requires: { anyOf: ["users", "partners"], allowMissing: true } },
    { name: "both", match: { path: "/both" }, requires: { allOf: ["users", "partners"] } },
  ], providers);

  const cases = [
    // [method, path, rule name, mode, provider names]
    ["GET", "/public/x", "public", "none", []],
    ["POST", "/public", "public", "none", []],
    ["POST", "/admin/users", "admin-write", "anyOf", ["users"]],
    ["DELETE", "/admin", "admin-write", "anyOf", ["users"]],
    ["delete", "/admin", "admin-write", "anyOf", ["users"]], // a runtime that passes "delete" on: read as DELETE
    ["Post", "/admin/x", "admin-write", "anyOf", ["users"]],
    ["GET", "/admin/users", "admin-read", "anyOf", ["users"]],
    ["HEAD", "/admin/users", "admin-read", "anyOf", ["users"]], // GET covers HEAD
    ["PUT", "/admin/users", "default", "anyOf", ["users", "partners"]], // no rule: the default
    ["PATCH", "/admin", "default", "anyOf", ["users", "partners"]],
    ["GET", "/feed", "feed", "anyOf", ["users", "partners"]],
    ["GET", "/feedback", "default", "anyOf", ["users", "partners"]],
    ["GET", "/both", "both", "allOf", ["users", "partners"]],
    ["GET", "/publicity", "default", "anyOf", ["users", "partners"]],
  ];
  for (const [method, path, name, mode, names] of cases) {
    it(`${method} ${path} → ${name}`, () => {
      const rule = table.match(method, path);
      assert.equal(rule.name, name);
      assert.equal(rule.requirement.mode, mode);
      assert.deepEqual(rule.requirement.providers.map((item) => item.name), names);
    });
  }

  it("takes the first rule that matches, and a last catch-all rule as the default", () => {
    const ordered = ruleTableOf([
      { match: { prefix: "/a" }, requires: "none" },
      { match: { path: "/a/secret" }, requires: "users" },
      { match: { prefix: "/" }, requires: "partners" },
    ], providers);
    assert.equal(ordered.match("GET", "/a/secret").name, "0"); // first match wins: order is the operator's
    assert.equal(ordered.match("GET", "/b").name, "2");
    assert.deepEqual(ordered.names, ["0", "1", "2"]);
    assert.deepEqual(table.names, ["public", "admin-write", "admin-read", "feed", "both", "default"]);
  });

  it("reads the sources of a requirement in order, each once, and its options", () => {
    const { requirement } = table.match("GET", "/feed/x");
    assert.deepEqual(requirement.sources.map(({ spec }) => spec), ["header:authorization", "cookie:session"]);
    assert.equal(requirement.allowMissing, true);
    assert.equal(requirement.allowFailed, false);
    const failed = ruleTableOf([{ match: { prefix: "/" }, requires: { provider: "users", allowFailed: true } }], providers).match("GET", "/");
    assert.equal(failed.requirement.allowMissing, true); // a route that forwards failed tokens forwards missing ones
    assert.deepEqual(table.match("GET", "/admin").requirement.scopes, []);
    assert.deepEqual(table.match("POST", "/admin").requirement.scopes, ["admin"]);
  });

  it("refuses rules that name no provider, route ambiguously or say something twice", () => {
    const sameIssuer = provider("again", { issuers: ["https://users.example"] });
    const noIssuer = provider("anonymous", { issuers: [] });
    const sameHeader = provider("mirror", { headers: ["x-user-id"] });
    const refused = [
      [[{ match: { prefix: "/" }, requires: "nobody" }], providers],
      [[{ match: { prefix: "/" }, requires: { anyOf: ["users", "nobody"] } }], providers],
      [[{ match: { prefix: "/" }, requires: { anyOf: [] } }], providers],
      [[{ match: { prefix: "/" }, requires: { anyOf: ["users", "users"] } }], providers],
      [[{ match: { prefix: "/" }, requires: { provider: "users", anyOf: ["partners"] } }], providers],
      [[{ match: { prefix: "/" }, requires: { allOf: ["users", "partners"], allowMissing: true } }], providers],
      [[{ match: { prefix: "/" }, requires: { provider: "users", scopes: "admin" } }], providers],
      [[{ match: { prefix: "/" }, requires: { provider: "users", scopes: ["a b"] } }], providers],
      [[{ match: { prefix: "/" }, requires: { provider: "users", allowMissing: "yes" } }], providers],
      [[{ match: { prefix: "/" }, requires: { provider: "users", extra: 1 } }], providers],
      [[{ match: { prefix: "/" }, requires: ["users"] }], providers],
      [[{ match: { prefix: "/" } }], providers],
      [[{ match: { prefix: "/" }, requires: "none", extra: 1 }], providers],
      [[{ match: { prefix: "/", method: ["GET"] }, requires: "none" }], providers],
      [[{ match: { prefix: "/", methods: [] }, requires: "none" }], providers],
      [[{ match: { prefix: "/", methods: ["GET /"] }, requires: "none" }], providers],
      [[{ name: "x", match: { prefix: "/a" }, requires: "none" }, { name: "x", match: { prefix: "/b" }, requires: "none" }], providers],
      [[{ name: "default", match: { prefix: "/a" }, requires: "none" }], providers],
      [[{ name: 'a"b', match: { prefix: "/a" }, requires: "none" }], providers],
      [[{ match: "/a", requires: "none" }], providers],
      ["/a", providers],
      // Routing by iss needs issuers, each with one provider, among the providers of one anyOf —
      // and of the default rule, which is anyOf every provider unless a last rule matches all.
      [[{ match: { prefix: "/" }, requires: { anyOf: ["users", "again"] } }], providersOf(users, sameIssuer)],
      [[{ match: { prefix: "/x" }, requires: "users" }], providersOf(users, sameIssuer)],
      [[{ match: { prefix: "/" }, requires: { anyOf: ["users", "anonymous"] } }], providersOf(users, noIssuer)],
      [[{ match: { prefix: "/" }, requires: { allOf: ["users", "mirror"] } }], providersOf(users, sameHeader)],
    ];
    for (const [rules, available] of refused) {
      assert.throws(() => ruleTableOf(rules, available), { code: "ERR_INVALID_ARGUMENT" }, JSON.stringify(rules));
    }
    // The same issuer in two providers is fine where no rule must tell them apart.
    const apart = ruleTableOf([{ match: { prefix: "/admin" }, requires: "again" }, { match: { prefix: "/" }, requires: "users" }], providersOf(users, sameIssuer));
    assert.equal(apart.match("GET", "/admin").requirement.providers[0].name, "again");
    assert.equal(ruleTableOf([], providersOf(users)).match("GET", "/x").name, "default");
    assert.equal(ruleTableOf([], providersOf(noIssuer)).match("GET", "/x").requirement.providers[0].name, "anonymous");
  });
});
