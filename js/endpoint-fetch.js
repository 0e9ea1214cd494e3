// One exchange with a JWKS or revocation-list endpoint (remote-document.js decides when): a GET
// whose every redirect hop, headers and body must end within a time limit; redirects followed by
// hand, each hop checked before it is fetched; a body read to at most a byte limit and parsed as
// UTF-8 JSON. Failures are the caller's error classes (`kind`: name, Timeout, FetchFailed, Invalid).
// Only fetch, AbortController and setTimeout are used: it runs in Node, browsers and workerd alike.
//
// Where it may go: https:, or http: on a loopback host, as RFC 8725 §3.9 asks (what is fetched over
// plain http can be forged); a loopback host only when the configured URL is one, so a public
// endpoint cannot redirect into this machine's services; no credentials in a URL; at most
// MAX_REDIRECTS hops; and the configured headers (credentials, API keys) only ever to the
// configured origin: another origin is sent Accept alone.
import { JOSEInvalidArgument } from "./errors.js";

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

// The configured URL, refused unless it is one the exchange may fetch.
export function endpointUrl(url, name) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new JOSEInvalidArgument(`the ${name} URL must be an absolute URL`);
  }
  if (!isAllowedEndpoint(parsed)) {
    throw new JOSEInvalidArgument(`the ${name} URL must be https: (http: only for 127.0.0.0/8, [::1] and localhost)`);
  }
  if (parsed.username || parsed.password) throw new JOSEInvalidArgument(`the ${name} URL must not carry credentials`);
  return parsed.href;
}

// { document, cacheControl } from `url` (an endpointUrl), or a failure of `kind`'s classes.
// `attempt.status` is set to each response's status as it comes, for the caller's report.
export async function fetchJson({ fetch, url, headers, timeoutDuration, maxResponseSize }, kind, attempt) {
  const exchange = async (signal) => {
    const { name, FetchFailed, Invalid, NotJson = Invalid } = kind;
    const response = await followRedirects(fetch, new URL(url), headers, signal, kind, attempt);
    if (!response.ok) {
      discardBody(response);
      throw new FetchFailed(response.type === "opaqueredirect"
        ? `the ${name} endpoint redirected, and this runtime does not say where to: configure the final URL`
        : `the ${name} endpoint answered HTTP ${response.status}`);
    }
    const body = await readBounded(response, maxResponseSize, kind);
    let document;
    try {
      document = JSON.parse(utf8.decode(body));
    } catch (cause) {
      throw new NotJson(`the ${name} endpoint's response is not UTF-8 JSON`, { cause });
    }
    return { document, cacheControl: response.headers.get("cache-control") };
  };
  return withTimeout(exchange, timeoutDuration, kind);
}

// The race ends the wait even when an injected fetch ignores the abort signal. A timeoutDuration
// of 0 leaves no time for any exchange (jose: every fetch times out), so none is started.
async function withTimeout(exchange, timeoutDuration, { name, Timeout }) {
  if (timeoutDuration === 0) throw new Timeout(`the ${name} endpoint is given no time to answer (timeoutDuration 0)`);
  const controller = new AbortController();
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Timeout(`the ${name} endpoint did not answer within ${timeoutDuration} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutDuration);
  });
  try {
    return await Promise.race([exchange(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The response at the end of the redirects (at most kind.maxRedirects, MAX_REDIRECTS by default),
// each hop checked before anything is asked of it.
async function followRedirects(fetch, configured, headers, signal, kind, attempt) {
  const { name, FetchFailed } = kind;
  const acceptOnly = new Headers({ accept: headers.get("accept") });
  let url = configured;
  for (let hops = 0; ; hops++) {
    let response;
    try {
      const sent = url.origin === configured.origin ? headers : acceptOnly;
      response = await fetch(url.href, { headers: sent, signal, redirect: "manual" });
    } catch (failure) {
      // The network's own error (ECONNREFUSED, ENOTFOUND, …) is the cause, as jose passes it on:
      // fetch wraps it (Node: TypeError "fetch failed" whose cause has the code).
      const cause = networkErrorOf(failure);
      const detail = cause === failure ? `${failure?.message ?? failure}` : `${failure.message} (${cause.message ?? cause.code})`;
      throw new FetchFailed(`the ${name} endpoint could not be reached: ${detail}`, { cause });
    }
    attempt.status = response.status;
    if (!REDIRECTS.has(response.status)) return response;
    discardBody(response);
    const maxRedirects = kind.maxRedirects ?? MAX_REDIRECTS;
    if (hops === maxRedirects) {
      throw new FetchFailed(maxRedirects === 0 ? `the ${name} endpoint redirected, and this set follows no redirect (as jose)`
        : `the ${name} endpoint redirected more than ${maxRedirects} times`);
    }
    url = nextHop(url, response.headers.get("location"), configured, name, FetchFailed);
  }
}

// Where a redirect from `from` leads, if it may be followed.
function nextHop(from, location, configured, name, FetchFailed) {
  const refused = (why) => new FetchFailed(`the ${name} endpoint redirected ${why}`);
  if (location === null) throw refused("without a Location");
  let url;
  try {
    url = new URL(location, from);
  } catch {
    throw refused("to a Location that is not a URL");
  }
  if (!isAllowedEndpoint(url)) throw refused(`to ${url.protocol}//${url.host}: neither https: nor loopback http:`);
  if (isLoopback(url) && !isLoopback(configured)) throw refused(`from ${configured.host} to the loopback host ${url.host}`);
  if (url.username || url.password) throw refused("to a URL carrying credentials");
  return url;
}

// The first error in `failure`'s cause chain that carries a code (a system error), or `failure`.
function networkErrorOf(failure) {
  for (let error = failure, depth = 0; error && depth < 8; error = error.cause, depth++) {
    if (typeof error.code === "string") return error;
  }
  return failure;
}

function isAllowedEndpoint(url) {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
}

function isLoopback(url) {
  const host = url.hostname; // canonical: "127.1" is "127.0.0.1" here, IPv6 is bracketed
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// At most `limit` bytes: a declared length over it is refused before reading, and the stream is
// cancelled as soon as it passes it (fetch has already decompressed, so a gzip bomb stops here too).
async function readBounded(response, limit, { name, FetchFailed, Invalid }) {
  const tooLarge = () => new Invalid(`the ${name} endpoint's response is larger than ${limit} bytes`);
  if (Number(response.headers.get("content-length")) > limit) {
    discardBody(response);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw new FetchFailed(`the ${name} endpoint's response broke off`, { cause });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {}); // only releasing the connection; the outcome is decided
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

function discardBody(response) {
  response.body?.cancel().catch(() => {}); // only releasing the connection
}
