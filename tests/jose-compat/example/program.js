// A program written for jose, as jose's documentation teaches it: an identity provider signs access
// tokens and publishes its keys, an API verifies them against the published JWK Set, a developer
// decodes one, keys go out and come back as JWK, SPKI and PKCS#8, an HMAC-protected token and a
// compact JWS over bytes round-trip, and each failure is told apart by its class.
// It prints what it saw as one JSON line (only what does not vary between runs: no keys, no times).
//
// It imports "jose" and nothing of edgejwt: tests/jose-compat/example.test.js runs it as it is, and
// again with "jose" resolved to edgejwt's jose entry (swap-jose.js). Both runs must print the same.
import { createServer } from "node:http";
import * as jose from "jose";

const issuer = "https://idp.example";
const audience = "https://api.example";

// The identity provider's signing keys, and its JWKS on loopback.
const es256 = await jose.generateKeyPair("ES256", { extractable: true });
const ed25519 = await jose.generateKeyPair("EdDSA", { extractable: true });
const es256Jwk = await jose.exportJWK(es256.publicKey);
const kid = await jose.calculateJwkThumbprint(es256Jwk);
const jwks = { keys: [{ ...es256Jwk, kid, alg: "ES256", use: "sig" }, { ...(await jose.exportJWK(ed25519.publicKey)), kid: "ed", alg: "EdDSA" }] };

let jwksRequests = 0;
const server = createServer((request, response) => {
  jwksRequests++;
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(jwks));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

// What a failed verification was, as an application would branch on it.
async function failureOf(verification) {
  try {
    await verification;
    return "verified";
  } catch (error) {
    const classes = ["JWTExpired", "JWTClaimValidationFailed", "JWSSignatureVerificationFailed", "JWKSNoMatchingKey"]
      .filter((name) => error instanceof jose.errors[name]);
    return { classes, code: error.code, claim: error.claim, reason: error.reason };
  }
}

const sameMembers = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

try {
  const JWKS = jose.createRemoteJWKSet(new URL(`http://127.0.0.1:${server.address().port}/.well-known/jwks.json`));

  // The identity provider issues an access token.
  const token = await new jose.SignJWT({ scope: "read:messages", "urn:example:claim": true })
    .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
    .setIssuedAt()
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject("user-1")
    .setJti("token-1")
    .setExpirationTime("2h")
    .sign(es256.privateKey);

  // The API verifies it against the published keys.
  const options = { issuer, audience, typ: "at+jwt", requiredClaims: ["scope"], maxTokenAge: "1h", clockTolerance: "30s" };
  const { payload, protectedHeader } = await jose.jwtVerify(token, JWKS, options);
  const { iat, exp, ...claims } = payload;

  // Tokens it must refuse.
  const expired = await new jose.SignJWT({ scope: "read:messages" }).setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
    .setIssuer(issuer).setAudience(audience).setIssuedAt("-3h").setExpirationTime("1 hour ago").sign(es256.privateKey);
  const otherAudience = await new jose.SignJWT({ scope: "read:messages" }).setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
    .setIssuer(issuer).setAudience("https://other.example").setIssuedAt().setExpirationTime("5m").sign(es256.privateKey);
  const unknownKey = await new jose.SignJWT({}).setProtectedHeader({ alg: "ES256", kid: "retired" }).sign(es256.privateKey);
  const [tokenHeader, tokenPayload] = token.split(".");
  const forged = `${tokenHeader}.${tokenPayload}.${"A".repeat(86)}`;

  // A developer looks inside a token without verifying it.
  const decoded = jose.decodeJwt(token);
  const decodedHeader = jose.decodeProtectedHeader(token);

  // Keys go out and come back.
  const spki = await jose.exportSPKI(es256.publicKey);
  const pkcs8 = await jose.exportPKCS8(es256.privateKey);
  const fromPkcs8 = await jose.importPKCS8(pkcs8, "ES256");
  const fromSpki = await jose.importSPKI(spki, "ES256");
  const fromJwk = await jose.importJWK(jwks.keys[0], "ES256");
  const resigned = await new jose.SignJWT({ sub: "user-2" }).setProtectedHeader({ alg: "ES256" }).sign(fromPkcs8);

  // A service-to-service token under a shared secret.
  const secret = await jose.generateSecret("HS256");
  const internal = await new jose.SignJWT({ role: "worker" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m").sign(secret);

  // A signed message that is not a JWT, verified with a local key set.
  const message = await new jose.CompactSign(new TextEncoder().encode("hello, world")).setProtectedHeader({ alg: "EdDSA", kid: "ed" }).sign(ed25519.privateKey);
  const local = jose.createLocalJWKSet(jwks);

  const summary = {
    verified: { claims, lifetimeMinutes: Math.round((exp - iat) / 60), protectedHeader: { ...protectedHeader, kid: protectedHeader.kid === kid } },
    refused: {
      expired: await failureOf(jose.jwtVerify(expired, JWKS, options)),
      otherAudience: await failureOf(jose.jwtVerify(otherAudience, JWKS, options)),
      unknownKey: await failureOf(jose.jwtVerify(unknownKey, JWKS)),
      forged: await failureOf(jose.jwtVerify(forged, JWKS, options)),
    },
    decoded: { sub: decoded.sub, scope: decoded.scope, header: decodedHeader.typ },
    keys: {
      spki: spki.startsWith("-----BEGIN PUBLIC KEY-----"),
      pkcs8: pkcs8.startsWith("-----BEGIN PRIVATE KEY-----"),
      jwkRoundTrip: sameMembers(await jose.exportJWK(fromJwk), es256Jwk),
      spkiRoundTrip: (await jose.exportSPKI(fromSpki)) === spki,
      resigned: (await jose.jwtVerify(resigned, fromSpki)).payload.sub,
      thumbprintIsKid: (await jose.calculateJwkThumbprint(await jose.exportJWK(fromSpki))) === kid,
    },
    internal: (await jose.jwtVerify(internal, secret, { algorithms: ["HS256"] })).payload.role,
    message: new TextDecoder().decode((await jose.compactVerify(message, local)).payload),
    jwksRequests,
  };
  console.log(JSON.stringify(summary));
} finally {
  server.closeAllConnections();
  server.close();
}
