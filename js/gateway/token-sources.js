// Where a bearer token may come from: "header:authorization" (the Bearer scheme), "cookie:NAME" or
// "query:NAME". Each source reads the request's token and removes every trace of itself from what
// the origin receives: the gateway strips every configured source, whichever one supplied the
// token, so no token it did not verify reaches the origin. With forwardToken, the verified token
// alone is put back, in the source it came from.
import { JOSEInvalidArgument } from "../errors.js";

const TOKEN_SOURCE = /^(header:authorization|cookie:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|query:[A-Za-z0-9\-._~]+)$/;
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// Cookie pairs are separated by ";" and, where a runtime joined several Cookie headers into one
// value, by ", " (the Fetch standard joins with ", "; HTTP/2 and RFC 6265 want "; ").
const COOKIE_SEPARATOR = /;|,[ \t]+/;

// A source of `spec`: { spec, read(request, target) → token | undefined, strip(forwarded), restore(forwarded, token) }.
// `forwarded` is what the origin will receive: { headers: Headers, queryPairs: string[] | undefined }.
export function tokenSourceOf(spec) {
  if (typeof spec !== "string" || !TOKEN_SOURCE.test(spec)) {
    throw new JOSEInvalidArgument(`token source "${spec}" is not header:authorization, cookie:NAME or query:NAME`);
  }
  const name = spec.slice(spec.indexOf(":") + 1);
  if (spec.startsWith("header:")) return { spec, ...authorizationSource };
  return { spec, ...(spec.startsWith("cookie:") ? cookieSource(name) : querySource(name)) };
}

// Any Authorization header is stripped, a malformed one too: the gateway owns that header.
const authorizationSource = {
  read: (request) => BEARER.exec(request.headers.get("authorization") ?? "")?.[1],
  strip: ({ headers }) => headers.delete("authorization"),
  restore: ({ headers }, token) => headers.set("authorization", `Bearer ${token}`),
};

// The first non-empty cookie of that name ("session=" alone is absent). Stripped: every pair of
// that name, and every pair that a parser splitting on a bare "," would read as one; the other
// pairs, nameless ones included, are forwarded byte for byte in one header, joined by "; ".
function cookieSource(name) {
  const isToken = (pair) => pair.split(",").some((part) => nameOf(part) === name);
  return {
    read(request) {
      for (const pair of cookiePairs(request.headers.get("cookie"))) {
        if (nameOf(pair) === name && valueOf(pair) !== "") return valueOf(pair);
      }
      return undefined;
    },
    strip({ headers }) {
      const kept = cookiePairs(headers.get("cookie")).filter((pair) => !isToken(pair));
      if (kept.length) headers.set("cookie", kept.join("; "));
      else headers.delete("cookie");
    },
    restore({ headers }, token) {
      headers.set("cookie", [...cookiePairs(headers.get("cookie")), `${name}=${token}`].join("; "));
    },
  };
}

function cookiePairs(header) {
  return (header ?? "").split(COOKIE_SEPARATOR).map((pair) => pair.trim()).filter((pair) => pair !== "");
}

// A pair without "=" is a nameless cookie (RFC 6265bis): its name is "".
const nameOf = (pair) => (pair.includes("=") ? pair.slice(0, pair.indexOf("=")).trim() : "");
const valueOf = (pair) => pair.slice(pair.indexOf("=") + 1).trim();

// The first non-empty parameter of that name, its name and value decoded as a form
// (URLSearchParams); stripped: every parameter of that name. The query's other bytes are kept.
function querySource(name) {
  const isToken = (pair) => paramOf(pair)?.[0] === name;
  return {
    read(request, { query }) {
      for (const pair of query?.split("&") ?? []) {
        const param = paramOf(pair);
        if (param?.[0] === name && param[1] !== "") return param[1];
      }
      return undefined;
    },
    strip(forwarded) {
      forwarded.queryPairs = forwarded.queryPairs?.filter((pair) => !isToken(pair));
    },
    restore(forwarded, token) {
      forwarded.queryPairs = [...(forwarded.queryPairs ?? []), `${encodeURIComponent(name)}=${token}`];
    },
  };
}

const paramOf = (pair) => new URLSearchParams(pair).entries().next().value;
