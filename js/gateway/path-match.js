// What a rule's `match` says about the path: one of `path` (that normalised path exactly),
// `prefix` (that path and everything below it, by whole segments) or `pattern` (segments, with
// wildcards). Every form is matched against the request's normalised path (request-target.js),
// the very string the origin receives, and must itself be in normal form, so no spelling of a path
// (an escape, a dot segment, "//") can match differently from what is forwarded.
//
// Pattern grammar, linear in the path's length (no regular expression, no backtracking):
//   pattern  = "/" segment *( "/" segment )
//   segment  = literal    a normalised path segment, compared exactly (case-sensitive)
//            | "*"        exactly one non-empty segment
//            | "**"       any number of segments, none included; at most one per pattern
// "/users/*/profile" matches "/users/42/profile", not "/users/42/profile/" nor "/users//profile"
// (refused before matching anyway); "/files/**/raw" matches "/files/raw" and "/files/a/b/raw";
// "/api/**" matches "/api", "/api/" and everything below. A trailing "/" is a segment of its own
// (empty): "/a/*" does not match "/a/", "/a/**" does.
import { JOSEInvalidArgument } from "../errors.js";
import { normalisedPath } from "./request-target.js";

const FORMS = ["path", "prefix", "pattern"];

// (path) => boolean for one `match` object's path part ({ path } | { prefix } | { pattern }).
export function pathMatcherOf(match, where) {
  const given = FORMS.filter((form) => match[form] !== undefined);
  if (given.length !== 1) throw new JOSEInvalidArgument(`${where}: give exactly one of path, prefix or pattern`);
  const [form] = given;
  const text = match[form];
  if (typeof text !== "string") throw new JOSEInvalidArgument(`${where}.${form} must be a string`);
  if (form === "pattern") return patternMatcher(text, where);
  if (normalisedPath(text) !== text) throw new JOSEInvalidArgument(`${where}.${form} "${text}" must be a normalised path starting with "/"`);
  if (form === "path") return (path) => path === text;
  // "/api" is "/api", "/api/" and below, never "/apiary"; "/api/" is "/api/" and below.
  if (text.endsWith("/")) return (path) => path.startsWith(text);
  const below = `${text}/`;
  return (path) => path === text || path.startsWith(below);
}

function patternMatcher(pattern, where) {
  const segments = pattern.split("/").slice(1);
  const literal = pattern.replace(/(^|\/)\*\*?(?=\/|$)/g, "$1x");
  if (pattern[0] !== "/" || normalisedPath(literal) !== literal) {
    throw new JOSEInvalidArgument(`${where}.pattern "${pattern}": segments must be normalised path segments, "*" or "**"`);
  }
  if (segments.some((segment) => segment !== "*" && segment !== "**" && segment.includes("*"))) {
    throw new JOSEInvalidArgument(`${where}.pattern "${pattern}": "*" and "**" stand for whole segments only`);
  }
  const spread = segments.indexOf("**");
  if (spread !== segments.lastIndexOf("**")) throw new JOSEInvalidArgument(`${where}.pattern "${pattern}": at most one "**"`);
  if (spread < 0) {
    return (path) => {
      const parts = path.split("/");
      return parts.length === segments.length + 1 && segmentsMatch(segments, parts, 1);
    };
  }
  const head = segments.slice(0, spread);
  const tail = segments.slice(spread + 1);
  return (path) => {
    const parts = path.split("/");
    const count = parts.length - 1;
    return count >= head.length + tail.length && segmentsMatch(head, parts, 1) && segmentsMatch(tail, parts, parts.length - tail.length);
  };
}

// Whether `pattern` segments match `parts` from index `at`, one for one.
function segmentsMatch(pattern, parts, at) {
  for (let index = 0; index < pattern.length; index++) {
    const part = parts[at + index];
    if (pattern[index] === "*" ? part === "" : pattern[index] !== part) return false;
  }
  return true;
}
