// Makes tests/native/jose_jwe_fixtures.h: compact JWEs made by jose (the devDependency) and by
// node:crypto, with the keys that open them, for jose_jwe_test.cpp. Run from the project root:
//
//   node tests/native/jose_jwe_fixtures.mjs > tests/native/jose_jwe_fixtures.h
//
// Keys are new each run (node:crypto), and so are the tokens: the header records the run. The
// node:crypto tokens are valid AES-GCM that a lenient JWE implementation would open (a 128-bit IV,
// a 96-bit tag) and edgejwt must refuse.
import { createCipheriv, generateKeyPairSync, randomBytes } from "node:crypto";
import * as jose from "jose";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const encoder = new TextEncoder();
const plaintext = "Ceci n'est pas un JWT \u2013 encrypted by jose";
const claims = { iss: "https://jose.example", sub: "u1", aud: "edgejwt", iat: 1800000000, exp: 1900000000 };

const pair = (type, options) => {
  const { privateKey } = generateKeyPairSync(type, options);
  return privateKey.export({ format: "jwk" });
};
const keys = {
  rsa: pair("rsa", { modulusLength: 2048 }),
  p256: pair("ec", { namedCurve: "P-256" }),
  p521: pair("ec", { namedCurve: "P-521" }),
  x25519: pair("x25519"),
  es256: pair("ec", { namedCurve: "P-256" }),
};
const secret = (bytes) => ({ kty: "oct", k: b64url(randomBytes(bytes)) });
const secrets = { a192kw: secret(24), a256gcmkw: secret(32), dir64: secret(64), dir16: secret(16), a128gcmkw: secret(16) };
const password = "correct horse battery staple, twice over";

const publicOf = (jwk) => {
  const { d, p, q, dp, dq, qi, ...rest } = jwk;
  return rest;
};

async function compact(key, header, bytes = encoder.encode(plaintext), extra = {}) {
  const encrypt = new jose.CompactEncrypt(bytes).setProtectedHeader(header);
  if (extra.parameters) encrypt.setKeyManagementParameters(extra.parameters);
  return encrypt.encrypt(key);
}

const cases = [];
async function add(name, made, jwk, importAlg, header, options = {}) {
  const key = options.keyBytes ?? await jose.importJWK(publicOf(jwk), header.alg);
  const token = await compact(key, header, undefined, options);
  cases.push({ name, made, jwk: options.passwordJwk ?? jwk, alg: importAlg, token, plaintext });
}

await add("RSA-OAEP-256, A256GCM", "jose.CompactEncrypt", keys.rsa, "RSA-OAEP-256", { alg: "RSA-OAEP-256", enc: "A256GCM" });
await add("RSA-OAEP, A128CBC-HS256", "jose.CompactEncrypt", keys.rsa, "RSA-OAEP", { alg: "RSA-OAEP", enc: "A128CBC-HS256" });
await add("ECDH-ES on P-256, A256GCM", "jose.CompactEncrypt", keys.p256, "", { alg: "ECDH-ES", enc: "A256GCM" });
await add("ECDH-ES+A128KW on X25519, A128GCM", "jose.CompactEncrypt", keys.x25519, "", { alg: "ECDH-ES+A128KW", enc: "A128GCM" });
await add("ECDH-ES+A256KW on P-521 with apu and apv, A256CBC-HS512", "jose.CompactEncrypt", keys.p521, "",
  { alg: "ECDH-ES+A256KW", enc: "A256CBC-HS512" },
  { parameters: { apu: encoder.encode("Alice"), apv: encoder.encode("Bob") } });
await add("A192KW, A192GCM", "jose.CompactEncrypt", secrets.a192kw, "A192KW", { alg: "A192KW", enc: "A192GCM" },
  { keyBytes: Buffer.from(secrets.a192kw.k, "base64url") });
await add("A256GCMKW, A128CBC-HS256", "jose.CompactEncrypt", secrets.a256gcmkw, "A256GCMKW", { alg: "A256GCMKW", enc: "A128CBC-HS256" },
  { keyBytes: Buffer.from(secrets.a256gcmkw.k, "base64url") });
await add("dir, A256CBC-HS512", "jose.CompactEncrypt", secrets.dir64, "A256CBC-HS512", { alg: "dir", enc: "A256CBC-HS512" },
  { keyBytes: Buffer.from(secrets.dir64.k, "base64url") });
await add("PBES2-HS384+A192KW (p2c 4096), A192CBC-HS384", "jose.CompactEncrypt", null, "PBES2-HS384+A192KW",
  { alg: "PBES2-HS384+A192KW", enc: "A192CBC-HS384" },
  { keyBytes: encoder.encode(password), parameters: { p2c: 4096 }, passwordJwk: { kty: "oct", k: b64url(encoder.encode(password)) } });

// An encrypted JWT and a nested one (signed with ES256, then encrypted: cty "JWT").
const encryptedJwt = await new jose.EncryptJWT(claims).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", typ: "JWT" })
  .encrypt(await jose.importJWK(publicOf(keys.p256), "ECDH-ES+A256KW"));
const inner = await new jose.SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT" })
  .sign(await jose.importJWK(keys.es256, "ES256"));
const nested = await compact(await jose.importJWK(publicOf(keys.x25519), "ECDH-ES+A256KW"),
  { alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT" }, encoder.encode(inner));

// node:crypto: AES-GCM that is valid but not as JWE allows it.
function gcm(key, iv, aad, data, tagLength = 16) {
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm`, key, iv, { authTagLength: tagLength });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}
function dirToken(ivBytes, tagLength) {
  const header = b64url(JSON.stringify({ alg: "dir", enc: "A128GCM" }));
  const iv = randomBytes(ivBytes);
  const { ciphertext, tag } = gcm(Buffer.from(secrets.dir16.k, "base64url"), iv, Buffer.from(header), encoder.encode(plaintext), tagLength);
  return [header, "", b64url(iv), b64url(ciphertext), b64url(tag)].join(".");
}
function gcmKwToken(kwIvBytes) {
  const kek = Buffer.from(secrets.a128gcmkw.k, "base64url");
  const cek = randomBytes(16);
  const kwIv = randomBytes(kwIvBytes);
  const wrapped = gcm(kek, kwIv, Buffer.alloc(0), cek);
  const header = b64url(JSON.stringify({ alg: "A128GCMKW", enc: "A128GCM", iv: b64url(kwIv), tag: b64url(wrapped.tag) }));
  const iv = randomBytes(12);
  const { ciphertext, tag } = gcm(cek, iv, Buffer.from(header), encoder.encode(plaintext));
  return [header, b64url(wrapped.ciphertext), b64url(iv), b64url(ciphertext), b64url(tag)].join(".");
}
const lenient = [
  { name: "dir, A128GCM with a 128-bit IV", jwk: secrets.dir16, alg: "A128GCM", token: dirToken(16, 16) },
  { name: "dir, A128GCM with a 96-bit tag", jwk: secrets.dir16, alg: "A128GCM", token: dirToken(12, 12) },
  { name: "A128GCMKW whose key-wrapping IV is 128 bits", jwk: secrets.a128gcmkw, alg: "A128GCMKW", token: gcmKwToken(16) },
];
// The same shapes with JWE's sizes open, so the refusals above are for the sizes alone.
const regular = [
  { name: "dir, A128GCM by node:crypto", jwk: secrets.dir16, alg: "A128GCM", token: dirToken(12, 16) },
  { name: "A128GCMKW by node:crypto", jwk: secrets.a128gcmkw, alg: "A128GCMKW", token: gcmKwToken(12) },
];

const cString = (text) => JSON.stringify(text);
const entry = (c) => `    {${cString(c.name)}, ${cString(c.made ?? "node:crypto")},\n     ${cString(JSON.stringify(c.jwk))},\n     ${cString(c.alg)},\n     ${cString(c.token)}},`;
const { version } = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(new URL("../../node_modules/jose/package.json", import.meta.url))));
console.log(`// Generated by tests/native/jose_jwe_fixtures.mjs on ${new Date().toISOString().slice(0, 10)} with jose ${version} and Node ${process.versions.node}:
// compact JWEs made by jose and node:crypto, each with the private JWK that opens it (imported for
// encryption, bound to "alg" when given). Do not edit; run the script again.
#pragma once
#include <string_view>

namespace edgejwt::test {

struct JoseJwe {
  std::string_view name, made_by, jwk, alg, token;
};

inline constexpr std::string_view kJosePlaintext = ${cString(plaintext)};

// Every token opens to kJosePlaintext.
inline constexpr JoseJwe kJoseJwes[] = {
${[...cases, ...regular].map(entry).join("\n")}
};

// Valid AES-GCM a lenient implementation would open: each must be refused.
inline constexpr JoseJwe kLenientGcmJwes[] = {
${lenient.map(entry).join("\n")}
};

// jose.EncryptJWT (ECDH-ES+A256KW on P-256, typ JWT) of kJoseClaims, and a nested token:
// jose.SignJWT (ES256) of the same claims, encrypted by jose.CompactEncrypt (ECDH-ES+A256KW on X25519,
// cty JWT).
inline constexpr std::string_view kJoseClaims = ${cString(JSON.stringify(claims))};
inline constexpr std::string_view kJoseEncryptedJwt = ${cString(encryptedJwt)};
inline constexpr std::string_view kJoseEncryptedJwtKey = ${cString(JSON.stringify(keys.p256))};
inline constexpr std::string_view kJoseNestedJwt = ${cString(nested)};
inline constexpr std::string_view kJoseNestedDecryptionKey = ${cString(JSON.stringify(keys.x25519))};
inline constexpr std::string_view kJoseNestedVerificationKey = ${cString(JSON.stringify(publicOf(keys.es256)))};

}  // namespace edgejwt::test`);
