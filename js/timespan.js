// Time spans in jose's grammar: a number of seconds, or a string such as "30s", "15 minutes",
// "2h", "+10s", "-1h", "10s from now", "2 hours ago" (a sign or a direction, never both), with
// jose's unit names, whole seconds after the unit is applied ("1.5s" is 2 s, as jose rounds).
//
// Two readings, as jose has them. spanOf is signed, for a time relative to now (jose's
// setExpirationTime("2 hours ago") is two hours before now). secondsOf is a duration, never
// negative (maxTokenAge, clockTolerance, a TTL). Where a span counts from differs on purpose:
// sign()'s expiresIn and notBefore are jsonwebtoken's options and count from the token's iat (now
// when there is none); jose's setters count from now, whatever iat says.
import { JOSEInvalidArgument } from "./errors.js";

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 };
// jose's unit names, each by its first letter; matched case-insensitively.
const PATTERN = /^([+-])? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;
const GRAMMAR = 'a time span like "30s", "15 minutes", "+2h", "10s from now" or "2 hours ago"';

// Signed whole seconds in `span` (a string in jose's grammar); `what` names the option in the error.
export function spanOf(span, what) {
  const match = typeof span === "string" ? PATTERN.exec(span) : null;
  if (!match || (match[1] && match[4])) throw new JOSEInvalidArgument(`${what} must be ${GRAMMAR}`);
  const seconds = Math.round(Number(match[2]) * SECONDS_PER_UNIT[match[3][0].toLowerCase()]);
  if (!Number.isFinite(seconds)) throw new JOSEInvalidArgument(`${what} is a time span too large to represent`);
  return match[1] === "-" || match[4]?.toLowerCase() === "ago" ? -seconds : seconds;
}

// Seconds in `span`, a duration: a non-negative number, or a span that is not negative.
export function secondsOf(span, what) {
  if (typeof span === "number" && Number.isFinite(span) && span >= 0) return span;
  if (typeof span !== "string") throw new JOSEInvalidArgument(`${what} must be a non-negative number of seconds or ${GRAMMAR}`);
  const seconds = spanOf(span, what);
  if (seconds < 0) throw new JOSEInvalidArgument(`${what} is a duration: it cannot be negative ("${span}")`);
  return seconds;
}
