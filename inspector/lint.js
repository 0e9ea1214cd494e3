// The inspector's lint: what a decoded token does that RFC 8725 (JWT Best Current Practices) and
// its neighbours advise against. Pure functions of the token, the time and (when the user gave one)
// the HMAC secret, so the rules run in Node as well as in the page. A rule looks; it never decides
// validity: that is the library's verify.

const HOUR = 3600;
const LONG_LIFETIME = 24 * HOUR;
const LARGE_TOKEN = 4096; // RFC 6265 §6.1: the cookie size browsers must at least accept
const HASH_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

const SECRET_NAME = /password|passwd|passphrase|^pwd$|^pass$|secret|api_?key|private_?key|access_?key|refresh_?token|^pin$|^cvv$|^cvc$/i;
const PERSONAL_NAME = /^(e_?mail|phone(_?number)?|mobile|birth_?date|dob|date_?of_?birth|ssn|social_?security(_?number)?|national_?id|passport(_?number)?|address|street_?address|iban)$/i;
const EMAIL = /^[^\s@"<>]+@[^\s@"<>]+\.[a-z]{2,}$/i;
const SECRET_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|^AKIA[0-9A-Z]{16}$|^(sk|rk)_live_[0-9a-zA-Z]{10,}$|^gh[pousr]_[0-9a-zA-Z]{30,}$/;
const CARD_DIGITS = /^\d(?:[ -]?\d){12,18}$/;
const CARD_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|6011|65|35)/; // Visa, Mastercard, Amex, Discover, JCB
const KID_PATH = /(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[a-z]:\\|^file:|\0|^~[\\/]|(^|\/)(etc|dev|proc)\//i;
const KID_INJECTION = /['"`;]|--|\/\*|\)\s*\(|\|\||\bunion\b[\s\S]*\bselect\b|\bselect\b[\s\S]*\bfrom\b|\bdrop\s+table\b|\bor\s+\S+\s*=|\bsleep\s*\(/i;

// Each rule: an id, a severity ("danger", "warning", "info"), the section it rests on, and a check
// that returns the one-line reason (or a list of them) when the rule fires, nothing otherwise.
export const RULES = [
  {
    id: "alg-none", severity: "danger", ref: "RFC 8725 §3.2 (§2.1)",
    check: ({ header }) => typeof header.alg === "string" && header.alg.toLowerCase() === "none" &&
      `"alg": "${header.alg}" is an unsecured token: anyone can write one, and no verifier should accept it`,
  },
  {
    id: "hmac-secret-short", severity: "danger", ref: "RFC 8725 §3.5 (RFC 7518 §3.2)",
    check: ({ header, secret }) => {
      const needed = HASH_BYTES[header.alg];
      return secret && needed && secret.length < needed &&
        `the ${header.alg} secret is ${secret.length} bytes, shorter than the hash (${needed} bytes): it can be brute-forced`;
    },
  },
  {
    id: "hmac-secret-text", severity: "info", ref: "RFC 8725 §3.5",
    check: ({ header, secret }) => secret?.form === "text" && HASH_BYTES[header.alg] &&
      "the secret is typed text: if it is a password, it can be guessed offline from any token; HMAC keys should be random bytes",
  },
  {
    id: "exp-missing", severity: "warning", ref: "RFC 7519 §4.1.4",
    check: ({ payload }) => payload.exp === undefined && "no \"exp\": the token never expires, so a stolen copy works forever",
  },
  {
    id: "lifetime-long", severity: "warning", ref: "RFC 7519 §4.1.4",
    check: ({ payload, now }) => {
      if (!isTime(payload.exp)) return false;
      const start = [payload.iat, payload.nbf].find(isTime);
      const lifetime = payload.exp - (start ?? now);
      return lifetime > LONG_LIFETIME &&
        `${start === undefined ? "valid for" : "lifetime of"} ${Math.floor(lifetime / HOUR)} h: over 24 h, a leaked token stays useful for long`;
    },
  },
  {
    id: "never-valid", severity: "warning", ref: "RFC 7519 §4.1.4",
    check: ({ payload }) => {
      if (!isTime(payload.exp)) return false;
      const later = ["nbf", "iat"].find((claim) => isTime(payload[claim]) && payload[claim] >= payload.exp);
      return later && `"exp" is not after "${later}": the token is never valid`;
    },
  },
  {
    id: "iat-future", severity: "warning", ref: "RFC 7519 §4.1.6",
    check: ({ payload, now, clockTolerance }) => isTime(payload.iat) && payload.iat > now + clockTolerance &&
      `"iat" is ${Math.ceil(payload.iat - now)} s in the future: the issuer's clock is wrong, or the token was made up`,
  },
  {
    id: "aud-missing", severity: "warning", ref: "RFC 8725 §3.9",
    check: ({ payload }) => payload.aud === undefined &&
      "no \"aud\": nothing stops a token meant for one service from being accepted by another",
  },
  {
    id: "iss-missing", severity: "warning", ref: "RFC 8725 §3.8",
    check: ({ payload }) => payload.iss === undefined &&
      "no \"iss\": a verifier cannot check that the key belongs to the token's issuer",
  },
  {
    id: "header-url", severity: "danger", ref: "RFC 8725 §3.10",
    check: ({ header }) => ["jku", "x5u"].filter((name) => header[name] !== undefined).map((name) =>
      `"${name}" header: a verifier that fetches keys from a URL in the token can be made to trust the sender's key (or to make requests for it)`),
  },
  {
    id: "embedded-jwk", severity: "danger", ref: "RFC 8725 §3.10",
    check: ({ header }) => header.jwk !== undefined &&
      "\"jwk\" header: the token carries its own key; a verifier that uses it accepts anyone's signature",
  },
  {
    id: "kid-path", severity: "danger", ref: "RFC 8725 §3.10",
    check: ({ header }) => typeof header.kid === "string" && KID_PATH.test(header.kid) &&
      "\"kid\" looks like a file path: a server that reads key files by kid can be pointed at any file",
  },
  {
    id: "kid-injection", severity: "danger", ref: "RFC 8725 §3.10",
    check: ({ header }) => typeof header.kid === "string" && KID_INJECTION.test(header.kid) &&
      "\"kid\" looks like SQL or LDAP: a key lookup that pastes it into a query can be injected",
  },
  {
    id: "claim-secret", severity: "danger", ref: "RFC 7519 §12",
    check: ({ payload }) => claimsWhere(payload, (name, value) => SECRET_NAME.test(name) || SECRET_VALUE.test(value)).map((path) =>
      `"${path}" looks like a secret: a signed token is not encrypted, anyone holding it can read every claim`),
  },
  {
    id: "claim-card-number", severity: "danger", ref: "RFC 7519 §12",
    check: ({ payload }) => claimsWhere(payload, (name, value) => isCardNumber(value)).map((path) =>
      `"${path}" looks like a payment card number: anyone holding the token can read it`),
  },
  {
    id: "claim-personal", severity: "warning", ref: "RFC 7519 §12",
    check: ({ payload }) => claimsWhere(payload, (name, value) => PERSONAL_NAME.test(name) || EMAIL.test(value)).map((path) =>
      `"${path}" looks like personal data: anyone holding the token can read it`),
  },
  {
    id: "token-large", severity: "warning", ref: "RFC 6265 §6.1",
    check: ({ token }) => token.length > LARGE_TOKEN &&
      `${token.length} characters: too large for a cookie, and near the 8 KB header limit of many servers`,
  },
  {
    id: "typ-implicit", severity: "info", ref: "RFC 8725 §3.11",
    check: ({ header }) => (header.typ === undefined || /^(application\/)?jwt$/i.test(String(header.typ))) &&
      `${header.typ === undefined ? "no \"typ\"" : `"typ": "${header.typ}"`}: an explicit type (such as "at+jwt") keeps one kind of token from passing as another`,
  },
];

const SEVERITY_ORDER = { danger: 0, warning: 1, info: 2 };

// The findings for one decoded token, most severe first. `now` and `clockTolerance` are seconds;
// `secret` is { length, form } when the user gave an HMAC secret.
export function lint({ header, payload, token, now, clockTolerance = 0, secret = null }) {
  const context = { header, payload, token, now, clockTolerance, secret };
  const findings = [];
  for (const rule of RULES) {
    const result = rule.check(context);
    for (const message of [result].flat()) {
      if (message) findings.push({ id: rule.id, severity: rule.severity, ref: rule.ref, message });
    }
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function isTime(value) {
  return typeof value === "number" && Number.isFinite(value);
}

// Paths ("address.street", "cards[0]") of the claims at any depth whose name or string value fits.
function claimsWhere(value, fits, path = "", found = []) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => claimsWhere(item, fits, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === "object") {
    for (const [name, member] of Object.entries(value)) {
      const memberPath = path ? `${path}.${name}` : name;
      if (fits(name, typeof member === "string" ? member : "")) found.push(memberPath);
      else claimsWhere(member, fits, memberPath, found);
    }
  } else if (path.endsWith("]") && fits("", typeof value === "string" ? value : "")) {
    found.push(path);
  }
  return found;
}

// 13 to 19 digits (spaces or dashes between them allowed), a card network's prefix, and the Luhn check.
function isCardNumber(value) {
  if (!CARD_DIGITS.test(value)) return false;
  const digits = value.replace(/[ -]/g, "");
  if (!CARD_PREFIX.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
