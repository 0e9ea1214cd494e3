// What the origin receives of a client's request: its method and body, its headers less those the
// gateway never forwards or adds itself, at the configured origin followed by the normalised path
// and the query (request-target.js) — and the one kind of request that may skip the token where
// configured, a real CORS preflight.
import { HEADER_NAME } from "./claim-headers.js";

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
  "proxy-authorization", "proxy-authenticate"];
// Headers that make frameworks treat a request as another method: never forwarded, and a request
// carrying one is no CORS preflight.
const METHOD_OVERRIDE = ["x-http-method-override", "x-http-method", "x-method-override"];
export const NEVER_FORWARDED = [...HOP_BY_HOP, ...METHOD_OVERRIDE];

// The client's headers minus hop-by-hop ones (those its Connection header names too) and `removed`.
export function incomingHeaders(request, removed) {
  const headers = new Headers(request.headers);
  for (const name of (headers.get("connection") ?? "").split(",")) {
    if (HEADER_NAME.test(name.trim())) headers.delete(name.trim());
  }
  for (const name of removed) headers.delete(name);
  return headers;
}

// The origin request for `forwarded` ({ path, queryPairs, headers }): a concatenation after
// `originPrefix`, never a URL resolution of the client's text; redirects are passed back.
export function originRequest(originPrefix, request, { path, queryPairs, headers }) {
  const query = queryPairs?.length ? `?${queryPairs.join("&")}` : "";
  const init = { method: request.method, headers, redirect: "manual" };
  if (request.method !== "GET" && request.method !== "HEAD") {
    init.body = request.body;
    init.duplex = "half";
  }
  return new Request(`${originPrefix}${path}${query}`, init);
}

// A real CORS preflight: OPTIONS with Origin and Access-Control-Request-Method, no body
// ("Content-Length: 0" — workerd then gives an empty body stream — or neither a length nor a
// body) and no method override.
export function isPreflight(request) {
  const { headers } = request;
  const length = headers.get("content-length");
  const bodiless = length === "0" || (length === null && request.body === null);
  return request.method === "OPTIONS" && headers.has("origin") && headers.has("access-control-request-method") && bodiless &&
    !headers.has("transfer-encoding") && !METHOD_OVERRIDE.some((name) => headers.has(name));
}
