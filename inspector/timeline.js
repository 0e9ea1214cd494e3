// The claims timeline: iat, nbf and exp as local time, UTC and time relative to now, the token's
// lifetime and whether it is valid now. Pure functions of the claims and the time (seconds), so
// the page can redraw them every second and Node can test them against any clock.

const CLAIMS = [
  { claim: "iat", label: "Issued at" },
  { claim: "nbf", label: "Not before" },
  { claim: "exp", label: "Expires" },
];

// What the timeline shows for `payload` at `now`: one row per time claim present, the lifetime,
// the state ("valid", "expired", "not-yet-valid", "no-expiry") and how far through its life it is.
export function timeline(payload, now) {
  const rows = CLAIMS.filter(({ claim }) => payload[claim] !== undefined).map(({ claim, label }) => {
    const seconds = payload[claim];
    if (!isTime(seconds)) return { claim, label, invalid: `not a NumericDate: ${JSON.stringify(seconds)}` };
    return { claim, label, seconds, local: formatLocal(seconds), utc: formatUtc(seconds), relative: describe(claim, seconds, now) };
  });
  const exp = isTime(payload.exp) ? payload.exp : undefined;
  const nbf = isTime(payload.nbf) ? payload.nbf : undefined;
  const start = [payload.iat, payload.nbf].find(isTime);
  const lifetime = exp !== undefined && start !== undefined ? exp - start : undefined;
  return {
    rows,
    lifetime: lifetime === undefined ? (exp === undefined ? "no expiry" : "unknown (no iat or nbf)") : duration(lifetime),
    ...state(exp, nbf, now),
    progress: lifetime > 0 ? Math.min(1, Math.max(0, (now - start) / lifetime)) : undefined,
  };
}

function state(exp, nbf, now) {
  if (nbf !== undefined && nbf > now) return { state: "not-yet-valid", status: `Not yet valid: becomes valid in ${duration(nbf - now)}` };
  if (exp === undefined) return { state: "no-expiry", status: "Valid now, and never expires" };
  if (exp <= now) return { state: "expired", status: `Expired ${duration(now - exp)} ago` };
  return { state: "valid", status: `Valid now: expires in ${duration(exp - now)}` };
}

function describe(claim, seconds, now) {
  const future = seconds > now;
  const span = duration(Math.abs(seconds - now));
  if (Math.abs(seconds - now) < 1) return { iat: "issued just now", nbf: "valid from now", exp: "expires now" }[claim];
  if (claim === "exp") return future ? `expires in ${span}` : `expired ${span} ago`;
  if (claim === "nbf") return future ? `becomes valid in ${span}` : `valid since ${span} ago`;
  return future ? `issued ${span} in the future` : `issued ${span} ago`;
}

// A span of seconds in the two largest units that matter: "45 s", "14 min", "3 h 5 min", "2 d 4 h".
export function duration(seconds) {
  const total = Math.floor(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 && days < 7 ? `${days} d ${hours % 24} h` : `${days} d`;
}

// "2026-11-26 14:03:00 UTC"
export function formatUtc(seconds) {
  const date = new Date(Math.floor(seconds) * 1000);
  return `${ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())} ` +
    `${hms(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds())} UTC`;
}

// "2026-11-26 15:03:00 UTC+01:00" in the browser's time zone.
export function formatLocal(seconds) {
  const date = new Date(Math.floor(seconds) * 1000);
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  return `${ymd(date.getFullYear(), date.getMonth() + 1, date.getDate())} ` +
    `${hms(date.getHours(), date.getMinutes(), date.getSeconds())} UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const pad = (number) => String(number).padStart(2, "0");
const ymd = (year, month, day) => `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
const hms = (hours, minutes, seconds) => `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;

// A number JavaScript's Date can show (±8.64e12 s); the library's verify bounds it further.
function isTime(value) {
  return typeof value === "number" && Math.abs(value) <= 8.64e12;
}
