// The createGateway config from a worker's env bindings (edge/README.md, "Env bindings").
// Bindings arrive as text from workerd's text bindings and wrangler's string [vars], or already
// typed from JSON bindings and wrangler's TOML arrays, tables, numbers and booleans: both are read.
// A binding that is unset, null or "" is absent. A malformed one throws a TypeError naming it.
import { CacheSnapshotStore } from "../js/gateway/snapshot-store.js";
import { DurableObjectSessionStoreClient } from "../js/sessions/durable-object-client.js";
import { fromBase64url } from "../js/util.js";

// Binding → [gateway option, reader].
const BINDINGS = {
  JWKS_URL: ["jwksUrl", text],
  JWKS: ["jwks", json],
  PEM: ["pem", text],
  SECRET: ["secret", base64urlBytes],
  ISSUER: ["issuer", text],
  AUDIENCE: ["audience", list],
  ALGORITHMS: ["algorithms", list],
  TYP: ["typ", text],
  CLOCK_TOLERANCE: ["clockTolerance", secondsOrSpan],
  REQUIRED_CLAIMS: ["requiredClaims", list],
  REQUIRED_SCOPES: ["requiredScopes", list],
  TOKEN_SOURCES: ["tokenSources", list],
  ORIGIN: ["origin", text],
  CLAIM_HEADERS: ["claimHeaders", json],
  PAYLOAD_HEADER: ["payloadHeader", text],
  BYPASS: ["bypass", list],
  BYPASS_PREFLIGHT: ["bypassPreflight", boolean],
  FORWARD_TOKEN: ["forwardToken", boolean],
  REVOCATION_URL: ["revocation", (value, name) => ({ url: text(value, name) })],
  REVOCATION: ["revocation", json],
  DECRYPTION: ["decryption", decryption],
  CACHE_MAX_AGE: ["cacheMaxAge", milliseconds],
  COOLDOWN_DURATION: ["cooldownDuration", milliseconds],
  TIMEOUT_DURATION: ["timeoutDuration", milliseconds],
  MIN_CACHE_MAX_AGE: ["minCacheMaxAge", milliseconds],
  JWKS_MAX_STALE: ["jwksMaxStale", milliseconds],
  JWKS_MAX_RESPONSE_SIZE: ["jwksMaxResponseSize", count],
  REFRESH_AHEAD: ["refreshAhead", milliseconds],
  TOKEN_CACHE: ["cache", tokenCache],
  MAX_ADDED_HEADER_BYTES: ["maxAddedHeaderBytes", wholeNumber],
  PROVIDERS: ["providers", providers],
  RULES: ["rules", json],
  THROTTLE: ["throttle", jsonObject],
  DENIAL_LOG: ["denialLog", falseOrJson],
  AUTH_STATUS_HEADER: ["authStatusHeader", text],
};
// Bindings → members of the `metrics` option: the Prometheus path, its bearer secret (a secret
// binding) and the stats() JSON path, which needs the same secret.
const METRICS_BINDINGS = { METRICS_PATH: "path", METRICS_TOKEN: "token", STATS_PATH: "statsPath" };
// Binding → [option of `revocation: { url, … }`, reader]: the list's own limits, with REVOCATION_URL only.
const REVOCATION_BINDINGS = {
  REVOCATION_MAX_ENTRIES: ["maxEntries", count],
  REVOCATION_MAX_RESPONSE_SIZE: ["maxResponseSize", count],
  REVOCATION_MAX_STALE: ["maxStale", milliseconds],
};

// SNAPSHOT_STORE → `snapshotStore`: where each remote key set and revocation list keeps its last good
// snapshot for the isolates that come after ("cache": the Workers Cache API, caches.default).
const SNAPSHOT_STORES = {
  cache: (runtime) => {
    if (typeof runtime.caches?.default !== "object") throw new TypeError('env.SNAPSHOT_STORE "cache" needs the Workers Cache API (caches.default)');
    return new CacheSnapshotStore(runtime.caches.default);
  },
  none: () => undefined,
};

// Cookie sessions (`session`): SESSIONS, the DurableObjectSessionStore namespace (the store, one
// object per subject); SESSION_SECRET, the HMAC secret that signs and verifies the session's tokens
// (a secret binding); SESSION, JSON of the other session options (paths, cookies, lifetimes,
// allowedOrigins, claimHeaders, issuer, audience, alg: "HS256" unless it says HS384 or HS512).
const SESSION_KEYS_FROM_BINDINGS = ["secret", "key", "store", "verifyKey"];

// Every binding the worker reads (text ones; SESSIONS is a Durable Object namespace).
export const BINDING_NAMES = [...Object.keys(BINDINGS), ...Object.keys(REVOCATION_BINDINGS), ...Object.keys(METRICS_BINDINGS), "SNAPSHOT_STORE",
  "SESSION_SECRET", "SESSION"];

// `runtime`: where the runtime's globals are found (caches, for SNAPSHOT_STORE).
export function gatewayConfigOf(env, runtime = globalThis) {
  const config = {};
  const from = {};
  for (const [name, [option, read]] of Object.entries(BINDINGS)) {
    const value = env[name];
    if (!isSet(value)) continue;
    if (from[option]) throw new TypeError(`env.${name} and env.${from[option]} both set ${option}: give one`);
    from[option] = name;
    config[option] = read(value, name);
  }
  for (const [name, [option, read]] of Object.entries(REVOCATION_BINDINGS)) {
    const value = env[name];
    if (!isSet(value)) continue;
    if (from.revocation !== "REVOCATION_URL") throw new TypeError(`env.${name} needs env.REVOCATION_URL`);
    config.revocation[option] = read(value, name);
  }
  for (const [name, member] of Object.entries(METRICS_BINDINGS)) {
    const value = env[name];
    if (!isSet(value)) continue;
    config.metrics = { ...config.metrics, [member]: text(value, name) };
  }
  const session = sessionOf(env);
  if (session) config.session = session;
  const store = env.SNAPSHOT_STORE;
  if (isSet(store)) {
    if (typeof store !== "string" || !Object.hasOwn(SNAPSHOT_STORES, store)) throw new TypeError('env.SNAPSHOT_STORE must be "cache" or "none"');
    const made = SNAPSHOT_STORES[store](runtime);
    if (made) config.snapshotStore = made;
  }
  return config;
}

// Sessions are on when SESSION_SECRET or SESSION is set; SESSIONS alone (wrangler.toml binds it)
// turns nothing on.
function sessionOf(env) {
  if (!isSet(env.SESSION_SECRET) && !isSet(env.SESSION)) return undefined;
  if (!isSet(env.SESSIONS) || !isSet(env.SESSION_SECRET)) {
    throw new TypeError("cookie sessions need env.SESSIONS (the DurableObjectSessionStore namespace) and env.SESSION_SECRET");
  }
  const options = isSet(env.SESSION) ? jsonObject(env.SESSION, "SESSION") : {};
  const misplaced = SESSION_KEYS_FROM_BINDINGS.find((name) => Object.hasOwn(options, name));
  if (misplaced) throw new TypeError(`env.SESSION may not set ${misplaced}: the key is SESSION_SECRET and the store SESSIONS`);
  let store;
  try {
    store = new DurableObjectSessionStoreClient(env.SESSIONS);
  } catch {
    throw new TypeError("env.SESSIONS must be a Durable Object namespace binding of DurableObjectSessionStore");
  }
  return { alg: "HS256", ...options, secret: base64urlBytes(env.SESSION_SECRET, "SESSION_SECRET"), store };
}

function isSet(value) {
  return value !== undefined && value !== null && value !== "";
}

function text(value, name) {
  if (typeof value !== "string") throw new TypeError(`env.${name} must be text`);
  return value;
}

// "a, b,c" or an array of strings.
function list(value, name) {
  const items = Array.isArray(value) ? value : text(value, name).split(",").map((item) => item.trim()).filter(Boolean);
  if (!items.every((item) => typeof item === "string")) throw new TypeError(`env.${name} must be a list of strings`);
  return items;
}

function json(value, name) {
  if (typeof value === "object") return value;
  try {
    return JSON.parse(text(value, name));
  } catch {
    throw new TypeError(`env.${name} must be JSON`);
  }
}

// { name: provider options }, as JSON; an HMAC `secret` is base64url text here (give PROVIDERS as
// a secret binding then), made bytes as createGateway takes it.
function providers(value, name) {
  return Object.fromEntries(Object.entries(jsonObject(value, name)).map(([provider, options]) => {
    if (typeof options !== "object" || options === null) return [provider, options];
    const read = { ...options };
    if (typeof options.secret === "string") read.secret = base64urlBytes(options.secret, `${name}.${provider}.secret`);
    if (options.decryption !== undefined) read.decryption = decryption(options.decryption, `${name}.${provider}.decryption`);
    return [provider, read];
  }));
}

// The decryption option, as JSON: a private JWK Set (`jwks`), a PEM private key or a base64url
// `secret` with the `alg` it serves, and the JWE's own options (give it as a secret binding).
function decryption(value, name) {
  const options = jsonObject(value, name);
  if (typeof options.secret !== "string") return options;
  return { ...options, secret: base64urlBytes(options.secret, `${name}.secret`) };
}

function falseOrJson(value, name) {
  return value === false || value === "false" ? false : jsonObject(value, name);
}

function jsonObject(value, name) {
  const object = json(value, name);
  if (typeof object !== "object" || object === null || Array.isArray(object)) throw new TypeError(`env.${name} must be a JSON object`);
  return object;
}

function boolean(value, name) {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new TypeError(`env.${name} must be true or false`);
}

function milliseconds(value, name) {
  return wholeNumber(value, name, "of milliseconds");
}

// A count (of bytes, of entries): a whole number from 1.
function count(value, name) {
  return wholeNumber(value, name, "from 1", 1);
}

// A number binding, or text of digits, as a whole number at least `least` (`what` says which, for the error).
function wholeNumber(value, name, what = "of bytes", least = 0) {
  const number = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < least) throw new TypeError(`env.${name} must be a whole number ${what}`);
  return number;
}

// Seconds ("30", 30) as a number; a span ("5m") is passed on for verify to read.
function secondsOrSpan(value, name) {
  if (typeof value === "number") return value;
  return /^\d+(\.\d+)?$/.test(text(value, name)) ? Number(value) : value;
}

// The verified-token cache: false turns it off; { "maxEntries": N, "maxTtl": seconds, "maxBytes": N } sizes it.
function tokenCache(value, name) {
  if (value === false || value === "false") return false;
  const settings = json(value, name);
  const known = ["maxEntries", "maxTtl", "maxBytes"];
  if (typeof settings !== "object" || settings === null || Array.isArray(settings) ||
      !Object.keys(settings).every((setting) => known.includes(setting))) {
    throw new TypeError(`env.${name} must be false or a JSON object of ${known.join(", ")}`);
  }
  return settings;
}

// The HMAC secret as bytes: base64url, without padding.
function base64urlBytes(value, name) {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]+$/.test(value) || value.length % 4 === 1) {
    throw new TypeError(`env.${name} must be base64url without padding`);
  }
  return fromBase64url(value);
}
