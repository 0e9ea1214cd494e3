// Verify options become the core's policies: JSON under the options' own names, made into a policy
// once and kept in a bounded LRU by that JSON. The options object a caller passes again and again
// is remembered with a copy of its policy fields, so a call whose fields are unchanged skips the
// JSON; any change (a field set, removed, or an array edited in place) is seen by the comparison.
//
// A policy is { json, id, handle, epoch, maxTokenLength, released }: `id` (never reused) is what the
// verified-token cache keys entries by, and stays with the JSON while the LRU holds it; `handle`
// belongs to the Wasm instance of `epoch` and is made again from the JSON when the instance has
// been replaced (js/core.js). The core's defaults are the policy with id 0 and handle 0.
import { JOSEInvalidArgument } from "./errors.js";
import { secondsOf } from "./timespan.js";
import { DEFAULT_MAX_TOKEN_LENGTH, MAX_JSON_DEPTH } from "./abi.js";
import { newIdentity } from "./identity.js";
import { isPlainObject } from "./util.js";

const CACHE_SIZE = 64;

// The size limits: all that decode and decodeProtectedHeader take. Whole numbers from 1 to 2^32-1
// (the C type's range), maxJsonDepth at most MAX_JSON_DEPTH.
export const LIMIT_FIELDS = ["maxTokenLength", "maxHeaderSize", "maxPayloadSize", "maxJsonDepth", "maxJsonEntries", "maxKidLength"];
export const VERIFY_FIELDS = [...LIMIT_FIELDS, "issuer", "audience", "subject", "typ", "requiredClaims", "crit",
  "maxTokenAge", "algorithms", "clockTolerance"];
// What signing takes: the extensions the signer understands (a header's "crit" may name only those).
export const SIGN_FIELDS = ["crit"];
// The options that list algorithm names are named so: "algorithms", and decryption's
// "keyManagementAlgorithms" and "contentEncryptionAlgorithms" (jwe/policies.js).
const isNameList = (field) => field === "algorithms" || field.endsWith("Algorithms");
const MOST = Object.fromEntries(LIMIT_FIELDS.map((field) => [field, field === "maxJsonDepth" ? MAX_JSON_DEPTH : 0xffffffff]));

const DEFAULTS = Object.freeze({ json: "{}", id: 0, handle: 0, maxTokenLength: DEFAULT_MAX_TOKEN_LENGTH });

// The ABI functions that make and release a kind of policy: verify's (the default) or decryption's
// (jwe/policies.js).
const VERIFY_POLICY_ABI = Object.freeze({ create: "edgejwt_policy_create", release: "edgejwt_policy_release" });

export class Policies {
  constructor(core, abi = VERIFY_POLICY_ABI) {
    this.core = core;
    this.abi = abi;
    this.byJson = new Map(); // policy JSON -> policy, least recently used first
    this.remembered = new Map(); // fields -> WeakMap: options -> { values, json, policy }
  }

  // The policy for `options`' `fields`. A remembered one is used only while the LRU still holds it.
  policyFor(options, fields = VERIFY_FIELDS) {
    let remembered = this.remembered.get(fields);
    if (remembered === undefined) this.remembered.set(fields, (remembered = new WeakMap()));
    const memo = remembered.get(options);
    if (memo !== undefined && sameFields(memo.values, options, fields) && this.byJson.get(memo.json) === memo.policy) {
      return memo.policy;
    }
    const json = policyJson(options, fields);
    if (json === "{}") return DEFAULTS; // nothing to remember: a fresh `{}` per call is common
    const policy = this.policyForJson(json, options.maxTokenLength);
    remembered.set(options, { values: fields.map((field) => copyOf(options[field])), json, policy });
    return policy;
  }

  policyForJson(json, maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH) {
    const { byJson } = this;
    let policy = byJson.get(json);
    if (policy !== undefined) {
      byJson.delete(json); // re-inserted below: most recently used last
    } else {
      policy = { json, id: 0, handle: 0, epoch: 0, maxTokenLength, released: false };
      this.handleOf(policy); // the core checks the options before the policy is kept
      policy.id = newIdentity();
      if (byJson.size >= CACHE_SIZE) {
        const [oldestJson, oldest] = byJson.entries().next().value;
        byJson.delete(oldestJson);
        this.release(oldest);
      }
    }
    byJson.set(json, policy);
    return policy;
  }

  // The policy's handle in the instance of now. A policy the LRU has let go of since it was handed
  // out stands for its JSON's current one.
  handleOf(policy) {
    if (policy === DEFAULTS) return 0;
    if (policy.epoch === this.core.epoch) return policy.handle;
    if (policy.released) return this.handleOf(this.policyForJson(policy.json, policy.maxTokenLength));
    policy.handle = createdPolicy(this.core, this.abi.create, policy.json);
    policy.epoch = this.core.epoch;
    return policy.handle;
  }

  release(policy) {
    policy.released = true;
    if (policy.epoch === this.core.epoch) this.core.call(this.abi.release, policy.handle);
    policy.epoch = 0;
  }
}

// A verify option of the wrong type is refused, never reinterpreted: a rule of the strictness table
// ("option-types"), so the error names it (detail and reason "invalid_option"; where: the option).
const invalidOption = (message, options) => new JOSEInvalidArgument(message, { ...options, detail: "invalid_option" });

function createdPolicy(core, create, json) {
  try {
    return core.call(create, json).handle;
  } catch (error) {
    if (error.status !== "ERR_INVALID_ARGUMENT") throw error;
    throw invalidOption(error.message, { status: error.status, where: error.where, cause: error });
  }
}

function policyJson(options, fields) {
  const policy = {};
  for (const field of fields) {
    const value = options[field];
    if (value === undefined) continue;
    if (field === "maxTokenAge" || field === "clockTolerance") {
      policy[field] = secondsOf(value, field);
    } else if (field === "crit" && isPlainObject(value)) {
      policy.crit = Object.keys(value); // jose's shape: { "extension": true }, each key understood
    } else if (isNameList(field) && !(Array.isArray(value) && value.every((alg) => typeof alg === "string"))) {
      throw invalidOption(`options.${field} must be an array of algorithm names`, { where: field });
    } else if (field in MOST && !(Number.isInteger(value) && value >= 1 && value <= MOST[field])) {
      throw invalidOption(`options.${field} must be a whole number from 1 to ${MOST[field]}`, { where: field });
    } else {
      policy[field] = value;
    }
  }
  try {
    return JSON.stringify(policy);
  } catch (cause) {
    throw invalidOption("the options must be plain JSON values (strings, numbers, arrays of strings)", { cause });
  }
}

// Option values are primitives or arrays of strings: arrays are copied, so that an edit in place
// is seen. Any other object never matches its remembered self (such options are refused anyway).
const copyOf = (value) => (Array.isArray(value) ? value.slice() : value);

function sameFields(values, options, fields) {
  for (let i = 0; i < fields.length; i++) {
    if (!sameValue(values[i], options[fields[i]])) return false;
  }
  return true;
}

function sameValue(copy, value) {
  if (copy === value) return typeof value !== "object" || value === null;
  if (!Array.isArray(value) || !Array.isArray(copy) || copy.length !== value.length) return false;
  for (let i = 0; i < value.length; i++) {
    if (copy[i] !== value[i] || (typeof value[i] === "object" && value[i] !== null)) return false;
  }
  return true;
}
