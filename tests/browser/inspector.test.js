// The token inspector (inspector/) in real headless Chromium: Debian's chromium, driven by
// playwright-core, against the static site scripts/inspect.js builds and serves. Tokens of every
// algorithm with their keys in each input form, the library's error codes, malformed tokens, lint
// findings, the timeline on a fixed clock, tokens signed in the page and verified in Node, no
// request after load, no storage unless asked, labels, keyboard and contrast, a phone-sized screen.
// Screenshots go to artifacts/screenshots/ (and, with EDGEJWT_DOCS_SCREENSHOT=1, docs/inspector.png).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrivateKey, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { chromium } from "playwright-core";

import * as edgejwt from "../../js/jwe.js"; // the inspector's own module: it makes encrypted tokens too
import { buildSite, serveSite } from "../../scripts/inspect.js";
import { nodeKeyPair, jwkOf, pemOf, fixture } from "../support/keys.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCREENSHOTS = join(ROOT, "artifacts", "screenshots");
const NOW = 1795694400; // the page's fixed clock: 2026-11-26 12:00:00 UTC, 13:00 in Paris
const AT_NOW = { currentDate: new Date(NOW * 1000) };
const PAGE_BUDGET = 256 * 1024; // bytes of the page's assets, the Wasm aside
const ALGORITHMS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
  "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (scripts/bootstrap.sh does)`;

const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const unsigned = (header, payload) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;
const CLAIMS = { iss: "https://idp.example", aud: "api", sub: "user-1", iat: NOW - 60, exp: NOW + 840 };

// A token signed in Node by the library (its iat and exp are the fixed clock's).
function signed(alg, key, { claims = {}, kid, typ } = {}) {
  return edgejwt.sign({ ...CLAIMS, ...claims }, key, { alg, kid, typ });
}

const privateKeyOf = (alg) => edgejwt.importPEM(pemOf(nodeKeyPair(alg).privateKey, "pkcs8"), alg);
const publicJwkOf = (alg, kid) => ({ ...jwkOf(nodeKeyPair(alg).publicKey), ...(kid ? { kid } : {}) });
const thumbprintOfSecret = (bytes) => edgejwt.calculateJwkThumbprint({ kty: "oct", k: Buffer.from(bytes).toString("base64url") });

describe("token inspector in Chromium", { skip }, () => {
  let browser;
  let server;
  let site;
  let url;

  before(async () => {
    await edgejwt.init();
    site = await buildSite(join(await mkdtemp(join(tmpdir(), "edgejwt-inspector-")), "site"));
    server = await serveSite(site, { port: 0 });
    url = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (site) await rm(join(site, ".."), { recursive: true, force: true });
  });

  // A fresh page on the fixed clock, in Paris, ready (the Wasm core loaded), with its request log.
  async function openPage(t, { width = 1280, height = 800, colorScheme = "light" } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, timezoneId: "Europe/Paris", locale: "en-GB", colorScheme });
    t.after(() => context.close());
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    await page.clock.setFixedTime(new Date(NOW * 1000));
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    return { page, requests, errors };
  }

  const tokenField = (page) => page.getByRole("textbox", { name: "Token", exact: true });
  const keyField = (page) => page.getByRole("textbox", { name: "Key", exact: true });

  // Fills the verify panel (options first, the token last) and reads what the page shows.
  async function inspect(page, { token, key = "", format = "auto", issuer = "", audience = "", typ = "", tolerance = "" }) {
    const checks = { Issuer: issuer, Audience: audience, "Type (typ)": typ, "Clock tolerance": tolerance };
    const open = await page.locator("#checks").evaluate((details) => details.open);
    if (!open && Object.values(checks).some(Boolean)) await page.getByText("More checks").click();
    if (open || Object.values(checks).some(Boolean)) {
      for (const [label, value] of Object.entries(checks)) await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByLabel("Key format", { exact: true }).selectOption(format);
    await keyField(page).fill(key);
    await tokenField(page).fill(token);
    return read(page);
  }

  function read(page) {
    return page.evaluate(() => {
      const byId = (id) => document.getElementById(id);
      const text = (id) => byId(id).textContent.replace(/\s+/g, " ").trim();
      return {
        verify: { state: byId("verify-result").dataset.state, text: text("verify-result") },
        error: byId("token-error").hidden ? "" : text("token-error"),
        marked: [...byId("raw").querySelectorAll("mark")].map((mark) => [mark.parentElement.className, mark.textContent]),
        lint: [...document.querySelectorAll("#lint li[data-rule]")].map((item) => item.dataset.rule),
        lintText: text("lint"),
        time: {
          state: byId("time-status").dataset.state, status: text("time-status"), lifetime: text("lifetime"),
          rows: [...byId("time-table").tBodies[0].rows].map((row) => [...row.cells].flatMap((cell) =>
            (cell.children.length ? [...cell.children] : [cell]).map((part) => part.textContent))),
        },
        header: text("header-json"),
        payload: text("payload-json"),
      };
    });
  }

  it("loads only its own files, under its Content-Security-Policy, and stays small", async (t) => {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const sizes = new Map();
    page.on("response", async (response) => sizes.set(response.url(), (await response.body()).length));
    const response = await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    await page.waitForLoadState("networkidle");
    assert.match(response.headers()["content-security-policy"], /connect-src 'self'/);
    assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"), /default-src 'none'.*connect-src 'self'/);
    assert.ok([...sizes.keys()].every((address) => address.startsWith(url)), [...sizes.keys()].join("\n"));
    const wasm = [...sizes.keys()].filter((address) => address.endsWith(".wasm"));
    assert.equal(wasm.length, 1);
    const pageBytes = [...sizes].filter(([address]) => !address.endsWith(".wasm")).reduce((sum, [, size]) => sum + size, 0);
    t.diagnostic(`page assets: ${sizes.size - 1} files, ${pageBytes} bytes without the Wasm (${sizes.get(wasm[0])} bytes)`);
    assert.ok(pageBytes < PAGE_BUDGET, `${pageBytes} bytes is over the ${PAGE_BUDGET}-byte budget`);
    assert.equal(await page.textContent("#core-status"), "Ready: edgejwt's WebAssembly core is loaded.");
  });

  it("verifies every algorithm with its key in each input form", async (t) => {
    const { page, errors } = await openPage(t);
    const textSecret = "inspector-test-secret-of-32-bytes!!";
    const hs384 = randomBytes(48);
    const hs512 = randomBytes(64);
    const certificateKey = (name, alg) => edgejwt.importPEM(fixture(`${name}-certificate-key.pem`), alg);
    const certificateThumbprint = (name) => edgejwt.calculateJwkThumbprint(edgejwt.importX509(fixture(`${name}-certificate.pem`)));
    const previous = { ...edgejwt.exportJWK(edgejwt.generateKeyPair("ES384").publicKey), kid: "previous" };
    const jwks = { keys: [publicJwkOf("ES256", "other-curve"), previous, publicJwkOf("ES384", "current")] };
    const cases = [
      { what: "HS256, secret as text", alg: "HS256", token: signed("HS256", new TextEncoder().encode(textSecret)),
        key: textSecret, thumbprint: thumbprintOfSecret(new TextEncoder().encode(textSecret)), keyText: `${textSecret.length} bytes (text)` },
      { what: "HS384, secret as base64url", alg: "HS384", token: signed("HS384", hs384), key: hs384.toString("base64url"),
        format: "base64url", thumbprint: thumbprintOfSecret(hs384), keyText: "48 bytes (base64url)" },
      { what: "HS512, secret as hex", alg: "HS512", token: signed("HS512", hs512), key: hs512.toString("hex"), format: "hex",
        thumbprint: thumbprintOfSecret(hs512), keyText: "64 bytes (hex)" },
      { what: "RS256, JWK", alg: "RS256", token: signed("RS256", privateKeyOf("RS256"), { kid: "rsa-1" }),
        key: JSON.stringify(publicJwkOf("RS256", "rsa-1")), thumbprint: edgejwt.calculateJwkThumbprint(publicJwkOf("RS256")),
        keyText: 'kid "rsa-1", RSA public key, from the JWK' },
      { what: "RS256, certificate", alg: "RS256", token: signed("RS256", certificateKey("rsa", "RS256")),
        key: fixture("rsa-certificate.pem"), format: "pem", thumbprint: certificateThumbprint("rsa"), keyText: "RSA public key, from the certificate" },
      { what: "PS256, PEM SPKI", alg: "PS256", token: signed("PS256", privateKeyOf("PS256")),
        key: pemOf(nodeKeyPair("PS256").publicKey, "spki"), thumbprint: edgejwt.calculateJwkThumbprint(publicJwkOf("PS256")),
        keyText: "no kid, RSA public key, from a PEM PUBLIC KEY" },
      { what: "ES256, certificate", alg: "ES256", token: signed("ES256", certificateKey("ec", "ES256")),
        key: fixture("ec-certificate.pem"), thumbprint: certificateThumbprint("ec"), keyText: "no kid, EC P-256 public key, from the certificate" },
      { what: "ES384, JWK Set picked by kid", alg: "ES384", token: signed("ES384", privateKeyOf("ES384"), { kid: "current" }),
        key: JSON.stringify(jwks), format: "jwks", thumbprint: edgejwt.calculateJwkThumbprint(publicJwkOf("ES384")),
        keyText: 'kid "current", EC P-384 public key, from a JWK Set of 3 usable keys' },
      { what: "ES512, JWK", alg: "ES512", token: signed("ES512", privateKeyOf("ES512")), key: JSON.stringify(publicJwkOf("ES512")),
        format: "jwk", thumbprint: edgejwt.calculateJwkThumbprint(publicJwkOf("ES512")), keyText: "no kid, EC P-521 public key, from the JWK" },
      { what: "EdDSA, certificate", alg: "EdDSA", token: signed("EdDSA", certificateKey("ed25519", "EdDSA")),
        key: fixture("ed25519-certificate.pem"), thumbprint: certificateThumbprint("ed25519"), keyText: "Ed25519 public key, from the certificate" },
      { what: "Ed25519, JWK", alg: "Ed25519", token: signed("Ed25519", privateKeyOf("Ed25519")), key: JSON.stringify(publicJwkOf("Ed25519")),
        thumbprint: edgejwt.calculateJwkThumbprint(publicJwkOf("Ed25519")), keyText: "Ed25519 public key, from the JWK" },
    ];
    for (const { what, alg, token, key, format, thumbprint, keyText } of cases) {
      const shown = await inspect(page, { token, key, format });
      assert.equal(shown.verify.state, "verified", `${what}: ${shown.verify.text}`);
      assert.ok(shown.verify.text.includes(`Algorithm: ${alg}`), `${what}: ${shown.verify.text}`);
      assert.ok(shown.verify.text.includes(`Thumbprint (RFC 7638, SHA-256): ${thumbprint}`), `${what}: ${shown.verify.text}`);
      assert.ok(shown.verify.text.includes(keyText), `${what}: "${keyText}" not in ${shown.verify.text}`);
      assert.ok(shown.header.includes(`"alg": "${alg}"`), what);
      assert.equal(shown.error, "", what);
    }
    assert.deepEqual(errors, []);
  });

  it("reports failures with the library's error codes", async (t) => {
    const { page } = await openPage(t);
    const secret = new TextEncoder().encode("inspector-test-secret-of-32-bytes!!");
    const es256 = signed("ES256", privateKeyOf("ES256"), { kid: "k1" });
    const hs256 = signed("HS256", secret);
    const cases = [
      { what: "a P-384 key for an ES256 token", token: es256, key: JSON.stringify(publicJwkOf("ES384")), expect: ["failed", "ERR_JOSE_ALG_NOT_ALLOWED"] },
      { what: "the wrong EC key", token: signed("ES256", edgejwt.generateKeyPair("ES256").privateKey), key: JSON.stringify(publicJwkOf("ES256")),
        expect: ["failed", "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"] },
      { what: "a secret under 32 bytes", token: hs256, key: "short-secret", expect: ["failed", "ERR_KEY_TOO_SHORT"] },
      { what: "a PEM public key typed as a secret", token: hs256, key: pemOf(nodeKeyPair("RS256").publicKey, "spki"), format: "text",
        expect: ["failed", "ERR_KEY_USAGE"] },
      { what: "an RSA key for an HS256 token", token: hs256, key: pemOf(nodeKeyPair("RS256").publicKey, "spki"), expect: ["failed", "ERR_JOSE_ALG_NOT_ALLOWED"] },
      { what: "a JWK Set without the kid", token: es256, key: JSON.stringify({ keys: [publicJwkOf("ES256", "k2")] }),
        expect: ["failed", "ERR_JWKS_NO_MATCHING_KEY"] },
      { what: "a malformed JWK", token: es256, key: '{"kty":"EC","crv":"P-256","x":"AA"}', expect: ["failed", "ERR_JWK_INVALID"] },
      { what: "hex that is not hex", token: hs256, key: "zz", format: "hex", expect: ["failed", 'not hex: "z" at character 1'] },
      { what: "an expired token", token: signed("HS256", secret, { claims: { iat: NOW - 7200, exp: NOW - 3600 } }),
        key: "inspector-test-secret-of-32-bytes!!", expect: ["claims-failed", "ERR_JWT_EXPIRED"] },
      { what: "an expired token within the clock tolerance", token: signed("HS256", secret, { claims: { exp: NOW - 20 } }),
        key: "inspector-test-secret-of-32-bytes!!", tolerance: "30s", expect: ["verified", "Signature verified"] },
      { what: "another issuer", token: hs256, key: "inspector-test-secret-of-32-bytes!!", issuer: "https://other.example",
        expect: ["claims-failed", "ERR_JWT_CLAIM_VALIDATION_FAILED", "claim iss: check failed"] },
      { what: "one of the audiences", token: hs256, key: "inspector-test-secret-of-32-bytes!!", audience: "web, api", expect: ["verified", "Signature verified"] },
      { what: "another type", token: hs256, key: "inspector-test-secret-of-32-bytes!!", typ: "at+jwt",
        expect: ["claims-failed", "ERR_JWT_CLAIM_VALIDATION_FAILED", "claim typ"] },
      { what: "a malformed tolerance", token: hs256, key: "inspector-test-secret-of-32-bytes!!", tolerance: "soon", expect: ["failed", "ERR_INVALID_ARGUMENT"] },
      { what: "alg none", token: unsigned({ alg: "none" }, CLAIMS).replace(/[^.]+$/, ""), key: "inspector-test-secret-of-32-bytes!!",
        expect: ["failed", "ERR_JOSE_NOT_SUPPORTED"] },
      { what: "a tampered payload", token: hs256.replace(/\.[^.]+\./, `.${b64({ ...CLAIMS, sub: "admin" })}.`),
        key: "inspector-test-secret-of-32-bytes!!", expect: ["failed", "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"] },
    ];
    for (const { what, expect: [state, ...texts], ...input } of cases) {
      const shown = await inspect(page, input);
      assert.equal(shown.verify.state, state, `${what}: ${shown.verify.text}`);
      for (const text of texts) assert.ok(shown.verify.text.includes(text), `${what}: "${text}" not in ${shown.verify.text}`);
    }
  });

  it("says which part of a malformed token is wrong, and why", async (t) => {
    const { page } = await openPage(t);
    const header = b64({ alg: "HS256" });
    const payload = b64({ sub: "x" });
    const cases = [
      { what: "two parts", token: `${header}.${payload}`, texts: ["ERR_JWS_INVALID", "A JWT has three parts separated by dots; this one has 2."] },
      { what: "five parts: a JWE, its header not base64url", token: "a.b.c.d.e", texts: ["ERR_BASE64URL_INVALID", "The encrypted token's (JWE) header is not base64url"] },
      { what: "base64 in the payload", token: `${header}.${payload}+.c2ln`,
        texts: ["ERR_BASE64URL_INVALID", `The payload is not base64url: "+" is base64, not base64url`], marked: [["part-payload part-bad", "+"]] },
      { what: "padding in the signature", token: `${header}.${payload}.c2lnbg==`,
        texts: ["ERR_BASE64URL_INVALID", 'The signature is not base64url: padding ("=") is not allowed'], marked: [["part-signature part-bad", "="]] },
      { what: "a header that is not JSON", token: `${b64("{alg:HS256}")}.${payload}.c2ln`,
        texts: ["ERR_JSON_INVALID", 'The header decodes to "{alg:HS256}"'] },
      { what: "a payload that is an array", token: `${header}.${b64("[1,2]")}.c2ln`, texts: ["ERR_JSON_NOT_OBJECT", 'The payload decodes to "[1,2]"'] },
      { what: "a duplicate claim", token: `${header}.${b64('{"sub":"a","sub":"b"}')}.c2ln`, texts: ["ERR_JSON_DUPLICATE_KEY", "(payload)"] },
    ];
    for (const { what, token, texts, marked = [] } of cases) {
      const shown = await inspect(page, { token, key: "inspector-test-secret-of-32-bytes!!" });
      for (const text of texts) assert.ok(shown.error.includes(text), `${what}: "${text}" not in ${shown.error}`);
      assert.deepEqual(shown.marked, marked, what);
      assert.equal(shown.verify.state, "failed", what);
      assert.equal(shown.payload, "", what);
    }
    const bearer = await inspect(page, { token: `  Bearer ${header}.${payload}.c2ln\n` });
    assert.equal(bearer.error, "");
    assert.equal(bearer.payload, '{ "sub": "x" }');
    assert.equal(await page.textContent("#token-notes"), 'removed the "Bearer " prefix');
  });

  it("shows an encrypted token's header, decrypts it with a pasted key, and verifies a nested token's inner JWS", async (t) => {
    const { page } = await openPage(t);
    const jwe = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
    const signing = edgejwt.generateKeyPair("ES256", { extractable: true });
    const forger = edgejwt.generateKeyPair("ES256");
    const encryption = edgejwt.generateKeyPair(jwe.alg, { extractable: true });
    const stranger = edgejwt.generateKeyPair(jwe.alg, { extractable: true });
    const nested = edgejwt.signAndEncrypt(CLAIMS, signing.privateKey, encryption.publicKey, { ...jwe, kid: "enc-1", signing: { alg: "ES256", kid: "sig-1" } });
    const privateJwk = JSON.stringify(edgejwt.exportJWK(encryption.privateKey));
    const decryptionField = page.getByRole("textbox", { name: "Decryption key", exact: true });
    const decryption = () => page.evaluate(() => {
      const byId = (id) => document.getElementById(id);
      const text = (id) => byId(id).textContent.replace(/\s+/g, " ").trim();
      return { state: byId("decrypt-result").dataset.state, text: text("decrypt-result"), inner: byId("inner-header").hidden ? "" : text("inner-header-json") };
    });

    // Pasted: the protected header, and the payload said to be encrypted.
    const sealed = await inspect(page, { token: nested, key: JSON.stringify(edgejwt.exportJWK(signing.publicKey)) });
    assert.equal(sealed.error, "");
    assert.match(sealed.header, /"alg": "ECDH-ES\+A256KW"/);
    assert.match(sealed.header, /"cty": "JWT"/);
    assert.match(sealed.payload, /encrypted \(A256GCM, key management ECDH-ES\+A256KW\)/);
    assert.equal(sealed.verify.state, "empty");
    assert.equal((await decryption()).state, "empty");

    // The private JWK: the inner JWS's header and claims, its signature verified with the Key field's key.
    await decryptionField.fill(privateJwk);
    const opened = await read(page);
    assert.equal((await decryption()).state, "decrypted");
    assert.match((await decryption()).inner, /"alg": "ES256".*"kid": "sig-1"/);
    assert.match(opened.payload, /"sub": "user-1"/);
    assert.equal(opened.verify.state, "verified", opened.verify.text);

    // The same key as PEM (PKCS#8); a key of another recipient; a forged inner JWS.
    await decryptionField.fill(createPrivateKey({ key: JSON.parse(privateJwk), format: "jwk" }).export({ type: "pkcs8", format: "pem" }));
    assert.equal((await decryption()).state, "decrypted");
    await decryptionField.fill(JSON.stringify(edgejwt.exportJWK(stranger.privateKey)));
    assert.equal((await decryption()).state, "failed");
    assert.match((await decryption()).text, /ERR_JWE_DECRYPTION_FAILED/);
    assert.equal((await read(page)).payload.includes("user-1"), false);
    const forged = edgejwt.signAndEncrypt(CLAIMS, forger.privateKey, encryption.publicKey, { ...jwe, signing: { alg: "ES256", kid: "sig-1" } });
    await decryptionField.fill(privateJwk);
    await tokenField(page).fill(forged);
    const refused = await read(page);
    assert.equal((await decryption()).state, "decrypted");
    assert.equal(refused.verify.state, "failed");
    assert.match(refused.verify.text, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);

    // An encrypted JWT without a signature: its claims, and nothing to verify.
    await tokenField(page).fill(edgejwt.encrypt(CLAIMS, encryption.publicKey, jwe));
    const unsignedToken = await read(page);
    assert.equal((await decryption()).state, "decrypted");
    assert.match((await decryption()).text, /without a signature/);
    assert.match(unsignedToken.payload, /"sub": "user-1"/);
    assert.equal(unsignedToken.verify.state, "unsigned");
    await page.screenshot({ path: join(SCREENSHOTS, "inspector-jwe.png"), fullPage: true });
  });

  it("shows the claims timeline on a fixed clock, and keeps it live", async (t) => {
    const { page } = await openPage(t);
    const secret = "inspector-test-secret-of-32-bytes!!";
    const token = signed("HS256", new TextEncoder().encode(secret), { claims: { nbf: NOW - 60 } });
    const shown = await inspect(page, { token, key: secret });
    assert.deepEqual(shown.time, {
      state: "valid", status: "Valid now: expires in 14 min", lifetime: "15 min",
      rows: [
        ["Issued at (iat)", "2026-11-26 12:59:00 UTC+01:00", "2026-11-26 11:59:00 UTC", "issued 1 min ago"],
        ["Not before (nbf)", "2026-11-26 12:59:00 UTC+01:00", "2026-11-26 11:59:00 UTC", "valid since 1 min ago"],
        ["Expires (exp)", "2026-11-26 13:14:00 UTC+01:00", "2026-11-26 12:14:00 UTC", "expires in 14 min"],
      ],
    });
    assert.equal(await page.locator("#time-fill").evaluate((fill) => fill.style.width), "6.67%");
    assert.equal(await page.locator('#payload-json .json-number[title="2026-11-26 12:14:00 UTC"]').textContent(), String(NOW + 840));

    // Time passes: the status, the relative times and the verdict follow within a second or two.
    await page.clock.setFixedTime(new Date((NOW + 900) * 1000));
    await page.waitForFunction(() => document.getElementById("time-status").textContent === "Expired 1 min ago");
    const later = await read(page);
    assert.equal(later.time.state, "expired");
    assert.equal(later.time.rows[2][3], "expired 1 min ago");
    assert.equal(later.verify.state, "claims-failed");
    assert.ok(later.verify.text.includes("ERR_JWT_EXPIRED"));
    assert.equal(await page.textContent("#time-announce"), "Expired 1 min ago");

    await page.clock.setFixedTime(new Date(NOW * 1000));
    const expired = await inspect(page, { token: unsigned({ alg: "HS256" }, { iat: NOW - 4 * 3600, exp: NOW - 3 * 3600 }) });
    assert.deepEqual([expired.time.status, expired.time.lifetime], ["Expired 3 h ago", "1 h"]);
    const early = await inspect(page, { token: unsigned({ alg: "HS256" }, { nbf: NOW + 7200 }) });
    assert.deepEqual([early.time.state, early.time.status, early.time.lifetime], ["not-yet-valid", "Not yet valid: becomes valid in 2 h", "no expiry"]);
    const forever = await inspect(page, { token: unsigned({ alg: "HS256" }, { sub: "x" }) });
    assert.deepEqual([forever.time.status, forever.time.rows], ["Valid now, and never expires", []]);
  });

  it("lints: each warning with its reason and section, and none on a clean token", async (t) => {
    const { page } = await openPage(t);
    const risky = unsigned(
      { alg: "HS256", typ: "JWT", kid: "../../etc/passwd", jku: "https://attacker.example/jwks.json" },
      { sub: "user-1", password: "hunter2", card: "4111 1111 1111 1111", email: "ada@example.com", iat: NOW + 600 },
    );
    const shown = await inspect(page, { token: risky, key: "short-secret" });
    assert.deepEqual(shown.lint.sort(), ["aud-missing", "claim-card-number", "claim-personal", "claim-secret", "exp-missing",
      "header-url", "hmac-secret-short", "hmac-secret-text", "iat-future", "iss-missing", "kid-path", "typ-implicit"]);
    assert.ok(shown.lintText.includes('danger "password" looks like a secret: a signed token is not encrypted, anyone holding it can read every claim (RFC 7519 §12)'), shown.lintText);
    assert.ok(shown.lintText.includes("the HS256 secret is 12 bytes, shorter than the hash (32 bytes): it can be brute-forced (RFC 8725 §3.5 (RFC 7518 §3.2))"));
    assert.ok(shown.lintText.includes("(RFC 8725 §3.10)"));
    assert.equal(await page.locator("#lint li").first().getAttribute("data-severity"), "danger");

    const none = await inspect(page, { token: unsigned({ alg: "none", typ: "at+jwt" }, CLAIMS).replace(/[^.]+$/, "") });
    assert.deepEqual(none.lint, ["alg-none"]);
    const injected = await inspect(page, { token: unsigned({ alg: "ES256", typ: "at+jwt", kid: "k' OR '1'='1", jwk: { kty: "OKP" } }, CLAIMS) });
    assert.deepEqual(injected.lint, ["embedded-jwk", "kid-injection"]);
    const long = await inspect(page, { token: unsigned({ alg: "ES256", typ: "at+jwt" }, { ...CLAIMS, exp: NOW + 30 * 86400, note: "x".repeat(4000) }) });
    assert.deepEqual(long.lint, ["lifetime-long", "token-large"]);

    const clean = signed("ES256", privateKeyOf("ES256"), { typ: "at+jwt" });
    const quiet = await inspect(page, { token: clean, key: JSON.stringify(publicJwkOf("ES256")) });
    assert.deepEqual(quiet.lint, []);
    assert.equal(quiet.lintText, "No findings.");
    assert.equal(quiet.verify.state, "verified");
  });

  it("signs every algorithm in the page; the library in Node verifies each token", async (t) => {
    const { page } = await openPage(t);
    const claims = { sub: "built-in-the-page", scope: "test", iat: NOW, exp: NOW + 600 };
    for (const alg of ALGORITHMS) {
      await page.getByLabel("Algorithm", { exact: true }).selectOption(alg);
      await page.getByRole("button", { name: "Generate a key" }).click();
      await page.waitForFunction(() => document.getElementById("sign-result").dataset.state === "generated", null, { timeout: 30_000 });
      await page.getByLabel("Header (JSON)", { exact: true }).fill(JSON.stringify({ typ: "JWT", kid: `page-${alg}`, "x-test": true }));
      await page.getByLabel("Payload (JSON)", { exact: true }).fill(JSON.stringify(claims));
      await page.getByRole("button", { name: "Sign", exact: true }).click();
      await page.waitForFunction(() => document.getElementById("sign-result").dataset.state !== "generated");
      const shown = await read(page);
      assert.equal(await page.locator("#sign-result").getAttribute("data-state"), "signed", `${alg}: ${await page.textContent("#sign-result")}`);
      assert.equal(shown.verify.state, "verified", `${alg}: ${shown.verify.text}`);

      const token = await tokenField(page).inputValue();
      const keyText = await keyField(page).inputValue();
      const key = alg.startsWith("HS") ? Buffer.from(keyText, "base64url") : edgejwt.importJWK(keyText);
      if (!alg.startsWith("HS")) assert.equal(key.type, "public", `${alg}: the page filled in the public half`);
      const { payload, protectedHeader } = edgejwt.verify(token, key, { ...AT_NOW, algorithms: [alg] });
      assert.deepEqual(payload, claims, alg);
      assert.deepEqual(protectedHeader, { typ: "JWT", kid: `page-${alg}`, "x-test": true, alg }, alg);
    }

    // A pasted PKCS#8 key signs too; Node checks with its public half.
    await page.getByLabel("Algorithm", { exact: true }).selectOption("ES384");
    await page.getByLabel("Signing key", { exact: true }).fill(pemOf(nodeKeyPair("ES384").privateKey, "pkcs8"));
    await page.getByLabel("Signing key format", { exact: true }).selectOption("auto");
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    const pastedToken = await tokenField(page).inputValue();
    assert.equal(edgejwt.verify(pastedToken, edgejwt.importSPKI(pemOf(nodeKeyPair("ES384").publicKey, "spki")), AT_NOW).payload.sub, claims.sub);

    // A short secret is refused with the library's code, and nothing is replaced.
    await page.getByLabel("Algorithm", { exact: true }).selectOption("HS256");
    await page.getByLabel("Signing key", { exact: true }).fill("too-short");
    await page.getByLabel("Signing key format", { exact: true }).selectOption("text");
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    assert.equal(await page.locator("#sign-result").getAttribute("data-state"), "failed");
    assert.ok((await page.textContent("#sign-result")).includes("ERR_KEY_TOO_SHORT"));
    assert.equal(await tokenField(page).inputValue(), pastedToken);

    // Copy a token's header and payload, change a claim, re-sign with a secret.
    const secret = "inspector-test-secret-of-32-bytes!!";
    await tokenField(page).fill(signed("HS512", new TextEncoder().encode(secret.repeat(2)), { kid: "copied" }));
    await page.getByRole("button", { name: "Copy from the token above" }).click();
    assert.equal(await page.getByLabel("Algorithm", { exact: true }).inputValue(), "HS512");
    await page.getByLabel("Algorithm", { exact: true }).selectOption("HS256");
    await page.getByRole("button", { name: "exp: 1 h ago" }).click();
    await page.getByLabel("Signing key", { exact: true }).fill(secret);
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    const resigned = await tokenField(page).inputValue();
    const decoded = edgejwt.decode(resigned);
    assert.deepEqual(decoded.header, { typ: "JWT", kid: "copied", alg: "HS256" });
    assert.equal(decoded.payload.exp, NOW - 3600);
    assert.equal((await read(page)).verify.state, "claims-failed");
  });

  it("takes a dropped token file", async (t) => {
    const { page } = await openPage(t);
    const token = unsigned({ alg: "ES256" }, { sub: "dropped" });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([`${text}\n`], "token.txt", { type: "text/plain" }));
      document.getElementById("token").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, token);
    await page.waitForFunction(() => document.getElementById("payload-json").textContent.includes("dropped"));
    assert.equal((await tokenField(page).inputValue()).trim(), token);
  });

  it("sends nothing anywhere after loading, and stores nothing unless asked", async (t) => {
    const { page, requests, errors } = await openPage(t);
    const loaded = requests.length;
    assert.ok(requests.every((address) => address.startsWith(url)), requests.join("\n"));
    assert.match(await page.textContent("#privacy"), /^Nothing leaves this page\./);

    // Use everything: the example, verification, a key set, a generated key, signing, a dropped file, time passing.
    await page.getByRole("button", { name: "Load an example" }).click();
    assert.equal((await read(page)).verify.state, "verified");
    await inspect(page, { token: signed("ES256", privateKeyOf("ES256"), { kid: "a" }), key: JSON.stringify({ keys: [publicJwkOf("ES256", "a")] }) });
    await page.getByLabel("Algorithm", { exact: true }).selectOption("EdDSA");
    await page.getByRole("button", { name: "Generate a key" }).click();
    await page.waitForFunction(() => document.getElementById("sign-result").dataset.state === "generated");
    await page.getByRole("button", { name: "Sign", exact: true }).click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["not.a.token"], "t.txt"));
      document.getElementById("token").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.clock.setFixedTime(new Date((NOW + 3600) * 1000));
    await page.waitForTimeout(1500);
    assert.deepEqual(requests.slice(loaded), [], "requests after load");
    assert.deepEqual(errors, []);

    const stored = await page.evaluate(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      databases: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: "", databases: 0, caches: 0 });

    // The policy itself refuses other destinations, whatever a script on the page tries: a listener
    // on another local port stands for an outside collector, and no connection ever reaches it.
    const collector = createServer((request, response) => response.end());
    let connections = 0;
    collector.on("connection", () => { connections += 1; });
    await new Promise((resolve) => collector.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise((resolve) => collector.close(resolve)));
    const failed = [];
    page.on("requestfailed", (request) => failed.push([request.url(), request.failure()?.errorText]));
    const outside = `http://127.0.0.1:${collector.address().port}`;
    const refused = await page.evaluate(async (target) => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (event) => violations.push(event.effectiveDirective));
      const fetched = await fetch(`${target}/collect`, { method: "POST", body: "token" }).then(() => "sent", () => "refused");
      const image = new Image();
      const pixel = await new Promise((resolve) => {
        image.onload = () => resolve("loaded");
        image.onerror = () => resolve("refused");
        image.src = `${target}/pixel.png`;
      });
      // The reports come as events of their own: wait for both (bounded), not for a fixed while.
      for (const deadline = performance.now() + 10_000; new Set(violations).size < 2 && performance.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { fetched, pixel, violations: [...new Set(violations)].sort() };
    }, outside);
    assert.deepEqual(refused, { fetched: "refused", pixel: "refused", violations: ["connect-src", "img-src"] });
    assert.equal(connections, 0, "a request reached the outside listener");
    // Chromium may report the refused image as a request, failed by the policy before it was sent.
    const attempted = requests.slice(loaded);
    assert.deepEqual(failed.filter(([address]) => attempted.includes(address)), attempted.map((address) => [address, "csp"]));
  });

  it("remembers the token only when asked, and forgets it when told", async (t) => {
    const { page } = await openPage(t);
    const token = unsigned({ alg: "ES256" }, { sub: "remembered" });
    await tokenField(page).fill(token);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.getByLabel("Remember the token on this device", { exact: true }).check();
    assert.equal(await page.evaluate(() => localStorage.getItem("edgejwt-inspector-token")), token);
    assert.match(await page.textContent("#page-storage"), /kept in this browser's local storage/);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    assert.equal(await tokenField(page).inputValue(), token);
    assert.ok((await read(page)).payload.includes("remembered"));
    assert.ok(await page.getByLabel("Remember the token on this device", { exact: true }).isChecked());
    await page.getByLabel("Remember the token on this device", { exact: true }).uncheck();
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.equal(await page.textContent("#page-storage"), "Nothing is stored.");
  });

  it("is usable by keyboard, labels every control, and keeps text contrast at 4.5:1 in both colour schemes", async (t) => {
    const { page } = await openPage(t);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")]
      .filter((control) => !(control.labels?.length || control.getAttribute("aria-label") || control.textContent.trim()))
      .map((control) => control.id));
    assert.deepEqual(unlabelled, []);

    // Tab reaches the token first; the keyboard alone pastes a token and loads the example.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "token");
    await page.keyboard.insertText(unsigned({ alg: "HS256" }, { sub: "typed" }));
    assert.ok((await read(page)).payload.includes("typed"));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "example");
    await page.keyboard.press("Enter");
    assert.equal((await read(page)).verify.state, "verified");

    for (const colorScheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme });
      const samples = [];
      const measure = async (what) => samples.push(...(await page.evaluate(contrastOf, what)));
      await inspect(page, {
        token: unsigned({ alg: "HS256", typ: "JWT" }, { password: "x", email: "a@example.com", n: 1, ok: true, iat: NOW - 60, exp: NOW + 60 }),
        key: "short-secret",
      });
      await measure([".part-header", ".part-payload", ".part-signature", ".json-key", ".json-string", ".json-number", ".json-literal",
        '#lint li[data-severity="danger"]', '#lint li[data-severity="warning"]', '#lint li[data-severity="info"]', "#verify-result",
        "#time-status", ".hint", "label", "h1", "button.primary", "button", ".times td", ".times .utc", "#core-status",
        "details.checks summary", ".lint .ref"]);
      await inspect(page, { token: `${b64({ alg: "HS256" })}.${b64({ sub: "x" })}+.c2ln`, key: "" });
      await measure(["#token-error", "#raw mark"]);
      await page.getByRole("button", { name: "Load an example" }).click();
      await measure(["#verify-result"]);
      await page.clock.setFixedTime(new Date((NOW + 3600) * 1000)); // the example expires: claims fail, the status turns
      await page.waitForFunction(() => document.getElementById("verify-result").dataset.state === "claims-failed");
      await measure(["#verify-result", "#time-status"]);
      await page.clock.setFixedTime(new Date(NOW * 1000));
      for (const { selector, ratio } of samples) assert.ok(ratio >= 4.5, `${colorScheme}: ${selector} has contrast ${ratio.toFixed(2)}:1`);
    }
  });

  it("fits a phone-sized screen; screenshots for desktop and phone", async (t) => {
    const showcase = async (page) => {
      await inspect(page, {
        token: edgejwt.sign({ iss: "https://idp.example", sub: "user-1", email: "ada@example.com", scope: "read:reports", iat: NOW - 300, exp: NOW + 600 },
          edgejwt.importPEM(fixture("ec-certificate-key.pem"), "ES256"), { alg: "ES256", kid: "2026-11" }),
        key: fixture("ec-certificate.pem"),
      });
      assert.equal((await read(page)).verify.state, "verified");
    };
    const desktop = await openPage(t, { width: 1280, height: 800 });
    await showcase(desktop.page);
    await desktop.page.screenshot({ path: join(SCREENSHOTS, "inspector-desktop.png"), fullPage: true });
    if (process.env.EDGEJWT_DOCS_SCREENSHOT === "1") {
      const docs = join(ROOT, "docs", "inspector.png");
      await desktop.page.setViewportSize({ width: 1220, height: 780 }); // a commit-sized PNG (~200 KB)
      await desktop.page.evaluate(() => {
        document.activeElement.blur();
        for (const field of document.querySelectorAll("textarea")) field.scrollTop = 0;
        window.scrollTo(0, 0);
      });
      await desktop.page.screenshot({ path: docs });
      t.diagnostic(`docs/inspector.png: ${(await stat(docs)).size} bytes`);
    }

    const phone = await openPage(t, { width: 390, height: 844 });
    await showcase(phone.page);
    const widths = await phone.page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    assert.ok(widths.page <= widths.viewport, `the page is ${widths.page} px wide on a ${widths.viewport} px screen`);
    await phone.page.screenshot({ path: join(SCREENSHOTS, "inspector-phone.png"), fullPage: true });
    for (const name of ["inspector-desktop.png", "inspector-phone.png"]) {
      assert.ok((await stat(join(SCREENSHOTS, name))).size > 10_000, name);
    }
  });
});

// In the page: the WCAG contrast ratio of the first element matching each selector against the
// first opaque background behind it.
function contrastOf(selectors) {
  const rgba = (color) => {
    const numbers = color.match(/[\d.]+/g).map(Number);
    return numbers.length === 3 ? [...numbers, 1] : numbers;
  };
  const luminance = ([r, g, b]) => {
    const channel = (value) => { const v = value / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const color = rgba(getComputedStyle(at).backgroundColor);
      if (color[3] > 0) return color;
    }
    return [255, 255, 255, 1];
  };
  return selectors.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`nothing matches ${selector}`);
    const [light, dark] = [luminance(rgba(getComputedStyle(element).color)), luminance(background(element))].sort((a, b) => b - a);
    return { selector, ratio: (light + 0.05) / (dark + 0.05) };
  });
}
