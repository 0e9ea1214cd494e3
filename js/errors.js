// Errors carry a stable `code`: the core's status name ("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", …),
// or one of the JS layer's own below. Classes group codes the way jose's do, so
// `err instanceof JWSInvalid` and `err.code === "ERR_JWS_INVALID"` both work as they do there.

export class JOSEError extends Error {
  static code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, causeOf(options));
    initialize(this, options);
  }

  // A JOSEInvalidArgument is a TypeError (what jose throws for bad arguments) and a JOSEError.
  static [Symbol.hasInstance](value) {
    return Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === JOSEError && value instanceof JOSEInvalidArgument);
  }
}

// A bad argument or option (ERR_INVALID_ARGUMENT): thrown before anything reaches the Wasm core.
// `instanceof JOSEError` and `instanceof TypeError` both hold.
export class JOSEInvalidArgument extends TypeError {
  static code = "ERR_INVALID_ARGUMENT";
  constructor(message, options) {
    super(message, causeOf(options));
    initialize(this, options);
  }
}

const causeOf = (options) => (options?.cause === undefined ? undefined : { cause: options.cause });

function initialize(error, { code, detail } = {}) {
  error.name = error.constructor.name;
  error.code = code ?? error.constructor.code;
  if (detail) error.detail = detail;
}

export class JOSENotSupported extends JOSEError { static code = "ERR_JOSE_NOT_SUPPORTED"; }
export class JOSEAlgNotAllowed extends JOSEError { static code = "ERR_JOSE_ALG_NOT_ALLOWED"; }
export class JWSInvalid extends JOSEError { static code = "ERR_JWS_INVALID"; }
export class JWTInvalid extends JOSEError { static code = "ERR_JWT_INVALID"; }
export class JWEInvalid extends JOSEError { static code = "ERR_JWE_INVALID"; }
// Everything only the key could tell (wrong key, wrong "enc", any changed part): one code, no detail.
export class JWEDecryptionFailed extends JOSEError { static code = "ERR_JWE_DECRYPTION_FAILED"; }
export class JWSSignatureVerificationFailed extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message = "signature verification failed", options) { super(message, options); }
}
export class KeyInvalid extends JOSEError { static code = "ERR_KEY_INVALID"; }
export class JWKInvalid extends JOSEError { static code = "ERR_JWK_INVALID"; }
export class JWKSInvalid extends JOSEError { static code = "ERR_JWKS_INVALID"; }
export class JWKSNoMatchingKey extends JOSEError { static code = "ERR_JWKS_NO_MATCHING_KEY"; }
export class JWKSMultipleMatchingKeys extends JOSEError { static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS"; }

// A time claim failed: `claim` names it and `reason` says how ("check_failed", "invalid", …).
export class JWTClaimValidationFailed extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  constructor(message, options = {}) {
    super(message, options);
    const [claim = "unspecified", reason = "unspecified"] = (options.detail ?? "").split(":");
    this.claim = claim;
    this.reason = reason;
  }
}
export class JWTExpired extends JWTClaimValidationFailed { static code = "ERR_JWT_EXPIRED"; }

// The Wasm instance trapped (or something was thrown out of it) during the call, which failed; the
// instance was replaced by a fresh one, in which every Key, key set and policy keeps working.
export class WasmTrap extends JOSEError { static code = "ERR_WASM_TRAP"; }

// Codes of the JS layer (the core's come from the Wasm module with their messages).
export const ERR_NOT_INITIALIZED = "ERR_NOT_INITIALIZED";

// The remote key set's codes (js/jwks/remote.js): its endpoint gave no usable answer and no earlier
// keys could stand in. A body that is not a JWK Set is JWKSInvalid ("ERR_JWKS_INVALID").
export class JWKSTimeout extends JOSEError { static code = "ERR_JWKS_TIMEOUT"; }
export class JWKSFetchFailed extends JOSEError { static code = "ERR_JWKS_FETCH_FAILED"; }
