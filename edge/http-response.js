// An HTTP/1.1 response read from its bytes: what workerd serialises into a Cache API PUT
// (edge/cache-service.js), and what the tests' raw sockets receive. Chunked bodies are decoded.

// { status, headers (lower-case names; the last of repeated ones), body (bytes) }, or null when
// the bytes hold no complete head.
export function parseHttpResponse(bytes) {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...headerLines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = dechunked(body);
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

function dechunked(bytes) {
  const parts = [];
  for (let at = 0; ;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
