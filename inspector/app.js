// The inspector page: the token, key and sign fields wired to edgejwt (decode, verify, sign,
// decrypt) and to the lint, timeline and encrypted-token modules. Everything happens in this page; nothing is sent anywhere.
// The operations it uses, bound to a runtime on the Emscripten build's JWE module as js/jwe.js binds them,
// without importing the entry: the page loads only these modules, no gateway, remote set or session.
import { loadEmscriptenJweEngine } from "../js/engines/emscripten-jwe.js";
import { Runtime, init as initRuntime } from "../js/runtime.js";
import { sign as signJwt } from "../js/jwt/sign.js";
import { verify as verifyJwt } from "../js/jwt/verify.js";
import { decode as decodeJwt, decodeProtectedHeader as decodeHeader } from "../js/jwt/decode.js";
import { compactDecrypt as decryptCompact } from "../js/jwe/compact.js";
import { compactSign as signCompact } from "../js/jws/compact.js";
import { importJWK as jwk, importPEM as pem } from "../js/key/import.js";
import { exportJWK as toJwk } from "../js/key/export.js";
import { generateKeyPair as keyPair, generateSecret as secret } from "../js/key/generate.js";
import { calculateJwkThumbprint as thumbprint } from "../js/key/thumbprint.js";
import { createLocalJWKSet as localSet } from "../js/jwks/local.js";
import { JWTClaimValidationFailed, JWTExpired } from "../js/errors.js";
import { secondsOf } from "../js/timespan.js";
import { base64url } from "../js/util.js";
import { lint } from "./lint.js";
import { timeline, formatUtc } from "./timeline.js";
import { cleanToken, partsOf, explain } from "./token-parts.js";
import { readKey, InputError } from "./key-input.js";
import { renderJson } from "./json-view.js";
import { decryptionKeyOf, isCompactJwe, openedOf } from "./encrypted.js";

const runtime = new Runtime(loadEmscriptenJweEngine);
const [
  init, decode, verify, sign, compactSign, importJWK, importPEM, createLocalJWKSet, generateKeyPair, generateSecret,
  calculateJwkThumbprint, exportJWK, decodeProtectedHeader, compactDecrypt,
] = [
  initRuntime, decodeJwt, verifyJwt, signJwt, signCompact, jwk, pem, localSet, keyPair, secret, thumbprint, toJwk,
  decodeHeader, decryptCompact,
].map((operation) => runtime.bind(operation));

const $ = (id) => document.getElementById(id);
const EXAMPLE_SECRET = "edgejwt-inspector-example-secret-0123456789"; // public on purpose: the example's only
const STORAGE_KEY = "edgejwt-inspector-token";
const MAX_DROPPED_FILE = 1 << 20;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"];
const TIME_CLAIMS = ["iat", "nbf", "exp"];
const HINTS = {
  ERR_KEY_TOO_SHORT: "HMAC secrets must be at least as long as the hash: 32 bytes for HS256, 48 for HS384, 64 for HS512.",
  ERR_KEY_USAGE: "A key encoding (PEM, JWK) is never accepted as an HMAC secret, and a key's use, key_ops or alg can forbid the operation.",
  ERR_JOSE_ALG_NOT_ALLOWED: "The token's algorithm does not suit this key's family (or the key's own alg).",
  ERR_JWKS_NO_MATCHING_KEY: "No key in the set has the token's kid and a family that suits its alg.",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "The token was not signed by this key, or it was changed after signing.",
};

// `pasted`: the token field's token; `token`: the JWS the panels inspect (the pasted one, or a nested
// JWE's inner JWS once decrypted); `jwe`: { header, opened } for a pasted JWE.
const state = {
  pasted: "", token: "", decoded: null, jwe: null, verifyKey: null, verifyKeySource: null, decryptionKey: null, decryptionKeySource: null,
};

// --- Small DOM helpers: text nodes only (innerHTML is read to compare, never written) ---

function el(tag, className, ...children) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return element;
}

const codeOf = (text) => el("code", null, text);

// Replaces `element`'s content (and data-state) only when it changed: the timer re-renders every second.
function render(element, dataState, nodes) {
  const next = el("div", null, ...nodes);
  if (element.dataset.state === dataState && element.innerHTML === next.innerHTML) return;
  element.dataset.state = dataState;
  element.replaceChildren(...next.childNodes);
}

const nowSeconds = () => Date.now() / 1000;

// --- Token: decode, colour-coded parts, errors ---

function onTokenChanged() {
  const { token, notes } = cleanToken($("token").value);
  state.pasted = token;
  $("token-notes").textContent = notes.join("; ");
  saveToken();
  state.token = token;
  state.decoded = null;
  state.jwe = null;
  let failure = null;
  if (token) {
    try {
      if (isCompactJwe(token)) state.jwe = { header: decodeProtectedHeader(token), opened: null };
      else state.decoded = decode(token);
    } catch (error) {
      failure = error;
    }
  }
  const explanation = failure ? explain(failure, token) : null;
  renderRaw(token, explanation);
  renderTokenError(failure, explanation);
  if (state.jwe) return decryptToken();
  $("jwe").hidden = true;
  renderDecoded();
  refresh();
}

// --- Encrypted tokens: the protected header; with the decryption key, the claims or inner JWS ---

// The decryption key, imported once per change of its text, format or the token's alg: as verifyKey.
function decryptionKey() {
  const { header } = state.jwe;
  const source = `${$("decryption-key-format").value}\n${header.alg}\n${header.enc}\n${$("decryption-key").value}`;
  if (source === state.decryptionKeySource) return state.decryptionKey;
  state.decryptionKey?.free?.();
  state.decryptionKeySource = source;
  try {
    state.decryptionKey = decryptionKeyOf({ importJWK, importPEM, createLocalJWKSet }, $("decryption-key").value, $("decryption-key-format").value, header);
  } catch (error) {
    state.decryptionKey = { error };
  }
  return state.decryptionKey;
}

function decryptToken() {
  const { jwe } = state;
  if (!jwe) return;
  $("jwe").hidden = false;
  jwe.opened = null;
  state.token = state.pasted;
  state.decoded = null;
  const box = $("decrypt-result");
  const key = decryptionKey();
  const encrypted = `The payload is encrypted (${String(jwe.header.enc)}, key management ${String(jwe.header.alg)}).`;
  if (!key) render(box, "empty", [el("p", null, encrypted), el("p", null, "Paste the decryption key to read it.")]);
  else if (key.error) {
    const lines = key.error instanceof InputError ? [el("p", null, key.error.message)] : errorLines(key.error);
    render(box, "failed", [el("p", "verdict", "✗ The decryption key cannot be used"), ...lines]);
  } else {
    try {
      jwe.opened = openedOf(compactDecrypt(state.pasted, key.value, key.options));
      if (jwe.opened.nested) {
        state.token = jwe.opened.inner;
        state.decoded = decode(jwe.opened.inner);
        render(box, "decrypted", [el("p", "verdict", "✓ Decrypted: a nested token"),
          el("p", null, "Inside is a signed JWT: its header and claims are below, and Verify checks its signature.")]);
      } else {
        state.decoded = { header: jwe.header, payload: jwe.opened.payload };
        render(box, "decrypted", [el("p", "verdict", "✓ Decrypted: an encrypted JWT without a signature"),
          el("p", null, "Anyone who has the public encryption key could have made it: nothing vouches for its issuer.")]);
      }
    } catch (error) {
      render(box, "failed", [el("p", "verdict", "✗ Not decrypted"), ...errorLines(error)]);
    }
  }
  renderEncrypted(encrypted);
  refresh();
}

function renderEncrypted(encrypted) {
  const { jwe } = state;
  renderJson($("header-json"), jwe.header);
  $("inner-header").hidden = !jwe.opened?.nested;
  if (jwe.opened?.nested) renderJson($("inner-header-json"), state.decoded.header);
  if (state.decoded) renderPayload(state.decoded.payload);
  else $("payload-json").replaceChildren(el("span", "hint", encrypted));
}

function renderRaw(token, explanation) {
  const raw = $("raw");
  raw.replaceChildren();
  partsOf(token).forEach((part, index) => {
    if (index > 0) raw.append(".");
    const span = el("span", `part-${part.name}${explanation?.part === part.name ? " part-bad" : ""}`);
    const at = explanation?.at ?? -1;
    if (at >= part.start && at < part.start + part.text.length) {
      const offset = at - part.start;
      span.append(part.text.slice(0, offset), el("mark", null, part.text[offset]), part.text.slice(offset + 1));
    } else {
      span.textContent = part.text;
    }
    raw.append(span);
  });
}

function renderTokenError(failure, explanation) {
  const box = $("token-error");
  box.hidden = !failure;
  box.replaceChildren();
  if (!failure) return;
  box.append(el("p", null, codeOf(failure.status ?? failure.code ?? failure.name), " ", failure.message));
  if (explanation.text) box.append(el("p", null, explanation.text));
}

function renderDecoded() {
  const { header, payload } = state.decoded ?? {};
  if (!state.decoded) {
    $("header-json").replaceChildren();
    $("payload-json").replaceChildren();
    return;
  }
  renderJson($("header-json"), header);
  renderPayload(payload);
}

function renderPayload(payload) {
  renderJson($("payload-json"), payload, (name, value) =>
    TIME_CLAIMS.includes(name) && typeof value === "number" && Math.abs(value) <= 8.64e12 ? formatUtc(value) : undefined);
}

// Everything that depends on the time, the key or the options as well as the token.
function refresh() {
  renderTimeline();
  renderVerify();
  renderLint();
}

// --- Claims timeline ---

let lastTimeState = "empty";

function renderTimeline() {
  const status = $("time-status");
  const rows = $("time-table").tBodies[0];
  if (!state.decoded) {
    render(status, "empty", [state.token ? "The token does not decode." : "No token yet."]);
    rows.replaceChildren();
    $("lifetime").textContent = "–";
    $("time-bar").hidden = true;
    return;
  }
  const view = timeline(state.decoded.payload, nowSeconds());
  render(status, view.state, [view.status]);
  if (view.state !== lastTimeState) $("time-announce").textContent = view.status;
  lastTimeState = view.state;
  render(rows, "rows", view.rows.map((row) => el("tr", null,
    Object.assign(el("th", null, `${row.label} (${row.claim})`), { scope: "row" }),
    ...(row.invalid ? [Object.assign(el("td", null, row.invalid), { colSpan: 2 })]
      : [el("td", null, el("span", "local", row.local), " ", el("span", "utc", row.utc)), el("td", null, row.relative)]))));
  $("lifetime").textContent = view.lifetime;
  $("time-bar").hidden = view.progress === undefined;
  if (view.progress !== undefined) $("time-fill").style.width = `${(view.progress * 100).toFixed(2)}%`;
}

// --- Verify ---

// The verification key from the Key field, imported once per change of its text or format:
// { value, key, description, secret } or { error }, or null when the field is empty.
function verifyKey() {
  const source = `${$("key-format").value}\n${$("key").value}`;
  if (source === state.verifyKeySource) return state.verifyKey;
  state.verifyKey?.key?.free();
  state.verifyKeySource = source;
  state.verifyKey = importVerifyKey($("key").value, $("key-format").value);
  return state.verifyKey;
}

function importVerifyKey(text, format) {
  try {
    const input = readKey(text, format);
    if (!input) return null;
    if (input.kind === "secret") {
      return { value: input.bytes, secret: input, description: `an HMAC secret of ${input.bytes.length} bytes (${input.form})` };
    }
    if (input.kind === "jwks") {
      const set = createLocalJWKSet(input.jwks);
      const skipped = set.skipped ? `, ${set.skipped} skipped (not for signatures)` : "";
      return { value: set, key: set, description: `a JWK Set of ${set.size} usable key${set.size === 1 ? "" : "s"}${skipped}` };
    }
    const key = input.kind === "jwk" ? importJWK(input.text) : importPEM(input.pem);
    const origin = input.kind === "jwk" ? "the JWK" : input.label === "CERTIFICATE" ? "the certificate" : `a PEM ${input.label}`;
    return { value: key, key, description: origin };
  } catch (error) {
    return { error };
  }
}

function verifyOptions() {
  const options = {};
  const issuer = $("issuer").value.trim();
  const audiences = $("audience").value.split(",").map((audience) => audience.trim()).filter(Boolean);
  const typ = $("typ").value.trim();
  const tolerance = $("tolerance").value.trim();
  if (issuer) options.issuer = issuer;
  if (audiences.length) options.audience = audiences.length === 1 ? audiences[0] : audiences;
  if (typ) options.typ = typ;
  if (tolerance) options.clockTolerance = /^\d+(\.\d+)?$/.test(tolerance) ? Number(tolerance) : tolerance;
  return options;
}

function errorLines(error) {
  const status = error.status ?? error.code;
  const lines = [el("p", null, codeOf(status ?? error.name), " ", error.message)];
  if (HINTS[status]) lines.push(el("p", null, HINTS[status]));
  return lines;
}

function renderVerify() {
  const box = $("verify-result");
  const key = verifyKey();
  if (!state.token) return render(box, "empty", ["Paste a token and its key to verify it."]);
  if (state.jwe && !state.jwe.opened) return render(box, "empty", ["The token is encrypted: decrypt it first (Decoded, Decryption key)."]);
  if (state.jwe && !state.jwe.opened.nested) return render(box, "unsigned", ["Nothing to verify: the token is encrypted, not signed."]);
  if (!state.decoded) return render(box, "failed", [el("p", "verdict", "Not verified: the token does not decode.")]);
  if (!key) return render(box, "empty", ["Paste the key to verify the signature with."]);
  if (key.error) {
    const lines = key.error instanceof InputError ? [el("p", null, key.error.message)] : errorLines(key.error);
    return render(box, "failed", [el("p", "verdict", "✗ The key cannot be used"), ...lines]);
  }
  try {
    const result = verify(state.token, key.value, verifyOptions());
    return render(box, "verified", [
      el("p", "verdict", "✓ Signature verified, and the claims pass"),
      el("p", null, "Algorithm: ", codeOf(result.protectedHeader.alg)),
      ...matchedKeyLines(result.key ?? key.key, key),
    ]);
  } catch (error) {
    if (error instanceof JWTClaimValidationFailed || error instanceof JWTExpired) { // as in jose, neither is the other
      return render(box, "claims-failed", [
        el("p", "verdict", "Signature verified, but a claim check failed"),
        el("p", null, codeOf(error.code), " ", error.message, ` (claim ${error.claim}: ${error.reason.replace("_", " ")})`),
        el("p", null, "Algorithm: ", codeOf(state.decoded.header.alg)),
      ]);
    }
    return render(box, "failed", [el("p", "verdict", "✗ Not verified"), ...errorLines(error)]);
  }
}

function matchedKeyLines(matched, key) {
  if (key.secret) {
    return [el("p", null, `Key: ${key.description}`),
      thumbprintLine(calculateJwkThumbprint({ kty: "oct", k: base64url(key.secret.bytes) }))];
  }
  const kid = matched.kid === undefined ? "no kid" : `kid ${JSON.stringify(matched.kid)}`;
  const lines = [
    el("p", null, `Key: ${kid}, ${matched.family} ${matched.type} key, from ${key.description}`),
    thumbprintLine(calculateJwkThumbprint(matched)),
  ];
  if (matched.type === "private") lines.push(el("p", null, "This is a private key: verifying needs only its public half."));
  return lines;
}

const thumbprintLine = (thumbprint) => el("p", null, "Thumbprint (RFC 7638, SHA-256): ", el("code", "thumbprint", thumbprint));

// --- Lint ---

function renderLint() {
  const list = $("lint");
  if (!state.decoded || (state.jwe && !state.jwe.opened?.nested)) return render(list, "empty", []); // the rules are a JWS's
  const key = verifyKey();
  const findings = lint({
    ...state.decoded, token: state.token, now: nowSeconds(), clockTolerance: toleranceSeconds(),
    secret: key?.secret ? { length: key.secret.bytes.length, form: key.secret.form } : null,
  });
  if (!findings.length) return render(list, "clean", [el("li", "clean", "No findings.")]);
  render(list, "findings", findings.map(({ id, severity, ref, message }) => {
    const item = el("li", null, el("span", "severity", severity), " ", message, " ", el("span", "ref", `(${ref})`));
    item.dataset.rule = id;
    item.dataset.severity = severity;
    return item;
  }));
}

function toleranceSeconds() {
  const { clockTolerance = 0 } = verifyOptions();
  try {
    return secondsOf(clockTolerance, "clockTolerance");
  } catch {
    return 0; // the verify panel reports the malformed option
  }
}

// --- Sign ---

function parseObject(text, what) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what}: not valid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InputError(`${what}: must be a JSON object`);
  return value;
}

function signingKey(input, alg) {
  if (input.kind === "secret") return input.bytes;
  if (input.kind === "jwk") return importJWK(input.text, alg);
  if (input.kind === "pem") return importPEM(input.pem, alg);
  throw new InputError("a JWK Set cannot sign: paste one private JWK");
}

function signToken() {
  const box = $("sign-result");
  const alg = $("sign-alg").value;
  let key;
  try {
    const { alg: ignored, ...header } = parseObject($("edit-header").value, "Header");
    const payload = parseObject($("edit-payload").value, "Payload");
    const input = readKey($("sign-key").value, $("sign-key-format").value);
    if (!input) throw new InputError('Paste a signing key, or press "Generate a key".');
    key = signingKey(input, alg);
    const token = compactSign(new TextEncoder().encode(JSON.stringify(payload)), key, { alg, header });
    if (input.kind === "secret") {
      $("key").value = $("sign-key").value;
      $("key-format").value = $("sign-key-format").value === "auto" ? "text" : $("sign-key-format").value;
    } else {
      const jwk = exportJWK(key);
      for (const member of PRIVATE_MEMBERS) delete jwk[member];
      $("key").value = JSON.stringify(jwk, null, 2);
      $("key-format").value = "jwk";
    }
    $("token").value = token;
    onTokenChanged();
    render(box, "signed", [el("p", "verdict", `Signed with ${alg}.`),
      el("p", null, "The token above and the key to verify it (the signing key's public half) were replaced.")]);
  } catch (error) {
    const lines = error instanceof InputError ? [el("p", null, error.message)] : errorLines(error);
    render(box, "failed", [el("p", "verdict", "✗ Not signed"), ...lines]);
  } finally {
    if (key && !(key instanceof Uint8Array)) key.free();
  }
}

async function generateKey() {
  const box = $("sign-result");
  const alg = $("sign-alg").value;
  render(box, "working", [`Generating a ${alg} key…`]);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))); // let the message paint
  try {
    if (/^HS/.test(alg)) {
      const secret = generateSecret(alg);
      $("sign-key").value = exportJWK(secret).k;
      $("sign-key-format").value = "base64url";
      secret.free();
    } else {
      const { publicKey, privateKey } = generateKeyPair(alg);
      $("sign-key").value = JSON.stringify(exportJWK(privateKey), null, 2);
      $("sign-key-format").value = "jwk";
      publicKey.free();
      privateKey.free();
    }
    render(box, "generated", [`Generated a new ${alg} key. It exists only in this page.`]);
  } catch (error) {
    render(box, "failed", [el("p", "verdict", "✗ No key generated"), ...errorLines(error)]);
  }
}

function editPayload(change) {
  try {
    const payload = parseObject($("edit-payload").value, "Payload");
    change(payload, Math.floor(nowSeconds()));
    $("edit-payload").value = JSON.stringify(payload, null, 2);
  } catch (error) {
    render($("sign-result"), "failed", [el("p", null, error.message)]);
  }
}

function copyFromToken() {
  if (!state.decoded) return render($("sign-result"), "failed", [el("p", null, "There is no decoded token to copy.")]);
  const { alg, ...header } = state.decoded.header;
  $("edit-header").value = JSON.stringify(header, null, 2);
  $("edit-payload").value = JSON.stringify(state.decoded.payload, null, 2);
  if ([...$("sign-alg").options].some((option) => option.value === alg)) $("sign-alg").value = alg;
  render($("sign-result"), "empty", []);
}

// --- Example, drop, opt-in storage ---

function loadExample() {
  const secret = new TextEncoder().encode(EXAMPLE_SECRET);
  $("token").value = sign({ sub: "user-123", name: "Ada Example", scope: "read:reports" }, secret, {
    alg: "HS256", kid: "example", issuer: "https://idp.example", audience: "reports-api", expiresIn: "15m",
  });
  $("key").value = EXAMPLE_SECRET;
  $("key-format").value = "text";
  onTokenChanged();
}

async function onDrop(event) {
  event.preventDefault();
  $("token").classList.remove("dragging");
  const [file] = event.dataTransfer.files;
  if (file && file.size > MAX_DROPPED_FILE) {
    $("token-notes").textContent = `${file.name} is over 1 MB: not a token.`;
    return;
  }
  $("token").value = file ? await file.text() : event.dataTransfer.getData("text/plain");
  onTokenChanged();
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

function saveToken() {
  if ($("remember").checked) storage()?.setItem(STORAGE_KEY, state.pasted);
}

function onRememberChanged() {
  if ($("remember").checked) saveToken();
  else storage()?.removeItem(STORAGE_KEY);
  describeStorage();
}

function describeStorage() {
  $("page-storage").textContent = $("remember").checked
    ? "The token is kept in this browser's local storage until you untick “Remember the token”. Keys are never stored."
    : "Nothing is stored.";
}

function restoreToken() {
  const saved = storage()?.getItem(STORAGE_KEY);
  if (saved === null || saved === undefined) return;
  $("remember").checked = true;
  $("token").value = saved;
  describeStorage();
}

async function start() {
  try {
    await init();
  } catch (error) {
    $("core-status").textContent = `The edgejwt core failed to load: ${error.message}`;
    return;
  }
  $("core-status").textContent = "Ready: edgejwt's WebAssembly core is loaded.";
  const token = $("token");
  token.addEventListener("input", onTokenChanged);
  token.addEventListener("dragover", (event) => { event.preventDefault(); token.classList.add("dragging"); });
  token.addEventListener("dragleave", () => token.classList.remove("dragging"));
  token.addEventListener("drop", onDrop);
  for (const id of ["key", "key-format", "issuer", "audience", "typ", "tolerance"]) {
    $(id).addEventListener("input", refresh);
  }
  for (const id of ["decryption-key", "decryption-key-format"]) $(id).addEventListener("input", decryptToken);
  $("remember").addEventListener("change", onRememberChanged);
  $("example").addEventListener("click", loadExample);
  $("from-token").addEventListener("click", copyFromToken);
  $("set-iat").addEventListener("click", () => editPayload((payload, now) => { payload.iat = now; }));
  $("set-exp").addEventListener("click", () => editPayload((payload, now) => { payload.exp = now + 15 * 60; }));
  $("set-expired").addEventListener("click", () => editPayload((payload, now) => { payload.exp = now - 3600; }));
  $("generate").addEventListener("click", generateKey);
  $("sign").addEventListener("click", signToken);
  restoreToken();
  onTokenChanged();
  setInterval(refresh, 1000);
  document.documentElement.dataset.ready = "true";
}

start();
