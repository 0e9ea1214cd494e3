// One structured JSON line per denial (`denialLog: { maxPerSecond, write } | false`; on by
// default, 10 lines a second, written with console.log): what was refused and why — time, status,
// code, rule, provider, the token's kid, method, normalised path (never the query) and client —
// and, from a token that verified (a 403, a revocation), its sub and jti; never the token, nor
// any other claim. Sampled under load: at most maxPerSecond lines in each wall-clock second; the
// rest are counted (edgejwt_denial_logs_suppressed_total) and the next line written says how many
// were left out before it ("suppressed"). An entry is only put together when it will be written.
import { JOSEInvalidArgument } from "../errors.js";
import { unknownKeys } from "./options.js";

const MAX_FIELD = 128; // kid, sub, jti and client are the client's text: bounded

export class DenialLog {
  constructor(option = {}, { onSuppressed, now = Date.now } = {}) {
    this.off = option === false;
    if (this.off) return;
    if (typeof option !== "object" || option === null) throw new JOSEInvalidArgument("denialLog must be false or { maxPerSecond, write }");
    unknownKeys(option, ["maxPerSecond", "write"], "denialLog");
    const { maxPerSecond = 10, write = (entry) => console.log(JSON.stringify(entry)) } = option;
    if (!Number.isSafeInteger(maxPerSecond) || maxPerSecond < 1) throw new JOSEInvalidArgument("denialLog.maxPerSecond must be a positive whole number");
    if (typeof write !== "function") throw new JOSEInvalidArgument("denialLog.write must be a function");
    Object.assign(this, { maxPerSecond, write, onSuppressed, now, second: -1, written: 0, suppressed: 0 });
  }

  // Writes the entry `build()` makes, unless this second's lines are spent.
  record(build) {
    if (this.off) return;
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.written = 0;
    }
    if (this.written >= this.maxPerSecond) {
      this.suppressed++;
      this.onSuppressed?.();
      return;
    }
    this.written++;
    const entry = { time: new Date(this.now()).toISOString(), event: "edgejwt.denied", ...compact(build()) };
    if (this.suppressed) {
      entry.suppressed = this.suppressed;
      this.suppressed = 0;
    }
    try {
      this.write(entry);
    } catch {
      // A log that fails must not change the answer.
    }
  }
}

// Undefined and null fields dropped, text fields bounded.
function compact(entry) {
  const out = {};
  for (const [name, value] of Object.entries(entry)) {
    if (value === undefined || value === null || value === "") continue;
    out[name] = typeof value === "string" && value.length > MAX_FIELD ? `${value.slice(0, MAX_FIELD)}…` : value;
  }
  return out;
}
