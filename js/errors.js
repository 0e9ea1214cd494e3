// jose's error classes, codes, constructors and default messages, so that `err instanceof JWSInvalid`
// and `err.code === "ERR_JWS_INVALID"` mean here what they mean in a jose program. What edgejwt tells
// apart more finely goes beside jose's code, never instead of it:
//   error.reason  the rule that refused ("base64url", "duplicate_member", "signature_length", …):
//                 docs/errors.md, the one table (js/core/status-errors.js, checked by
//                 tests/js/error-reasons.test.js). Claim failures keep jose's meaning of `reason`.
//   error.status  for a refusal of the Wasm core, its status name (src/status.h: the name the ABI,
//                 the gateway's answers and the CLI give).
//   error.detail  for a refusal of the Wasm core, what it refused (a part, a header member, a JWK member).

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

function initialize(error, { code, reason, status, detail } = {}) {
  error.name = error.constructor.name;
  error.code = code ?? error.constructor.code;
  if (reason !== undefined) error.reason = reason;
  if (status !== undefined) error.status = status;
  if (detail) error.detail = detail;
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

// A claim failed: `claim` names it and `reason` says how ("check_failed", "missing", "invalid"), and
// `payload` is the token's (its signature held). jose's constructor: (message, payload, claim, reason).
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

// The remote key set's codes (js/jwks/remote.js): its endpoint gave no usable answer and no earlier
// keys could stand in. A body that is not a JWK Set is JWKSInvalid ("ERR_JWKS_INVALID").
export class JWKSFetchFailed extends JOSEError { static code = "ERR_JWKS_FETCH_FAILED"; }
