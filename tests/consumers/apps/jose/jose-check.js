// What a jose program does, run on edgejwt/jose as installed (issue 14): a key pair, a token from
// SignJWT, jwtVerify with the Key, its JWK object, a CryptoKey and a resolver function, decodeJwt,
// and a token under another key refused. Returns a report, never throws.
export async function checkJose(label, jose) {
  try {
    const { publicKey, privateKey } = await jose.generateKeyPair("ES256");
    const token = await new jose.SignJWT({ sub: "consumer" }).setProtectedHeader({ alg: "ES256" })
      .setIssuedAt().setExpirationTime("5m").sign(privateKey);
    const jwk = await jose.exportJWK(publicKey);
    const cryptoKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
    const subjects = [
      (await jose.jwtVerify(token, publicKey)).payload.sub,
      (await jose.jwtVerify(token, jwk)).payload.sub,
      (await jose.jwtVerify(token, cryptoKey)).payload.sub,
      (await jose.jwtVerify(token, async () => publicKey)).payload.sub,
      jose.decodeJwt(token).sub,
    ];
    let refusal = "accepted";
    try {
      await jose.jwtVerify(token, (await jose.generateKeyPair("ES256")).publicKey);
    } catch (error) {
      refusal = error.code;
    }
    const ok = subjects.every((subject) => subject === "consumer") && refusal === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
    return { label, ok, subjects, refusal };
  } catch (error) {
    return { label, ok: false, error: `${error.name}: ${error.message}` };
  }
}
