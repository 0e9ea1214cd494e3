// decryptAndVerifyAsync in real headless Chromium (Debian's chromium, driven by playwright-core), on
// the page build (js/jwe.js, the Emscripten JWE module fetched beside it) and Chromium's own
// WebCrypto: the same result or the same error as decryptAndVerify for nested tokens and their
// attacks, with the inner signature verified by WebCrypto exactly when the core let the token through
// to the primitive (tests/js/jwe-nested-host.test.js proves the same under Node, on every build).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serveSite } from "../../scripts/inspect.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (scripts/bootstrap.sh does)`;

// Runs in the page: every case through both functions, with WebCrypto's verify counted.
async function inPage() {
  const api = await import("/js/jwe.js");
  await api.init();
  const { subtle } = globalThis.crypto;
  const verify = subtle.verify.bind(subtle);
  let verified = 0;
  subtle.verify = (...args) => {
    verified++;
    return verify(...args);
  };
  const encoder = new TextEncoder();
  const b64 = (text) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const tampered = (token, index) => {
    const parts = token.split(".");
    parts[index] = (parts[index][0] === "A" ? "B" : "A") + parts[index].slice(1);
    return parts.join(".");
  };
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "alice", iss: "https://idp.example", exp: now + 600 };
  const JWE = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
  const signing = api.generateKeyPair("ES256");
  const other = api.generateKeyPair("ES256");
  const encryption = api.generateKeyPair(JWE.alg);
  const nested = (payload, signer = signing.privateKey) =>
    api.signAndEncrypt(payload, signer, encryption.publicKey, { ...JWE, signing: { alg: "ES256" } });
  const encrypted = (text, header) => api.compactEncrypt(encoder.encode(text), encryption.publicKey, { ...JWE, header });
  const jws = api.sign(claims, signing.privateKey, { alg: "ES256" });
  const good = nested(claims);
  // [what, token, options, whether the core lets it reach the primitive]
  const cases = [
    ["valid", good, {}, true],
    ["inner signature by another key", nested(claims, other.privateKey), {}, true],
    ["inner token expired", nested({ ...claims, exp: now - 600 }), {}, true],
    ["inner issuer not the expected one", good, { issuer: "https://other.example" }, true],
    ["inner alg not allowed", good, { algorithms: ["ES384"] }, false],
    ["cty missing", encrypted(jws), {}, false],
    ["cty not JWT", encrypted(jws, { cty: "json" }), {}, false],
    ["outer tag changed", tampered(good, 4), {}, false],
    ["outer ciphertext changed", tampered(good, 3), {}, false],
    ["inner alg none", encrypted(`${b64('{"alg":"none"}')}.${jws.split(".")[1]}.`, { cty: "JWT" }), {}, false],
    ["inner JWE", encrypted(good, { cty: "JWT" }), {}, false],
  ];
  const outcome = async (call) => {
    try {
      const { payload, protectedHeader, signedHeader } = await call();
      return { result: { payload, protectedHeader, signedHeader } };
    } catch (error) {
      return { error: { name: error.name, code: error.code, status: error.status, detail: error.detail, where: error.where, claims: error.payload } };
    }
  };
  const outcomes = [];
  for (const [what, token, options, reachesPrimitive] of cases) {
    const sync = await outcome(() => api.decryptAndVerify(token, encryption.privateKey, signing.publicKey, options));
    const before = verified;
    const async = await outcome(() => api.decryptAndVerifyAsync(token, encryption.privateKey, signing.publicKey, options));
    outcomes.push({ what, sync, async, reachesPrimitive, hostVerified: verified - before });
  }
  return outcomes;
}

describe("decryptAndVerifyAsync in Chromium", { skip }, () => {
  let browser;
  let server;

  before(async () => {
    server = await serveSite(ROOT, { port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  it("the same result or error as decryptAndVerify, the inner signature on WebCrypto only when the core let it through", async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser.html`);
    const outcomes = await page.evaluate(inPage);
    assert.deepEqual(errors, []);
    assert.equal(outcomes.length, 11);
    for (const { what, sync, async, reachesPrimitive, hostVerified } of outcomes) {
      assert.deepEqual(async, sync, what);
      assert.equal(hostVerified > 0, reachesPrimitive, `${what}: WebCrypto verified the inner signature`);
      if (what !== "valid") assert.ok(async.error, `${what}: refused`);
    }
    const [valid, forged, expired] = outcomes;
    assert.equal(valid.async.result.payload.sub, "alice");
    assert.equal(valid.async.result.signedHeader.alg, "ES256");
    assert.equal(forged.async.error.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    assert.equal(forged.async.error.claims, undefined);
    assert.equal(expired.async.error.code, "ERR_JWT_EXPIRED");
    assert.equal(expired.async.error.claims.sub, "alice");
    await page.close();
  });
});
