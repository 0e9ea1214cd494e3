// The inspector's pure modules in Node: the claims timeline, the token's parts and their
// diagnosis, the key field's formats and the JSON highlighter. The page test checks them on screen.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import { timeline, duration, formatUtc, formatLocal } from "../../inspector/timeline.js";
import { cleanToken, partsOf, base64urlProblem, decodePart, explain } from "../../inspector/token-parts.js";
import { readKey, detect, InputError } from "../../inspector/key-input.js";
import { tokenize } from "../../inspector/json-view.js";

const NOW = 1795694400; // 2026-11-26 12:00:00 UTC, 13:00 in Paris
const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

describe("claims timeline", () => {
  let zone;
  before(() => { zone = process.env.TZ; process.env.TZ = "Europe/Paris"; });
  after(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });

  it("durations in their two largest units", () => {
    const cases = [[0, "0 s"], [59.9, "59 s"], [60, "1 min"], [14 * 60 + 59, "14 min"], [3 * 3600, "3 h"],
      [3 * 3600 + 300, "3 h 5 min"], [50 * 3600, "2 d 2 h"], [8 * 86400 + 3600, "8 d"]];
    for (const [seconds, text] of cases) assert.equal(duration(seconds), text, `${seconds} s`);
  });

  it("UTC and local times", () => {
    assert.equal(formatUtc(0), "1970-01-01 00:00:00 UTC");
    assert.equal(formatUtc(NOW + 0.9), "2026-11-26 12:00:00 UTC");
    assert.equal(formatLocal(NOW), "2026-11-26 13:00:00 UTC+01:00");
    assert.equal(formatLocal(NOW - 150 * 86400), "2026-06-29 14:00:00 UTC+02:00");
  });

  it("a valid token: rows, lifetime, progress", () => {
    const view = timeline({ iat: NOW - 60, nbf: NOW - 60, exp: NOW + 840 }, NOW);
    assert.equal(view.state, "valid");
    assert.equal(view.status, "Valid now: expires in 14 min");
    assert.equal(view.lifetime, "15 min");
    assert.equal(view.progress, 60 / 900);
    assert.deepEqual(view.rows.map(({ claim, relative }) => [claim, relative]),
      [["iat", "issued 1 min ago"], ["nbf", "valid since 1 min ago"], ["exp", "expires in 14 min"]]);
    assert.equal(view.rows[2].local, "2026-11-26 13:14:00 UTC+01:00");
    assert.equal(view.rows[2].utc, "2026-11-26 12:14:00 UTC");
  });

  it("expired, not yet valid, never expiring", () => {
    assert.equal(timeline({ exp: NOW - 3 * 3600 }, NOW).status, "Expired 3 h ago");
    assert.equal(timeline({ exp: NOW - 3 * 3600 }, NOW).lifetime, "unknown (no iat or nbf)");
    const early = timeline({ nbf: NOW + 7200, exp: NOW + 9000 }, NOW);
    assert.deepEqual([early.state, early.status, early.progress], ["not-yet-valid", "Not yet valid: becomes valid in 2 h", 0]);
    const forever = timeline({ iat: NOW + 30 }, NOW);
    assert.deepEqual([forever.state, forever.lifetime, forever.rows[0].relative], ["no-expiry", "no expiry", "issued 30 s in the future"]);
    assert.equal(timeline({ exp: NOW }, NOW).state, "expired");
  });

  it("a time claim that is not a number", () => {
    const view = timeline({ exp: "tomorrow" }, NOW);
    assert.deepEqual(view.rows, [{ claim: "exp", label: "Expires", invalid: 'not a NumericDate: "tomorrow"' }]);
    assert.equal(view.state, "no-expiry");
  });
});

describe("token parts", () => {
  it("cleans whitespace and a Bearer prefix", () => {
    assert.deepEqual(cleanToken("  Bearer a.b.c\n"), { token: "a.b.c", notes: ['removed the "Bearer " prefix'] });
    assert.deepEqual(cleanToken("a.b.c"), { token: "a.b.c", notes: [] });
  });

  it("names parts and their offsets", () => {
    assert.deepEqual(partsOf("ab.c.def.g").map(({ name, start }) => [name, start]),
      [["header", 0], ["payload", 3], ["signature", 5], ["extra", 9]]);
  });

  it("says why a part is not base64url", () => {
    assert.deepEqual(base64urlProblem("ab+c"), { at: 2, reason: '"+" is base64, not base64url (which uses "-" and "_") at character 3' });
    assert.deepEqual(base64urlProblem("abc="), { at: 3, reason: 'padding ("=") is not allowed in base64url at character 4' });
    assert.deepEqual(base64urlProblem("ab c"), { at: 2, reason: "whitespace inside the token at character 3" });
    assert.match(base64urlProblem("abcde").reason, /length \(5\) is not a possible base64url length/);
    assert.match(base64urlProblem("AB").reason, /non-zero unused bits/);
    assert.equal(base64urlProblem("AA"), null);
    assert.equal(decodePart(b64({ a: "é" })), '{"a":"é"}');
  });

  it("explains the library's decode errors", () => {
    const header = b64({ alg: "HS256" });
    const payload = b64({ sub: "x" });
    assert.equal(explain({ code: "ERR_JWS_INVALID" }, `${header}.${payload}`).text, "A JWT has three parts separated by dots; this one has 2.");
    assert.match(explain({ code: "ERR_JWS_INVALID" }, "a.b.c.d.e").text, /encrypted token \(JWE\)/);
    assert.deepEqual(explain({ code: "ERR_JWS_INVALID" }, `.${payload}.sig`), { part: "header", at: null, text: "The header (the first part) is empty." });
    const bad = `${header}.${payload}+x.sig`;
    assert.deepEqual(explain({ code: "ERR_BASE64URL_INVALID", where: "payload" }, bad), {
      part: "payload", at: header.length + 1 + payload.length,
      text: `The payload is not base64url: "+" is base64, not base64url (which uses "-" and "_") at character ${payload.length + 1}.`,
    });
    assert.deepEqual(explain({ code: "ERR_JSON_NOT_OBJECT", where: "payload" }, `${header}.${b64("[1,2]")}.sig`),
      { part: "payload", at: null, text: 'The payload decodes to "[1,2]", which is not a usable JSON object.' });
    assert.equal(explain({ code: "ERR_HEADER_TOO_LARGE", where: "header" }, `${header}.${payload}.sig`).text, "");
  });
});

describe("key field", () => {
  it("detects JWK, JWK Set, PEM and secret text", () => {
    assert.equal(detect(' {"kty":"EC"}'), "jwk");
    assert.equal(detect('{"keys":[]}'), "jwks");
    assert.equal(detect("-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----"), "pem");
    assert.equal(detect("my secret"), "text");
  });

  it("reads secrets as text, base64url (or base64) and hex", () => {
    const bytes = (input) => [...input.bytes];
    assert.deepEqual(readKey("abc\n", "text"), { kind: "secret", bytes: new TextEncoder().encode("abc"), form: "text" });
    assert.deepEqual(bytes(readKey("_-8", "base64url")), [255, 239]);
    assert.deepEqual(bytes(readKey("/+8=", "base64url")), [255, 239]);
    assert.deepEqual(bytes(readKey("0xDE:ad be", "hex")), [0xde, 0xad, 0xbe]);
    assert.throws(() => readKey("abcg", "hex"), (error) => error instanceof InputError && error.message === 'not hex: "g" at character 4');
    assert.throws(() => readKey("abc", "hex"), /odd number of digits/);
    assert.throws(() => readKey("ab.c", "base64url"), InputError);
    assert.equal(readKey("  \n", "auto"), null);
  });

  it("reads JWKs, JWK Sets and PEM, and refuses the wrong one", () => {
    assert.deepEqual(readKey('{"kty":"OKP"}', "auto"), { kind: "jwk", text: '{"kty":"OKP"}' });
    assert.deepEqual(readKey('{"keys":[{"kty":"OKP"}]}', "auto"), { kind: "jwks", jwks: { keys: [{ kty: "OKP" }] } });
    assert.throws(() => readKey('{"keys":[]}', "jwk"), /this is a JWK Set/);
    assert.throws(() => readKey('{"kty":"OKP"}', "jwks"), /"keys" array/);
    assert.throws(() => readKey("{kty", "auto"), /not valid JSON/);
    assert.deepEqual(readKey(" -----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n\n", "pem"),
      { kind: "pem", pem: "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n", label: "CERTIFICATE" });
    assert.throws(() => readKey("AAAA", "pem"), /-----BEGIN/);
  });
});

describe("JSON highlighting", () => {
  it("splits JSON into keys, strings, numbers, literals and punctuation", () => {
    const pieces = tokenize(JSON.stringify({ a: "x\"y", n: -1.5e3, t: true, z: null, l: [1] }))
      .filter(({ type }) => type !== "punctuation").map(({ type, text }) => `${type}:${text}`);
    assert.deepEqual(pieces, ['key:"a"', 'string:"x\\"y"', 'key:"n"', "number:-1500", 'key:"t"', "literal:true",
      'key:"z"', "literal:null", 'key:"l"', "number:1"]);
  });
});
