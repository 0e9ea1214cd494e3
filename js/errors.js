// jose's error classes, codes, constructors and default messages, so that `err instanceof JWSInvalid`
// and `err.code === "ERR_JWS_INVALID"` mean here what they mean in a jose program. What edgejwt tells
// apart more finely goes beside jose's code, never instead of it:
//   error.detail  the rule that refused ("base64url", "duplicate_member", "signature_length",
//                 "no_matching_key", "signature", …): docs/errors.md, the one table
//                 (js/core/status-errors.js, checked by tests/js/error-reasons.test.js).
//   error.reason  only where jose has it: claim failures (jose's values), and a refusal by a rule
//                 where edgejwt is stricter than jose (STRICTER_RULES: the strictness table's),
//                 which it names.
//   error.status  for a refusal of the Wasm core, its status name (src/status.h: the name the ABI,
//                 the gateway's answers and the CLI give); for a JWKS endpoint's failure, the
//                 remote set's stable name (JWKSFetchFailed below).
//   error.where   for a refusal of the Wasm core, what it refused (a part, a header member, a JWK
//                 member, an option, the positions of several matching keys in their set).

export class JOSEError extends Error {
  static code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, causeOf(options));
    initialize(this, options);
  }

  // Our TypeErrors (JOSEInvalidArgument, KeyInvalid) are JOSEErrors as well.
  static [Symbol.hasInstance](value) {
    return Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === JOSEError && (value instanceof JOSEInvalidArgument || value instanceof KeyInvalid));
  }
}

// A bad argument or option (ERR_INVALID_ARGUMENT): thrown before anything reaches the Wasm core.
// A TypeError, as jose throws for bad arguments; `instanceof JOSEError` holds too.
export class JOSEInvalidArgument extends TypeError {
  static code = "ERR_INVALID_ARGUMENT";
  constructor(message, options) {
    super(message, causeOf(options));
    initialize(this, options);
  }
}

// A key that cannot serve the call (too short, the wrong family, a public key to sign, a secret that
// is a key encoding, a key published for another use): jose throws a TypeError for these.
export class KeyInvalid extends TypeError {
  static code = "ERR_KEY_INVALID";
  constructor(message, options) {
    super(message, causeOf(options));
    initialize(this, options);
  }
}

const causeOf = (options) => (options?.cause === undefined ? undefined : { cause: options.cause });

// The rules by which edgejwt refuses what jose accepts (the `reason` of each entry of
// tests/jose-compat/strictness.json but the claims', whose reason is jose's; tests/jose-compat/lists.test.js
// checks the two agree): a refusal by one of them names it in `error.reason` as well as `detail`.
export const STRICTER_RULES = Object.freeze(new Set([
  "hmac_secret_too_short", "hmac_secret_is_a_key", "rsa_modulus_size", "key_usage", "key_not_extractable", "b64_false",
  "base64url", "duplicate_member", "json", "too_large", "json_limits", "jwks_too_large", "zip", "header_member_type", "crit",
  "invalid_option",
]));

function initialize(error, { code, detail, status, where } = {}) {
  error.name = error.constructor.name;
  error.code = code ?? error.constructor.code;
  if (detail !== undefined) error.detail = detail;
  if (STRICTER_RULES.has(detail)) error.reason = detail;
  if (status !== undefined) error.status = status;
  if (where) error.where = where;
}

export class JOSENotSupported extends JOSEError { static code = "ERR_JOSE_NOT_SUPPORTED"; }
export class JOSEAlgNotAllowed extends JOSEError { static code = "ERR_JOSE_ALG_NOT_ALLOWED"; }
export class JWSInvalid extends JOSEError { static code = "ERR_JWS_INVALID"; }
export class JWTInvalid extends JOSEError { static code = "ERR_JWT_INVALID"; }
export class JWEInvalid extends JOSEError { static code = "ERR_JWE_INVALID"; }
export class JWEDecryptionFailed extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message = "decryption operation failed", options) { super(message, options); }
}
export class JWSSignatureVerificationFailed extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message = "signature verification failed", options) { super(message, options); }
}
export class JWKInvalid extends JOSEError { static code = "ERR_JWK_INVALID"; }
export class JWKSInvalid extends JOSEError { static code = "ERR_JWKS_INVALID"; }
export class JWKSNoMatchingKey extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message = "no applicable key found in the JSON Web Key Set", options) { super(message, options); }
}

// Several keys of a set match the token: iterating the error (for await … of) yields each candidate
// key, as jose's does, so a program can try them in turn. `options.candidates`: the keys.
export class JWKSMultipleMatchingKeys extends JOSEError {
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message, options);
    const candidates = [...(options?.candidates ?? [])];
    Object.defineProperty(this, Symbol.asyncIterator, {
      value: async function* candidateKeys() { yield* candidates; },
      configurable: true, writable: true,
    });
  }
}
export class JWKSTimeout extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  constructor(message = "request timed out", options) { super(message, options); }
}

// A claim failed: `claim` names it and `reason` says how ("check_failed", "missing", "invalid"), as
// jose's do, and `payload` is the token's (its signature held). jose's constructor: (message,
// payload, claim, reason).
function claimFailure(error, payload, claim, reason) {
  error.claim = claim;
  error.reason = reason;
  error.payload = payload;
}
export class JWTClaimValidationFailed extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  constructor(message, payload, claim = "unspecified", reason = "unspecified", options) {
    super(message, { ...options, cause: { claim, reason, payload } });
    claimFailure(this, payload, claim, reason);
  }
}
// As in jose, an expired token is not a JWTClaimValidationFailed: catch both, or JOSEError.
export class JWTExpired extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  constructor(message, payload, claim = "unspecified", reason = "unspecified", options) {
    super(message, { ...options, cause: { claim, reason, payload } });
    claimFailure(this, payload, claim, reason);
  }
}

// The Wasm instance trapped (or something was thrown out of it) during the call, which failed; the
// instance was replaced by a fresh one, in which every Key, key set and policy keeps working.
export class WasmTrap extends JOSEError { static code = "ERR_WASM_TRAP"; }

// Codes of the JS layer (the core's come from the Wasm module with their messages).
export const ERR_NOT_INITIALIZED = "ERR_NOT_INITIALIZED";

// The remote key set's failures (js/jwks/remote.js): its endpoint gave no usable answer and no
// earlier keys could stand in. jose's class and code (JOSEError, "ERR_JOSE_GENERIC"), what failed in
// `detail`, and the remote set's own stable name in `status` (what the gateway answers and counts):
// an unreachable endpoint or an answer other than 200 is "fetch_failed" (ERR_JWKS_FETCH_FAILED),
// a body that is not JSON "not_json" (ERR_JWKS_INVALID). A JSON body that is not a usable JWK Set
// is JWKSInvalid, as in jose.
export class JWKSFetchFailed extends JOSEError {
  constructor(message, options) { super(message, { detail: "fetch_failed", status: "ERR_JWKS_FETCH_FAILED", ...options }); }
}
export class JWKSNotJson extends JOSEError {
  constructor(message, options) { super(message, { detail: "not_json", status: "ERR_JWKS_INVALID", ...options }); }
}
