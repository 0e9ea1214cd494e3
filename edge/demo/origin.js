// The demo origin: answers every request with what reached it (method, path with query, headers)
// as JSON, so the demo, the tests and the bench see what the gateway forwarded.
import http from "node:http";
import { close, listen, LOOPBACK } from "./listen.js";

export async function startEchoOrigin({ port = 0, fallback = false } = {}) {
  const server = http.createServer((request, response) => {
    request.resume(); // a body is read and dropped: only what the gateway forwarded matters
    request.on("end", () => {
      const body = JSON.stringify({ method: request.method, path: request.url, headers: request.headers });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  const bound = await listen(server, { port, fallback });
  return { url: `http://${LOOPBACK}:${bound}`, close: () => close(server) };
}
