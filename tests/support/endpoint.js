// A loopback HTTP endpoint whose answers a test sets, and small helpers for timing answers.
import { createServer } from "node:http";

// An endpoint on 127.0.0.1 answering with `endpoint.respond(request, response)`; `endpoint.url`
// is its origin followed by `path`, and `endpoint.requests` records what it received.
export async function startEndpoint(path) {
  const endpoint = { requests: [], respond: null };
  const server = createServer((request, response) => {
    endpoint.requests.push(request);
    endpoint.respond(request, response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.origin = `http://127.0.0.1:${server.address().port}`;
  endpoint.url = `${endpoint.origin}${path}`;
  endpoint.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return endpoint;
}

// A JSON (or given text/bytes) answer.
export const answer = (body, headers = {}, status = 200) => (request, response) => {
  const bytes = Buffer.from(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
  response.writeHead(status, { "content-type": "application/json", "content-length": bytes.length, ...headers });
  response.end(bytes);
};

export const delayed = (ms, respond) => (request, response) => setTimeout(() => respond(request, response), ms);

// `promise`, or a failure if it takes longer than `ms`.
export function within(ms, promise, what) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
