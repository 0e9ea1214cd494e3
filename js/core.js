// The C ABI seen from JS: one context and the result its calls write to, in one Wasm instance. An
// engine (engines/emscripten.js, engines/wasi.js) supplies `exports` (the ABI functions by their C
// names), `memory` and `renew()` (a fresh instance of the same module); nothing here knows which
// build it is talking to.
//
// Every ABI call goes through `call`/`attempt` (context functions) or `invoke` (the rest), the one
// place where
// - each argument is checked against the function's signature (core/signatures.js) before any
//   memory is touched: a bad one is a JOSEInvalidArgument and the instance is left exactly as it was;
// - strings and bytes are written into one reusable input buffer, passed as pointer and length;
// - the call's declared outputs are read out of the Core's result before anything else can run, so
//   what a call returned is the caller's: no later call changes it (the C ABI's results are the
//   caller's too, and a begun verification owns its bytes until it is finished or released);
// - a function the module does not export (the default modules leave encryption out: JWE is in the
//   edgejwt/jwe entry's, whose engines bring the encryption functions' signatures, jwe/abi.js) is
//   JOSENotSupported saying where it is, before anything is touched;
// - a trap, or anything else thrown out of the instance, replaces the instance with a fresh one
//   and fails the call with WasmTrap. `epoch` counts instances: whatever holds a handle notes the
//   epoch it was made in and makes it again (from what it retains) when the epoch has moved on.
import { JOSEError, JOSENotSupported, WasmTrap } from "./errors.js";
import { errorFromStatus } from "./core/status-errors.js";
import { ABI_VERSION, RESULT_OFFSETS } from "./abi.js";
import { SIGNATURES, checkArguments, signatureIn } from "./core/signatures.js";

export { SIGNATURES };

const MIN_INPUT_CAPACITY = 1024;
// The input buffer is kept between calls up to this size (a default-limit token's worst case, 3
// bytes per character, fits); a larger one, made for an oversized input, is freed after its call.
const KEPT_INPUT_CAPACITY = 256 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// How each kind of output is read from the result at `at` (core/signatures.js).
const READ = {
  text: (core, at) => core.text(at),
  bytes: (core, at) => core.bytesOf(core.span(at)),
  u32: (core, at) => core.data.getUint32(at, true),
  span: (core, at) => core.span(at),
  window: (core, at) => ({ from: core.data.getFloat64(at, true), until: core.data.getFloat64(at + 8, true) }),
};

// The ABI version matched, so a function the module lacks (or whose signature its engine did not
// bring) is one of the encryption functions (EDGEJWT_JWE_API in bindings/edgejwt.h) that only the
// JWE modules export.
const notExported = (name) => new JOSENotSupported(
  `${name} is not in this Wasm module: encryption (JWE) is in the "edgejwt/jwe" entry ("edgejwt/wasi/jwe" ` +
  "on the WASI build), whose Wasm has it; import every operation of a program that encrypts from there");

export class Core {
  constructor(engine) {
    this.engine = engine;
    this.signatures = engine.signatures ?? SIGNATURES; // the functions this module's JS may call
    this.epoch = 0;
    this.statusNames = new Map();
    this.start(engine);
  }

  // Takes `instance` ({ exports, memory }) with a new context and result; the epoch moves on only
  // once it is ready. A module that speaks another ABI is refused.
  start({ exports, memory }) {
    this.broken = true;
    const version = exports.edgejwt_abi_version();
    if (version !== ABI_VERSION) {
      throw new JOSEError(`this Wasm module speaks edgejwt ABI ${version}, and this package needs ABI ${ABI_VERSION}: ` +
        "load the Wasm that came with it", { code: "ERR_WASM_ABI_MISMATCH" });
    }
    const context = exports.edgejwt_context_new();
    const result = context && exports.edgejwt_result_new();
    if (!result) throw errorFromStatus("ERR_OUT_OF_MEMORY", "memory could not be allocated");
    this.abi = exports;
    this.memory = memory;
    this.context = context;
    this.result = result;
    this.input = 0; // one reusable input buffer, grown on demand
    this.inputCapacity = 0;
    this.view = undefined;
    this.epoch++;
    this.broken = false;
  }

  // A fresh instance in place of one that trapped. When making it fails too, the core stays broken
  // and the next API call tries again (Runtime.ready).
  renew() {
    this.broken = true;
    if (typeof this.engine.renew !== "function") {
      throw new WasmTrap("the Wasm instance trapped and its engine cannot make another");
    }
    try {
      this.start(this.engine.renew());
    } catch (cause) {
      if (cause instanceof JOSEError) throw cause;
      throw new WasmTrap(`the Wasm instance could not be replaced (${cause?.message ?? cause})`, { cause });
    }
  }

  // Calls a context function of the ABI with checked arguments and returns its outputs; throws the
  // error of a failed status (made with the outputs as far as the call got: a claim's failure
  // carries the verified claims).
  call(name, ...args) {
    const signature = this.signatureOf(name);
    const status = this.run(name, signature, args);
    if (status !== 0) throw this.errorOf(status, this.detail(), this.read(signature.outputs));
    return this.read(signature.outputs);
  }

  // The same, failing or not: { status, outputs, detail } (outputs as far as the call got).
  attempt(name, ...args) {
    const signature = this.signatureOf(name);
    const status = this.run(name, signature, args);
    const detail = status === 0 ? "" : this.detail();
    return { status, outputs: this.read(signature.outputs), detail };
  }

  // The status alone (0 for success).
  status(name, ...args) {
    return this.run(name, this.signatureOf(name), args);
  }

  // The signature of `name` (core/signatures.js). A name this module's table does not hold is not
  // one it exports.
  signatureOf(name) {
    const signature = signatureIn(this.signatures, name);
    if (signature === undefined) throw notExported(name);
    return signature;
  }

  run(name, signature, args) {
    const status = this.invoke(name, this.marshal(name, signature, args));
    if (this.inputCapacity > KEPT_INPUT_CAPACITY) this.releaseInput();
    return status;
  }

  // [context, result, ...arguments] for `name`, every argument checked before any is written.
  marshal(name, signature, args) {
    const size = checkArguments(name, signature, args);
    if (typeof this.abi[name] !== "function") throw notExported(name);
    const argv = [this.context, this.result];
    let at = size > 0 ? this.reserve(size) : 0;
    const bytes = size > 0 ? this.bytes() : null;
    const end = at + size;
    for (const value of args) {
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

  // The declared outputs of the call just made, read out of the result.
  read(outputs) {
    this.bytes();
    const values = {};
    for (let i = 0; i < outputs.length; i++) {
      const { name, kind, offset } = outputs[i];
      values[name] = READ[kind](this, this.result + offset);
    }
    return values;
  }

  // The [pointer, length] at `at`.
  span(at) {
    this.bytes();
    return [this.data.getUint32(at, true), this.data.getUint32(at + 4, true)];
  }

  // The UTF-8 text at the [pointer, length] at `at`.
  text(at) {
    const [pointer, length] = this.span(at);
    return length === 0 ? "" : decoder.decode(this.view.subarray(pointer, pointer + length));
  }

  // What the call just made says failed.
  detail() {
    return this.text(this.result + RESULT_OFFSETS.detail);
  }

  // A view of Wasm memory at a span, valid until the memory grows.
  viewOf([pointer, length]) {
    return this.bytes().subarray(pointer, pointer + length);
  }

  // A copy of the bytes at a span.
  bytesOf([pointer, length]) {
    return this.bytes().slice(pointer, pointer + length);
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

  // The error for a failed status, with the detail and outputs the call left (read before anything
  // else runs).
  errorOf(status, detail = this.detail(), outputs = {}) {
    const message = this.cString(this.invoke("edgejwt_status_message", [status]));
    return errorFromStatus(this.statusName(status), message, detail, outputs);
  }
}
