// The createGateway config from a worker's env bindings (edge/README.md, "Env bindings").
// Bindings arrive as text from workerd's text bindings and wrangler's string [vars], or already
// typed from JSON bindings and wrangler's TOML arrays, tables, numbers and booleans: both are read.
// A binding that is unset, null or "" is absent. A malformed one throws a TypeError naming it.
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
  CACHE_MAX_AGE: ["cacheMaxAge", milliseconds],
  COOLDOWN_DURATION: ["cooldownDuration", milliseconds],
  TIMEOUT_DURATION: ["timeoutDuration", milliseconds],
  MIN_CACHE_MAX_AGE: ["minCacheMaxAge", milliseconds],
  JWKS_MAX_STALE: ["jwksMaxStale", milliseconds],
  JWKS_MAX_RESPONSE_SIZE: ["jwksMaxResponseSize", count],
  TOKEN_CACHE: ["cache", tokenCache],
  MAX_ADDED_HEADER_BYTES: ["maxAddedHeaderBytes", wholeNumber],
};
// Binding → [option of `revocation: { url, … }`, reader]: the list's own limits, with REVOCATION_URL only.
const REVOCATION_BINDINGS = {
  REVOCATION_MAX_ENTRIES: ["maxEntries", count],
  REVOCATION_MAX_RESPONSE_SIZE: ["maxResponseSize", count],
  REVOCATION_MAX_STALE: ["maxStale", milliseconds],
};

// Every binding the worker reads.
export const BINDING_NAMES = [...Object.keys(BINDINGS), ...Object.keys(REVOCATION_BINDINGS), "STATS_PATH"];

export function gatewayConfigOf(env) {
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
  return config;
}

// The path that answers the gateway's stats() as JSON, or null (STATS_PATH unset: none).
export function statsPathOf(env) {
  const path = env.STATS_PATH;
  if (!isSet(path)) return null;
  if (typeof path !== "string" || !path.startsWith("/")) throw new TypeError('env.STATS_PATH must be a path starting with "/"');
  return path;
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
