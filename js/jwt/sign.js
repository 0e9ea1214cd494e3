// Signing a JWT: the claims are the payload with "iat" (now unless given or `iat: false`),
// "exp"/"nbf" from spans after it, and iss/sub/aud/jti from the options (jose's SignJWT setters).
import { JOSEInvalidArgument, JWTInvalid } from "../errors.js";
import { numericDate, optionsOf } from "../arguments.js";
import { secondsOf } from "../timespan.js";
import { isPlainObject, jsonOf } from "../util.js";
import { signWith } from "../jws/sign.js";

export function sign(runtime, payload, key, options) {
  runtime.ready();
  options = optionsOf(options);
  if (!isPlainObject(payload)) throw new JWTInvalid("JWT claims must be a plain object");
  return signWith(runtime, "edgejwt_sign", jsonOf(claimsFor(payload, options), JWTInvalid, "JWT claims"), key, options);
}

export function claimsFor(payload, options) {
  const claims = { ...payload };
  const now = numericDate(new Date(), "now");
  if (options.iat !== false && (options.iat !== undefined || claims.iat === undefined)) {
    claims.iat = options.iat === undefined ? now : numericDate(options.iat, "iat");
  }
  const base = typeof claims.iat === "number" ? claims.iat : now;
  if (options.expiresIn !== undefined) claims.exp = base + secondsOf(options.expiresIn, "expiresIn");
  if (options.notBefore !== undefined) claims.nbf = base + secondsOf(options.notBefore, "notBefore");
  for (const [option, claim] of [["issuer", "iss"], ["subject", "sub"], ["jwtId", "jti"]]) {
    if (options[option] === undefined) continue;
    if (typeof options[option] !== "string") throw new JOSEInvalidArgument(`options.${option} must be a string`);
    claims[claim] = options[option];
  }
  if (options.audience !== undefined) {
    const audience = options.audience;
    if (typeof audience !== "string" && !(Array.isArray(audience) && audience.every((a) => typeof a === "string"))) {
      throw new JOSEInvalidArgument("options.audience must be a string or an array of strings");
    }
    claims.aud = audience;
  }
  return checkNumericDates(claims);
}

// JSON has no NaN or Infinity: JSON.stringify would write null, a token every verifier refuses.
// Returns `claims`; throws for a time claim that is a number but not a finite one.
export function checkNumericDates(claims) {
  for (const claim of ["iat", "exp", "nbf"]) {
    if (typeof claims[claim] === "number" && !Number.isFinite(claims[claim])) {
      throw new JOSEInvalidArgument(`"${claim}" must be a finite NumericDate, not ${claims[claim]}`, { reason: "numeric_date" });
    }
  }
  return claims;
}
