// The request target as the gateway matches it and the origin receives it: one normalised path
// (rules match this very string, and it is what is forwarded) and the query as received. The
// origin's URL is the configured origin's text followed by that path and query: a concatenation,
// never a URL resolution of a client string, so no request can change the origin's scheme, host
// or port (a path of "//evil.example/x" would otherwise be a network-path reference).

// Characters that stand raw in a normalised path: RFC 3986 pchar (unreserved, sub-delims, ":" and
// "@") and the "/" between segments, except ";", which some servers read as a parameter delimiter.
const KEPT_CHARACTERS = "A-Za-z0-9\\-._~!$&'()*+,=:@/";
const KEPT = new RegExp(`[${KEPT_CHARACTERS}]`);
const ALL_KEPT = new RegExp(`^[${KEPT_CHARACTERS}]*$`);
const UNRESERVED = /[A-Za-z0-9\-._~]/;
// Bytes refused raw or percent-encoded: a decoding origin would see another path ("/" and "\"
// separate segments, ";" starts a parameter, "%" decodes again) or a control character.
const REFUSED_BYTE = /[\x00-\x1f\x7f/\\;%]/;
// Printable ASCII that a normalised path carries percent-encoded (" < > [ ] ^ ` { | }): the
// runtime's URL parser would encode some of them anyway, so matched and forwarded bytes could differ.
const ENCODED = /[\x21-\x7e]/;
// scheme "://" authority, then the path up to "?" or "#", then the query up to "#". workerd puts
// the raw request-target after "http://" and the Host header; other runtimes give a parsed URL.
const URL_PARTS = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\\?#]*([^?#]*)(?:\?([^#]*))?/;

// The normalised form of a raw path, or null when the path is ambiguous (a client and an origin
// could read it as different paths): it must start with "/"; percent-encoded unreserved characters
// are decoded ("%41" is "A", "%2E" is "."), other escapes upper-cased, and printable characters
// outside pchar encoded; refused are encoded "/" and "\", encoded "%" (an origin that decodes
// twice), ";", "\", control characters, raw non-ASCII, malformed escapes, dot segments ("." and
// "..", also encoded) and empty segments ("//"). A trailing "/" is kept.
export function normalisedPath(raw) {
  if (typeof raw !== "string" || raw[0] !== "/") return null;
  const path = ALL_KEPT.test(raw) ? raw : encodedPath(raw);
  if (path === null) return null;
  const segments = path.split("/");
  for (let index = 1; index < segments.length; index++) {
    const segment = segments[index];
    if (segment === "." || segment === ".." || (segment === "" && index < segments.length - 1)) return null;
  }
  return path;
}

// The path with its escapes and characters outside pchar in normal form, or null (refused).
function encodedPath(raw) {
  let path = "";
  for (let at = 0; at < raw.length; at++) {
    const character = raw[at];
    if (character === "%") {
      const hex = raw.slice(at + 1, at + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      const decoded = String.fromCharCode(Number.parseInt(hex, 16));
      if (REFUSED_BYTE.test(decoded)) return null;
      path += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
      at += 2;
    } else if (KEPT.test(character)) {
      path += character;
    } else if (ENCODED.test(character) && !REFUSED_BYTE.test(character)) {
      path += `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
    } else {
      return null;
    }
  }
  return path;
}

// { path, query } of a request URL: `path` normalised (null when ambiguous), `query` the raw text
// after "?" (undefined when there is no "?").
export function requestTargetOf(url) {
  const parts = URL_PARTS.exec(url);
  return { path: parts ? normalisedPath(parts[1]) : null, query: parts?.[2] };
}

// The configured origin as the prefix every forwarded URL starts with: scheme, host, port and base
// path, without a trailing "/". Null when the text is not such an origin.
export function originPrefixOf(origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || /[?#]/.test(origin)) return null;
  const base = url.pathname.replace(/\/$/, "");
  if (base !== "" && normalisedPath(base) !== base) return null;
  return `${url.protocol}//${url.host}${base}`;
}
