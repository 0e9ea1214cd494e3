// Where edgejwt is stricter than jose, and why: the one table the differential fuzz classifies every
// disagreement by (tests/interop/differential.test.js) and the README prints (README, "Where
// edgejwt is stricter than jose, and why"). A token jose accepts and edgejwt refuses must match a
// rule here, found by looking at the token itself (not at edgejwt's answer), and edgejwt's error
// code must be one the rule names; anything else fails the fuzz. edgejwt never accepts what jose
// refuses.

const STANDARD_HEADER = new Set(["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "b64", "zip"]);
const TIME_CLAIMS = ["exp", "nbf", "iat"];
const MAX_NUMERIC_DATE = 253402300799; // 9999-12-31T23:59:59Z
const HMAC_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

// Each: id, the rule as the README states it, why, the codes edgejwt answers with, and whether it
// applies to a case ({ parts, header, payload, headerScan, payloadScan, options, now, key }).
export const STRICTER_RULES = [
  {
    id: "base64url",
    rule: "Only canonical base64url: no padding, no `+` or `/`, no whitespace, unused bits zero",
    why: "one token, one spelling: a token re-encoded by a proxy or cache is not silently the same token (RFC 7515 §2, RFC 4648 §3.5)",
    codes: ["ERR_BASE64URL_INVALID"],
    applies: (c) => c.parts.some((part) => !isCanonicalBase64url(part)),
  },
  {
    id: "duplicate-names",
    rule: "No member name twice in one JSON object, at any depth",
    why: "JSON.parse keeps the last, other parsers the first: two readers must never see two claim sets (RFC 7515 §5.2, RFC 8725 §3.2)",
    codes: ["ERR_JSON_DUPLICATE_KEY"],
    applies: (c) => c.headerScan.duplicate || c.payloadScan.duplicate,
  },
  {
    id: "json-text",
    rule: "JSON is strict: no byte-order mark, no lone surrogate escapes, no number beyond a double's range",
    why: "text that different JSON readers read differently (a lone \\uD800, 1e400 read as Infinity, a BOM stripped by one decoder) is refused rather than guessed at (RFC 8259 §8)",
    codes: ["ERR_JSON_INVALID"],
    applies: (c) => [c.headerScan, c.payloadScan].some((scan) => scan.bom || scan.loneSurrogate || scan.numberOutOfRange),
  },
  {
    id: "bounds",
    rule: "Bounded sizes: token 64 KiB, header 4 KiB, payload 48 KiB, JSON depth 16, 1,000 members per object, `kid` 256 characters (each an option)",
    why: "work and memory per token are bounded before any is spent; a verifier at the edge must not be made to parse megabytes",
    codes: ["ERR_TOKEN_TOO_LARGE", "ERR_HEADER_TOO_LARGE", "ERR_PAYLOAD_TOO_LARGE", "ERR_JSON_TOO_DEEP", "ERR_JSON_TOO_MANY_MEMBERS",
      "ERR_JWS_HEADER_INVALID"],
    applies: (c) => c.token.length > 65536 || c.bytes.header > 4096 || c.bytes.payload > 49152 ||
      Math.max(c.headerScan.depth, c.payloadScan.depth) > 16 || Math.max(c.headerScan.entries, c.payloadScan.entries) > 1000 ||
      (typeof c.header.kid === "string" && c.header.kid.length > 256),
  },
  {
    id: "header-members",
    rule: "`kid` and `typ` are strings; `crit` lists only present, non-standard members; `zip` is refused",
    why: "a header member of the wrong type is a malformed token, not one to verify anyway (RFC 7515 §4.1; `zip` is for JWE only, RFC 7516 §4.1.3)",
    codes: ["ERR_JWS_HEADER_INVALID", "ERR_JWS_CRIT_INVALID"],
    applies: (c) => ("kid" in c.header && typeof c.header.kid !== "string") || ("typ" in c.header && typeof c.header.typ !== "string") ||
      "zip" in c.header || (Array.isArray(c.header.crit) && c.header.crit.some((name) => STANDARD_HEADER.has(name) || !(name in c.header))),
  },
  {
    id: "b64",
    rule: "No unencoded payloads (RFC 7797): `b64: false` is refused, and so is a `crit` naming `b64`, even with `b64: true`",
    why: "`b64` exists for detached content, never for JWTs; a verifier that never honours it can never be confused about which bytes were signed (RFC 7797 §7)",
    codes: ["ERR_JWS_CRIT_NOT_UNDERSTOOD", "ERR_JWS_HEADER_INVALID"],
    applies: (c) => c.header.b64 === false || (Array.isArray(c.header.crit) && c.header.crit.includes("b64")),
  },
  {
    id: "time-claims",
    rule: "`exp`, `nbf` and `iat` are numbers from 0 to 253402300799, and `iat` is never in the future",
    why: "a negative, absurd or future issue time marks a broken or forged issuer; jose checks `iat` only against `maxTokenAge`",
    codes: ["ERR_JWT_CLAIM_VALIDATION_FAILED"],
    applies: (c) => TIME_CLAIMS.some((claim) => claim in c.payload &&
      !(typeof c.payload[claim] === "number" && c.payload[claim] >= 0 && c.payload[claim] <= MAX_NUMERIC_DATE)) ||
      (typeof c.payload.iat === "number" && c.payload.iat > c.now + (c.options.clockTolerance ?? 0)),
  },
  {
    id: "claim-types",
    rule: "`iss`, `sub` and `jti` are strings and `aud` a string or an array of strings whenever present",
    why: "registered claims have one type (RFC 7519 §4.1); jose checks them only when an option names them",
    codes: ["ERR_JWT_CLAIM_VALIDATION_FAILED"],
    applies: (c) => ["iss", "sub", "jti"].some((claim) => claim in c.payload && typeof c.payload[claim] !== "string") ||
      ("aud" in c.payload && !isAudience(c.payload.aud)),
  },
  {
    id: "options",
    rule: "Verify options that cannot mean anything are refused: an empty `issuer` or `audience`",
    why: "an empty expected issuer is a configuration left unset (an unset variable), not a value to match a token against",
    codes: ["ERR_INVALID_ARGUMENT"],
    applies: (c) => [c.options.issuer, c.options.audience].flat().includes(""),
  },
  {
    id: "hmac-key-length",
    rule: "An HMAC secret at least as long as the hash's output (32, 48, 64 bytes)",
    why: "RFC 7518 §3.2 requires it; a shorter secret only verifies HS256 and nothing longer",
    codes: ["ERR_JOSE_ALG_NOT_ALLOWED", "ERR_KEY_TOO_SHORT"],
    applies: (c) => c.key.secretBytes < HMAC_BYTES[c.header.alg],
  },
];

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

// The rule a disagreement falls under (jose accepted, edgejwt refused with `code`), or null.
export function classify(c, code) {
  return STRICTER_RULES.find((rule) => rule.codes.includes(code) && rule.applies(c)) ?? null;
}
