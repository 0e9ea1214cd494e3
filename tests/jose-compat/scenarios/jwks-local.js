// createLocalJWKSet as jose documents it: a key chosen by the token's alg and kid among the set's
// signature keys (kty, crv, alg, use, key_ops), exactly one or an error (the multiple-matches error
// async-iterable over its candidates), the set's shape, and the resolver's own interface.
import { compact, fixtures } from "../fixtures.js";
import { currentDate, each, privateJwk, publicJwk, tryCandidates, verified } from "./kit.js";

const signedBy = (pair, alg, header = {}) => compact({ alg, ...header }, { sub: `signed by ${pair}` }, { key: fixtures().pairs[pair].privateKey });

// The verification's data, and whether the library also returned the key it used.
async function verifyWithSet(lib, jwks, token) {
  const result = await lib.jwtVerify(token, lib.createLocalJWKSet(jwks), { currentDate });
  return { ...verified(result), returnsKey: result.key !== undefined };
}

const KIDS = { a: "p256", b: "p384", c: "rsa", d: "ed25519" };
const mixed = { keys: Object.entries(KIDS).map(([kid, pair]) => publicJwk(pair, { kid })) };

// { id: [title, jwks, token, strict?] }
const CASES = {
  "by-kid": ["the key named by kid", mixed, signedBy("p384", "ES384", { kid: "b" })],
  "by-kid-rsa": ["an RSA key named by kid, for PS256", mixed, signedBy("rsa", "PS256", { kid: "c" })],
  "by-kty-without-kid": ["without kid, the one key of the token's kty and crv", { keys: [publicJwk("rsa"), publicJwk("p256")] }, signedBy("p256", "ES256")],
  "by-alg-member": ["the JWK alg member tells two RSA keys apart",
    { keys: [publicJwk("rsa", { alg: "RS256" }), publicJwk("rsa2", { alg: "PS256" })] }, signedBy("rsa2", "PS256")],
  "kid-unknown": ["a kid the set does not have", mixed, signedBy("p256", "ES256", { kid: "zzz" })],
  "crv-mismatch": ["a P-384 key does not match ES256", { keys: [publicJwk("p384")] }, signedBy("p256", "ES256")],
  "use-enc-skipped": ["a key with use \"enc\" does not match", { keys: [publicJwk("p256", { use: "enc" })] }, signedBy("p256", "ES256")],
  "key-ops-without-verify": ["a key whose key_ops lack verify does not match",
    { keys: [publicJwk("p256", { key_ops: ["sign"] })] }, signedBy("p256", "ES256")],
  "oct-entry": ["an HS256 token against a set (jose: no HMAC in key sets)",
    { keys: [{ kty: "oct", k: Buffer.from(fixtures().secrets[256]).toString("base64url"), kid: "h" }] }, compact({ alg: "HS256", kid: "h" }, { sub: "u" })],
  "alg-none-token": ["an unsecured token against a set", mixed, compact({ alg: "none" }, { sub: "u" })],
  "private-key-entry": ["a set whose matching entry is a private key", { keys: [privateJwk("p256")] }, signedBy("p256", "ES256")],
  "unknown-kty-entry": ["an entry of an unknown kty is passed over", { keys: [{ kty: "XYZ", kid: "x" }, publicJwk("p256")] }, signedBy("p256", "ES256")],
  "malformed-entry-matches": ["an EC entry without coordinates still counts as a candidate",
    { keys: [{ kty: "EC", crv: "P-256" }, publicJwk("p256b")] }, signedBy("p256b", "ES256"), "jwks-ignored-entries"],
  "101-keys": ["a set of 101 keys",
    { keys: Array.from({ length: 101 }, (_, i) => publicJwk("p256", { kid: `k${i}` })) }, signedBy("p256", "ES256", { kid: "k100" }), "jwks-limits"],
};

const cases = each(CASES, (id, [title, jwks, token, strict]) => ({
  id: `jwks-local/${id}`,
  title,
  ...(strict && { strict }),
  run: (lib) => verifyWithSet(lib, jwks, token),
}));

// { id: [title, jwks] }: sets that are not JWK Sets at all.
const SHAPES = { "keys-not-array": { keys: "x" }, "no-keys": {}, "entry-not-object": { keys: [1] }, "not-object": "{\"keys\":[]}" };
const shapes = each(SHAPES, (id, jwks) => ({
  id: `jwks-local/${id}`,
  title: `createLocalJWKSet(${JSON.stringify(jwks)}) is refused`,
  run: async (lib) => typeof lib.createLocalJWKSet(jwks),
}));

const resolver = [
  {
    id: "jwks-local/multiple-matches",
    title: "two keys match: the error is async-iterable over both candidates",
    run: (lib) => tryCandidates(lib, signedBy("p256b", "ES256"), lib.createLocalJWKSet({ keys: [publicJwk("p256"), publicJwk("p256b")] })),
  },
  {
    id: "jwks-local/multiple-matches-same-kid",
    title: "two keys share the token's kid: the candidates are both",
    run: (lib) => tryCandidates(lib, signedBy("p256", "ES256", { kid: "a" }),
      lib.createLocalJWKSet({ keys: [publicJwk("p256b", { kid: "a" }), publicJwk("p256", { kid: "a" })] })),
  },
  {
    id: "jwks-local/jwks-accessor",
    title: "the set's jwks() returns a copy of the set",
    run: async (lib) => lib.createLocalJWKSet(mixed).jwks(),
  },
  {
    id: "jwks-local/call-with-header",
    title: "the set is itself a resolver: called with a header it gives the key",
    run: async (lib) => lib.exportJWK(await lib.createLocalJWKSet(mixed)({ alg: "ES256", kid: "a" })),
  },
];

export default [...cases, ...shapes, ...resolver];
