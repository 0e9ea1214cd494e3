// The text of a key field, read in the format the user chose (or, for "auto", the one it looks
// like): secret bytes from text, base64url or hex, a JWK, a JWK Set or PEM. The library imports
// and validates what this returns; nothing here judges a key.
import { fromBase64url } from "../js/util.js";

// A field's text is not what its format says; the message says why, for the page to show as it is.
export class InputError extends Error {}

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

// { kind: "secret", bytes, form } | { kind: "jwk", text } | { kind: "jwks", jwks } | { kind: "pem", pem, label },
// or null for an empty field.
export function readKey(text, format = "auto") {
  if (text.trim() === "") return null;
  switch (format === "auto" ? detect(text) : format) {
    case "text": return { kind: "secret", bytes: new TextEncoder().encode(text.replace(/\r?\n$/, "")), form: "text" };
    case "base64url": return { kind: "secret", bytes: bytesOfBase64(text), form: "base64url" };
    case "hex": return { kind: "secret", bytes: fromHex(text), form: "hex" };
    case "jwk": {
      if (Array.isArray(parseJson(text).keys)) throw new InputError('this is a JWK Set (it has "keys"): choose "JWK Set"');
      return { kind: "jwk", text };
    }
    case "jwks": {
      const jwks = parseJson(text);
      if (!Array.isArray(jwks?.keys)) throw new InputError('a JWK Set is an object with a "keys" array');
      return { kind: "jwks", jwks };
    }
    case "pem": {
      const label = PEM_LABEL.exec(text)?.[1];
      if (!label) throw new InputError('PEM text starts with a "-----BEGIN …-----" line');
      return { kind: "pem", pem: `${text.trim()}\n`, label };
    }
    default: throw new InputError(`unknown key format ${JSON.stringify(format)}`);
  }
}

// The format "auto" reads `text` as: JSON is a JWK or a JWK Set, PEM is PEM, anything else secret text.
export function detect(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return "pem";
  if (trimmed.startsWith("{")) return Array.isArray(parseJson(trimmed)?.keys) ? "jwks" : "jwk";
  return "text";
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${error.message}`);
  }
}

// base64url, or base64 with "+", "/" and padding (secrets are often stored that way); whitespace ignored.
function bytesOfBase64(text) {
  const compact = text.replace(/\s+/g, "").replace(/=+$/, "");
  const bad = /[^A-Za-z0-9_+/-]/.exec(compact);
  if (bad) throw new InputError(`not base64url: ${JSON.stringify(bad[0])} at character ${bad.index + 1}`);
  if (compact.length % 4 === 1) throw new InputError(`not base64url: ${compact.length} characters is not a possible length`);
  return fromBase64url(compact);
}

// Hex digits, with whitespace, colons and a leading "0x" ignored.
function fromHex(text) {
  const compact = text.replace(/[\s:]+/g, "").replace(/^0x/i, "");
  const bad = /[^0-9a-f]/i.exec(compact);
  if (bad) throw new InputError(`not hex: ${JSON.stringify(bad[0])} at character ${bad.index + 1}`);
  if (compact.length % 2) throw new InputError(`not hex: an odd number of digits (${compact.length})`);
  return Uint8Array.from(compact.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
