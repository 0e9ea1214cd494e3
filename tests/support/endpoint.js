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

// --- Faulty endpoints: answers that hang, drip, never end, redirect or flap ----------------------

// Never answers (or stalls after writing `start`). `open` counts the requests still held;
// `closed` settles when the first held connection is given up by the client.
export function hang(start) {
  const state = { open: 0 };
  state.closed = new Promise((resolve) => {
    state.respond = (request, response) => {
      state.open++;
      response.on("close", () => {
        state.open--;
        resolve();
      });
      if (start !== undefined) {
        response.writeHead(200, { "content-type": "application/json" });
        response.write(start);
      }
    };
  });
  return state;
}

// A 200 whose body `text` comes `bytes` bytes every `everyMs` ms; `open` as for hang().
export function drip(text, { bytes = 1, everyMs = 50 } = {}) {
  const state = { open: 0 };
  state.respond = (request, response) => {
    state.open++;
    response.writeHead(200, { "content-type": "application/json" });
    let at = 0;
    const timer = setInterval(() => {
      response.write(text.slice(at, at + bytes));
      at += bytes;
      if (at >= text.length) {
        clearInterval(timer);
        response.end();
      }
    }, everyMs);
    response.on("close", () => {
      clearInterval(timer);
      state.open--;
    });
  };
  return state;
}

// A 200 with no declared length whose body is spaces for as long as the client reads, up to `cap`
// bytes; `written` counts what was sent and `closed` settles when the client gives up.
export function endless(cap = 256 * 1024 * 1024) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const state = { written: 0 };
  state.closed = new Promise((resolve) => {
    state.respond = (request, response) => {
      response.on("close", resolve);
      response.writeHead(200, { "content-type": "application/json" });
      const pump = () => {
        while (state.written < cap && !response.destroyed) {
          state.written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      pump();
    };
  });
  return state;
}

export const redirect = (location, status = 302) => (request, response) => {
  response.writeHead(status, { location, "content-length": 0 }).end();
};

// Answers with `good` and `bad` in turn, `run` requests each (good first unless `badFirst`).
export function flapping(good, bad, { run = 1, badFirst = false } = {}) {
  let served = 0;
  return (request, response) => {
    const isBad = (Math.floor(served++ / run) % 2 === 1) !== badFirst;
    (isBad ? bad : good)(request, response);
  };
}

// Resolves once `predicate()` holds, checking every 5 ms; fails after `ms`.
export async function until(predicate, ms, what) {
  for (const deadline = performance.now() + ms; !predicate();) {
    if (performance.now() > deadline) throw new Error(`${what}: not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
