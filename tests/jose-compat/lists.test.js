// The suite's own data and verdicts: the strictness table, the scenarios that cite it, the
// known-failures list (every id a scenario, none twice), the docs that print the table, and the
// harness's verdict and list rules on outcomes made up here, so that each rule is seen to fail.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { errors as joseErrors } from "jose";

import { BUILDS } from "./adapter.js";
import { STRICTNESS, canonical, describeError, sameOutcome, verdictOf } from "./harness.js";
import { KNOWN_FAILURES, KNOWN_FAILURE_COUNT } from "./known-failures.js";
import { RENDERED_MARK, STRICTNESS_HEADING, strictnessTable } from "./render.js";
import { SCENARIOS } from "./scenarios/index.js";
import { STRICTER_RULES } from "../../js/errors.js";
import { problemWith } from "./suite.js";

const EXAMPLE_IDS = BUILDS.map((build) => `example/${build.name}`);
const JOSE_CLASSES = new Set([...Object.keys(joseErrors), "TypeError"]);
const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("the strictness table and the known-failures list", () => {
  it("scenario ids are unique", () => {
    const ids = SCENARIOS.map((scenario) => scenario.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it("each entry has a rule, jose's behaviour, a reason, and errors of jose's classes", () => {
    const ids = STRICTNESS.entries.map((entry) => entry.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    for (const entry of STRICTNESS.entries) {
      for (const field of ["rule", "jose", "why"]) assert.ok(entry[field]?.length > 0, `${entry.id}.${field}`);
      if (entry.accepts) {
        // edgejwt accepts: no reason and no codes of its own, jose's failure in `errors`.
        assert.equal(entry.reason ?? entry.codes, undefined, `${entry.id}: an entry that accepts has no reason or codes`);
      } else {
        assert.ok(entry.reason?.length > 0, `${entry.id}.reason`);
        assert.ok(entry.codes?.length > 0 && entry.codes.every((code) => /^ERR_[A-Z0-9_]+$/.test(code)), `${entry.id}.codes: edgejwt's codes today`);
      }
      for (const { class: name, code } of entry.errors) {
        assert.ok(JOSE_CLASSES.has(name), `${entry.id}: ${name} is not a jose class`);
        if (name !== "TypeError") assert.equal(code, joseErrors[name].code, `${entry.id}: ${name}'s code`);
      }
    }
  });

  it("the library names in error.reason exactly the table's rules (the claims' reasons are jose's own)", () => {
    const claimClasses = new Set(["JWTClaimValidationFailed", "JWTExpired"]);
    const rules = STRICTNESS.entries.filter((entry) => !entry.accepts && !entry.errors.every((error) => claimClasses.has(error.class)))
      .map((entry) => entry.reason);
    assert.deepEqual([...STRICTER_RULES].sort(), [...new Set(rules)].sort(), "js/errors.js STRICTER_RULES and strictness.json");
  });

  it("every scenario that cites the table cites an entry, and every entry is cited", () => {
    const ids = new Set(STRICTNESS.entries.map((entry) => entry.id));
    const cited = new Set(SCENARIOS.filter((scenario) => scenario.strict).map((scenario) => scenario.strict));
    assert.deepEqual([...cited].filter((id) => !ids.has(id)), []);
    assert.deepEqual([...ids].filter((id) => !cited.has(id)), []);
  });

  it("the known-failures list names scenarios (or the example's runs), each once", () => {
    const ids = new Set([...SCENARIOS.map((scenario) => scenario.id), ...EXAMPLE_IDS]);
    assert.deepEqual(Object.keys(KNOWN_FAILURES).filter((id) => !ids.has(id)), []);
    assert.equal(Object.keys(KNOWN_FAILURES).length, KNOWN_FAILURE_COUNT, "an id is listed under two causes");
  });

  it("docs/jose-compat.md and README.md print the table as strictness.json has it", () => {
    const table = strictnessTable();
    assert.ok(read("docs/jose-compat.md").includes(table), "docs/jose-compat.md: print `node tests/jose-compat/render.js` again");
    const section = read("README.md").split(`### ${STRICTNESS_HEADING}\n`)[1]?.split(/\n#{2,3} /)[0] ?? "";
    assert.ok(section.includes(`${RENDERED_MARK}\n${table}\n`), "README.md: print `node tests/jose-compat/render.js` under its mark");
  });
});

describe("the harness's verdicts", () => {
  const ok = (value) => ({ ok: true, value: canonical(value) });
  const failed = (error) => ({ ok: false, failure: describeError(error), reason: error.reason });
  const joseError = (name, extra = {}) => Object.assign(new joseErrors[name]("x"), extra);
  // An edgejwt error of jose's class name, as another library would define it.
  const ownError = (name, code, extra = {}) => {
    const Class = { [name]: class extends Error {} }[name];
    return Object.assign(new Class("x"), { code }, extra);
  };
  const scenario = (strict) => ({ id: "made-up", strict });

  it("agree: the same value, or the same class and code; TypeErrors by class alone", () => {
    assert.equal(verdictOf(scenario(), ok({ a: [1, new Uint8Array([1])] }), ok({ a: [1, new Uint8Array([1])] })), "agree");
    assert.equal(verdictOf(scenario(), ok({ a: 1, b: 2 }), ok({ b: 2, a: 1 })), "agree");
    assert.equal(verdictOf(scenario(), failed(joseError("JWSInvalid")), failed(ownError("JWSInvalid", "ERR_JWS_INVALID"))), "agree");
    const subclass = Object.assign(new (class JOSEInvalidArgument extends TypeError {})("x"), { code: "ERR_INVALID_ARGUMENT" });
    assert.equal(verdictOf(scenario(), failed(new TypeError("x")), failed(subclass)), "agree");
  });

  it("disagree: another value, another code, another claim or reason, or success against failure", () => {
    assert.equal(verdictOf(scenario(), ok({ a: 1 }), ok({ a: 1, alg: "RS256" })), "disagree");
    assert.equal(verdictOf(scenario(), failed(joseError("JWSInvalid")), failed(ownError("JWSInvalid", "ERR_JSON_INVALID"))), "disagree");
    const claim = (claimName, reason) => failed(ownError("JWTClaimValidationFailed", "ERR_JWT_CLAIM_VALIDATION_FAILED", { claim: claimName, reason }));
    assert.equal(verdictOf(scenario(), claim("aud", "check_failed"), claim("aud", "missing")), "disagree");
    assert.equal(verdictOf(scenario(), ok({}), failed(new TypeError("x"))), "disagree");
    assert.equal(verdictOf(scenario(), failed(new TypeError("x")), failed(ownError("JOSEError", "ERR_INVALID_ARGUMENT"))), "disagree");
  });

  it("a failure jose passes on from the runtime (not a jose class) agrees with any failure, never with success", () => {
    const domException = failed(new DOMException("Invalid keyData", "DataError"));
    assert.equal(sameOutcome(domException, failed(ownError("JWKInvalid", "ERR_JWK_INVALID"))), true);
    assert.equal(sameOutcome(domException, ok({})), false);
  });

  it("documented only when edgejwt fails with the entry's class, code and reason", () => {
    const entry = STRICTNESS.entries.find((candidate) => candidate.id === "duplicate-members");
    const joseAccepts = ok({ sub: "admin" });
    const asEntry = failed(ownError("JWTInvalid", "ERR_JWT_INVALID", { reason: entry.reason }));
    assert.equal(verdictOf(scenario(entry.id), joseAccepts, asEntry), "documented");
    assert.equal(verdictOf(scenario(entry.id), joseAccepts, failed(ownError("JWTInvalid", "ERR_JSON_DUPLICATE_KEY", { reason: entry.reason }))), "documented-mismatch");
    assert.equal(verdictOf(scenario(entry.id), joseAccepts, failed(ownError("JWTInvalid", "ERR_JWT_INVALID", { reason: "json" }))), "documented-mismatch");
    assert.equal(verdictOf(scenario(entry.id), joseAccepts, ok({ sub: "admin" })), "agree");
  });

  it("an entry that accepts is documented only when edgejwt verifies and jose fails with the entry's error", () => {
    const entry = STRICTNESS.entries.find((candidate) => candidate.accepts);
    const joseRefuses = failed(ownError("JWKSMultipleMatchingKeys", "ERR_JWKS_MULTIPLE_MATCHING_KEYS"));
    assert.equal(verdictOf(scenario(entry.id), joseRefuses, ok({ sub: "u" })), "documented");
    assert.equal(verdictOf(scenario(entry.id), failed(ownError("JWKSNoMatchingKey", "ERR_JWKS_NO_MATCHING_KEY")), ok({ sub: "u" })), "documented-mismatch");
    assert.equal(verdictOf(scenario(entry.id), joseRefuses, failed(ownError("JWKSInvalid", "ERR_JWKS_INVALID"))), "documented-mismatch");
  });

  it("the list only shrinks: a listed scenario that passes is a problem, as is an unlisted one that fails", () => {
    const agreeing = { verdict: "agree", jose: ok(1), edgejwt: ok(1) };
    const differing = { verdict: "disagree", jose: ok(1), edgejwt: ok(2) };
    const list = { listed: "a cause" };
    assert.match(problemWith("listed", agreeing, list), /remove it from/);
    assert.equal(problemWith("listed", differing, list), null);
    assert.match(problemWith("unlisted", differing, list), /unlisted: disagree/);
    assert.equal(problemWith("unlisted", agreeing, list), null);
  });
});
