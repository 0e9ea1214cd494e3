// The demo origin: answers every request with what reached it (method, the raw request-target,
// headers, and the raw header lines in the order received, duplicates kept) as JSON, so the demo,
// the tests and the bench see exactly what the gateway forwarded. With `record`, every request is
// also kept in `origin.requests` (for tests that must tell "the origin was not reached").
// With `loginPath`, a POST there logs in the user its query names (`?user=alice`, scope "read"):
// the answer carries the login's claims in the gateway's login header (x-edgejwt-session), and the
// gateway mints the session's cookies (docs/sessions.md, "Login handoff").
import http from "node:http";
import { close, listen, LOOPBACK } from "./listen.js";

export const LOGIN_HEADER = "x-edgejwt-session";

export async function startEchoOrigin({ port = 0, fallback = false, record = false, loginPath } = {}) {
  const requests = [];
  const server = http.createServer((request, response) => {
    let bodyBytes = 0;
    request.on("data", (chunk) => { bodyBytes += chunk.length; }); // counted and dropped
    request.on("end", () => {
      const received = {
        method: request.method, path: request.url, headers: request.headers, rawHeaders: request.rawHeaders, bodyBytes,
      };
      if (record) requests.push(received);
      const body = JSON.stringify(received);
      const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
      const [path, query] = request.url.split("?");
      const user = new URLSearchParams(query ?? "").get("user");
      if (loginPath && request.method === "POST" && path === loginPath && /^[a-z0-9]{1,32}$/.test(user ?? "")) {
        headers[LOGIN_HEADER] = JSON.stringify({ sub: user, scope: "read" });
      }
      response.writeHead(200, headers);
      response.end(body);
    });
  });
  const bound = await listen(server, { port, fallback });
  return { url: `http://${LOOPBACK}:${bound}`, port: bound, requests, close: () => close(server) };
}
