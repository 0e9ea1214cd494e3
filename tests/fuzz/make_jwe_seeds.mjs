// Makes tests/fuzz/seeds/jwe/: for each key of jwe_keys.json (the harness's), a token jose made for
// it, as jwe_fuzz reads its input (a first byte picking the key, times two: decryption), and the
// same tokens for the whole set; and a few encrypt-then-tamper inputs. Run from the project root:
//
//   node tests/fuzz/make_jwe_seeds.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as jose from "jose";

const { keys } = JSON.parse(readFileSync("tests/fuzz/jwe_keys.json", "utf8"));
const dir = "tests/fuzz/seeds/jwe";
mkdirSync(dir, { recursive: true });
const encoder = new TextEncoder();
// The "alg" and "enc" of each key's token: its own "alg" where it has one.
const choices = {
  "dir-a128gcm": ["dir", "A128GCM"], "dir-a256cbc": ["dir", "A256CBC-HS512"], a128kw: ["A128KW", "A128CBC-HS256"],
  a256kw: ["A256KW", "A256GCM"], a192gcmkw: ["A192GCMKW", "A192CBC-HS384"], pbes2: ["PBES2-HS256+A128KW", "A128GCM"],
  p256: ["ECDH-ES", "A256GCM"], p384: ["ECDH-ES+A192KW", "A192GCM"], p521: ["ECDH-ES+A256KW", "A256CBC-HS512"],
  x25519: ["ECDH-ES+A128KW", "A128GCM"], rsa: ["RSA-OAEP-256", "A128CBC-HS256"],
};
const input = (first, text) => Buffer.concat([Buffer.from([first]), Buffer.from(text)]);
for (const [index, jwk] of keys.entries()) {
  const [alg, enc] = choices[jwk.kid];
  let key;
  if (jwk.kty === "oct") {
    key = Buffer.from(jwk.k, "base64url");
  } else {
    const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
    key = await jose.importJWK(publicJwk, alg);
  }
  const encrypt = new jose.CompactEncrypt(encoder.encode(`{"sub":"${jwk.kid}","exp":2100000000}`))
    .setProtectedHeader({ alg, enc, kid: jwk.kid, ...(jwk.kid === "x25519" ? { typ: "JWT" } : {}) });
  if (alg.startsWith("PBES2")) encrypt.setKeyManagementParameters({ p2c: 1000 });
  const token = await encrypt.encrypt(key);
  writeFileSync(`${dir}/${jwk.kid}.jwe`, input(2 * index, token));
  writeFileSync(`${dir}/${jwk.kid}-set.jwe`, input(2 * keys.length, token));
  // Encrypt, then change bit 9 of part (index % 5): odd first byte, key, enc, part, bit, plaintext.
  writeFileSync(`${dir}/${jwk.kid}-tamper.bin`, Buffer.concat([Buffer.from([1, index, index, index % 5, 9]), encoder.encode("seed")]));
}
