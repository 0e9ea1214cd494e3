// Verify options become the core's policies: JSON under the options' own names, made into a handle
// once and kept in a bounded LRU by that JSON. The options object a caller passes again and again
// is remembered with a copy of its policy fields, so a call whose fields are unchanged skips the
// JSON; any change (a field set, removed, or an array edited in place) is seen by the comparison.
import { JOSEInvalidArgument } from "./errors.js";
import { secondsOf } from "./timespan.js";

const CACHE_SIZE = 64;

// The size limits: all that decode and decodeProtectedHeader take.
export const LIMIT_FIELDS = ["maxTokenLength", "maxHeaderSize", "maxPayloadSize", "maxJsonDepth", "maxJsonEntries", "maxKidLength"];
const VERIFY_FIELDS = [...LIMIT_FIELDS, "issuer", "audience", "subject", "typ", "requiredClaims", "crit",
  "maxTokenAge", "algorithms", "clockTolerance"];

export class Policies {
  constructor(core) {
    this.core = core;
    this.byJson = new Map(); // policy JSON -> handle, least recently used first
    this.remembered = new Map([[LIMIT_FIELDS, new WeakMap()], [VERIFY_FIELDS, new WeakMap()]]);
  }

  // The handle for `options`' `fields` (0: the core's defaults). A remembered handle is used only
  // while the LRU still holds it.
  handleFor(options, fields = VERIFY_FIELDS) {
    const remembered = this.remembered.get(fields);
    const memo = remembered.get(options);
    if (memo !== undefined && sameFields(memo.values, options, fields) && this.byJson.get(memo.json) === memo.handle) {
      return memo.handle;
    }
    const json = policyJson(options, fields);
    if (json === "{}") return 0; // nothing to remember: a fresh `{}` per call is common
    const handle = this.handleForJson(json);
    remembered.set(options, { values: fields.map((field) => copyOf(options[field])), json, handle });
    return handle;
  }

  handleForJson(json) {
    const { core, byJson } = this;
    let handle = byJson.get(json);
    if (handle !== undefined) {
      byJson.delete(json); // re-inserted below: most recently used last
    } else {
      const [pointer, length] = core.write(json);
      core.call("edgejwt_policy_create", pointer, length);
      handle = core.handle();
      if (byJson.size >= CACHE_SIZE) {
        const [oldestJson, oldestHandle] = byJson.entries().next().value;
        byJson.delete(oldestJson);
        core.call("edgejwt_policy_release", oldestHandle);
      }
    }
    byJson.set(json, handle);
    return handle;
  }
}

function policyJson(options, fields) {
  const policy = {};
  for (const field of fields) {
    const value = options[field];
    if (value === undefined) continue;
    if (field === "maxTokenAge" || field === "clockTolerance") {
      policy[field] = secondsOf(value, field);
    } else if (field === "algorithms" && !(Array.isArray(value) && value.every((alg) => typeof alg === "string"))) {
      throw new JOSEInvalidArgument("options.algorithms must be an array of algorithm names");
    } else {
      policy[field] = value;
    }
  }
  return JSON.stringify(policy);
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
