// A local stand-in for Cloudflare's cache behind the Workers Cache API: workerd sends a worker's
// caches.default / caches.open() operations to the service its config names as cacheApiOutbound
// (edge/workerd-config.js), and without one every operation throws "No Cache was configured". This
// serves that protocol on a loopback port, in memory: PUT stores the serialised response workerd
// sends (an HTTP/1.1 response: status line, headers, body) for the max-age its Cache-Control gives;
// GET answers it with "Cf-Cache-Status: HIT", or "MISS"; PURGE deletes. It runs outside workerd, as
// Cloudflare's cache runs outside an isolate, so what one workerd process stored a restarted one
// finds: what the tests of cold isolates need. Keys are the namespace (Cf-Cache-Namespaces, for
// caches.open), the Host and the path with its query.
//
//   const cache = await startCacheService();            // cache.address: "127.0.0.1:PORT"
//   await startWorkerd({ env, cacheService: cache.address });
//   … cache.entries (key → { status, headers, body, expiresAt }) … await cache.close();
import { createServer } from "node:http";

import { parseHttpResponse } from "./http-response.js";

const LOOPBACK = "127.0.0.1";
const MAX_BODY = 32 * 1024 * 1024;

// `keepExpired`: serve entries past their max-age too (a cache that keeps what it was told to drop).
export async function startCacheService({ keepExpired = false } = {}) {
  const entries = new Map();
  const requests = [];
  const server = createServer((request, response) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy();
      else chunks.push(chunk);
    });
    request.on("end", () => {
      const key = `${request.headers["cf-cache-namespaces"] ?? ""} ${request.headers.host}${request.url}`;
      requests.push({ method: request.method, key });
      if (request.method === "PUT") {
        const stored = parseResponse(Buffer.concat(chunks));
        const maxAge = stored && maxAgeOf(stored.headers["cache-control"]);
        if (!stored || !maxAge) {
          response.writeHead(413).end();
          return;
        }
        entries.set(key, { ...stored, expiresAt: Date.now() + maxAge * 1000 });
        response.writeHead(204).end();
      } else if (request.method === "GET") {
        const entry = entries.get(key);
        if (!entry || (!keepExpired && Date.now() >= entry.expiresAt)) {
          response.writeHead(504, { "cf-cache-status": "MISS" }).end();
          return;
        }
        response.writeHead(entry.status, { ...entry.headers, "cf-cache-status": "HIT", "content-length": entry.body.length });
        response.end(entry.body);
      } else if (request.method === "PURGE") {
        response.writeHead(entries.delete(key) ? 200 : 404).end();
      } else {
        response.writeHead(405).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    address: `${LOOPBACK}:${server.address().port}`,
    entries,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// A serialised response as stored: its status, headers (those of its framing dropped) and body.
function parseResponse(bytes) {
  const response = parseHttpResponse(bytes);
  if (!response || !(response.status >= 200 && response.status <= 599)) return null;
  delete response.headers["transfer-encoding"];
  delete response.headers["content-length"];
  return response;
}

// Seconds from s-maxage or max-age (s-maxage first, as a shared cache reads them), or null.
function maxAgeOf(cacheControl = "") {
  const directives = cacheControl.toLowerCase().split(",").map((directive) => directive.trim());
  for (const name of ["s-maxage", "max-age"]) {
    const value = directives.map((directive) => new RegExp(`^${name}=(\\d+)$`).exec(directive)).find(Boolean);
    if (value) return Number(value[1]) || null;
  }
  return null;
}
