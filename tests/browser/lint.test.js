// The inspector's lint rules (inspector/lint.js) in Node, without a browser: each rule fires on the
// token that breaks it and stays quiet on a clean one, alone.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { lint, RULES } from "../../inspector/lint.js";

const NOW = 1795694400; // 2026-11-26 12:00:00 UTC

// A token no rule objects to; each case changes one thing.
function clean() {
  return {
    header: { alg: "ES256", typ: "at+jwt", kid: "2026-11/signing" },
    payload: { iss: "https://idp.example", aud: "api", sub: "user-1", iat: NOW - 60, exp: NOW + 900 },
    token: "x".repeat(600),
    now: NOW,
  };
}

const withHeader = (members) => (input) => { Object.assign(input.header, members); };
const withPayload = (members) => (input) => { Object.assign(input.payload, members); };
const without = (...claims) => (input) => { for (const claim of claims) delete input.payload[claim]; };

// [what, change, the rule ids expected (in order)]
const CASES = [
  ["alg none", withHeader({ alg: "none" }), ["alg-none"]],
  ["alg none in another case", withHeader({ alg: "nOnE" }), ["alg-none"]],
  ["HS256 secret of 20 bytes", (input) => { input.header.alg = "HS256"; input.secret = { length: 20, form: "hex" }; }, ["hmac-secret-short"]],
  ["HS384 secret of 40 bytes", (input) => { input.header.alg = "HS384"; input.secret = { length: 40, form: "base64url" }; }, ["hmac-secret-short"]],
  ["HS512 secret of 64 bytes", (input) => { input.header.alg = "HS512"; input.secret = { length: 64, form: "hex" }; }, []],
  ["HS256 secret typed as text", (input) => { input.header.alg = "HS256"; input.secret = { length: 40, form: "text" }; }, ["hmac-secret-text"]],
  ["text secret beside an ES256 token", (input) => { input.secret = { length: 40, form: "text" }; }, []],
  ["no exp", without("exp"), ["exp-missing"]],
  ["lifetime of 25 h", withPayload({ exp: NOW - 60 + 25 * 3600 }), ["lifetime-long"]],
  ["lifetime of exactly 24 h", withPayload({ exp: NOW - 60 + 24 * 3600 }), []],
  ["valid for 48 h from now, no iat", (input) => { delete input.payload.iat; input.payload.exp = NOW + 48 * 3600; }, ["lifetime-long"]],
  ["nbf at exp", withPayload({ nbf: NOW + 900 }), ["never-valid"]],
  ["iat 2 min in the future", withPayload({ iat: NOW + 120 }), ["iat-future"]],
  ["iat 2 min in the future, 5 min tolerance", (input) => { input.payload.iat = NOW + 120; input.clockTolerance = 300; }, []],
  ["no aud", without("aud"), ["aud-missing"]],
  ["no iss", without("iss"), ["iss-missing"]],
  ["jku and x5u headers", withHeader({ jku: "https://evil.example/jwks", x5u: "https://evil.example/cert" }), ["header-url", "header-url"]],
  ["embedded jwk header", withHeader({ jwk: { kty: "EC", crv: "P-256", x: "AA", y: "AA" } }), ["embedded-jwk"]],
  ["kid with ../", withHeader({ kid: "../../etc/passwd" }), ["kid-path"]],
  ["kid /dev/null", withHeader({ kid: "/dev/null" }), ["kid-path"]],
  ["kid with a Windows drive", withHeader({ kid: "C:\\keys\\signing.pem" }), ["kid-path"]],
  ["kid with SQL", withHeader({ kid: "x' UNION SELECT 'secret" }), ["kid-injection"]],
  ["kid ending a statement", withHeader({ kid: "1; DROP TABLE keys" }), ["kid-injection"]],
  ["kid with an LDAP filter", withHeader({ kid: "*)(uid=*))(|(uid=*" }), ["kid-injection"]],
  ["kid with dots, dashes and slashes", withHeader({ kid: "key-2026_11.v2/primary" }), []],
  ["password claim", withPayload({ password: "hunter2" }), ["claim-secret"]],
  ["nested client_secret", withPayload({ app: { client_secret: "s" } }), ["claim-secret"]],
  ["private key in a value", withPayload({ blob: "-----BEGIN PRIVATE KEY-----\nMIIE" }), ["claim-secret"]],
  ["passenger is not a password", withPayload({ passenger: "Ada" }), []],
  ["card number", withPayload({ payment: "4111 1111 1111 1111" }), ["claim-card-number"]],
  ["card number in an array", withPayload({ cards: ["5555555555554444"] }), ["claim-card-number"]],
  ["card number failing Luhn", withPayload({ payment: "4111 1111 1111 1112" }), []],
  ["digits of no card network", withPayload({ ref: "1234567890123" }), []],
  ["email value", withPayload({ contact: "ada@example.com" }), ["claim-personal"]],
  ["phone_number claim", withPayload({ phone_number: "+33 1 23 45 67 89" }), ["claim-personal"]],
  ["email_verified is not an email", withPayload({ email_verified: true }), []],
  ["token of 5000 characters", (input) => { input.token = "x".repeat(5000); }, ["token-large"]],
  ["token of 4096 characters", (input) => { input.token = "x".repeat(4096); }, []],
  ["typ JWT", withHeader({ typ: "JWT" }), ["typ-implicit"]],
  ["typ application/jwt", withHeader({ typ: "application/jwt" }), ["typ-implicit"]],
  ["no typ", (input) => { delete input.header.typ; }, ["typ-implicit"]],
];

describe("inspector lint rules", () => {
  it("a clean token has no findings", () => {
    assert.deepEqual(lint(clean()), []);
  });

  for (const [what, change, expected] of CASES) {
    it(what, () => {
      const input = clean();
      change(input);
      const findings = lint(input);
      assert.deepEqual(findings.map(({ id }) => id), expected, JSON.stringify(findings, null, 2));
      for (const finding of findings) {
        assert.match(finding.message, /\S/);
        assert.ok(!finding.message.includes("\n"), "one line");
      }
    });
  }

  it("every rule has a case that fires it, a severity and a section", () => {
    const fired = new Set(CASES.flatMap(([, , expected]) => expected));
    assert.deepEqual(RULES.map(({ id }) => id).filter((id) => !fired.has(id)), []);
    for (const rule of RULES) {
      assert.ok(["danger", "warning", "info"].includes(rule.severity), rule.id);
      assert.match(rule.ref, /^RFC \d+ §\d+(\.\d+)?/, rule.id);
    }
  });

  it("names the claim's path and orders findings by severity", () => {
    const input = clean();
    delete input.payload.aud;
    input.header.typ = "JWT";
    input.payload.profile = { email: "ada@example.com", cards: ["4111111111111111"] };
    const findings = lint(input);
    assert.deepEqual(findings.map(({ severity }) => severity), ["danger", "warning", "warning", "info"]);
    assert.match(findings[0].message, /^"profile\.cards\[0\]" looks like a payment card number/);
    assert.match(findings.find(({ id }) => id === "claim-personal").message, /^"profile\.email"/);
  });

  it("says how short an HMAC secret is and what the hash needs", () => {
    const input = clean();
    input.header.alg = "HS512";
    input.secret = { length: 33, form: "base64url" };
    assert.equal(lint(input)[0].message, "the HS512 secret is 33 bytes, shorter than the hash (64 bytes): it can be brute-forced");
  });
});
