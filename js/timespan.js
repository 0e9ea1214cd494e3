// Time spans as jose writes them: a number of seconds, or a string such as "30s", "15m", "2h", "7d".
import { JOSEInvalidArgument } from "./errors.js";

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 };
const UNIT = {
  sec: "s", secs: "s", second: "s", seconds: "s", s: "s",
  min: "m", mins: "m", minute: "m", minutes: "m", m: "m",
  hr: "h", hrs: "h", hour: "h", hours: "h", h: "h",
  day: "d", days: "d", d: "d",
  week: "w", weeks: "w", w: "w",
  year: "y", years: "y", yr: "y", yrs: "y", y: "y",
};
const PATTERN = /^(\d+|\d+\.\d+) ?([a-z]+)$/i;

// Seconds in `span`; `what` names the option in the error for a malformed one.
export function secondsOf(span, what) {
  if (typeof span === "number" && Number.isFinite(span) && span >= 0) return span;
  const match = typeof span === "string" ? PATTERN.exec(span) : null;
  const unit = match && UNIT[match[2].toLowerCase()];
  if (!unit) throw new JOSEInvalidArgument(`${what} must be a non-negative number of seconds or a time span like "30s"`);
  return Number(match[1]) * SECONDS_PER_UNIT[unit];
}
