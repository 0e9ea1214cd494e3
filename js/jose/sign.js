// jose's builders, SignJWT and CompactSign, on the core. jose's checks where jose makes them (the
// claims an object, each setter's argument, one protected header), the claims as jose writes them
// (what the setters set: no "iat" unless asked, no "typ" unless given), spans counted from now
// (timespan.js spanOf: "2 hours ago" is before now, whatever "iat" says). The core checks the
// header, that the key suits its "alg", and signs.
import { JOSEInvalidArgument, JWSInvalid, JWTInvalid } from "../errors.js";
import { spanOf } from "../timespan.js";
import { isPlainObject, jsonOf } from "../util.js";
import { signHeader } from "../jws/sign.js";
import { checkNumericDates } from "../jwt/sign.js";
import { keyForUse } from "../key/resolve.js";

const nowSeconds = () => Math.floor(Date.now() / 1000);

// A NumericDate from a setter's argument: seconds, a Date, or a span from now.
function numericDate(value, setter) {
  const seconds = typeof value === "string" ? nowSeconds() + spanOf(value, setter)
    : value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) throw new JOSEInvalidArgument(`Invalid ${setter} input`);
  return seconds;
}

function stringClaim(claim, value) {
  if (typeof value !== "string") throw new JOSEInvalidArgument(`"${claim}" claim must be a string`);
  return value;
}

// The protected header a builder was given, checked once: an object with an "alg".
function protectedHeaderOf(header) {
  if (header === undefined) throw new JWSInvalid("either setProtectedHeader or setUnprotectedHeader must be called before #sign()");
  if (!isPlainObject(header)) throw new JOSEInvalidArgument("the protected header must be an object");
  if (typeof header.alg !== "string" || header.alg === "") {
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  }
  return header;
}

export function signJwtClass(runtime) {
  return class SignJWT {
    #claims;
    #protectedHeader;

    constructor(payload = {}) {
      if (!isPlainObject(payload)) throw new JOSEInvalidArgument("JWT Claims Set MUST be an object");
      this.#claims = structuredClone(payload);
    }

    setProtectedHeader(protectedHeader) {
      if (this.#protectedHeader !== undefined) throw new JOSEInvalidArgument("setProtectedHeader can only be called once");
      this.#protectedHeader = protectedHeader;
      return this;
    }

    setIssuer(value) { this.#claims.iss = stringClaim("iss", value); return this; }
    setSubject(value) { this.#claims.sub = stringClaim("sub", value); return this; }
    setJti(value) { this.#claims.jti = stringClaim("jti", value); return this; }

    setAudience(value) {
      if (typeof value !== "string" && !(Array.isArray(value) && value.every((member) => typeof member === "string"))) {
        throw new JOSEInvalidArgument('"aud" claim must be a string or an array of strings');
      }
      this.#claims.aud = value;
      return this;
    }

    setNotBefore(value) { this.#claims.nbf = numericDate(value, "setNotBefore"); return this; }
    setExpirationTime(value) { this.#claims.exp = numericDate(value, "setExpirationTime"); return this; }
    setIssuedAt(value) { this.#claims.iat = value === undefined ? nowSeconds() : numericDate(value, "setIssuedAt"); return this; }

    async sign(key, options) {
      const header = protectedHeaderOf(this.#protectedHeader);
      const claims = jsonOf(checkNumericDates(this.#claims), JWTInvalid, "JWT claims");
      key = await keyForUse(runtime, key, "sign");
      runtime.ready();
      return signHeader(runtime, "edgejwt_sign", { ...header }, claims, key);
    }
  };
}

export function compactSignClass(runtime) {
  return class CompactSign {
    #payload;
    #protectedHeader;

    constructor(payload) {
      if (!(payload instanceof Uint8Array)) throw new JOSEInvalidArgument("payload must be an instance of Uint8Array");
      this.#payload = payload;
    }

    setProtectedHeader(protectedHeader) {
      if (this.#protectedHeader !== undefined) throw new JOSEInvalidArgument("setProtectedHeader can only be called once");
      this.#protectedHeader = protectedHeader;
      return this;
    }

    async sign(key, options) {
      const header = protectedHeaderOf(this.#protectedHeader);
      key = await keyForUse(runtime, key, "sign");
      runtime.ready();
      return signHeader(runtime, "edgejwt_compact_sign", { ...header }, this.#payload, key);
    }
  };
}
