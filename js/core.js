// The C ABI seen from JS: one context in one Wasm instance, with the marshalling every call needs.
// An engine (engines/emscripten.js, engines/wasi.js) supplies `exports` (the ABI functions by their
// C names), `memory` and `renew()` (a fresh instance of the same module); nothing here knows which
// build it is talking to.
//
// Every ABI call goes through `call` (context functions) or `invoke` (the rest), the one place where
// - each argument is checked against the function's signature (SIGNATURES) before any memory is
//   touched: a bad one is a JOSEInvalidArgument and the instance is left exactly as it was;
// - strings and bytes are written into one reusable input buffer, passed as pointer and length;
// - a trap, or anything else thrown out of the instance, replaces the instance with a fresh one
//   and fails the call with WasmTrap. `epoch` counts instances: whatever holds a handle notes the
//   epoch it was made in and makes it again (from what it retains) when the epoch has moved on.
import { errorFromStatus, JOSEError, JOSEInvalidArgument, WasmTrap } from "./errors.js";

// Limits bindings/edgejwt.h states for hosts (the core applies them again).
export const DEFAULT_MAX_TOKEN_LENGTH = 65536; // EDGEJWT_DEFAULT_MAX_TOKEN_LENGTH
export const MAX_JSON_DEPTH = 64; // EDGEJWT_MAX_JSON_DEPTH

// Byte offsets of edgejwt_result's fields in wasm32 (bindings/edgejwt.h).
const RESULT = {
  header: 0, payload: 8, output: 16, detail: 24, handle: 32, keyIndex: 36, signingInput: 40, signature: 48,
  validFrom: 56, validUntil: 64,
};

// The parameters after the context of every context function the API calls, as "name:kind":
//   u32, i32  an integer in the C type's range (handles, formats, sizes)
//   f64       a finite number
//   bool      true or false (passed as 1 or 0)
//   text      a string, passed as pointer and length of its UTF-8
//   bytes     a Uint8Array, passed as pointer and length
//   data      text or bytes
export const SIGNATURES = parseSignatures({
  edgejwt_key_import: "format:i32 data:data alg:text",
  edgejwt_key_import_jwks: "jwks:text",
  edgejwt_key_generate: "alg:text modulusBits:u32",
  edgejwt_key_public: "key:u32",
  edgejwt_key_export: "key:u32 format:i32",
  edgejwt_key_thumbprint: "key:u32 hashBits:u32",
  edgejwt_key_describe: "key:u32",
  edgejwt_key_release: "key:u32",
  edgejwt_policy_create: "options:text",
  edgejwt_policy_release: "policy:u32",
  edgejwt_sign: "key:u32 header:text payload:text",
  edgejwt_compact_sign: "key:u32 header:text payload:bytes",
  edgejwt_verify: "key:u32 policy:u32 token:text now:f64",
  edgejwt_compact_verify: "key:u32 policy:u32 token:text",
  edgejwt_verify_begin: "key:u32 policy:u32 token:text",
  edgejwt_verify_finish: "payloadKind:i32 signatureValid:bool now:f64",
  edgejwt_check_signature: "key:u32 alg:text signingInput:bytes signature:bytes",
  edgejwt_decode: "policy:u32 token:text",
  edgejwt_decode_header: "policy:u32 token:text",
});

const ACCEPTS = {
  u32: (value) => Number.isInteger(value) && value >= 0 && value <= 0xffffffff,
  i32: (value) => Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff,
  f64: (value) => Number.isFinite(value),
  bool: (value) => typeof value === "boolean",
  text: (value) => typeof value === "string",
  bytes: (value) => value instanceof Uint8Array,
  data: (value) => typeof value === "string" || value instanceof Uint8Array,
};
const EXPECTED = {
  u32: "an integer from 0 to 2^32-1", i32: "an integer from -2^31 to 2^31-1", f64: "a finite number",
  bool: "a boolean", text: "a string", bytes: "a Uint8Array", data: "a string or a Uint8Array",
};

const MIN_INPUT_CAPACITY = 1024;
// The input buffer is kept between calls up to this size (a default-limit token's worst case, 3
// bytes per character, fits); a larger one, made for an oversized input, is freed after its call.
const KEPT_INPUT_CAPACITY = 256 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Core {
  constructor(engine) {
    this.engine = engine;
    this.epoch = 0;
    this.statusNames = new Map();
    this.start(engine);
  }

  // Takes `instance` ({ exports, memory }) with a new context; the epoch moves on only once it is ready.
  start({ exports, memory }) {
    this.broken = true;
    const context = exports.edgejwt_context_new();
    if (!context) throw errorFromStatus("ERR_OUT_OF_MEMORY", "memory could not be allocated");
    this.result = exports.edgejwt_context_result(context);
    this.abi = exports;
    this.memory = memory;
    this.context = context;
    this.input = 0; // one reusable input buffer, grown on demand
    this.inputCapacity = 0;
    this.view = undefined;
    this.epoch++;
    this.broken = false;
  }

  // A fresh instance in place of one that trapped. When making it fails too, the core stays broken
  // and the next API call tries again (ready()).
  renew() {
    this.broken = true;
    if (typeof this.engine.renew !== "function") {
      throw new WasmTrap("the Wasm instance trapped and its engine cannot make another");
    }
    this.start(this.engine.renew());
  }

  // Calls a context function of the ABI with checked arguments; throws the error of a failed status.
  call(name, ...args) {
    const status = this.status(name, ...args);
    if (status !== 0) throw this.errorOf(status);
  }

  // The same, returning the status (0 for success).
  status(name, ...args) {
    const status = this.invoke(name, this.marshal(name, args));
    if (this.inputCapacity > KEPT_INPUT_CAPACITY) this.releaseInput();
    return status;
  }

  // [context, ...arguments] for `name`, every argument checked before any is written.
  marshal(name, args) {
    const parameters = SIGNATURES[name];
    if (parameters === undefined) throw new JOSEError(`${name} is not an ABI function the API calls`);
    if (args.length !== parameters.length) {
      throw new JOSEInvalidArgument(`${name} takes ${parameters.length} arguments, not ${args.length}`);
    }
    let size = 0;
    for (let i = 0; i < parameters.length; i++) {
      const { kind, name: parameter } = parameters[i];
      const value = args[i];
      if (!ACCEPTS[kind](value)) {
        throw new JOSEInvalidArgument(`${name}: ${parameter} must be ${EXPECTED[kind]}, not ${describe(value)}`);
      }
      if (typeof value === "string") size += value.length * 3; // UTF-8's worst case
      else if (value instanceof Uint8Array) size += value.byteLength;
    }
    const argv = [this.context];
    let at = size > 0 ? this.reserve(size) : 0;
    const bytes = size > 0 ? this.bytes() : null;
    const end = at + size;
    for (let i = 0; i < parameters.length; i++) {
      const value = args[i];
      if ((typeof value === "string" || value instanceof Uint8Array) && value.length === 0) {
        argv.push(at, 0);
      } else if (typeof value === "string") {
        const { written } = encoder.encodeInto(value, bytes.subarray(at, end));
        argv.push(at, written);
        at += written;
      } else if (value instanceof Uint8Array) {
        bytes.set(value, at);
        argv.push(at, value.byteLength);
        at += value.byteLength;
      } else {
        argv.push(typeof value === "boolean" ? Number(value) : value);
      }
    }
    return argv;
  }

  // The one place the instance is entered. Whatever is thrown out of it (a RuntimeError trap, a
  // stack-overflow RangeError, an import's exception) leaves its state unknown: it is replaced.
  invoke(name, argv) {
    if (this.broken) throw new WasmTrap("the Wasm instance trapped and could not be replaced yet");
    try {
      return this.abi[name](...argv);
    } catch (cause) {
      try {
        this.renew();
      } catch {
        // Stays broken: the next API call tries again.
      }
      throw new WasmTrap(`the Wasm instance trapped in ${name} (${cause?.message ?? cause}); it has been replaced`, { cause });
    }
  }

  // The input buffer holds at least `size` bytes. The new buffer is allocated before the old one is
  // freed, so that a failure leaves the old one (and its capacity) in place.
  reserve(size) {
    if (size <= this.inputCapacity) return this.input;
    const capacity = size > KEPT_INPUT_CAPACITY ? size
      : Math.max(size, Math.min(this.inputCapacity * 2, KEPT_INPUT_CAPACITY), MIN_INPUT_CAPACITY);
    const input = this.invoke("edgejwt_alloc", [capacity]);
    if (!input) throw errorFromStatus("ERR_OUT_OF_MEMORY", "memory could not be allocated");
    if (this.input) this.invoke("edgejwt_free", [this.input]);
    this.input = input;
    this.inputCapacity = capacity;
    return input;
  }

  // Gives back an input buffer made for an oversized input.
  releaseInput() {
    const input = this.input;
    this.input = 0;
    this.inputCapacity = 0;
    this.invoke("edgejwt_free", [input]);
  }

  // Views are re-made after a memory.grow(), which detaches the old buffer (a view of a detached
  // buffer has length 0, a cheaper test than asking the memory for its buffer).
  bytes() {
    if (this.view === undefined || this.view.length === 0) {
      this.view = new Uint8Array(this.memory.buffer);
      this.data = new DataView(this.memory.buffer);
    }
    return this.view;
  }

  field(name) {
    this.bytes();
    const at = this.result + RESULT[name];
    return [this.data.getUint32(at, true), this.data.getUint32(at + 4, true)];
  }

  text(name) {
    const bytes = this.bytes();
    const at = this.result + RESULT[name];
    const pointer = this.data.getUint32(at, true);
    const length = this.data.getUint32(at + 4, true);
    return length === 0 ? "" : decoder.decode(bytes.subarray(pointer, pointer + length));
  }

  // A view of Wasm memory at a [pointer, length] field, valid until the memory grows.
  viewOf([pointer, length]) {
    return this.bytes().subarray(pointer, pointer + length);
  }

  // A copy of a byte field (the context's buffers are reused by the next call).
  bytesOf(name) {
    const [pointer, length] = this.field(name);
    return this.bytes().slice(pointer, pointer + length);
  }

  handle() {
    this.bytes();
    return this.data.getUint32(this.result + RESULT.handle, true);
  }

  keyIndex() {
    this.bytes();
    return this.data.getUint32(this.result + RESULT.keyIndex, true);
  }

  // When a JWT that just verified holds: { from, until } in seconds (edgejwt_result.valid_from/until).
  validity() {
    this.bytes();
    return {
      from: this.data.getFloat64(this.result + RESULT.validFrom, true),
      until: this.data.getFloat64(this.result + RESULT.validUntil, true),
    };
  }

  cString(pointer) {
    const bytes = this.bytes();
    let end = pointer;
    while (bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(pointer, end));
  }

  statusName(status) {
    let name = this.statusNames.get(status);
    if (!name) {
      name = this.cString(this.invoke("edgejwt_status_name", [status]));
      this.statusNames.set(status, name);
    }
    return name;
  }

  // The error for a failed status, with the detail the call left.
  errorOf(status) {
    const detail = this.text("detail");
    const message = this.cString(this.invoke("edgejwt_status_message", [status]));
    return errorFromStatus(this.statusName(status), message, detail);
  }
}

function parseSignatures(table) {
  const parsed = {};
  for (const [name, parameters] of Object.entries(table)) {
    parsed[name] = parameters.split(" ").map((parameter) => {
      const [parameterName, kind] = parameter.split(":");
      return { name: parameterName, kind };
    });
  }
  return parsed;
}

// What a refused argument was, for the message (never its value: it may be a secret).
function describe(value) {
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "object") return typeof value;
  return Array.isArray(value) ? "an array" : "an object";
}
