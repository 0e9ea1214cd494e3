// How the differential fuzz (tests/interop/differential.test.js) sees each entry of the one
// strictness table, tests/jose-compat/strictness.json (README, "Where edgejwt is stricter than
// jose, and why", prints it): a token jose accepts and edgejwt refuses must fall under an entry,
// found by looking at the token itself (not at edgejwt's answer), and edgejwt's error must be one
// the entry names (a code it gives today, or jose's class and code with the entry's reason);
// anything else fails the fuzz. edgejwt never accepts what jose refuses. Entries the fuzz cannot
// meet (key imports, key sets, CryptoKeys) have no predicate here.
import { readFileSync } from "node:fs";

const STRICTNESS = JSON.parse(readFileSync(new URL("../jose-compat/strictness.json", import.meta.url), "utf8"));

const STANDARD_HEADER = new Set(["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip",
  "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "b64"]);
const TIME_CLAIMS = ["exp", "nbf", "iat"];
const MAX_NUMERIC_DATE = 253402300799; // 9999-12-31T23:59:59Z
const HMAC_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

// Entry id -> whether it applies to a case ({ token, parts, header, payload, headerScan,
// payloadScan, bytes, options, now, key }).
export const APPLIES = {
  "base64url-canonical": (c) => c.parts.some((part) => !isCanonicalBase64url(part)),
  "duplicate-members": (c) => c.headerScan.duplicate || c.payloadScan.duplicate,
  "strict-json": (c) => [c.headerScan, c.payloadScan].some((scan) => scan.bom || scan.loneSurrogate || scan.numberOutOfRange),
  "input-limits": (c) => c.token.length > 65536 || c.bytes.header > 4096 || c.bytes.payload > 49152 ||
    (typeof c.header.kid === "string" && c.header.kid.length > 256),
  "json-limits": (c) => Math.max(c.headerScan.depth, c.payloadScan.depth) > 16 || Math.max(c.headerScan.entries, c.payloadScan.entries) > 1000,
  "zip-in-jws": (c) => "zip" in c.header,
  "header-member-types": (c) => ("kid" in c.header && typeof c.header.kid !== "string") || ("typ" in c.header && typeof c.header.typ !== "string"),
  "crit-names": (c) => Array.isArray(c.header.crit) &&
    c.header.crit.some((name, i) => STANDARD_HEADER.has(name) || c.header.crit.indexOf(name) !== i),
  "b64-false": (c) => c.header.b64 === false || (Array.isArray(c.header.crit) && c.header.crit.includes("b64")),
  "numeric-date-range": (c) => TIME_CLAIMS.some((claim) => claim in c.payload &&
    !(typeof c.payload[claim] === "number" && c.payload[claim] >= 0 && c.payload[claim] <= MAX_NUMERIC_DATE)),
  "iat-not-in-future": (c) => typeof c.payload.iat === "number" && c.payload.iat > c.now + (c.options.clockTolerance ?? 0),
  "registered-claim-types": (c) => ["iss", "sub", "jti"].some((claim) => claim in c.payload && typeof c.payload[claim] !== "string") ||
    ("aud" in c.payload && !isAudience(c.payload.aud)),
  "option-types": (c) => [c.options.issuer, c.options.audience].flat().includes(""),
  "hmac-secret-length": (c) => c.key.secretBytes < HMAC_BYTES[c.header.alg],
};

export const ENTRIES = STRICTNESS.entries.filter((entry) => APPLIES[entry.id]);

// What strict JSON refuses and JSON.parse takes, found by walking `text` (which JSON.parse read):
// duplicate names, lone surrogates, numbers beyond a double, a byte-order mark, depth and entries.
export function scanJson(text) {
  const found = { duplicate: false, loneSurrogate: false, numberOutOfRange: false, bom: false, depth: 0, entries: 0 };
  let at = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    found.bom = true;
    at = 1;
  }
  const space = /[ \t\n\r]*/y;
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const skip = () => {
    space.lastIndex = at;
    space.exec(text);
    at = space.lastIndex;
  };
  const string = () => {
    let value = "";
    for (at++; text[at] !== '"'; at++) {
      if (text[at] !== "\\") {
        value += text[at];
        continue;
      }
      at++;
      if (text[at] === "u") {
        value += String.fromCharCode(parseInt(text.slice(at + 1, at + 5), 16));
        at += 4;
      } else {
        value += text[at];
      }
    }
    at++;
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) found.loneSurrogate = true;
    return value;
  };
  const value = (depth) => {
    skip();
    const open = text[at];
    if (open === '"') return void string();
    if (open !== "{" && open !== "[") {
      number.lastIndex = at;
      const [literal] = number.exec(text);
      at += literal.length;
      if (/\d/.test(literal) && !Number.isFinite(Number(literal))) found.numberOutOfRange = true;
      return;
    }
    found.depth = Math.max(found.depth, depth + 1);
    const close = open === "{" ? "}" : "]";
    const names = new Set();
    let entries = 0;
    at++;
    skip();
    while (text[at] !== close) {
      if (open === "{") {
        skip();
        const name = string();
        if (names.has(name)) found.duplicate = true;
        names.add(name);
        skip();
        at++; // ':'
      }
      value(depth + 1);
      entries++;
      skip();
      if (text[at] === ",") at++;
    }
    at++;
    found.entries = Math.max(found.entries, entries);
  };
  value(0);
  return found;
}

export function isCanonicalBase64url(part) {
  if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return false;
  return Buffer.from(part, "base64url").toString("base64url") === part;
}

const isAudience = (aud) => typeof aud === "string" || (Array.isArray(aud) && aud.every((item) => typeof item === "string"));

// Whether edgejwt's failure ({ code, status, reason, typeError }) is one `entry` names: a status of
// the core the entry lists for it, or jose's class and code with the entry's reason.
function failsAs(entry, { code, status, reason, typeError }) {
  if (entry.codes.includes(status ?? code)) return true;
  return reason === entry.reason && entry.errors.some((error) => (error.class === "TypeError" ? typeError : error.code === code));
}

// The entry a disagreement falls under (jose accepted, edgejwt refused with `failure`), or null.
export function classify(c, failure) {
  return ENTRIES.find((entry) => failsAs(entry, failure) && APPLIES[entry.id](c)) ?? null;
}
