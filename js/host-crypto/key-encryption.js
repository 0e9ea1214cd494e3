// RSA-OAEP's and PBES2's producer side on the host (node:crypto or WebCrypto), for the async
// encryptions, where it measured faster than Wasm (bench/jwe.js, README "Encrypted tokens",
// 2026-12-06); ECDH-ES's is ephemeral.js. The host computes one step and nothing else:
//   RSA-OAEP, -256, -384, -512  draws the CEK from its CSPRNG (crypto.getRandomValues: the source
//                               the core's own getentropy reads in both builds, so no weaker) and
//                               encrypts it to the recipient's public key with the alg's hash;
//   PBES2-HSxxx+AxxxKW          derives the KEK from the password over UTF8(alg) || 0x00 || p2s
//                               and p2c, which the core chose (edgejwt_encrypt_begin).
// The core checks every option as the sync encryption does, the sizes of what the host made (the
// CEK, the encrypted key as an RSA ciphertext under that key, the KEK), then wraps (PBES2), encrypts
// the content and frames (edgejwt_encrypt_hosted). What each algorithm is (mode, hash, KEK size)
// and each "enc"'s CEK size come from the core's table (algorithms.js), never from a table here.
import { keyManagementTable } from "./algorithms.js";
import { HostKeys } from "./host-keys.js";
import { hostSteps } from "./key-management.js";
import { HASH_NAMES as NODE_HASHES } from "./node.js";
import { HASH_NAMES as WEBCRYPTO_HASHES } from "./webcrypto.js";

const bytesOf = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

// RSA-OAEP encryption to a public key on node:crypto: synchronous.
export function nodeRsaOaep(nodeCrypto) {
  const padding = nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING;
  return {
    prepare: (jwk) => nodeCrypto.createPublicKey({ key: jwk, format: "jwk" }),
    encrypt: (key, { hashBits }, cek) => bytesOf(nodeCrypto.publicEncrypt({ key, oaepHash: NODE_HASHES[hashBits], padding }, cek)),
  };
}

// On WebCrypto: asynchronous; a CryptoKey for RSA-OAEP is bound to its hash, so one per key and "alg".
export function webCryptoRsaOaep(subtle) {
  if (typeof subtle?.encrypt !== "function" || typeof subtle.importKey !== "function") return null;
  return {
    prepare: (jwk, { hashBits }) =>
      subtle.importKey("jwk", jwk, { name: "RSA-OAEP", hash: WEBCRYPTO_HASHES[hashBits] }, false, ["encrypt"]),
    encrypt: async (key, info, cek) => new Uint8Array(await subtle.encrypt({ name: "RSA-OAEP" }, key, cek)),
  };
}

// The producer's RSA-OAEP on the runtime's host (host-crypto/select.js), or null.
function hostRsaOaep(host) {
  if (host?.nodeCrypto) return nodeRsaOaep(host.nodeCrypto);
  return host?.subtle ? webCryptoRsaOaep(host.subtle) : null;
}

// A runtime's host key encryption: the core's table, the host's copies of recipients' RSA public
// keys (made once per Key and "alg", kept as long as the Key: HostKeys), and PBES2's PBKDF2 (the
// decryptions' own step, key-management.js). `publicJwkOf(key)` gives a Key's public JWK.
export class HostKeyEncryption {
  constructor(host, coreTable, publicJwkOf) {
    this.table = keyManagementTable(coreTable);
    const rsaOaep = hostRsaOaep(host);
    this.rsaOaep = rsaOaep;
    this.pbes2 = hostSteps(host)?.pbes2 ?? null;
    const algorithmOf = (alg) => this.table.algorithms.get(alg);
    this.recipients = rsaOaep && new HostKeys({
      handles: (alg) => algorithmOf(alg)?.mode === "rsa-oaep",
      prepare: (jwk, alg) => rsaOaep.prepare(jwk, algorithmOf(alg)),
    }, publicJwkOf);
  }

  // The core's facts for `alg` when this host makes its step ("rsa-oaep" or "pbes2"), else null.
  stepFor(alg) {
    const info = this.table.algorithms.get(alg);
    if (info?.mode === "rsa-oaep" && this.rsaOaep) return info;
    return info?.mode === "pbes2" && this.pbes2 ? info : null;
  }

  // { cek, encryptedKey } for a token of `info.alg` and `enc` to `key` (a Key), or null when the
  // host does not take the key (Wasm encrypts). The CEK is drawn here, never reused.
  async encryptCek(key, info, enc) {
    const size = this.table.cekLengths.get(enc);
    const recipient = size && (await this.recipients.prepared(key, 0, info.alg));
    if (!recipient) return null;
    const cek = crypto.getRandomValues(new Uint8Array(size));
    try {
      return { cek, encryptedKey: await this.rsaOaep.encrypt(recipient, info, cek) };
    } catch (error) {
      cek.fill(0);
      throw error;
    }
  }

  // PBES2's KEK from `password` (bytes) over the header's "p2s" and "p2c" (the core's choice).
  async deriveKek(password, info, { p2s, p2c }) {
    return this.pbes2.compute(await this.pbes2.prepare(password), info, { header: { p2s, p2c } });
  }
}
