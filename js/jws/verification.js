// One verification of one token: what it is verified with and under, resolved once (the token's
// text, the key, the policy, the time, the cache), and the ways the core can be asked — all in Wasm,
// or with a host checking the signature primitive between the two-phase ABI's begin and finish.
// verify, compactVerify (jws/compact.js) and verifyAsync (jwt/verify-async.js) build one.
import { JOSEInvalidArgument, JWKSMultipleMatchingKeys } from "../errors.js";
import { PayloadKind } from "../abi.js";
import { currentSeconds, tokenText } from "../arguments.js";
import { VerifiedTokenCache } from "../cache/verified-tokens.js";
import { handleFor, identityOf } from "../key/key.js";
import { keyOf } from "../key/resolve.js";

const decoder = new TextDecoder();

export class Verification {
  // Checked in this order: the time, the cache, the policy's options, the token, the key, the host.
  constructor(runtime, token, key, options, kind) {
    this.runtime = runtime;
    this.kind = kind;
    this.now = currentSeconds(options);
    this.cache = cacheOf(options, kind);
    this.policy = runtime.policies.policyFor(options);
    this.text = tokenText(token, this.policy.maxTokenLength);
    this.key = keyOf(runtime, key);
    this.hostCrypto = hostCryptoOf(options);
  }

  // Whether a host may check the primitive: never for HMAC (Wasm is near native there) nor when
  // the call says { hostCrypto: false }; a set's entries are decided per token.
  get takesHost() {
    const { host } = this.runtime;
    return Boolean(host) && this.hostCrypto !== false && this.key.mayUseHost(host);
  }

  // The result: the cache's, while it holds the token for this key and policy; otherwise the core's,
  // with a synchronous host checking the primitive where it takes this key.
  result() {
    const primitive = this.takesHost && this.runtime.host.synchronous ? checkOnHost : null;
    if (!this.cache) return this.verify(primitive).result;
    return this.cached() ?? this.remember(this.verify(primitive));
  }

  cached() {
    return this.cache.lookup(this.cacheKey(), this.now);
  }

  // The token with the identities of the key and the policy it is verified under: numbers that
  // never come back in the life of the process (js/identity.js), unlike handles.
  cacheKey() {
    return `${identityOf(this.key)}:${this.policy.id}:${this.text}`;
  }

  remember({ result, validity }) {
    return this.cache.store(this.cacheKey(), result, validity, this.now);
  }

  // `primitive(verification, begun)`'s verdict where it gives one (true or false), Wasm's otherwise.
  // Returns the result, and when its claims hold (for the verified-token cache).
  verify(primitive) {
    return (primitive && this.onHost(primitive)) ?? this.inWasm();
  }

  // One call into the core, on the token written once into its memory. Handles are looked up as
  // the call is made, never kept across calls (a trap between would have replaced the instance).
  inWasm() {
    const { runtime: { policies }, key, policy, text } = this;
    const outputs = this.kind === PayloadKind.jwt
      ? this.call("edgejwt_verify", handleFor(this.runtime, key), policies.handleOf(policy), text, this.now)
      : this.call("edgejwt_compact_verify", handleFor(this.runtime, key), policies.handleOf(policy), text);
    return this.verified(JSON.parse(outputs.header), outputs);
  }

  // Begun, checked by `primitive`, finished; undefined when it gives no verdict (the verification
  // is then released, and Wasm checks it all).
  onHost(primitive) {
    const begun = this.begin();
    try {
      const valid = primitive(this, begun);
      return typeof valid === "boolean" ? this.finish(begun, valid) : undefined;
    } finally {
      this.release(begun);
    }
  }

  // Every check before the primitive (form, header, policy, key choice, the signature's encoding):
  // a verification of this instance that owns the token, until it is finished or released.
  begin() {
    const { runtime, policy } = this;
    const { handle, header, keyIndex, signingInput, signature } =
      this.call("edgejwt_verify_begin", handleFor(runtime, this.key), runtime.policies.handleOf(policy), this.text);
    return { handle, epoch: runtime.core.epoch, header: JSON.parse(header), keyIndex, signingInput, signature, policy };
  }

  // A call into the core that chooses the key. When several keys of a set fit the token, the core
  // names their positions in the set ("0,2"), and the error yields those keys, as jose's does.
  call(name, ...args) {
    try {
      return this.runtime.core.call(name, ...args);
    } catch (error) {
      if (!(error instanceof JWKSMultipleMatchingKeys) || !/^\d+(,\d+)*$/.test(error.detail ?? "")) throw error;
      const candidates = error.detail.split(",").map((index) => this.key.keyAt(Number(index)));
      const { message, reason, status, detail } = error;
      throw new JWKSMultipleMatchingKeys(message, { reason, status, detail, candidates });
    }
  }

  // Whether `begun` may still be finished: it belongs to its instance, and is finished once.
  finishable(begun) {
    return begun.handle !== 0 && begun.epoch === this.runtime.core.epoch;
  }

  // Every check after the primitive, given the host's verdict; consumes the verification.
  finish(begun, valid) {
    const { handle } = begun;
    begun.handle = 0;
    return this.verified(begun.header, this.runtime.core.call("edgejwt_verify_finish", handle, this.kind, valid, this.now));
  }

  // A verification not finished, released (none when its instance has been replaced since).
  release(begun) {
    if (!this.finishable(begun)) return;
    const { handle } = begun;
    begun.handle = 0;
    try {
      this.runtime.core.call("edgejwt_verification_release", handle);
    } catch {
      // The instance trapped (and was replaced): nothing is left to release.
    }
  }

  // What a verification that held returns, and when a JWT's time claims hold (for the cache).
  verified(protectedHeader, { payload, keyIndex, validity }) {
    const result = { payload: this.kind === PayloadKind.jwt ? JSON.parse(textOf(payload)) : payload, protectedHeader };
    const key = this.key.matchedKey(keyIndex);
    if (key) result.key = key;
    return { result, validity };
  }
}

// A synchronous host's verdict on the begun verification, over views of Wasm memory (no copies:
// the verification owns those bytes, so making the host's key may call the core meanwhile); null
// when Wasm checks it (as when the host cannot decide).
function checkOnHost({ runtime, key }, begun) {
  const { host, hostKeys, core } = runtime;
  const prepared = hostKeys.prepared(key, begun.keyIndex, begun.header.alg);
  if (!prepared || begun.epoch !== core.epoch) return null;
  try {
    return host.verify(prepared, core.viewOf(begun.signingInput), core.viewOf(begun.signature));
  } catch {
    return null;
  }
}

function cacheOf(options, kind) {
  const cache = options.cache;
  if (cache === undefined) return null;
  if (!(cache instanceof VerifiedTokenCache)) throw new JOSEInvalidArgument("options.cache must be a VerifiedTokenCache");
  if (kind !== PayloadKind.jwt) throw new JOSEInvalidArgument("the verified-token cache holds JWTs: use verify()");
  return cache;
}

function hostCryptoOf(options) {
  if (options.hostCrypto !== undefined && typeof options.hostCrypto !== "boolean") {
    throw new JOSEInvalidArgument("options.hostCrypto must be a boolean");
  }
  return options.hostCrypto;
}

// The text of an output read as text or as bytes.
const textOf = (payload) => (typeof payload === "string" ? payload : decoder.decode(payload));
