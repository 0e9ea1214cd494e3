// The public API, written once against a Core and bound to a build by each entry point
// (index.js: Emscripten, wasi.js: WASI). After `await init()` every call is synchronous.
import { Core } from "./core.js";
import { JOSEError, JOSEInvalidArgument, JWSInvalid, JWTInvalid, ERR_NOT_INITIALIZED } from "./errors.js";
import { secondsOf } from "./timespan.js";

const decoder = new TextDecoder();
const POLICY_CACHE_SIZE = 64;

// Options that become the core's policy JSON, with the name the core gives each.
const LIMIT_OPTIONS = ["maxTokenLength", "maxHeaderSize", "maxPayloadSize", "maxJsonDepth", "maxJsonEntries"];

export function createApi(loadEngine) {
  let core = null;
  let initializing = null;
  const policies = new Map(); // policy JSON -> handle, least recently used first

  function ready() {
    if (!core) throw new JOSEError("call and await init() before using edgejwt", { code: ERR_NOT_INITIALIZED });
    return core;
  }

  async function init(options = {}) {
    if (core) return;
    initializing ??= loadEngine(options).then(
      (engine) => { core = new Core(engine); },
      (error) => { initializing = null; throw error; },
    );
    return initializing;
  }

  function policyHandle(options) {
    const json = policyJson(options);
    if (json === "{}") return 0; // the core's defaults
    let handle = policies.get(json);
    if (handle !== undefined) {
      policies.delete(json); // re-insert: most recently used last
    } else {
      const [pointer, length] = core.write(json);
      core.call("edgejwt_policy_create", pointer, length);
      handle = core.handle();
      if (policies.size >= POLICY_CACHE_SIZE) {
        const [oldestJson, oldestHandle] = policies.entries().next().value;
        policies.delete(oldestJson);
        core.call("edgejwt_policy_release", oldestHandle);
      }
    }
    policies.set(json, handle);
    return handle;
  }

  // Runs `use(keyHandle)` with the key imported for the call and released after it.
  function withKey(key, use) {
    const secret = secretBytes(key);
    const [pointer, length] = core.write(secret);
    core.call("edgejwt_key_import_secret", pointer, length);
    const handle = core.handle();
    try {
      return use(handle);
    } finally {
      core.abi.edgejwt_key_release(core.context, handle);
    }
  }

  function sign(payload, key, options = {}) {
    ready();
    if (!isPlainObject(payload)) throw new JWTInvalid("JWT claims must be a plain object");
    if (typeof options.alg !== "string") throw new JOSEInvalidArgument('sign needs options.alg, e.g. { alg: "HS256" }');
    const header = { ...options.header, alg: options.alg, typ: options.typ ?? options.header?.typ ?? "JWT" };
    if (options.kid !== undefined) header.kid = options.kid;
    return withKey(key, (handle) => {
      const [headerPointer, headerLength, payloadPointer, payloadLength] =
        core.write(JSON.stringify(header), JSON.stringify(payload));
      core.call("edgejwt_sign", handle, headerPointer, headerLength, payloadPointer, payloadLength);
      return core.text("output");
    });
  }

  function verify(token, key, options = {}) {
    ready();
    const text = tokenText(token);
    const now = currentSeconds(options);
    return withKey(key, (handle) => {
      const policy = policyHandle(options);
      const [pointer, length] = core.write(text);
      core.call("edgejwt_verify", handle, policy, pointer, length, now);
      return { payload: JSON.parse(core.text("payload")), protectedHeader: JSON.parse(core.text("header")) };
    });
  }

  // No verification at all: for inspecting a token, never for trusting it.
  function decode(token, options = {}) {
    ready();
    const text = tokenText(token);
    const policy = policyHandle(pick(options, LIMIT_OPTIONS));
    const [pointer, length] = core.write(text);
    core.call("edgejwt_decode", policy, pointer, length);
    return { header: JSON.parse(core.text("header")), payload: JSON.parse(core.text("payload")), verified: false };
  }

  return { init, sign, verify, decode };
}

function policyJson(options) {
  const policy = pick(options, LIMIT_OPTIONS);
  if (options.algorithms !== undefined) {
    if (!Array.isArray(options.algorithms) || !options.algorithms.every((alg) => typeof alg === "string")) {
      throw new JOSEInvalidArgument("options.algorithms must be an array of algorithm names");
    }
    policy.algorithms = options.algorithms;
  }
  if (options.clockTolerance !== undefined) policy.clockTolerance = secondsOf(options.clockTolerance, "clockTolerance");
  return JSON.stringify(policy);
}

function pick(options, names) {
  const picked = {};
  for (const name of names) if (options[name] !== undefined) picked[name] = options[name];
  return picked;
}

function currentSeconds(options) {
  if (options.currentDate === undefined) return Date.now() / 1000;
  if (!(options.currentDate instanceof Date) || Number.isNaN(options.currentDate.getTime())) {
    throw new JOSEInvalidArgument("options.currentDate must be a valid Date");
  }
  return options.currentDate.getTime() / 1000;
}

function tokenText(token) {
  if (typeof token === "string") return token;
  if (token instanceof Uint8Array) return decoder.decode(token);
  throw new JWSInvalid("a compact JWS must be a string or a Uint8Array");
}

function secretBytes(key) {
  if (key instanceof Uint8Array) return key;
  throw new JOSEInvalidArgument(
    typeof key === "string"
      ? "an HMAC secret must be bytes (a Uint8Array), never a string: encode it deliberately"
      : "the key must be a Uint8Array HMAC secret",
  );
}

function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
