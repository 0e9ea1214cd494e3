// The encryption functions of the C ABI (EDGEJWT_JWE_API in bindings/edgejwt.h), which only the JWE
// modules export: their signatures, in core/signatures.js's notation. The JWE modules' engines
// bring them to their Core (withEncryption), so a page that does not encrypt carries neither these
// functions' Wasm nor their table.
import { SIGNATURES, parseSignatures } from "../core/signatures.js";

export const JWE_SIGNATURES = parseSignatures({
  edgejwt_encryption_algorithms: "-> output",
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

const ALL_SIGNATURES = Object.freeze({ ...SIGNATURES, ...JWE_SIGNATURES });

// The engine of a JWE module (`engine`, as a promise): its Core may call every function.
export const withEncryption = async (engine) => ({ ...(await engine), signatures: ALL_SIGNATURES });
