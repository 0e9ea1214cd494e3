// Keys as jose documents them: importJWK/SPKI/PKCS8/X509 and exportJWK/SPKI/PKCS8 round trips (what
// an export adds or drops, whether the bytes come back as imported), JWK members jose checks (ext,
// key_ops, crv against alg), generateKeyPair/generateSecret, and calculateJwkThumbprint.
import { compact, fixtures } from "../fixtures.js";
import { fixture } from "../../support/keys.js";
import { currentDate, each, jwkShape, octJwk, privateJwk, publicJwk, verified } from "./kit.js";

// The fixture pairs and the algorithm each is imported for.
const PAIRS = { rsa: "RS256", p256: "ES256", p384: "ES384", p521: "ES512", ed25519: "EdDSA" };
const pem = (text) => text.trim();

// Signs with `privateKey` and verifies with `publicKey`, both through `lib`: the verified payload.
async function roundTrip(lib, alg, privateKey, publicKey) {
  const token = await new lib.SignJWT({ sub: "u" }).setProtectedHeader({ alg }).sign(privateKey);
  return (await lib.jwtVerify(token, publicKey, { currentDate, algorithms: [alg] })).payload;
}

const perPair = Object.entries(PAIRS).flatMap(([pair, alg]) => [
  {
    id: `keys/jwk-public-${pair}`,
    title: `importJWK then exportJWK of a ${pair} public key (imported for ${alg}) gives the key's members only`,
    run: async (lib) => lib.exportJWK(await lib.importJWK(publicJwk(pair), alg)),
  },
  {
    id: `keys/jwk-private-${pair}`,
    title: `importJWK({ extractable: true }) then exportJWK of a ${pair} private key`,
    run: async (lib) => lib.exportJWK(await lib.importJWK(privateJwk(pair), alg, { extractable: true })),
  },
  {
    id: `keys/spki-${pair}`,
    title: `importSPKI then exportSPKI of a ${pair} key gives the PEM imported`,
    run: async (lib) => pem(await lib.exportSPKI(await lib.importSPKI(fixtures().pairs[pair].spki, alg))),
  },
  {
    id: `keys/spki-to-jwk-${pair}`,
    title: `importSPKI then exportJWK of a ${pair} key`,
    run: async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs[pair].spki, alg)),
  },
  {
    id: `keys/pkcs8-${pair}`,
    title: `importPKCS8({ extractable: true }) then exportPKCS8 of a ${pair} key gives the PEM imported`,
    run: async (lib) => pem(await lib.exportPKCS8(await lib.importPKCS8(fixtures().pairs[pair].pkcs8, alg, { extractable: true }))),
  },
  {
    id: `keys/thumbprint-${pair}`,
    title: `calculateJwkThumbprint of a ${pair} public JWK`,
    run: async (lib) => lib.calculateJwkThumbprint(publicJwk(pair)),
  },
]);

// The three certificates of tests/fixtures, and their algorithms.
const CERTIFICATES = { rsa: "RS256", ec: "ES256", ed25519: "EdDSA" };
const certificates = Object.entries(CERTIFICATES).map(([name, alg]) => ({
  id: `keys/x509-${name}`,
  title: `importX509 of the ${name} certificate, exported as a JWK`,
  run: async (lib) => lib.exportJWK(await lib.importX509(fixtures().certificates[name], alg)),
}));

// { id: [title, run, strict?] }
const CASES = {
  "jwk-private-not-extractable": ["importJWK of a private key is not extractable unless asked: exportJWK is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(privateJwk("p256"), "ES256"))],
  "jwk-with-alg-member": ["a JWK's own alg is not exported back",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("rsa", { alg: "RS256" })))],
  "jwk-with-kid": ["a JWK's kid and use are not exported back",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { kid: "k1", use: "sig" }), "ES256"))],
  "jwk-without-alg": ["importJWK of an EC key needs an alg",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256")))],
  "jwk-oct": ["importJWK then exportJWK of an oct key", async (lib) => lib.exportJWK(await lib.importJWK(octJwk(256)))],
  "jwk-oct-with-alg": ["importJWK(oct, \"HS384\") then exportJWK",
    async (lib) => lib.exportJWK(await lib.importJWK(octJwk(384), "HS384"))],
  "jwk-oct-without-k": ["an oct JWK without k is refused", async (lib) => lib.exportJWK(await lib.importJWK({ kty: "oct" }, "HS256"))],
  "jwk-ext-not-boolean": ["a JWK whose ext is not a boolean is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { ext: "yes" }), "ES256"))],
  "jwk-ext-false": ["a public JWK with ext: false cannot be exported",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { ext: false }), "ES256"))],
  "jwk-ext-true-private": ["a private JWK with ext: true can be exported",
    async (lib) => lib.exportJWK(await lib.importJWK(privateJwk("p256", { ext: true }), "ES256"))],
  "jwk-key-ops-not-array": ["a JWK whose key_ops is not an array is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { key_ops: "verify" }), "ES256"))],
  "jwk-key-ops-duplicates": ["a JWK whose key_ops repeat is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { key_ops: ["verify", "verify"] }), "ES256"))],
  "jwk-key-ops-sign-only-verify": ["a public JWK with key_ops [\"sign\"] does not verify",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, { sub: "u" }),
      await lib.importJWK(publicJwk("p256", { key_ops: ["sign"] }), "ES256"), { currentDate }))],
  "jwk-conflicting-crv": ["a P-256 JWK imported for ES384 is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256"), "ES384"))],
  "jwk-crv-not-the-coordinates": ["a JWK whose crv says P-384 over P-256 coordinates is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256", { crv: "P-384" }), "ES384"))],
  "jwk-x25519-for-EdDSA": ["an X25519 JWK imported for EdDSA is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("x25519"), "EdDSA"))],
  "jwk-family-mismatch": ["an EC JWK imported for RS256 is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256"), "RS256"))],
  "jwk-unknown-alg": ["an EC JWK imported for an unknown alg is refused",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("p256"), "ES999"))],
  "jwk-unknown-kty": ["a JWK of an unknown kty is refused", async (lib) => lib.exportJWK(await lib.importJWK({ kty: "XYZ", x: "AA" }, "ES256"))],
  "jwk-rsa-1024": ["importJWK then exportJWK of a 1024-bit RSA key",
    async (lib) => lib.exportJWK(await lib.importJWK(publicJwk("rsa1024"), "RS256")), "rsa-modulus-size"],
  "jwk-use-enc-verifies": ["a public JWK with use \"enc\", imported, verifies a token",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, { sub: "u" }),
      await lib.importJWK(publicJwk("p256", { use: "enc" }), "ES256"), { currentDate })), "jwk-use"],
  "pkcs8-not-extractable": ["importPKCS8 is not extractable unless asked: exportPKCS8 is refused",
    async (lib) => pem(await lib.exportPKCS8(await lib.importPKCS8(fixtures().pairs.p256.pkcs8, "ES256")))],
  "pkcs8-ec-openssl": ["importPKCS8 of an EC key written by openssl, exported back",
    async (lib) => pem(await lib.exportPKCS8(await lib.importPKCS8(fixture("ec-certificate-key.pem"), "ES256", { extractable: true })))],
  "spki-rsa-1024": ["importSPKI then exportJWK of a 1024-bit RSA key",
    async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs.rsa1024.spki, "RS256")), "rsa-modulus-size"],
  "spki-wrong-label": ["importSPKI of a PKCS#8 PEM is refused", async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs.p256.pkcs8, "ES256"))],
  "spki-family-mismatch": ["importSPKI of an EC key for RS256 is refused",
    async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs.p256.spki, "RS256"))],
  "spki-curve-mismatch": ["importSPKI of a P-256 key for ES384 is refused",
    async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs.p256.spki, "ES384"))],
  "spki-x25519-for-EdDSA": ["importSPKI of an X25519 key for EdDSA is refused",
    async (lib) => lib.exportJWK(await lib.importSPKI(fixtures().pairs.x25519.spki, "EdDSA"))],
  "pkcs8-wrong-label": ["importPKCS8 of an SPKI PEM is refused", async (lib) => lib.exportJWK(await lib.importPKCS8(fixtures().pairs.p256.spki, "ES256"))],
  "x509-family-mismatch": ["importX509 of an RSA certificate for ES256 is refused",
    async (lib) => lib.exportJWK(await lib.importX509(fixtures().certificates.rsa, "ES256"))],
  "x509-not-a-certificate": ["importX509 of an SPKI PEM is refused", async (lib) => lib.exportJWK(await lib.importX509(fixtures().pairs.p256.spki, "ES256"))],
  // generateKeyPair and generateSecret
  "generateKeyPair-private-not-extractable": ["a generated private key is not extractable unless asked",
    async (lib) => lib.exportJWK((await lib.generateKeyPair("ES256")).privateKey)],
  "generateKeyPair-extractable": ["generateKeyPair({ extractable: true }): the private key exports",
    async (lib) => jwkShape(await lib.exportJWK((await lib.generateKeyPair("ES256", { extractable: true })).privateKey))],
  "generateKeyPair-alg-in-array": ["generateKeyPair([\"ES256\"]) is refused",
    async (lib) => jwkShape(await lib.exportJWK((await lib.generateKeyPair(["ES256"])).publicKey))],
  "generateKeyPair-crv-conflict": ["generateKeyPair(\"ES256\", { crv: \"P-384\" }) is refused",
    async (lib) => jwkShape(await lib.exportJWK((await lib.generateKeyPair("ES256", { crv: "P-384" })).publicKey))],
  "generateKeyPair-crv-same": ["generateKeyPair(\"EdDSA\", { crv: \"Ed25519\" })",
    async (lib) => jwkShape(await lib.exportJWK((await lib.generateKeyPair("EdDSA", { crv: "Ed25519" })).publicKey))],
  "generateKeyPair-HS256": ["generateKeyPair(\"HS256\") is refused", async (lib) => Object.keys(await lib.generateKeyPair("HS256"))],
  "generateKeyPair-modulus-1024": ["generateKeyPair(\"RS256\", { modulusLength: 1024 }) is refused",
    async (lib) => Object.keys(await lib.generateKeyPair("RS256", { modulusLength: 1024 }))],
  "generateKeyPair-unknown": ["generateKeyPair of an unknown alg is refused", async (lib) => Object.keys(await lib.generateKeyPair("XX256"))],
  "generateSecret-not-extractable": ["a generated secret is not extractable unless asked",
    async (lib) => lib.exportJWK(await lib.generateSecret("HS256"))],
  "generateSecret-RS256": ["generateSecret(\"RS256\") is refused", async (lib) => typeof (await lib.generateSecret("RS256"))],
  // calculateJwkThumbprint
  "thumbprint-private-jwk": ["a private JWK's thumbprint is its public key's", async (lib) => lib.calculateJwkThumbprint(privateJwk("p256"))],
  "thumbprint-oct": ["an oct JWK's thumbprint", async (lib) => lib.calculateJwkThumbprint(octJwk(512))],
  "thumbprint-sha384": ["a thumbprint with SHA-384", async (lib) => lib.calculateJwkThumbprint(publicJwk("rsa"), "sha384")],
  "thumbprint-sha512": ["a thumbprint with SHA-512", async (lib) => lib.calculateJwkThumbprint(publicJwk("ed25519"), "sha512")],
  "thumbprint-extra-members": ["members outside RFC 7638's are ignored",
    async (lib) => lib.calculateJwkThumbprint(publicJwk("p256", { kid: "k", alg: "ES256", use: "sig" }))],
  "thumbprint-x25519": ["an X25519 JWK's thumbprint", async (lib) => lib.calculateJwkThumbprint(publicJwk("x25519"))],
  "thumbprint-rsa-1024": ["a 1024-bit RSA JWK's thumbprint", async (lib) => lib.calculateJwkThumbprint(publicJwk("rsa1024"))],
  "thumbprint-missing-member": ["a JWK missing a required member is refused",
    async (lib) => lib.calculateJwkThumbprint({ kty: "EC", crv: "P-256", x: publicJwk("p256").x })],
  "thumbprint-unknown-kty": ["a JWK of an unknown kty is refused", async (lib) => lib.calculateJwkThumbprint({ kty: "XYZ" })],
  "thumbprint-bad-digest": ["an unknown digest is refused", async (lib) => lib.calculateJwkThumbprint(publicJwk("p256"), "md5")],
  "thumbprint-of-imported-key": ["the thumbprint of a key imported by the library",
    async (lib) => lib.calculateJwkThumbprint(await lib.importJWK(publicJwk("p256"), "ES256"))],
};

const cases = each(CASES, (id, [title, run, strict]) => ({ id: `keys/${id}`, title, run, ...(strict && { strict }) }));

// generateKeyPair for each algorithm family: the public key's shape, and a token it signs verifies.
const GENERATED = ["ES256", "ES384", "ES512", "EdDSA", "Ed25519", "RS256", "PS256"];
const generated = GENERATED.map((alg) => ({
  id: `keys/generateKeyPair-${alg}`,
  title: `generateKeyPair("${alg}"): the public key's JWK, and a token signed with the private key verifies`,
  run: async (lib) => {
    const { publicKey, privateKey } = await lib.generateKeyPair(alg);
    return { jwk: jwkShape(await lib.exportJWK(publicKey)), payload: await roundTrip(lib, alg, privateKey, publicKey) };
  },
}));

const secrets = ["HS256", "HS384", "HS512"].map((alg) => ({
  id: `keys/generateSecret-${alg}`,
  title: `generateSecret("${alg}", { extractable: true }): its size, and a token signed with it verifies`,
  run: async (lib) => {
    const secret = await lib.generateSecret(alg, { extractable: true });
    const { k } = await lib.exportJWK(secret);
    return { bytes: Buffer.from(k, "base64url").length, payload: await roundTrip(lib, alg, secret, secret) };
  },
}));

export default [...perPair, ...certificates, ...cases, ...generated, ...secrets];
