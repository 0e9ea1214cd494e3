// Every context function of the C ABI the JS layer calls: its parameters after the context and the
// result, and the result fields it fills (tests/js/abi.test.js checks each against bindings/edgejwt.h).
// js/core.js checks every argument against its parameter's kind before any memory is touched, and
// reads exactly the declared outputs after the call.
//
// Parameters, as "name:kind":
//   u32, i32  an integer in the C type's range (handles, formats, sizes)
//   f64       a finite number
//   bool      true or false (passed as 1 or 0)
//   text      a string, passed as pointer and length of its UTF-8
//   bytes     a Uint8Array, passed as pointer and length
//   data      text or bytes
// Outputs, after "->", as "field" or "field:kind" (js/abi.js has the fields' offsets):
//   text      header, payload, output (the default for them): a string
//   bytes     a copy of the bytes
//   u32       handle, keyIndex
//   span      signingInput, signature (and verify_on_host's payload): [pointer, length] into Wasm memory, owned
//             by a begun verification, or valid until the next call (verify_on_host)
//   window    validity: { from, until } in seconds
import { JOSEInvalidArgument } from "../errors.js";
import { RESULT_OFFSETS } from "../abi.js";

const OUTPUT_KINDS = {
  header: "text", payload: "text", output: "text", handle: "u32", keyIndex: "u32", signingInput: "span", signature: "span",
  validity: "window",
};

export const SIGNATURES = parseSignatures({
  edgejwt_key_import: "format:i32 data:data alg:text -> handle",
  edgejwt_key_import_jwks: "jwks:text -> handle",
  edgejwt_key_generate: "alg:text modulusBits:u32 -> handle",
  edgejwt_key_public: "key:u32 -> handle",
  edgejwt_key_export: "key:u32 format:i32 -> output",
  edgejwt_key_thumbprint: "key:u32 hashBits:u32 -> output",
  edgejwt_key_describe: "key:u32 -> output",
  edgejwt_algorithms: "-> output",
  edgejwt_key_release: "key:u32",
  edgejwt_policy_create: "options:text -> handle",
  edgejwt_policy_release: "policy:u32",
  edgejwt_sign: "key:u32 policy:u32 header:text payload:text -> output",
  edgejwt_compact_sign: "key:u32 policy:u32 header:text payload:bytes -> output",
  edgejwt_verify: "key:u32 policy:u32 token:text now:f64 -> header payload keyIndex validity",
  edgejwt_compact_verify: "key:u32 policy:u32 token:text -> header payload:bytes keyIndex",
  edgejwt_key_select: "key:u32 header:text -> keyIndex",
  edgejwt_verify_begin: "key:u32 policy:u32 token:text -> handle header keyIndex signingInput signature",
  edgejwt_verify_finish: "verification:u32 payloadKind:i32 signatureValid:bool now:f64 -> payload:bytes keyIndex validity",
  edgejwt_verification_release: "verification:u32",
  edgejwt_verify_on_host: "key:u32 policy:u32 token:text payloadKind:i32 now:f64 -> header payload:span keyIndex validity signingInput signature",
  edgejwt_check_signature: "key:u32 alg:text signingInput:bytes signature:bytes",
  edgejwt_decode: "policy:u32 token:text -> header payload",
  edgejwt_decode_header: "policy:u32 token:text -> header",
  edgejwt_decode_payload: "policy:u32 token:text -> payload",
  edgejwt_key_import_for: "format:i32 use:i32 data:data alg:text -> handle",
  edgejwt_key_import_jwks_for: "use:i32 jwks:text -> handle",
  edgejwt_key_generate_for_encryption: "alg:text crv:text modulusBits:u32 -> handle",
  edgejwt_decryption_policy_create: "options:text -> handle",
  edgejwt_decryption_policy_release: "policy:u32",
  edgejwt_compact_encrypt: "key:u32 header:text plaintext:bytes -> output",
  edgejwt_encrypt: "key:u32 header:text claims:text -> output",
  edgejwt_sign_and_encrypt: "signingKey:u32 jwsHeader:text claims:text encryptionKey:u32 jweHeader:text -> output",
  edgejwt_encrypt_agreed: "payloadKind:i32 signingKey:u32 jwsHeader:text encryptionKey:u32 header:text plaintext:data " +
    "epk:text agreement:bytes -> output",
  edgejwt_encrypt_begin: "encryptionKey:u32 header:text -> output",
  edgejwt_encrypt_hosted: "payloadKind:i32 signingKey:u32 jwsHeader:text encryptionKey:u32 header:text plaintext:data " +
    "hostSecret:bytes encryptedKey:bytes -> output",
  edgejwt_compact_decrypt: "key:u32 policy:u32 token:text -> header payload:bytes keyIndex",
  edgejwt_decrypt: "key:u32 policy:u32 token:text now:f64 -> header payload keyIndex validity",
  edgejwt_decrypt_and_verify:
    "decryptionKey:u32 verificationKey:u32 policy:u32 token:text now:f64 -> header output payload keyIndex validity",
  edgejwt_decrypt_nested_jws: "decryptionKey:u32 policy:u32 token:text -> header payload:bytes keyIndex",
  edgejwt_decode_jwe_header: "policy:u32 token:text -> header",
  edgejwt_decrypt_begin: "key:u32 policy:u32 token:text -> header keyIndex",
  edgejwt_decrypt_agreed: "payloadKind:i32 decryptionKey:u32 verificationKey:u32 policy:u32 token:text now:f64 " +
    "hostSecret:bytes -> header output payload:bytes keyIndex validity",
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

// The signature of `name`; a name the table does not hold is a JOSEInvalidArgument.
export function signatureOf(name) {
  const signature = Object.hasOwn(SIGNATURES, name) ? SIGNATURES[name] : undefined;
  if (signature === undefined) throw new JOSEInvalidArgument(`${name} is not an ABI function the API calls`);
  return signature;
}

// Checks `args` against `signature` and returns how many bytes of input memory they need at most.
export function checkArguments(name, { parameters }, args) {
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
  return size;
}

function parseSignatures(table) {
  const parsed = {};
  for (const [name, text] of Object.entries(table)) {
    const [inputs, outputs = ""] = text.split("->").map((part) => part.trim());
    parsed[name] = Object.freeze({
      parameters: fields(inputs).map(([parameter, kind]) => ({ name: parameter, kind })),
      outputs: fields(outputs).map(([field, kind = OUTPUT_KINDS[field]]) => ({ name: field, kind, offset: RESULT_OFFSETS[field] })),
    });
  }
  return Object.freeze(parsed);
}

function fields(text) {
  return text ? text.split(" ").map((field) => field.split(":")) : [];
}

// What a refused argument was, for the message (never its value: it may be a secret).
function describe(value) {
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "object") return typeof value;
  return Array.isArray(value) ? "an array" : "an object";
}
