// Encrypted access tokens at the gateway (issue 18): a provider's `decryption` option names the key
// (or private JWK Set) that opens a compact JWE sent as its access token. A nested token (header
// "cty": "JWT") is decrypted, and its inner JWS verified by the provider exactly as a plain token is
// (its keys, verify options, verified-token cache and revocation list: providers.js). An encrypted
// JWT without an inner signature is refused unless the provider says `allowUnsigned`: a JWE proves
// only that its sender had the public encryption key, not that the issuer made it.
//
// What the attacker learns: every failure of the decryption step (a changed header, key, IV,
// ciphertext or tag, another recipient's key, a refused "alg", "zip", a p2c past the bound, an
// oversized token) is one ERR_JWE_DECRYPTION_FAILED with one message, never which part was wrong.
// Nothing decrypted is handed on: the origin gets the claim headers of the verified claims, as for
// a plain token, and the token as the client sent it only when forwardToken says so.
import { JOSEError, JOSEInvalidArgument, JOSENotSupported, JWEDecryptionFailed } from "../errors.js";
import { base64url } from "../util.js";
import { booleanOf, unknownKeys } from "./options.js";

export class GatewayEncryptedTokenRefused extends JOSEError { static code = "ERR_JWE_NOT_ACCEPTED"; }
export class GatewayUnsignedToken extends JOSEError { static code = "ERR_JWT_UNSIGNED"; }

const KEY_SOURCES = ["jwks", "key", "pem", "secret"];
// The JWE's own options, as decrypt takes them (jose's names and the size bound).
const JWE_OPTIONS = ["keyManagementAlgorithms", "contentEncryptionAlgorithms", "maxPBES2Count", "maxTokenLength"];
export const DECRYPTION_OPTIONS = [...KEY_SOURCES, "alg", ...JWE_OPTIONS, "allowUnsigned"];
const DECRYPTION_FAILED = "the encrypted token could not be decrypted";

// A compact JWE has exactly five parts; anything else is verified as a JWS (and refused there).
export const isCompactJWE = (token) => token.split(".", 6).length === 5;

export class Decryption {
  // `config`: { jwks | key | pem | secret, alg (with pem or secret: the JWE "alg", or for "dir" the
  // "enc", the key is bound to), keyManagementAlgorithms, contentEncryptionAlgorithms,
  // maxPBES2Count, maxTokenLength, allowUnsigned }.
  // `claimOptions`: the provider's verify options for an encrypted-only JWT's claims.
  constructor(api, config, where, claimOptions) {
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new JOSEInvalidArgument(`${where} must be an object`);
    unknownKeys(config, DECRYPTION_OPTIONS, where);
    if (typeof api.compactDecrypt !== "function") {
      throw new JOSENotSupported(`${where}: a gateway that decrypts is made by the "edgejwt/jwe" entry ("edgejwt/wasi/jwe" on the WASI build), whose Wasm has encryption`);
    }
    this.api = api;
    this.key = decryptionKeyOf(api, config, where);
    this.allowUnsigned = booleanOf(config.allowUnsigned, `${where}.allowUnsigned`);
    // One options object for every request (the library remembers its policy by identity).
    this.options = Object.fromEntries(JWE_OPTIONS.filter((name) => config[name] !== undefined).map((name) => [name, config[name]]));
    this.unsignedOptions = { ...claimOptions, ...this.options };
    refusedOptions(api, this.key, this.unsignedOptions);
  }

  // The verified result for the JWE `token` of `provider`: a nested token's inner JWS verified by
  // `verifyInner(jws)`, or (allowUnsigned) an encrypted JWT's claims checked under the claim options.
  // `payloadOf(result, segment)` is told the payload segment that stands for the verified claims.
  async open(token, { verifyInner, payloadOf }) {
    // The header is read before decrypting only to choose the path: it is the AEAD's additional
    // data, so the decryption below fails if it is not what the key holder wrote.
    if (!isNested(this.headerOf(token))) {
      if (!this.allowUnsigned) throw new GatewayUnsignedToken("the encrypted token holds no signed JWT, and this provider requires one");
      const result = this.decrypting(() => this.api.decrypt(token, this.key, this.unsignedOptions));
      payloadOf(result, base64url(new TextEncoder().encode(JSON.stringify(result.payload))));
      return result;
    }
    const { plaintext } = this.decrypting(() => this.api.compactDecrypt(token, this.key, this.options));
    // A JWE inside is refused by the JWS verification: nothing is decrypted twice.
    const inner = new TextDecoder().decode(plaintext);
    const result = await verifyInner(inner);
    payloadOf(result, inner.split(".")[1]);
    return result;
  }

  headerOf(token) {
    return this.decrypting(() => this.api.decodeProtectedHeader(token, this.options));
  }

  // `step()`, with any failure of the JWE's own (not a claim's) as the one decryption failure.
  decrypting(step) {
    try {
      return step();
    } catch (error) {
      if (error instanceof JOSEError && typeof error.code === "string" && error.code.startsWith("ERR_JWT_")) throw error;
      throw new JWEDecryptionFailed(DECRYPTION_FAILED);
    }
  }
}

// RFC 7519 §5.2: "JWT", compared case-insensitively as a media type.
function isNested(header) {
  return typeof header.cty === "string" && header.cty.toUpperCase() === "JWT";
}

// Options the core refuses (an unknown or refused algorithm name, a bound out of range) fail the
// configuration, not every token: a probe is decrypted once, and only a refusal of an argument or
// of an option (the core names it in `where`) is thrown; the probe's own failure is expected.
const PROBE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA";
function refusedOptions(api, key, options) {
  try {
    api.compactDecrypt(PROBE, key, options);
  } catch (error) {
    if (error instanceof JOSEInvalidArgument || Object.hasOwn(options, error?.where ?? "")) throw error;
  }
}

function decryptionKeyOf(api, config, where) {
  const given = KEY_SOURCES.filter((option) => config[option] !== undefined);
  if (given.length !== 1) throw new JOSEInvalidArgument(`give exactly one of ${KEY_SOURCES.join(", ")} in ${where}`);
  if ((config.pem !== undefined || config.secret !== undefined) !== (config.alg !== undefined)) {
    throw new JOSEInvalidArgument(`${where}.alg names the algorithm of a pem or secret key (and of those alone)`);
  }
  if (config.jwks !== undefined) return api.createLocalJWKSet(config.jwks, { use: "enc" });
  if (config.pem !== undefined) return api.importPEM(config.pem, config.alg);
  if (config.secret !== undefined) {
    if (!(config.secret instanceof Uint8Array)) throw new JOSEInvalidArgument(`${where}.secret must be a Uint8Array`);
    return api.importJWK({ kty: "oct", k: base64url(config.secret), alg: config.alg });
  }
  return config.key;
}
