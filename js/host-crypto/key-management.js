// The costly step of JWE key management on the host (node:crypto or WebCrypto), for the async
// decryptions, once the core has checked the token up to that step (edgejwt_decrypt_begin: the
// header, the allowlists, the key, an "epk" on the key's curve, "p2s" and "p2c" within their
// bounds, every part's encoding and size). The host computes one secret from the key and the token,
// and nothing else:
//   ECDH-ES, ECDH-ES+AxxxKW    Z, from the private key and the header's "epk";
//   RSA-OAEP, -256, -384, -512 the CEK, from the private key and the encrypted key;
//   PBES2-HSxxx+AxxxKW         the KEK: PBKDF2 of the password over UTF8(alg) || 0x00 || p2s, p2c
//                              times (RFC 7518 §4.8.1.1).
// The core then runs the whole decryption again with that secret standing in for its own step
// (edgejwt_decrypt_agreed): the Concat KDF, the unwrapping, every size, the content's tag, the
// claims and a nested token's signature stay the core's, so a host's answer is trusted no further
// than the core's own would be. What each algorithm is (its mode, hash, KEK size) and each "enc"'s
// CEK size come from the core's table (algorithms.js), never from a table here.
// Private keys become host keys once (a KeyObject, or a CryptoKey that is not extractable), kept as
// long as their Key or set; passwords are taken for the call and their copies wiped after.
import { JOSEError } from "../errors.js";
import { definedOnly, fromBase64url } from "../util.js";
import { keyManagementTable } from "./algorithms.js";
import { keptHostKey, slotsOf } from "./host-keys.js";
import { HASH_NAMES as NODE_HASHES } from "./node.js";
import { HASH_NAMES as WEBCRYPTO_HASHES } from "./webcrypto.js";

// Where each host computes each step: where it measured faster per decryption than Wasm, the
// core's second pass included (bench/jwe.js, README "Encrypted tokens", 2026-12-06).
// ECDH: node:crypto on P-256, P-384 and P-521; WebCrypto (measured under Node) on P-256 and P-384,
// not P-521. X25519 stays in Wasm: libsodium there measured faster than either host once the
// host's key import and the core's second pass are counted. RSA-OAEP and PBES2: both hosts, every
// hash. AES key wrapping and "dir" stay in Wasm: there is no costly step to move. The async
// encryptions measured the same curves for their ephemeral key and agreement (ephemeral.js).
export const NODE_CURVES = new Set(["P-256", "P-384", "P-521"]);
export const WEBCRYPTO_CURVES = new Set(["P-256", "P-384"]);
const Z_BITS = { "P-256": 256, "P-384": 384, "P-521": 528 };

// The modes of the core's table each step serves.
const STEP_OF_MODE = { "ecdh-es": "agreement", "ecdh-es-kw": "agreement", "rsa-oaep": "rsaOaep", pbes2: "pbes2" };

// The key material of a JWK (no alg, use, key_ops, kid, ext: the core applied those already).
export const agreementMaterial = ({ kty, crv, x, y, d }) => definedOnly({ kty, crv, x, y, d });
const rsaMaterial = ({ kty, n, e, d, p, q, dp, dq, qi }) => definedOnly({ kty, n, e, d, p, q, dp, dq, qi });

const bytesOf = (buffer) => new Uint8Array(buffer.buffer ?? buffer, buffer.byteOffset ?? 0, buffer.byteLength);
// The bytes of what WebCrypto's deriveBits or decrypt resolved to, which must be an ArrayBuffer:
// anything else is a host failure (Wasm decides), never coerced (new Uint8Array(32) would be a Z of
// 32 zero bytes, of the right size for the core to take).
export function hostBits(answer) {
  if (!(answer instanceof ArrayBuffer)) throw new JOSEError("the host answered something other than an ArrayBuffer");
  return new Uint8Array(answer);
}

// PBES2's salt: UTF8(alg) || 0x00 || p2s (RFC 7518 §4.8.1.1).
function pbes2Salt(alg, p2s) {
  const name = new TextEncoder().encode(alg);
  const input = fromBase64url(p2s);
  const salt = new Uint8Array(name.length + 1 + input.length);
  salt.set(name);
  salt.set(input, name.length + 1);
  return salt;
}

// Each step on node:crypto: `takes(material)` whether this host computes it for that key,
// `prepare(material, info)` the host key, `compute(hostKey, info, token)` the secret. `token` is
// { header, encryptedKey } (the protected header as the core decoded it, the encrypted key's bytes).
export function nodeKeyManagement(nodeCrypto) {
  const { RSA_PKCS1_OAEP_PADDING } = nodeCrypto.constants;
  const privateKey = (jwk) => nodeCrypto.createPrivateKey({ key: jwk, format: "jwk" });
  return {
    agreement: {
      takes: ({ crv }) => NODE_CURVES.has(crv),
      prepare: privateKey,
      compute(key, info, { header }) {
        const publicKey = nodeCrypto.createPublicKey({ key: agreementMaterial(header.epk), format: "jwk" });
        return bytesOf(nodeCrypto.diffieHellman({ privateKey: key, publicKey }));
      },
    },
    rsaOaep: {
      takes: () => true,
      prepare: privateKey,
      compute: (key, { hashBits }, { encryptedKey }) =>
        bytesOf(nodeCrypto.privateDecrypt({ key, oaepHash: NODE_HASHES[hashBits], padding: RSA_PKCS1_OAEP_PADDING }, encryptedKey)),
    },
    // Asynchronous: PBKDF2 runs on libuv's pool, off the event loop.
    pbes2: {
      prepare: (password) => password,
      compute: (password, { alg, hashBits, kekLength }, { header }) => new Promise((resolve, reject) => {
        nodeCrypto.pbkdf2(password, pbes2Salt(alg, header.p2s), header.p2c, kekLength, NODE_HASHES[hashBits],
          (error, kek) => (error ? reject(error) : resolve(bytesOf(kek))));
      }),
    },
  };
}

// Each step on WebCrypto: asynchronous. null without deriveBits, decrypt and importKey.
export function webCryptoKeyManagement(subtle) {
  if (["deriveBits", "decrypt", "importKey"].some((name) => typeof subtle?.[name] !== "function")) return null;
  const ecdh = (crv) => ({ name: "ECDH", namedCurve: crv });
  return {
    agreement: {
      takes: ({ crv }) => WEBCRYPTO_CURVES.has(crv),
      prepare: (jwk) => subtle.importKey("jwk", jwk, ecdh(jwk.crv), false, ["deriveBits"]),
      async compute(key, info, { header }) {
        const epk = agreementMaterial(header.epk);
        const publicKey = await subtle.importKey("jwk", epk, ecdh(epk.crv), false, []);
        return hostBits(await subtle.deriveBits({ name: "ECDH", public: publicKey }, key, Z_BITS[epk.crv]));
      },
    },
    // A CryptoKey for RSA-OAEP is bound to its hash: one per key and "alg".
    rsaOaep: {
      takes: () => true,
      prepare: (jwk, { hashBits }) =>
        subtle.importKey("jwk", jwk, { name: "RSA-OAEP", hash: WEBCRYPTO_HASHES[hashBits] }, false, ["decrypt"]),
      compute: async (key, info, { encryptedKey }) => hostBits(await subtle.decrypt({ name: "RSA-OAEP" }, key, encryptedKey)),
    },
    pbes2: {
      prepare: (password) => subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]),
      compute: async (key, { alg, hashBits, kekLength }, { header }) => hostBits(await subtle.deriveBits(
        { name: "PBKDF2", hash: WEBCRYPTO_HASHES[hashBits], salt: pbes2Salt(alg, header.p2s), iterations: header.p2c }, key, 8 * kekLength)),
    },
  };
}

// The steps on the runtime's host (host-crypto/select.js), or null: node:crypto's or WebCrypto's.
export function hostSteps(host) {
  if (host?.nodeCrypto) return nodeKeyManagement(host.nodeCrypto);
  return host?.subtle ? webCryptoKeyManagement(host.subtle) : null;
}

// A runtime's host key management: the steps, the core's table, and the host keys made once per
// private key (a Key, or a set's entry by index) and "alg", kept in a WeakMap by the Key or set so
// that they live exactly as long as it does. `privateJwkOf(owner, index)` gives an entry's private
// JWK (for a password, an "oct" JWK).
export class HostKeyManagement {
  constructor(steps, coreTable, privateJwkOf) {
    this.steps = steps;
    this.table = keyManagementTable(coreTable);
    this.privateJwkOf = privateJwkOf;
    this.byOwner = new WeakMap(); // Key | LocalJWKSet -> Map("alg#index" -> host key, a promise of one, or null)
  }

  // The host's step and the core's facts for `alg`, or null when Wasm computes it.
  stepFor(alg) {
    const info = this.table.algorithms.get(alg);
    const step = info && this.steps[STEP_OF_MODE[info.mode]];
    return step ? { step, info } : null;
  }

  // The secret for a token the core began, from `owner`'s entry `index` (a Key or set) or from
  // `password` (raw bytes, for PBES2): the host's step's, or null when Wasm must compute it (no
  // step for this "alg", a key the host does not take or refuses, a host that fails where failing
  // says nothing about the token). RSA-OAEP's decryption failing is the token's doing (its padding,
  // its length: what Manger's attack probes), so it must look like any other wrong byte: a random
  // CEK of the "enc"'s size stands in, drawn before the host is asked, and the core's tag check
  // fails as it does for a wrong key, with the same code.
  async secret({ owner, index, password }, header, text) {
    const found = this.stepFor(header.alg);
    if (!found) return null;
    const { step, info } = found;
    if (step === this.steps.pbes2) return this.pbes2Kek(step, info, { owner, index, password }, header);
    const hostKey = await this.hostKey(step, info, owner, index);
    if (!hostKey) return null;
    const token = { header, encryptedKey: fromBase64url(text.split(".")[1]) };
    if (step !== this.steps.rsaOaep) return step.compute(hostKey, info, token);
    const fallback = crypto.getRandomValues(new Uint8Array(this.table.cekLengths.get(header.enc)));
    try {
      const cek = await step.compute(hostKey, info, token);
      fallback.fill(0);
      return cek;
    } catch {
      return fallback;
    }
  }

  // PBES2's KEK from the password: the given bytes, or the Key's (exported for the call, then wiped).
  async pbes2Kek(step, info, { owner, index, password }, header) {
    const exported = password ? null : fromBase64url(this.privateJwkOf(owner, index).k);
    try {
      return await step.compute(await step.prepare(password ?? exported), info, { header });
    } finally {
      exported?.fill(0);
    }
  }

  // The host key of `owner`'s entry `index` for `info.alg` (a promise on an asynchronous host), or
  // null when the host does not take it (Wasm computes the step then).
  hostKey(step, info, owner, index) {
    return keptHostKey(slotsOf(this.byOwner, owner), `${info.alg}#${index}`, () => {
      const jwk = this.privateJwkOf(owner, index);
      const material = jwk.kty === "RSA" ? rsaMaterial(jwk) : agreementMaterial(jwk);
      return material.d !== undefined && step.takes(material) ? step.prepare(material, info) : null;
    });
  }
}
