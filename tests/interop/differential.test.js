// Differential fuzz against jose. A seeded generator makes tokens for every algorithm (claims and
// headers of every shape, time edges, crit/typ/kid) and mutates them — JSON text before signing
// (duplicates, escapes, depth, sizes, types), bytes and base64url after — then jose and edgejwt
// verify each under the same key, options and clock. They must agree: both refuse, or both accept
// with the same header and claims; where jose accepts and edgejwt refuses, the token must fall
// under an entry of the one strictness table (tests/jose-compat/strictness.json, seen in a token as
// tests/interop/stricter-rules.js says) with an error that entry names, else the test fails and
// prints the token. Each build runs every case, some through
// the verified-token cache (a hit must answer as the first verification did) and some in Wasm.
//
// npm test runs a fixed seed and budget; scripts/fuzz.sh runs more cases on a fresh seed:
//   EDGEJWT_DIFF_SEED=<n> EDGEJWT_DIFF_CASES=<n> node --test tests/interop/differential.test.js
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHmac, constants, sign as nodeSign } from "node:crypto";
import * as jose from "jose";

import { builds, apiFor } from "../support/builds.js";
import { ASYMMETRIC, nodeKeyPair, jwkOf } from "../support/keys.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";
import { APPLIES, ENTRIES, classify, scanJson } from "./stricter-rules.js";
import { RENDERED_MARK, STRICTNESS_HEADING, strictnessTable } from "../jose-compat/render.js";

const SEED = Number(process.env.EDGEJWT_DIFF_SEED ?? 20261206);
const CASES = Number(process.env.EDGEJWT_DIFF_CASES ?? 1200);
const NOW = 1_800_000_000;
const HASH = { 256: "sha256", 384: "sha384", 512: "sha512" };
const ALGORITHMS = ["HS256", "HS384", "HS512", ...Object.keys(ASYMMETRIC)];

// mulberry32: small, seeded, good enough to pick mutations.
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p, bytes: (n) => Uint8Array.from({ length: n }, () => int(256)) };
}

const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
const utf8 = (text) => Buffer.from(text, "utf8");

// --- Keys: one per algorithm, and HMAC secrets of each length (some shorter than the hash) ---

function keysFor(alg, r) {
  if (alg.startsWith("HS")) {
    const size = r.chance(0.1) ? 32 : Number(alg.slice(2)) / 8 * r.pick([1, 1, 1.5]);
    const secret = r.bytes(Math.floor(size));
    return { alg, secret, jose: secret, jwk: { kty: "oct", k: b64(secret) }, secretBytes: secret.length };
  }
  const { publicKey, privateKey } = nodeKeyPair(alg);
  const jwk = jwkOf(publicKey);
  return { alg, privateKey, jose: publicKey, jwk };
}

function signature(alg, key, input) {
  const bits = alg.slice(-3);
  if (alg.startsWith("HS")) return createHmac(HASH[bits], key.secret).update(input).digest();
  if (alg === "EdDSA" || alg === "Ed25519") return nodeSign(null, input, key.privateKey);
  if (alg.startsWith("ES")) return nodeSign(HASH[bits], input, { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  if (alg.startsWith("PS")) {
    return nodeSign(HASH[bits], input, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 });
  }
  return nodeSign(HASH[bits], input, key.privateKey);
}

// --- Claims, headers and the JSON text they are written as ---

const STRINGS = ["u1", "", "Zoë 🚀", "\u0000", "a\"b\\c", "https://idp.example", "x".repeat(40), "\u2028", "ü".repeat(3)];
function anyValue(r, depth = 0) {
  switch (r.int(depth > 2 ? 4 : 7)) {
    case 0: return r.pick(STRINGS);
    case 1: return r.pick([0, 1, -1, 1.5, 2 ** 53, 9007199254740993, 1e21, -0, 123456789]);
    case 2: return r.pick([true, false, null]);
    case 3: return r.int(1000);
    case 4: return Array.from({ length: r.int(4) }, () => anyValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, (_, i) => [`k${i}`, anyValue(r, depth + 1)]));
  }
}

function timeValue(r) {
  return r.pick([NOW, NOW - 1, NOW + 1, NOW - 600, NOW + 600, NOW + 0.5, NOW - 0.5, 0, -1, 1e12, 253402300799, 253402300800,
    "1800000000", null, true, NOW + 3600]);
}

function claimsFor(r) {
  const claims = {};
  if (r.chance(0.6)) claims.sub = r.chance(0.9) ? r.pick(STRINGS) : anyValue(r);
  if (r.chance(0.5)) claims.iss = r.chance(0.9) ? r.pick(["https://idp.example", "other"]) : anyValue(r);
  if (r.chance(0.4)) claims.aud = r.pick(["api", ["api", "web"], ["web"], [], 7, ["api", 7]]);
  if (r.chance(0.3)) claims.jti = r.chance(0.9) ? `j${r.int(1e6)}` : anyValue(r);
  for (const claim of ["exp", "nbf", "iat"]) {
    if (r.chance(0.5)) claims[claim] = r.chance(0.85) ? { exp: NOW + 600, nbf: NOW - 60, iat: NOW - 60 }[claim] : timeValue(r);
  }
  for (let i = r.int(4); i > 0; i--) claims[`c${r.int(20)}`] = anyValue(r);
  return claims;
}

function headerFor(r, alg) {
  const header = { alg };
  if (r.chance(0.5)) header.typ = r.pick(["JWT", "at+jwt", "application/at+JWT", "jwt", "JOSE", 5]);
  if (r.chance(0.4)) header.kid = r.chance(0.95) ? `k${r.int(100)}` : r.pick([7, ["k"], null]);
  if (r.chance(0.1)) header.cty = "JWT";
  if (r.chance(0.1)) header.x = anyValue(r);
  if (r.chance(0.05)) header.jku = "https://evil.example/jwks";
  return header;
}

// Mutations of the JSON text, made before signing: [name, (text, r) => text].
const JSON_MUTATIONS = [
  ["duplicate member", (text) => text.replace(/^\{("[^"]+":[^,}]+)/, "{$1,$1")],
  ["duplicate by escape", (text) => text.replace(/^\{"([a-z])/, '{"\\u00$1_":0,"$1').replace(/\\u00([a-z])_/, (m, c) => `\\u00${c.charCodeAt(0).toString(16)}`)],
  ["nested duplicate", (text) => text.replace(/\}$/, ',"n":{"d":1,"d":2}}')],
  ["lone surrogate", (text, r) => text.replace(/\}$/, `,"s":"${r.pick(["\\ud800", "\\udc00x", "a\\ud83d"])}"}`)],
  ["surrogate pair", (text) => text.replace(/\}$/, ',"s":"\\ud83d\\ude00"}')],
  ["huge number", (text, r) => text.replace(/\}$/, `,"h":${r.pick(["1e400", "-1e309", "1e308", "123456789012345678901234567890"])}}`)],
  ["deep", (text, r) => { const d = r.pick([15, 16, 17, 40]); return text.replace(/\}$/, `,"d":${"[".repeat(d)}${"]".repeat(d)}}`); }],
  ["many members", (text, r) => text.replace(/\}$/, `,"m":{${Array.from({ length: r.pick([999, 1001]) }, (_, i) => `"m${i}":0`).join(",")}}}`)],
  ["byte-order mark", (text) => `\ufeff${text}`],
  ["whitespace", (text) => ` \n${text.replace(/,/g, " ,\t").replace(/:/g, " : ")}\r\n`],
  ["escapes", (text) => text.replace(/"([a-z])/g, (m, c) => `"\\u00${c.charCodeAt(0).toString(16)}`)],
  ["big", (text, r) => text.replace(/\}$/, `,"b":"${"x".repeat(r.pick([3000, 5000, 48000, 50000]))}"}`)],
  ["not an object", (text, r) => r.pick(["[]", '"claims"', "1", "null"])],
  ["trailing", (text, r) => `${text}${r.pick(["x", "{}", " ", "\u0000"])}`],
];

const HEADER_MUTATIONS = [
  ["alg case", (h) => ({ ...h, alg: h.alg.toLowerCase() })],
  ["alg none", (h) => ({ ...h, alg: "none" })],
  ["long kid", (h, r) => ({ ...h, kid: "k".repeat(r.pick([256, 257, 1000])) })],
  ["crit", (h, r) => r.pick([
    { ...h, crit: ["exp"], exp: NOW }, { ...h, crit: ["alg"] }, { ...h, crit: [] }, { ...h, crit: ["x", "x"], x: 1 },
    { ...h, crit: ["missing"] }, { ...h, crit: "exp", exp: 1 }, { ...h, crit: ["b64"], b64: true },
  ])],
  ["b64 false", (h) => ({ ...h, b64: false, crit: ["b64"] })],
  ["zip", (h) => ({ ...h, zip: "DEF" })],
  ["typ", (h, r) => ({ ...h, typ: r.pick(["JWT", "application/jwt", "at+jwt", "foo/at+jwt", "", 1]) })],
];

// Mutations of the compact token, made after signing: [name, (parts, r) => parts].
const TOKEN_MUTATIONS = [
  ["flip a bit", ([h, p, s], r) => {
    const bytes = Buffer.from(s, "base64url");
    if (bytes.length) bytes[r.int(bytes.length)] ^= 1 << r.int(8);
    return [h, p, b64(bytes)];
  }],
  ["drop a byte", ([h, p, s]) => [h, p, b64(Buffer.from(s, "base64url").subarray(1))]],
  ["add a zero byte", ([h, p, s]) => [h, p, b64(Buffer.concat([Buffer.from([0]), Buffer.from(s, "base64url")]))]],
  ["padding", (parts, r) => parts.map((part, i) => (i === r.int(3) ? `${part}${"=".repeat((4 - (part.length % 4)) % 4 || 1)}` : part))],
  ["standard alphabet", (parts) => parts.map((part) => part.replace(/-/g, "+").replace(/_/g, "/"))],
  ["unused bits", (parts, r) => {
    const i = r.int(3);
    const part = parts[i];
    if (part.length % 4 === 0 || !part.length) return parts;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet.indexOf(part.at(-1));
    const copy = [...parts];
    copy[i] = part.slice(0, -1) + alphabet[last ^ 1];
    return copy;
  }],
  ["whitespace", (parts, r) => parts.map((part, i) => (i === r.int(3) ? `${part.slice(0, 2)}${r.pick([" ", "\n", "\t"])}${part.slice(2)}` : part))],
  ["part count", (parts, r) => r.pick([parts.slice(0, 2), [...parts, parts[2]], [parts[0], "", parts[2]], ["", parts[1], parts[2]]])],
  ["other payload", ([h, , s], r) => [h, b64(utf8(JSON.stringify(claimsFor(r)))), s]],
];

// Verify options both libraries take (jose's crit is an object of names, edgejwt's an array).
function optionsFor(r, key, claims, header) {
  const options = { currentDate: new Date((NOW + r.pick([0, 0, 0, 0, 0, 0, -700, 700, 1, -1])) * 1000) };
  if (r.chance(0.5)) options.algorithms = r.chance(0.9) ? [key.alg] : [r.pick(ALGORITHMS)];
  // Options mostly asking for what the claims hold, sometimes for what they do not.
  const held = (value, other) => (value !== undefined && r.chance(0.8) ? value : other);
  if (r.chance(0.2)) options.issuer = held(typeof claims.iss === "string" ? [claims.iss, "other"] : undefined, "nobody");
  if (r.chance(0.2)) options.audience = held(typeof claims.aud === "string" ? claims.aud : claims.aud?.[0], r.pick(["api", ["web", "x"]]));
  if (r.chance(0.1)) options.subject = typeof claims.sub === "string" && r.chance(0.7) ? claims.sub : "someone";
  if (r.chance(0.15)) options.typ = held(typeof header.typ === "string" ? header.typ : undefined, r.pick(["JWT", "at+jwt", "application/jwt"]));
  if (r.chance(0.1)) options.requiredClaims = r.pick([["sub"], ["jti", "exp"], ["nbf"]]);
  if (r.chance(0.15)) options.maxTokenAge = r.pick([30, 600, 3600]);
  if (r.chance(0.2)) options.clockTolerance = r.pick([0, 1, 30, 700]);
  if (r.chance(0.1)) options.crit = ["exp"];
  return options;
}

const joseOptions = ({ crit, ...options }) => (crit ? { ...options, crit: Object.fromEntries(crit.map((name) => [name, true])) } : options);

// One case: a token, its key, options, and what the rules need to see of it.
function makeCase(r) {
  const alg = r.pick(ALGORITHMS);
  const key = keysFor(alg, r);
  const claims = claimsFor(r);
  let header = headerFor(r, alg);
  const tags = [];
  if (r.chance(0.1)) {
    const [name, mutate] = r.pick(HEADER_MUTATIONS);
    header = mutate(header, r);
    tags.push(`header: ${name}`);
  }
  let headerText = JSON.stringify(header);
  let payloadText = JSON.stringify(claims);
  if (r.chance(0.25)) {
    const [name, mutate] = r.pick(JSON_MUTATIONS);
    if (r.chance(0.3)) headerText = mutate(headerText, r);
    else payloadText = mutate(payloadText, r);
    tags.push(`json: ${name}`);
  }
  const input = `${b64(utf8(headerText))}.${b64(utf8(payloadText))}`;
  const signingAlg = /^(HS|RS|PS|ES)\d{3}$|^EdDSA$|^Ed25519$/.test(header.alg) && header.alg.slice(0, 2) === alg.slice(0, 2) ? header.alg : alg;
  let parts = [...input.split("."), b64(signature(signingAlg, key, Buffer.from(input)))];
  if (r.chance(0.2)) {
    const [name, mutate] = r.pick(TOKEN_MUTATIONS);
    parts = mutate(parts, r);
    tags.push(`token: ${name}`);
  }
  return { token: parts.join("."), key, options: optionsFor(r, key, claims, header), tags };
}

// What jose and edgejwt make of a case: { ok, header, payload } or { code } (edgejwt's failures also
// with their reason and whether they are TypeErrors, for the strictness table).
async function joseOutcome(c) {
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(c.token, c.key.jose, joseOptions(c.options));
    return { ok: true, header: protectedHeader, payload };
  } catch (error) {
    return { ok: false, code: error.code ?? error.name };
  }
}

function edgeOutcome(api, key, token, options) {
  try {
    const { payload, protectedHeader } = api.verify(token, key, options);
    return { ok: true, header: protectedHeader, payload };
  } catch (error) {
    return { ok: false, code: error.code ?? error.name, status: error.status, reason: error.reason, typeError: error instanceof TypeError };
  }
}

// The token as the rules see it, read leniently (as jose did, since it accepted it).
function view(c) {
  const parts = c.token.split(".");
  const text = (part) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.from(part.replace(/\s/g, ""), "base64"));
  const headerText = text(parts[0]);
  const payloadText = text(parts[1]);
  const now = Math.floor(c.options.currentDate.getTime() / 1000);
  return {
    ...c, parts, now, header: JSON.parse(headerText.replace(/^\ufeff/, "")), payload: JSON.parse(payloadText.replace(/^\ufeff/, "")),
    headerScan: scanJson(headerText), payloadScan: scanJson(payloadText),
    bytes: { header: utf8(headerText).length, payload: utf8(payloadText).length },
  };
}

const describeCase = (c, edge, joseAnswer) => JSON.stringify({
  token: c.token.length > 600 ? `${c.token.slice(0, 600)}… (${c.token.length} characters)` : c.token, tags: c.tags, alg: c.key.alg,
  key: c.key.jwk, options: c.options, jose: joseAnswer, edgejwt: edge,
});

describe(`differential fuzz against jose (seed ${SEED}, ${CASES} cases)`, () => {
  const r = random(SEED);
  const cases = [];
  before(async () => {
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(r);
      c.jose = await joseOutcome(c);
      c.viaCache = r.chance(0.25);
      c.inWasm = r.chance(0.25);
      c.rawSecret = r.chance(0.5);
      cases.push(c);
    }
  });

  for (const build of builds) {
    it(`edgejwt on ${build.name} agrees with jose, or is stricter by a documented rule`, async (t) => {
      const api = await apiFor(build);
      const cache = new VerifiedTokenCache();
      const tally = { agree: 0, stricter: Object.fromEntries(ENTRIES.map(({ id }) => [id, 0])), accepted: 0 };
      const failures = [];
      for (const c of cases) {
        const key = c.key.secret && c.rawSecret ? c.key.secret : (c.key.imported ??= new Map()).get(api) ?? importFor(api, c);
        const options = { ...c.options, ...(c.inWasm ? { hostCrypto: false } : {}), ...(c.viaCache ? { cache } : {}) };
        const edge = edgeOutcome(api, key, c.token, options);
        if (c.viaCache) {
          const again = edgeOutcome(api, key, c.token, options); // a hit when the first held
          if (JSON.stringify(again) !== JSON.stringify(edge)) failures.push(`the cache answered otherwise:\n${describeCase(c, again, edge)}`);
        }
        if (edge.ok && c.jose.ok) {
          tally.accepted++;
          try {
            assert.deepEqual(edge.header, c.jose.header);
            assert.deepEqual(edge.payload, c.jose.payload);
            tally.agree++;
          } catch {
            failures.push(`both accepted, with different results:\n${describeCase(c, edge, c.jose)}`);
          }
        } else if (!edge.ok && !c.jose.ok) {
          tally.agree++;
        } else if (edge.ok) {
          failures.push(`edgejwt accepted what jose refused:\n${describeCase(c, edge, c.jose)}`);
        } else {
          const entry = classify(view(c), edge);
          if (entry) tally.stricter[entry.id]++;
          else failures.push(`edgejwt refused (${edge.code}) what jose accepted, and no strictness entry covers it:\n${describeCase(c, edge, c.jose)}`);
        }
      }
      t.diagnostic(`${cases.length} cases, ${tally.accepted} accepted by both, ${tally.agree} agreed; stricter: ${JSON.stringify(tally.stricter)}`);
      assert.ok(tally.accepted > cases.length / 10, "too few valid tokens to compare");
      assert.deepEqual(failures.slice(0, Number(process.env.EDGEJWT_DIFF_SHOW ?? 5)), [], `${failures.length} disagreements (seed ${SEED})`);
    });
  }
});

function importFor(api, c) {
  const key = api.importJWK(c.key.jwk);
  c.key.imported.set(api, key);
  return key;
}

describe("the strictness table the fuzz classifies by", () => {
  it("is the README's, printed from tests/jose-compat/strictness.json", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.split(`### ${STRICTNESS_HEADING}\n`)[1]?.split(/\n#{2,3} /)[0] ?? "";
    assert.ok(section.includes(`${RENDERED_MARK}\n${strictnessTable()}\n`), "README.md: print `node tests/jose-compat/render.js` under the mark");
  });

  it("classifies by entries of that table: every predicate names one", () => {
    assert.deepEqual(Object.keys(APPLIES).filter((id) => !ENTRIES.some((entry) => entry.id === id)), []);
  });
});
