// Today's disagreements with jose that the strictness table does not explain, by cause, each cause
// with the issue 14 item that removes it. The implementer empties this list, and it can only shrink:
// a scenario listed here that agrees with jose (or fails as its strictness entry says) fails the
// suite until its id is removed. An id listed applies to every build; none differs today.
// Regenerate the counts with `node tests/jose-compat/report.js` (docs/jose-compat.md).

export const CAUSES = {
  codes:
    "jose's class or code differs where edgejwt's error comes from another check: b64 false in a JWT is the strictness entry's JOSENotSupported (jose: JWTInvalid, as no JWT may use it), a standard name in crit is JWSInvalid (jose: JOSENotSupported), a JWK of one family with another's alg is JWKInvalid, generateKeyPair's modulusLength 1024 a TypeError, an oct entry in a set is not a candidate, and sign's header without alg is a TypeError (item 2: the remaining cases, each from a check of its own)",
  typeErrors:
    "a bad argument or option is JOSEInvalidArgument (ERR_INVALID_ARGUMENT), JWKInvalid or JOSENotSupported where jose throws TypeError (item 2)",
  keyForms:
    "a public CryptoKey imported as not extractable cannot be read through exportKey, and edgejwt verifies in its core only (a private one is refused on purpose: strictness key_not_extractable); jose verifies with it on WebCrypto",
  signCrit:
    "sign() and compactSign() sign a crit naming an extension not understood: the core refuses it once told what the signer understands (sign_jws), but edgejwt_sign does not carry jose's sign option crit yet (second half)",
  claimDetail:
    "a claim failure names another claim or reason than jose's: a missing typ is missing (jose: check_failed), a null claim is not present, the first missing required claim is reported (jose: the last)",
  remoteFailures:
    "endpoint failures: ERR_JWKS_FETCH_FAILED / ERR_JWKS_INVALID where jose gives JOSEError (ERR_JOSE_GENERIC) (item 2); a redirect is followed, each hop checked (issue 11), where jose refuses it: kept, since a checked redirect is not less safe than the endpoint itself",
  localSet:
    "edgejwt/jose's local set is jose's resolver function with jwks(), but it chooses its key inside jwtVerify and compactVerify (the core's one match), so called directly with a header it gives none; it takes a private key as an entry (jose: JWKSInvalid) and leaves out an entry jose counts as a candidate",
  decoders:
    "decodeJwt reads the header too (jose: the payload only), and decodeProtectedHeader takes neither a JWE nor a flattened JWS (jose decodes both); every failure is jose's class now (JWTInvalid, TypeError)",
  strictReason:
    "refused as the strictness table says, but not yet with the entry's reason: a kid over 256 bytes (header_member_type) and a set of 101 keys (jwks), where the core's detail names the member, not the limit; a private CryptoKey not extractable (key forms are jose-entry's); decodeJwt's signature part read too; and option types (invalid_argument: the core's detail names the option, not the rule) (item 5)",
  example:
    "the program runs unchanged on edgejwt/jose and prints what it printed on jose but for two lines: edgejwt's errors carry reason (the rule that failed: \"no_matching_key\", \"signature\") on every error, jose's only on claim failures, and the program prints error.reason for each refusal (item 2: the name of edgejwt's finer property)",
};

export const BY_CAUSE = {
  codes: [
    "key-forms/JWK-alg-mismatch",
    "jws/b64-false-jwtVerify",
    "crit/standard-name",
    "signing/b64-false",
    "keys/jwk-family-mismatch",
    "keys/generateKeyPair-modulus-1024",
    "jwks-local/oct-entry",
  ],
  typeErrors: [
    "keys/jwk-ext-not-boolean",
    "signing/CompactSign-b64-false",
    "keys/jwk-oct-without-k",
    "keys/jwk-key-ops-not-array",
    "keys/jwk-key-ops-duplicates",
    "arguments/thumbprint-string",
  ],
  keyForms: [
    "key-forms/verify-CryptoKey-not-extractable",
  ],
  signCrit: [
    "signing/crit-not-understood",
    "signing/CompactSign-crit-not-understood",
  ],
  claimDetail: [
    "claims/typ-missing",
    "claims/requiredClaims-null-claim",
    "claims/order-last-required-first",
  ],
  remoteFailures: [
    "jwks-remote/http-500",
    "jwks-remote/not-json",
    "jwks-remote/redirect",
  ],
  localSet: [
    "jwks-local/private-key-entry",
    "jwks-local/malformed-entry-matches",
    "jwks-local/call-with-header",
  ],
  decoders: [
    "decode/decodeJwt-header-not-json",
    "decode/decodeProtectedHeader-flattened",
  ],
  strictReason: [
    "jws/kid-over-256",
    "jwks-local/101-keys",
    "decode/decodeJwt-duplicate-member",
    "arguments/option-issuer-number",
    "arguments/option-subject-number",
    "arguments/option-requiredClaims-string",
    "arguments/option-crit-string",
  ],
  example: [
    "example/emscripten",
    "example/wasi",
  ],
};

// id -> the cause's text (an id under two causes is a mistake the suite reports).
export const KNOWN_FAILURES = Object.fromEntries(Object.entries(BY_CAUSE).flatMap(([cause, ids]) => ids.map((id) => [id, CAUSES[cause]])));
export const KNOWN_FAILURE_COUNT = Object.values(BY_CAUSE).reduce((count, ids) => count + ids.length, 0);
