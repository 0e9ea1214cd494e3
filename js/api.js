// The public API, written once against a Core and bound to a build by each entry point
// (index.js: Emscripten, wasi.js: WASI). After `await init()` every call is synchronous.
import { Core } from "./core.js";
import { loadHostCrypto } from "./host-crypto/select.js";
import { HostKeys } from "./host-crypto/host-keys.js";
import {
  JOSEError, JOSEInvalidArgument, JOSENotSupported, JWKInvalid, JWKSInvalid, JWSInvalid, JWTClaimValidationFailed,
  JWTInvalid, ERR_NOT_INITIALIZED,
} from "./errors.js";
import { Key, LocalJWKSet, KeyFormat, ExportFormat, handleFor, identityOf } from "./keys.js";
import { SecretKeys } from "./secret-keys.js";
import { secondsOf } from "./timespan.js";
import { VerifiedTokenCache } from "./token-cache.js";
import { Policies, LIMIT_FIELDS } from "./policies.js";
import { RemoteJWKSet, createRemoteJWKSetFactory } from "./remote-jwks.js";
import { RevocationList } from "./revocation.js";
import { base64url, definedOnly } from "./util.js";

const decoder = new TextDecoder();
const PAYLOAD_JWT = 0;
const PAYLOAD_BYTES = 1;

const PEM_LABEL = /^\s*-----BEGIN ([A-Z0-9 ]+)-----/;

export function createApi(loadEngine) {
  let core = null;
  let initializing = null;
  let registry = null;
  let host = null; // the signature primitive's host (host-crypto/select.js), or null: Wasm checks every one
  let hostKeys = null;
  let policies = null;
  let secrets = null;
  let lastBegun = null; // what begin() returned for the verification the core has begun, if any

  // What Key and LocalJWKSet objects need of this instance (js/keys.js).
  const session = {
    epoch: () => core.epoch,
    track(object, cell) { registry?.register(object, cell, object); },
    release(object, cell) {
      registry?.unregister(object);
      releaseHandle(cell);
    },
    importKey(source) {
      checkAlg(source.alg);
      return keyFromHandle(importHandle(source), source);
    },
    restore: (source) => (source.jwks === undefined ? importHandle(source) : importSetHandle(source.jwks)),
  };

  function importHandle({ format, data, alg }) {
    core.call("edgejwt_key_import", format, data, alg ?? "");
    return core.handle();
  }

  function importSetHandle(json) {
    core.call("edgejwt_key_import_jwks", json);
    return core.handle();
  }

  // Releases a handle in the instance it belongs to (none, once that instance has been replaced).
  function releaseHandle(cell) {
    const { handle, epoch } = cell;
    cell.handle = 0;
    if (!handle || epoch !== core.epoch) return;
    try {
      core.call("edgejwt_key_release", handle);
    } catch {
      // Already released, or the instance trapped (and was replaced): nothing is left to release.
    }
  }

  // Every call starts here: after init(), and with a working instance (one that trapped and could
  // not be replaced then is replaced now, before any handle is looked at).
  function ready() {
    if (!core) throw new JOSEError("call and await init() before using edgejwt", { code: ERR_NOT_INITIALIZED });
    if (core.broken) core.renew();
    return core;
  }

  async function init(options = {}) {
    if (core) return;
    initializing ??= Promise.all([loadEngine(options), loadHostCrypto(options.hostCrypto)]).then(
      ([engine, hostCrypto]) => {
        core = new Core(engine);
        policies = new Policies(core);
        secrets = new SecretKeys((bytes) => session.importKey({ format: KeyFormat.secret, data: bytes, alg: "" }));
        // Workers before 2025-05-05 have no FinalizationRegistry: keys are then released by free()
        // or live as long as the isolate (which can never observe a collection there).
        registry = typeof FinalizationRegistry === "function" ? new FinalizationRegistry(releaseHandle) : null;
        host = hostCrypto;
        hostKeys = host && new HostKeys(host, publicJwkOf);
      },
      (error) => { initializing = null; throw error; },
    );
    return initializing;
  }

  function describe(handle) {
    core.call("edgejwt_key_describe", handle);
    return JSON.parse(core.text("output"));
  }

  function keyFromHandle(handle, source) {
    return new Key(session, handle, describe(handle), source);
  }

  // A Key or LocalJWKSet; raw secret bytes are imported once and found again (SecretKeys).
  function keyFor(key) {
    if (key instanceof Key || key instanceof LocalJWKSet) return key;
    return secrets.keyFor(secretBytes(key));
  }

  function signWith(abiFunction, payload, key, options) {
    if (typeof options.alg !== "string") throw new JOSEInvalidArgument('signing needs options.alg, e.g. { alg: "ES256" }');
    const header = { ...options.header, alg: options.alg };
    const typ = options.typ ?? options.header?.typ ?? (abiFunction === "edgejwt_sign" ? "JWT" : undefined);
    if (typ !== undefined) header.typ = typ;
    if (options.kid !== undefined) header.kid = options.kid;
    const headerJson = jsonOf(header, JOSEInvalidArgument, "the protected header");
    core.call(abiFunction, handleFor(session, keyFor(key)), headerJson, payload);
    return core.text("output");
  }

  function verifyWith(token, key, options, kind) {
    const now = currentSeconds(options);
    const cache = cacheOf(options, kind);
    const policy = policies.policyFor(options);
    const text = tokenText(token, policy.maxTokenLength);
    const verifier = keyFor(key);
    const primitive = takesHost(verifier, options) && host.synchronous ? checkOnHost : null;
    if (!cache) return verifyToken(text, verifier, policy, kind, now, primitive).result;
    const cacheKey = cacheKeyOf(verifier, policy, text);
    return cache.lookup(cacheKey, now) ??
      remember(cache, cacheKey, verifyToken(text, verifier, policy, kind, now, primitive), now);
  }

  // Whether the host may check the primitive for `key`: never for HMAC (Wasm is near native there)
  // nor when the call says { hostCrypto: false }; a set's entries are decided per token.
  function takesHost(key, options) {
    if (options.hostCrypto !== undefined && typeof options.hostCrypto !== "boolean") {
      throw new JOSEInvalidArgument("options.hostCrypto must be a boolean");
    }
    if (!host || options.hostCrypto === false) return false;
    return key instanceof LocalJWKSet || (key instanceof Key && key.algorithms.some(host.handles));
  }

  // The core verifies `text`; the signature primitive is `primitive`'s to check when it answers,
  // Wasm's otherwise. Returns the result, and when its claims hold (for the verified-token cache).
  function verifyToken(text, key, policy, kind, now, primitive) {
    return reportingClaims(() => (primitive && verifyOnHost(text, key, policy, kind, now, primitive)) ??
      verifyInWasm(text, key, policy, kind, now));
  }

  // A claim that failed after the signature held is genuine, and jose reports the claims with it.
  function reportingClaims(verification) {
    try {
      return verification();
    } catch (error) {
      if (error instanceof JWTClaimValidationFailed) error.payload = JSON.parse(core.text("payload"));
      throw error;
    }
  }

  // One call into the core, on the token written once into its memory. Handles are looked up as
  // the call is made, never kept across calls (a trap between would have replaced the instance).
  function verifyInWasm(text, key, policy, kind, now) {
    if (kind === PAYLOAD_JWT) {
      core.call("edgejwt_verify", handleFor(session, key), policies.handleOf(policy), text, now);
    } else {
      core.call("edgejwt_compact_verify", handleFor(session, key), policies.handleOf(policy), text);
    }
    return verified(kind, key, JSON.parse(core.text("header")));
  }

  // The two-phase ABI: begin runs every check before the primitive (form, header, policy, key
  // choice, the signature's encoding), the host checks the primitive, finish runs every check after
  // it. undefined when the host does not check this token's key and algorithm.
  function verifyOnHost(text, key, policy, kind, now, primitive) {
    const begun = begin(text, key, policy);
    const valid = primitive(key, begun);
    if (typeof valid !== "boolean" || !stillBegun(begun)) return undefined;
    return finish(kind, key, begun, valid, now);
  }

  // The core keeps one begun verification, apart from its other calls, until the next begin (or
  // until its instance is replaced: lastBegun is then no longer of this epoch).
  function begin(text, key, policy) {
    lastBegun = null;
    core.call("edgejwt_verify_begin", handleFor(session, key), policies.handleOf(policy), text);
    lastBegun = { header: JSON.parse(core.text("header")), keyIndex: core.keyIndex(), policy, epoch: core.epoch };
    return lastBegun;
  }

  function finish(kind, key, begun, valid, now) {
    lastBegun = null;
    core.call("edgejwt_verify_finish", kind, valid, now);
    return verified(kind, key, begun.header);
  }

  // Whether `begun` is still the verification the core has begun.
  const stillBegun = (begun) => begun === lastBegun && begun.epoch === core.epoch;

  // A synchronous host's verdict on the begun verification, over views of Wasm memory (no copies);
  // null when Wasm checks it (as when the host cannot decide). Making the host's key calls the core,
  // which leaves the begun verification's bytes in place but not the result that points at them.
  function checkOnHost(key, begun) {
    const input = core.field("signingInput");
    const signature = core.field("signature");
    const prepared = hostKeys.prepared(key, begun.keyIndex, begun.header.alg);
    if (!prepared || !stillBegun(begun)) return null;
    try {
      return host.verify(prepared, core.viewOf(input), core.viewOf(signature));
    } catch {
      return null;
    }
  }

  // An asynchronous host's verdict, reached earlier, for the verification it was reached for.
  const replay = (verdict) => (key, { header, keyIndex }) =>
    verdict.alg === header.alg && verdict.keyIndex === keyIndex ? verdict.valid : null;

  // What a verification that held returns, and when a JWT's time claims hold (for the cache; read
  // before a key set's Key is made, which calls the core).
  function verified(kind, key, header) {
    const keyIndex = core.keyIndex();
    const validity = core.validity();
    const payload = kind === PAYLOAD_JWT ? JSON.parse(core.text("payload")) : core.bytesOf("payload");
    return { result: resultOf(header, payload, key, keyIndex), validity };
  }

  function resultOf(protectedHeader, payload, key, keyIndex) {
    const result = { payload, protectedHeader };
    if (key instanceof LocalJWKSet) result.key = key.keyAt(keyIndex);
    return result;
  }

  function cacheOf(options, kind) {
    const cache = options.cache;
    if (cache === undefined) return null;
    if (!(cache instanceof VerifiedTokenCache)) throw new JOSEInvalidArgument("options.cache must be a VerifiedTokenCache");
    if (kind !== PAYLOAD_JWT) throw new JOSEInvalidArgument("the verified-token cache holds JWTs: use verify()");
    return cache;
  }

  // The token with the identities of the key and the policy it is verified under: numbers that
  // never come back in the life of the process (js/identity.js), unlike handles.
  const cacheKeyOf = (key, policy, text) => `${identityOf(key)}:${policy.id}:${text}`;

  const remember = (cache, cacheKey, { result, validity }, now) => cache.store(cacheKey, result, validity, now);

  // The public JWK of a Key, or of a set's entry, for the host's own copy (host-crypto/host-keys.js).
  function publicJwkOf(owner, index) {
    const key = owner instanceof LocalJWKSet ? owner.keyAt(index) : owner;
    core.call("edgejwt_key_export", handleFor(session, key), ExportFormat.jwkPublic);
    return JSON.parse(core.text("output"));
  }

  // --- Tokens ---

  function sign(payload, key, options) {
    ready();
    options = optionsOf(options);
    if (!isPlainObject(payload)) throw new JWTInvalid("JWT claims must be a plain object");
    return signWith("edgejwt_sign", jsonOf(claimsFor(payload, options), JWTInvalid, "JWT claims"), key, options);
  }

  // A short-lived access token and a long-lived refresh token for the same subject, each with its
  // own "typ" and a fresh "jti" (README: "Access and refresh tokens").
  function generateTokenPair(claims, key, options) {
    ready();
    options = optionsOf(options);
    const {
      accessTokenTtl = "15m", refreshTokenTtl = "30d", accessTokenTyp = "at+jwt", refreshTokenTyp = "refresh+jwt",
      refreshKey = key, refreshClaims = {}, ...common
    } = options;
    const iat = numericDate(options.iat ?? new Date(), "iat");
    const accessTokenId = randomId();
    const refreshTokenId = randomId();
    const accessToken = sign(claims, key, { ...common, iat, typ: accessTokenTyp, expiresIn: accessTokenTtl, jwtId: accessTokenId });
    const { sub, iss, aud } = claimsFor(claims, common);
    const refreshToken = sign({ ...refreshClaims, ...definedOnly({ sub, iss, aud }) }, refreshKey, {
      ...common, iat, typ: refreshTokenTyp, expiresIn: refreshTokenTtl, jwtId: refreshTokenId,
    });
    return {
      accessToken, refreshToken, accessTokenId, refreshTokenId,
      accessTokenExpiresAt: iat + secondsOf(accessTokenTtl, "accessTokenTtl"),
      refreshTokenExpiresAt: iat + secondsOf(refreshTokenTtl, "refreshTokenTtl"),
    };
  }

  function verify(token, key, options) {
    ready();
    return verifyWith(token, key, optionsOf(options), PAYLOAD_JWT);
  }

  function compactSign(payload, key, options) {
    ready();
    if (!(payload instanceof Uint8Array)) throw new JOSEInvalidArgument("compactSign takes the payload as a Uint8Array");
    return signWith("edgejwt_compact_sign", payload, key, optionsOf(options));
  }

  function compactVerify(token, key, options) {
    ready();
    return verifyWith(token, key, optionsOf(options), PAYLOAD_BYTES);
  }

  // No verification: the header of any compact JWS, to choose a key before verifying it.
  function decodeProtectedHeader(token, options) {
    decodeWith("edgejwt_decode_header", token, options);
    return JSON.parse(core.text("header"));
  }

  // No verification at all: for inspecting a token, never for trusting it.
  function decode(token, options) {
    decodeWith("edgejwt_decode", token, options);
    return { header: JSON.parse(core.text("header")), payload: JSON.parse(core.text("payload")), verified: false };
  }

  // Decodes under the options' size limits.
  function decodeWith(abiFunction, token, options) {
    ready();
    const policy = policies.policyFor(optionsOf(options), LIMIT_FIELDS);
    const text = tokenText(token, policy.maxTokenLength);
    core.call(abiFunction, policies.handleOf(policy), text);
  }

  // --- Keys ---

  function importJWK(jwk, alg) {
    ready();
    if (typeof jwk !== "string" && (typeof jwk !== "object" || jwk === null || Array.isArray(jwk))) {
      throw new JOSEInvalidArgument("a JWK must be an object (or its JSON text)");
    }
    const json = typeof jwk === "string" ? jwk : jsonOf(jwk, JWKInvalid, "a JWK");
    return session.importKey({ format: KeyFormat.jwk, data: json, alg });
  }

  // PEM text of the kind `label` names (any kind when null), or DER bytes in `derFormat` (copied:
  // the key keeps what it was made from, and the caller's array may change).
  function importPem(source, label, derFormat, alg) {
    ready();
    if (source instanceof Uint8Array && derFormat) return session.importKey({ format: derFormat, data: source.slice(), alg });
    if (typeof source !== "string") throw new JOSEInvalidArgument("the key must be PEM text (or DER bytes)");
    const found = PEM_LABEL.exec(source)?.[1];
    if (label && found !== label) {
      throw new JOSEInvalidArgument(`expected a "-----BEGIN ${label}-----" PEM, found ${found ? `"${found}"` : "none"}`);
    }
    return session.importKey({ format: KeyFormat.pem, data: source, alg });
  }

  const importSPKI = (spki, alg) => importPem(spki, "PUBLIC KEY", KeyFormat.spkiDer, alg);
  const importPKCS8 = (pkcs8, alg) => importPem(pkcs8, "PRIVATE KEY", KeyFormat.pkcs8Der, alg);
  const importX509 = (certificate, alg) => importPem(certificate, "CERTIFICATE", KeyFormat.certificateDer, alg);
  const importPEM = (pem, alg) => importPem(pem, null, null, alg);

  function exportKey(key, format) {
    ready();
    core.call("edgejwt_key_export", handleFor(session, key), format);
    return core.text("output");
  }

  const exportJWK = (key) =>
    JSON.parse(exportKey(key, key?.type === "public" ? ExportFormat.jwkPublic : ExportFormat.jwkPrivate));
  const exportSPKI = (key) => exportKey(key, ExportFormat.spkiPem);
  const exportPKCS8 = (key) => exportKey(key, ExportFormat.pkcs8Pem);

  // The set is copied as plain data first (structuredClone refuses functions, Proxies and other
  // host objects) and frozen: what the core imported is what `jwks` shows and keyAt reads.
  function createLocalJWKSet(jwks) {
    ready();
    let copy;
    let json;
    try {
      copy = structuredClone(jwks);
      if (isPlainObject(copy) && Array.isArray(copy.keys)) json = JSON.stringify(copy);
    } catch (cause) {
      throw new JWKSInvalid("a JWK Set must be plain JSON data (no functions, Proxies or other objects)", { cause });
    }
    if (json === undefined) throw new JWKSInvalid('a JWK Set is an object with a "keys" array');
    const handle = importSetHandle(json);
    return new LocalJWKSet(session, handle, describe(handle), deepFreeze(copy), json);
  }

  // A generated key retains its exported private JWK, and its public half the public JWK, to be
  // made again in a replaced instance.
  function generateKeyPair(alg, options) {
    ready();
    const modulusLength = optionsOf(options).modulusLength ?? 0;
    if (typeof alg !== "string") throw new JOSEInvalidArgument("alg must be a string, e.g. \"ES256\"");
    if (!Number.isInteger(modulusLength) || modulusLength < 0 || modulusLength > 0xffffffff) {
      throw new JOSEInvalidArgument("options.modulusLength must be a whole number of bits (2048 to 4096)");
    }
    const privateKey = generated(alg, modulusLength);
    if (privateKey.type === "secret") {
      privateKey.free();
      throw new JOSENotSupported(`${alg} uses a secret, not a key pair: use generateSecret`);
    }
    core.call("edgejwt_key_public", handleFor(session, privateKey));
    const publicHandle = core.handle();
    return { publicKey: keyFromHandle(publicHandle, exportedSource(publicHandle, ExportFormat.jwkPublic)), privateKey };
  }

  function generateSecret(alg) {
    ready();
    if (typeof alg !== "string" || !/^HS(256|384|512)$/.test(alg)) {
      throw new JOSENotSupported(`generateSecret makes HMAC secrets (HS256/384/512), not ${String(alg)} keys`);
    }
    return generated(alg, 0);
  }

  function generated(alg, modulusLength) {
    core.call("edgejwt_key_generate", alg, modulusLength);
    const handle = core.handle();
    return keyFromHandle(handle, exportedSource(handle, ExportFormat.jwkPrivate));
  }

  // What a key made in the core is made again from: its JWK, bound to the algorithm it was.
  function exportedSource(handle, format) {
    core.call("edgejwt_key_export", handle, format);
    return { format: KeyFormat.jwk, data: core.text("output"), alg: "" };
  }

  function calculateJwkThumbprint(jwkOrKey, digestAlgorithm = "sha256") {
    ready();
    const bits = { sha256: 256, sha384: 384, sha512: 512 }[digestAlgorithm];
    if (!bits) throw new JOSENotSupported('digestAlgorithm must be "sha256", "sha384" or "sha512"');
    const key = jwkOrKey instanceof Key ? jwkOrKey : importJWK(jwkOrKey);
    try {
      core.call("edgejwt_key_thumbprint", handleFor(session, key), bits);
      return core.text("output");
    } finally {
      if (key !== jwkOrKey) key.free();
    }
  }

  const createRemoteJWKSet = createRemoteJWKSetFactory({ createLocalJWKSet });

  // verify for key sources that may need to fetch first (a RemoteJWKSet); otherwise as verify,
  // with the primitive on an asynchronous host (WebCrypto) where there is one.
  async function verifyAsync(token, key, options) {
    ready();
    options = optionsOf(options);
    if (key instanceof RemoteJWKSet) {
      const hit = cachedUnder(key.keySetAtOnce(), token, options);
      if (hit) return hit;
      key = await key.keySetFor(decodeProtectedHeader(token, options));
    }
    if (!host || host.synchronous || !takesHost(key, options)) return verify(token, key, options);
    return verifyOnAsyncHost(token, key, options);
  }

  // A hit of the verified-token cache for `token` verified with `set`, a remote set's keys on hand
  // (keySetAtOnce): keySetFor would answer that set for the token's header, so the header is not
  // decoded (a crossing into the core) to ask it. undefined on a miss, uncounted: the caller's
  // lookup after keySetFor counts it. Options the full path would refuse are left to it.
  function cachedUnder(set, token, options) {
    const refused = options.hostCrypto !== undefined && typeof options.hostCrypto !== "boolean";
    if (set === undefined || !(options.cache instanceof VerifiedTokenCache) || refused) return undefined;
    const policy = policies.policyFor(options);
    return options.cache.hit(cacheKeyOf(set, policy, tokenText(token, policy.maxTokenLength)), currentSeconds(options));
  }

  // A cache hit is answered at once. Otherwise the core begins, the host checks the primitive, and
  // a synchronous pass finishes with that verdict. Policies and handles are looked up again after
  // the host answers: the instance may have been used, or replaced, meanwhile.
  async function verifyOnAsyncHost(token, key, options) {
    const now = currentSeconds(options);
    const cache = cacheOf(options, PAYLOAD_JWT);
    const text = tokenText(token, policies.policyFor(options).maxTokenLength);
    if (cache) {
      const hit = cache.lookup(cacheKeyOf(key, policies.policyFor(options), text), now);
      if (hit) return hit;
    }
    const verdict = await askHost(text, key, options);
    ready();
    const policy = policies.policyFor(options);
    // Finished at once while the verification asked about is still the one begun (under the same
    // policy); otherwise begun again, the verdict standing for the same algorithm and key.
    const outcome = verdict && stillBegun(verdict.begun) && verdict.begun.policy === policy
      ? reportingClaims(() => finish(PAYLOAD_JWT, key, verdict.begun, verdict.valid, now))
      : verifyToken(text, key, policy, PAYLOAD_JWT, now, verdict && replay(verdict));
    return cache ? remember(cache, cacheKeyOf(key, policy, text), outcome, now) : outcome.result;
  }

  // The asynchronous host's verdict on `text`'s signature; null when the core refuses the token
  // before the primitive (the synchronous pass reports why) or the host does not check it.
  async function askHost(text, key, options) {
    let begun;
    try {
      begun = begin(text, key, policies.policyFor(options));
    } catch {
      return null;
    }
    const { header: { alg }, keyIndex } = begun;
    const input = core.bytesOf("signingInput"); // copies: the host works while others use the core
    const signature = core.bytesOf("signature");
    let prepared = hostKeys.prepared(key, keyIndex, alg);
    if (typeof prepared?.then === "function") prepared = await prepared;
    if (!prepared) return null;
    try {
      return { alg, keyIndex, begun, valid: await host.verify(prepared, input, signature) };
    } catch {
      return null; // the host could not decide: Wasm does
    }
  }

  // Inline lists ({ jti, subjects }) or { url, ...fetch options } fetched and cached like a JWKS.
  function createRevocationList(config, fetchOptions = {}) {
    return config.url ? RevocationList.remote(config.url, { ...fetchOptions, ...config, url: undefined })
      : RevocationList.inline(config);
  }

  // The Wasm instance's linear memory (it only ever grows): for operators' dashboards and leak tests.
  function memoryUsage() {
    ready();
    return { wasmMemoryBytes: core.memory.buffer.byteLength };
  }

  const api = {
    memoryUsage, init, sign, verify, decode, decodeProtectedHeader, compactSign, compactVerify, generateTokenPair,
    importJWK, exportJWK, importSPKI, importPKCS8, importX509, importPEM, exportSPKI, exportPKCS8,
    createLocalJWKSet, generateKeyPair, generateSecret, calculateJwkThumbprint,
    createRemoteJWKSet, verifyAsync, createRevocationList,
  };
  return api;
}

// The claims a JWT is signed with: the payload, with "iat" (now unless given or `iat: false`),
// "exp"/"nbf" from spans after it, and iss/sub/aud/jti from the options (jose's SignJWT setters).
function claimsFor(payload, options) {
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
  return claims;
}

// Whole seconds since the epoch from a Date or a number of seconds.
function numericDate(value, what) {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
    throw new JOSEInvalidArgument(`${what} must be a Date or a non-negative number of seconds`);
  }
  return seconds;
}

function randomId() {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

function currentSeconds(options) {
  if (options.currentDate === undefined) return Date.now() / 1000;
  if (!(options.currentDate instanceof Date) || Number.isNaN(options.currentDate.getTime())) {
    throw new JOSEInvalidArgument("options.currentDate must be a valid Date");
  }
  return options.currentDate.getTime() / 1000;
}

// The token as text, refused before anything is copied when it is longer than the policy allows
// (a string's UTF-16 length never exceeds its UTF-8 length, nor bytes their decoded text's).
function tokenText(token, maxLength) {
  let text;
  if (typeof token === "string") text = token;
  else if (token instanceof Uint8Array) text = token.byteLength > maxLength ? null : decoder.decode(token);
  else throw new JWSInvalid("a compact JWS must be a string or a Uint8Array");
  if (text === null || text.length > maxLength) {
    throw new JWSInvalid("the token is longer than the configured limit", { code: "ERR_TOKEN_TOO_LARGE" });
  }
  return text;
}

function secretBytes(key) {
  if (key instanceof Uint8Array) return key;
  throw new JOSEInvalidArgument(
    typeof key === "string"
      ? "an HMAC secret must be bytes (a Uint8Array) or an imported key, never a string: encode it deliberately"
      : "the key must be an imported Key, a LocalJWKSet, or a Uint8Array HMAC secret",
  );
}

// An options argument: an object, or undefined for none.
function optionsOf(options) {
  if (options === undefined) return EMPTY_OPTIONS;
  if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
  return options;
}
const EMPTY_OPTIONS = Object.freeze({});

function checkAlg(alg) {
  if (alg !== undefined && typeof alg !== "string") throw new JOSEInvalidArgument("alg must be a string, e.g. \"ES256\"");
}

// JSON text of `value`, or an ErrorClass error saying what could not be (BigInt, a cycle, a throwing toJSON).
function jsonOf(value, ErrorClass, what) {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    throw new ErrorClass(`${what} must be JSON: ${cause?.message ?? cause}`, { cause });
  }
}

function deepFreeze(value) {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
  return value;
}

function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
