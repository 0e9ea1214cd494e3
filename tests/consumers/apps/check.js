// What every consumer app runs once it has initialised edgejwt (either build): ES256 and HS256
// tokens signed, verified with verify() and verifyAsync() (which asks the host's crypto where the
// runtime has it), and a token under another key refused. Returns a report, never throws.
export async function check(label, { sign, verify, verifyAsync, generateKeyPair }) {
  try {
    const { publicKey, privateKey } = generateKeyPair("ES256");
    const token = sign({ sub: "consumer" }, privateKey, { alg: "ES256", expiresIn: "5m" });
    const secret = new TextEncoder().encode("a consumer app's HMAC-SHA256 key");
    const hmacToken = sign({ sub: "consumer" }, secret, { alg: "HS256", expiresIn: "5m" });
    const subjects = [
      verify(token, publicKey).payload.sub,
      (await verifyAsync(token, publicKey)).payload.sub,
      verify(hmacToken, secret, { algorithms: ["HS256"] }).payload.sub,
      (await verifyAsync(hmacToken, secret, { algorithms: ["HS256"] })).payload.sub,
    ];
    const other = generateKeyPair("ES256").publicKey;
    const refusals = [];
    for (const attempt of [() => verify(token, other), () => verifyAsync(token, other)]) {
      try {
        await attempt();
        refusals.push("accepted");
      } catch (error) {
        refusals.push(error.code);
      }
    }
    const ok = subjects.every((subject) => subject === "consumer") &&
      refusals.every((code) => code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    return { label, ok, subjects, refusals };
  } catch (error) {
    return { label, ok: false, error: `${error.name}: ${error.message}` };
  }
}
