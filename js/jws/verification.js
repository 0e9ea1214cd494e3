// One verification of one token: what it is verified with and under, resolved once (the token's
// text, the key, the policy, the time, the cache), and the ways the core can be asked — all in Wasm,
// or in one call that holds the verdict of every check but the primitive, which a host checks.
// verify, compactVerify (jws/compact.js) and verifyAsync (jwt/verify-async.js) build one.
import { JOSEInvalidArgument, JWKSMultipleMatchingKeys } from "../errors.js";
import { PayloadKind, SIGNATURE_INVALID } from "../abi.js";
import { currentSeconds, tokenText } from "../arguments.js";
import { VerifiedTokenCache } from "../cache/verified-tokens.js";
import { handleFor, identityOf } from "../key/key.js";
import { keyOf } from "../key/resolve.js";

const decoder = new TextDecoder();

// When several keys of `key` (a set) fit the token, the core names their positions in it ("0,2"),
// and the error yields those keys, as jose's does.
function withCandidates(key, error) {
  if (!(error instanceof JWKSMultipleMatchingKeys) || !/^\d+(,\d+)*$/.test(error.where ?? "")) return error;
  const candidates = error.where.split(",").map((index) => key.keyAt(Number(index)));
  const { message, detail, status, where } = error;
  return new JWKSMultipleMatchingKeys(message, { detail, status, where, candidates });
}

// A call into the core that chooses a key of `key`.
export function callChoosingKey(runtime, key, name, ...args) {
  try {
    return runtime.core.call(name, ...args);
  } catch (error) {
    throw withCandidates(key, error);
  }
}

export class Verification {
  // Checked in this order: the time, the cache, the policy's options, the token, the key, the host.
  // `cached` false: the options' cache is not this verification's (a nested token's inner JWS,
  // which decryptAndVerify never looks up in it). A plain argument: no object made per verify.
  constructor(runtime, token, key, options, kind, cached = true) {
    this.runtime = runtime;
    this.kind = kind;
    this.now = currentSeconds(options);
    this.cache = cached ? cacheOf(options, kind) : null;
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

  // The result: the cache's, while it holds the token for this key and policy (unless the caller
  // has just looked and missed); otherwise the core's, with a synchronous host checking the
  // primitive where it takes this key.
  result(lookUp = true) {
    if (!this.cache) return this.verify().result;
    return (lookUp ? this.cached() : undefined) ?? this.remember(this.verify());
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

  // The outcome (the result, and when its claims hold, for the verified-token cache): a synchronous
  // host's where it takes this key and gives a verdict, Wasm's otherwise.
  verify() {
    const onHost = this.takesHost && this.runtime.host.synchronous ? this.onSynchronousHost() : undefined;
    return onHost ?? this.inWasm();
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

  // node:crypto's verdict on the primitive, over views of Wasm memory (no copies: nothing calls the
  // core in between), settling what one call into the core held. undefined when the host gives no
  // verdict (Wasm then checks it all).
  onSynchronousHost() {
    const held = this.hold(viewsOf);
    if (!held) return undefined;
    const { runtime: { host } } = this;
    let valid;
    try {
      valid = host.verify(held.prepared, held.signingInput, held.signature);
    } catch {
      return undefined;
    }
    return typeof valid === "boolean" ? this.settle(held, valid) : undefined;
  }

  // One call into the core (edgejwt_verify_on_host): every check before the primitive, whose failure
  // is thrown here, and every check after it, whose verdict is held until the host's is known. The
  // held verdict with the signing input and signature as `read(core, outputs)` gives them (views, or
  // copies for a host that answers later), and the host's prepared key; null when the host does not
  // check this key.
  hold(read) {
    const { runtime, key, policy, text, kind, now } = this;
    const { core, hostKeys } = runtime;
    const { status, outputs, detail } = this.attempt(
      "edgejwt_verify_on_host", handleFor(runtime, key), runtime.policies.handleOf(policy), text, kind, now);
    if (outputs.signingInput[1] === 0) throw withCandidates(key, core.errorOf(status, detail));
    const header = JSON.parse(outputs.header);
    const { keyIndex } = outputs;
    const prepared = hostKeys.get(key, keyIndex, header.alg);
    if (prepared === undefined) {
      // Made once per key and algorithm; making it calls the core, so the outputs are read again.
      hostKeys.prepared(key, keyIndex, header.alg);
      return this.hold(read);
    }
    if (!prepared) return null;
    const payload = this.kind === PayloadKind.jwt ? decoder.decode(core.viewOf(outputs.payload)) : core.bytesOf(outputs.payload);
    return {
      status, detail, header, payload, keyIndex, validity: outputs.validity, prepared, policy,
      ...read(core, outputs),
    };
  }

  // The outcome of a held verification once the host's verdict is known: a signature the host
  // refuses is a bad signature whatever was held (a forged token is reported as one, never by its
  // claims); otherwise the held verdict stands.
  settle({ status, detail, header, payload, keyIndex, validity }, valid) {
    const { core } = this.runtime;
    if (!valid) throw core.errorOf(SIGNATURE_INVALID, "");
    if (status !== 0) throw core.errorOf(status, detail, { payload });
    return this.verified(header, { payload, keyIndex, validity });
  }

  // A call into the core that chooses the key.
  call(name, ...args) {
    return callChoosingKey(this.runtime, this.key, name, ...args);
  }

  attempt(name, ...args) {
    return this.runtime.core.attempt(name, ...args);
  }

  // What a verification that held returns, and when a JWT's time claims hold (for the cache).
  verified(protectedHeader, { payload, keyIndex, validity }) {
    const result = { payload: this.kind === PayloadKind.jwt ? JSON.parse(textOf(payload)) : payload, protectedHeader };
    const key = this.key.matchedKey(keyIndex);
    if (key) result.key = key;
    return { result, validity };
  }
}

// The signing input and signature a verify_on_host call left in Wasm memory: views, valid until
// the next call into the core; copies, for a host that answers after other calls may have run.
const viewsOf = (core, { signingInput, signature }) => ({ signingInput: core.viewOf(signingInput), signature: core.viewOf(signature) });
export const copiesOf = (core, { signingInput, signature }) =>
  ({ signingInput: core.bytesOf(signingInput), signature: core.bytesOf(signature) });

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
