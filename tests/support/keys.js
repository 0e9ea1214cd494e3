// Keys made with node:crypto, in the forms the tests import, and the fixtures committed for what
// node:crypto cannot make (X.509 certificates).
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";

export const ASYMMETRIC = {
  RS256: { type: "rsa", options: { modulusLength: 2048 } },
  RS384: { type: "rsa", options: { modulusLength: 3072 } },
  RS512: { type: "rsa", options: { modulusLength: 4096 } },
  PS256: { type: "rsa", options: { modulusLength: 2048 } },
  PS384: { type: "rsa", options: { modulusLength: 2048 } },
  PS512: { type: "rsa", options: { modulusLength: 2048 } },
  ES256: { type: "ec", options: { namedCurve: "P-256" } },
  ES384: { type: "ec", options: { namedCurve: "P-384" } },
  ES512: { type: "ec", options: { namedCurve: "P-521" } },
  EdDSA: { type: "ed25519", options: {} },
  Ed25519: { type: "ed25519", options: {} },
};

const cache = new Map();

// A node:crypto key pair whose KeyObjects are made from PEM, not kept from the key generation job:
// Node 20 can deadlock when a generated key's JWK export runs while GC destroys its KeyGenJob
// (the export holds the key's mutex, the job's destructor waits for it).
export function freshKeyPair(type, options = {}) {
  const { publicKey, privateKey } = generateKeyPairSync(type, {
    ...options, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKey: createPublicKey(publicKey), privateKey: createPrivateKey(privateKey) };
}

// A node:crypto key pair for `alg`, made once per test process.
export function nodeKeyPair(alg) {
  if (!cache.has(alg)) {
    const { type, options } = ASYMMETRIC[alg];
    cache.set(alg, freshKeyPair(type, options));
  }
  return cache.get(alg);
}

export const jwkOf = (key) => key.export({ format: "jwk" });
export const pemOf = (key, type) => key.export({ format: "pem", type });

export function fixture(name) {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
}
