// The operator's paths (`metrics: { path, token, statsPath }`): the counters in Prometheus text at
// `path`, and stats() as JSON at `statsPath`, both only for a request carrying
// "Authorization: Bearer <token>". Never open by default: without `metrics` there is no such
// path, and a path without a token is refused at configuration. The secret is compared in
// constant time (SHA-256 of both, compared whole), and these paths are answered by the gateway
// itself, never forwarded, whatever the request carries; they are matched, like rules, on the
// normalised path.
import { JOSEInvalidArgument } from "../errors.js";
import { json } from "./answers.js";
import { CONTENT_TYPE } from "./metrics.js";
import { normalisedPath } from "./request-target.js";
import { unknownKeys } from "./options.js";

const TOKEN = /^[A-Za-z0-9\-._~+/]{32,512}$/; // RFC 6750 b64token characters, long enough not to guess
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

// { match(path) → "metrics" | "stats" | undefined, answer(kind, request, { metrics, stats }) }, or null.
export function operatorEndpointsOf(config) {
  if (config === undefined) return null;
  if (typeof config !== "object" || config === null) throw new JOSEInvalidArgument("metrics must be an object { path, token, statsPath }");
  unknownKeys(config, ["path", "token", "statsPath"], "metrics");
  const { path, token, statsPath } = config;
  if (typeof token !== "string" || !TOKEN.test(token)) {
    throw new JOSEInvalidArgument("metrics.token must be a bearer secret of 32 to 512 characters (A-Z a-z 0-9 - . _ ~ + /): the metrics are never open");
  }
  const paths = new Map();
  for (const [name, kind] of [["path", "metrics"], ["statsPath", "stats"]]) {
    const value = config[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || normalisedPath(value) !== value) throw new JOSEInvalidArgument(`metrics.${name} must be a normalised path starting with "/"`);
    paths.set(value, kind);
  }
  if (paths.size === 0) throw new JOSEInvalidArgument("metrics needs a path or a statsPath");
  if (path !== undefined && path === statsPath) throw new JOSEInvalidArgument("metrics.path and metrics.statsPath must differ");
  const expected = digest(token);
  return {
    match: (requestPath) => paths.get(requestPath),
    async answer(kind, request, { metrics, stats, counters }) {
      const given = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
      if (given === undefined || !sameBytes(await digest(given), await expected)) {
        counters.add("edgejwt_metrics_scrapes_total", ["refused"]);
        return json(401, { error: "invalid_token", code: "ERR_METRICS_UNAUTHORIZED" }, { "www-authenticate": 'Bearer realm="edgejwt-metrics"' });
      }
      if (request.method !== "GET" && request.method !== "HEAD") return json(405, { error: "method_not_allowed" }, { allow: "GET, HEAD" });
      counters.add("edgejwt_metrics_scrapes_total", ["ok"]);
      if (kind === "stats") return json(200, stats());
      return new Response(request.method === "HEAD" ? null : metrics(), { headers: { "content-type": CONTENT_TYPE, "cache-control": "no-store" } });
    },
  };
}

async function digest(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

// Every byte compared, whatever differs first.
function sameBytes(a, b) {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) difference |= a[index] ^ b[index];
  return difference === 0;
}
