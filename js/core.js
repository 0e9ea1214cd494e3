// The C ABI seen from JS: one context in one Wasm instance, with the marshalling every call needs.
// An engine (engines/emscripten.js, engines/wasi.js) supplies `exports` (the ABI functions by their
// C names) and `memory`; nothing here knows which build it is talking to.
import { errorFromStatus } from "./errors.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Byte offsets of edgejwt_result's fields in wasm32 (bindings/edgejwt.h).
const RESULT = {
  header: 0, payload: 8, output: 16, detail: 24, handle: 32, keyIndex: 36, signingInput: 40, signature: 48,
  validFrom: 56, validUntil: 64,
};

export class Core {
  constructor({ exports, memory }) {
    this.abi = exports;
    this.memory = memory;
    this.context = exports.edgejwt_context_new();
    this.result = exports.edgejwt_context_result(this.context);
    this.input = 0; // one reusable input buffer, grown on demand
    this.inputCapacity = 0;
    this.statusNames = new Map();
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

  reserve(size) {
    if (size <= this.inputCapacity) return this.input;
    if (this.input) this.abi.edgejwt_free(this.input);
    const capacity = Math.max(size, this.inputCapacity * 2, 1024);
    this.input = this.abi.edgejwt_alloc(capacity);
    if (!this.input) throw errorFromStatus("ERR_OUT_OF_MEMORY", "memory could not be allocated");
    this.inputCapacity = capacity;
    return this.input;
  }

  // Writes one string as UTF-8 at the start of the input buffer; returns its length there.
  writeText(text) {
    const base = this.reserve(text.length * 3);
    return encoder.encodeInto(text, this.bytes().subarray(base, base + text.length * 3)).written;
  }

  // Writes the inputs (strings as UTF-8, or bytes) one after another into the input buffer and
  // returns [pointer, length] pairs, flattened, ready to pass to an ABI call.
  write(...inputs) {
    let total = 0;
    for (const input of inputs) total += typeof input === "string" ? input.length * 3 : input.byteLength;
    const base = this.reserve(total);
    const bytes = this.bytes();
    const spans = [];
    let at = base;
    for (const input of inputs) {
      let length;
      if (typeof input === "string") {
        length = encoder.encodeInto(input, bytes.subarray(at, base + total)).written;
      } else {
        bytes.set(input, at);
        length = input.byteLength;
      }
      spans.push(at, length);
      at += length;
    }
    return spans;
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
      name = this.cString(this.abi.edgejwt_status_name(status));
      this.statusNames.set(status, name);
    }
    return name;
  }

  // Throws the error for a failed status; returns nothing on success.
  check(status) {
    if (status === 0) return;
    const message = this.cString(this.abi.edgejwt_status_message(status));
    throw errorFromStatus(this.statusName(status), message, this.text("detail"));
  }

  call(name, ...args) {
    this.check(this.abi[name](this.context, ...args));
  }
}
