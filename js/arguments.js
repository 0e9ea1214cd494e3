// The API's argument checks that several operations share (the ABI's own, which nothing passes
// around, are core/signatures.js's).
import { JOSEInvalidArgument, JWSInvalid } from "./errors.js";
import { errorKindOf } from "./core/status-errors.js";

const decoder = new TextDecoder();
const EMPTY_OPTIONS = Object.freeze({});

// An options argument: an object, or undefined for none.
export function optionsOf(options) {
  if (options === undefined) return EMPTY_OPTIONS;
  if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
  return options;
}

// An options argument for an operation that reads its options in more than one phase, around an
// await (the async encryptions and decryptions: the core's begin, the host's step, the core's
// second pass, or the sync fallback): every member is read once, on first use, and that value
// (a list copied, so that changing the caller's array changes nothing) answers every later read.
// A getter or proxy that answers differently later, or a list changed while the host works, can
// then never make a later phase laxer than the first one checked.
export function optionsReadOnce(options) {
  options = optionsOf(options);
  const read = new Map();
  return new Proxy(options, {
    get(target, name) {
      if (!read.has(name)) {
        const value = Reflect.get(target, name);
        read.set(name, Array.isArray(value) ? Object.freeze([...value]) : value);
      }
      return read.get(name);
    },
  });
}

// Seconds since the epoch: options.currentDate, or now.
export function currentSeconds(options) {
  if (options.currentDate === undefined) return Date.now() / 1000;
  if (!(options.currentDate instanceof Date) || Number.isNaN(options.currentDate.getTime())) {
    throw new JOSEInvalidArgument("options.currentDate must be a valid Date");
  }
  return options.currentDate.getTime() / 1000;
}

// The compact form a token argument may be, with the class that refuses it: a JWS here, a JWE in
// the JWE operations (jwe/header.js).
const JWS = Object.freeze({ name: "JWS", ErrorClass: JWSInvalid });
const TOO_LARGE = "ERR_TOKEN_TOO_LARGE";

// The token as text, refused before anything is copied when it is longer than the policy allows
// (a string's UTF-16 length never exceeds its UTF-8 length, nor bytes their decoded text's).
// `form` says what the token is ({ name, ErrorClass }): a JWS by default. Too long, it is refused by
// the form's class with the status table's detail for ERR_TOKEN_TOO_LARGE.
export function tokenText(token, maxLength, form = JWS) {
  let text;
  if (typeof token === "string") text = token;
  else if (token instanceof Uint8Array) text = token.byteLength > maxLength ? null : decoder.decode(token);
  else throw new form.ErrorClass(`a compact ${form.name} must be a string or a Uint8Array`);
  if (text === null || text.length > maxLength) {
    throw new form.ErrorClass("the token is longer than the configured limit", { detail: errorKindOf(TOO_LARGE).detail, status: TOO_LARGE });
  }
  return text;
}

// Whole seconds since the epoch from a Date or a number of seconds.
export function numericDate(value, what) {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
    throw new JOSEInvalidArgument(`${what} must be a Date or a non-negative number of seconds`);
  }
  return seconds;
}
