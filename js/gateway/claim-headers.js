// Claim headers: verified claims handed to the origin, one header per claim, each with a declared
// encoding. Every encoding is injective (two different claim values never give the same header
// value) and yields printable ASCII without leading or trailing spaces, which HTTP would trim:
//   "string" (the default): a JSON string, its UTF-8 percent-encoded wherever a byte is not
//     printable ASCII, is a space or is "%" ("u1" stays "u1", "é" is "%C3%A9", "%" is "%25");
//   "list": an array of strings, each encoded as "string" with "," encoded too, joined by ","
//     (["a","b"] is "a,b"); an empty array sends no header;
//   "json": any JSON value as compact JSON, non-ASCII and DEL escaped as \uXXXX, numbers exactly as
//     the token wrote them (integers beyond 2^53 are not rounded), members in the token's order.
// A missing claim sends no header, nor does null under "string" and "list" ("json" says null); a
// claim of another type than its header's encoding is refused (ClaimHeaderType): the header
// cannot say it.
import { JOSEError, JOSEInvalidArgument, JWTInvalid } from "../errors.js";
import { fromBase64url } from "../util.js";

export class ClaimHeaderType extends JOSEError { static code = "ERR_CLAIM_HEADER_TYPE"; }

// An RFC 9110 token: what a header name may be.
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ENCODINGS = ["string", "list", "json"];
// One of each for every request (in workerd, constructing them cost more than what they decode).
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function headerNameOf(name) {
  if (typeof name !== "string" || !HEADER_NAME.test(name)) throw new JOSEInvalidArgument(`"${name}" is not a header name`);
  return name.toLowerCase();
}

// claimHeaders config → [{ name, path, encoding }]: header → "claim.path" (encoding "string"), or
// header → { claim: "claim.path" | ["segment", …], encoding: "string" | "list" | "json" } (an
// array path reaches claim names with dots in them, like "https://example.com/roles").
export function claimHeadersOf(config = {}) {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new JOSEInvalidArgument("claimHeaders must be an object of header → claim");
  }
  return Object.entries(config).map(([header, spec]) => {
    const { claim, encoding = "string", ...rest } = typeof spec === "string" ? { claim: spec } : spec ?? {};
    const path = typeof claim === "string" ? claim.split(".") : claim;
    if (!Array.isArray(path) || path.length === 0 || !path.every((segment) => typeof segment === "string" && segment !== "") ||
        !ENCODINGS.includes(encoding) || Object.keys(rest).length) {
      throw new JOSEInvalidArgument(`claimHeaders["${header}"] must be a claim path or { claim, encoding: ${ENCODINGS.join(" | ")} }`);
    }
    return { name: headerNameOf(header), path, encoding };
  });
}

// The headers for a verified token's payload segment: [[name, value]], without the absent ones.
export function claimHeaderValues(claimHeaders, payloadSegment) {
  const payload = parseJson(decoder.decode(fromBase64url(payloadSegment)));
  const values = [];
  for (const { name, path, encoding } of claimHeaders) {
    const value = encoded(valueAt(payload, path), encoding, path);
    if (value !== undefined) values.push([name, value]);
  }
  return values;
}

function encoded(value, encoding, path) {
  if (value === undefined) return undefined;
  if (encoding === "json") return jsonText(value);
  if (value === null) return undefined;
  if (encoding === "string" && typeof value === "string") return percentEncoded(value, PERCENT_STRING);
  if (encoding === "list" && Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return value.length ? value.map((item) => percentEncoded(item, PERCENT_LIST_ITEM)).join(",") : undefined;
  }
  throw new ClaimHeaderType(`claim '${path.join(".")}' is not a ${encoding === "list" ? "list of strings" : "string"}`);
}

const PERCENT_STRING = /[^\x21-\x24\x26-\x7e]/; // "%", space, controls, DEL, non-ASCII
const PERCENT_LIST_ITEM = /[^\x21-\x24\x26-\x2b\x2d-\x7e]/; // and ","

function percentEncoded(text, encode) {
  if (!encode.test(text)) return text;
  let out = "";
  for (const byte of encoder.encode(text)) {
    const character = String.fromCharCode(byte);
    out += byte < 0x80 && !encode.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function jsonText(value) {
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === "string") return JSON.stringify(value).replace(/[\x7f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (value instanceof Map) return `{${[...value].map(([name, item]) => `${jsonText(name)}:${jsonText(item)}`).join(",")}}`;
  return String(value); // true, false, null
}

function valueAt(payload, path) {
  let value = payload;
  for (const segment of path) {
    if (!(value instanceof Map)) return undefined;
    value = value.get(segment);
  }
  return value;
}

// --- The payload's JSON with its numbers as written -------------------------------------------

// A JSON number as its source text.
class JsonNumber {
  constructor(text) { this.text = text; }
}

const WHITESPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

// The payload as verified (the core has checked it: strict RFC 8259, no duplicate names), objects
// as Maps (so no name reaches a prototype) and numbers as JsonNumber.
function parseJson(text) {
  let at = 0;
  const take = (pattern) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new JWTInvalid(`unexpected JSON at ${at}`);
    at = pattern.lastIndex;
    return match[0];
  };
  const peek = () => { take(WHITESPACE); return text[at]; };
  const punctuation = (expected) => {
    if (peek() !== expected) throw new JWTInvalid(`expected "${expected}" at ${at}`);
    at++;
  };
  const value = () => {
    const next = peek();
    if (next === "{") {
      at++;
      const object = new Map();
      if (peek() === "}") { at++; return object; }
      do {
        peek();
        const name = JSON.parse(take(STRING));
        punctuation(":");
        object.set(name, value());
      } while (peek() === "," && ++at);
      punctuation("}");
      return object;
    }
    if (next === "[") {
      at++;
      const array = [];
      if (peek() === "]") { at++; return array; }
      do array.push(value()); while (peek() === "," && ++at);
      punctuation("]");
      return array;
    }
    if (next === '"') return JSON.parse(take(STRING));
    if (next === "t" || next === "f" || next === "n") return JSON.parse(take(LITERAL));
    return new JsonNumber(take(NUMBER));
  };
  const result = value();
  if (peek() !== undefined) throw new JWTInvalid(`unexpected JSON at ${at}`);
  return result;
}
