// What the gateway suites share: tokens signed over exact payload bytes, a raw HTTP/1.1 client (so
// a hostile request-target reaches the server as sent: fetch() normalises URLs first), and the
// hostile path generator with the invariants every forwarded path must satisfy.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import net from "node:net";

import { parseHttpResponse } from "../../edge/http-response.js";

export const GATEWAY_SECRET = new Uint8Array(32).fill(0x5a);
// The bearer secret of the test gateways' metrics and stats paths (METRICS_TOKEN).
export const METRICS_TOKEN = "metrics-secret-0123456789abcdefghijklmnop";
const b64 = (text) => Buffer.from(text).toString("base64url");

// An HS256 JWT whose payload segment is exactly `payloadJson` (text, so numbers beyond 2^53 and
// any member order survive), signed with `secret`.
export function hmacToken(payloadJson, secret = GATEWAY_SECRET) {
  const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payloadJson)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

// A token for `claims` (an object, or JSON text) valid for five minutes.
export function claimsToken(claims = {}, secret = GATEWAY_SECRET) {
  const text = typeof claims === "string" ? claims : JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 300, ...claims });
  return hmacToken(text, secret);
}

// Sends `head` lines (request line first, without Host or Connection) and `body` over one
// connection to 127.0.0.1:port, with "Connection: close", and resolves to { status, headers, body }
// (body as text; chunked bodies decoded). Bounded by `timeout` ms.
export function rawRequest(port, { requestLine, headers = [], body = "", host = `127.0.0.1:${port}`, timeout = 10_000 }) {
  const lines = [requestLine];
  if (host !== null) lines.push(`Host: ${host}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push("Connection: close", "", "");
  const bytes = Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), Buffer.from(body)]);
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect(port, "127.0.0.1", () => socket.end(bytes));
    socket.setTimeout(timeout, () => socket.destroy(new Error(`no answer within ${timeout} ms to ${requestLine}`)));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseResponse(bytes) {
  const response = parseHttpResponse(bytes);
  if (!response) throw new Error(`no HTTP response: ${JSON.stringify(bytes.toString("latin1").slice(0, 200))}`);
  return { ...response, body: response.body.toString("utf8") };
}

// --- Random hostile paths (fixed seed) ------------------------------------------------------

// mulberry32: a small PRNG, so a failing path can be found again from its seed and index.
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces attackers put in paths: separators and their encodings, dot segments, parameters,
// controls, hosts, schemes, userinfo, the bypassed prefixes, and ordinary segments.
const PIECES = [
  "", "/", "//", "\\", "%2f", "%2F", "%5c", "%5C", ".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2E.", "..;", ";",
  "%3b", ";jsessionid=x", "%00", "%0a", "%0d%0a", "%09", "%7f", "%25", "%252f", "%252e%252e", "evil.example",
  "evil.example:8443", "@evil.example", "user:pass@", "http:", "https://evil.example", "%40", ":", "public", "health",
  "admin", "api", "%70ublic", "a%20b", "%C3%A9", "~", "%7E", "|", "^", "[", "]", "{", "'", "!$&()*+,=", "%zz", "%",
];

// A path built from 1–8 pieces joined by "/", starting with "/" (or, one time in 16, not).
export function hostilePath(next) {
  const pieces = Array.from({ length: 1 + Math.floor(next() * 8) }, () => PIECES[Math.floor(next() * PIECES.length)]);
  const path = pieces.join(next() < 0.25 ? "" : "/");
  return next() < 1 / 16 ? path : `/${path}`;
}

// Checks one forwarded origin request URL (`forwarded`, absolute) against the configured origin:
// same scheme, host and port; under the base path; a path that no URL parser reads differently
// and that one decoding cannot turn into other segments. Returns the path below the base.
export function assertForwardedPath(forwarded, origin, context) {
  const url = new URL(forwarded);
  const configured = new URL(origin);
  assert.equal(url.origin, configured.origin, `${context}: the origin host changed to ${url.origin}`);
  const base = configured.pathname.replace(/\/$/, "");
  const path = forwarded.slice(configured.origin.length).replace(/[?#].*$/, "");
  assert.ok(path.startsWith(`${base}/`), `${context}: ${path} is not under ${base}/`);
  assert.equal(url.pathname, path, `${context}: a URL parser reads ${path} as ${url.pathname}`);
  const below = path.slice(base.length);
  const segments = below.split("/").slice(1);
  segments.forEach((segment, index) => {
    assert.ok(segment !== "" || index === segments.length - 1, `${context}: empty segment in ${below}`);
    const decoded = segment.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
    assert.ok(decoded !== "." && decoded !== "..", `${context}: dot segment in ${below}`);
    assert.ok(!/[/\\;%\x00-\x1f\x7f]/.test(decoded), `${context}: ${segment} decodes to a separator, "%" or a control`);
  });
  return below;
}
