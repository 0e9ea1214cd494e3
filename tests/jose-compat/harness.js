// The side-by-side harness: a scenario runs once against jose and once against edgejwt's jose API
// (adapter.js); each run's outcome is normalised (the value it returned, or the failure as jose's
// error class and code), and the two are compared into a verdict:
//   agree                the outcomes are the same
//   documented           they differ where the strictness table says edgejwt is stricter, and
//                        edgejwt failed as the table's entry says (class, code, error.reason); or,
//                        for an entry that `accepts`, edgejwt succeeded where jose failed as the
//                        entry's errors say
//   documented-mismatch  the scenario names an entry, but edgejwt's failure is not the entry's
//   disagree             any other difference
import { readFileSync } from "node:fs";
import { errors as joseErrors } from "jose";

export const STRICTNESS = JSON.parse(readFileSync(new URL("./strictness.json", import.meta.url), "utf8"));
const ENTRIES = new Map(STRICTNESS.entries.map((entry) => [entry.id, entry]));

// The classes a jose program can tell apart: jose's errors, and TypeError for bad arguments.
const JOSE_CLASSES = new Set([...Object.keys(joseErrors), "TypeError"]);
const CLAIM_CLASSES = new Set(["JWTClaimValidationFailed", "JWTExpired"]);

// The nearest class on `error`'s prototype chain that a jose program can name (edgejwt may
// subclass jose's classes, TypeError included), or undefined.
function joseClassOf(error) {
  for (let prototype = Object.getPrototypeOf(Object(error)); prototype; prototype = Object.getPrototypeOf(prototype)) {
    const name = prototype.constructor?.name;
    if (JOSE_CLASSES.has(name)) return name;
  }
  return undefined;
}

// A failure as a jose program sees it: the class, the code (TypeErrors have none in jose, so none
// is compared), and for claim failures jose's `claim` and `reason`. A class outside jose's is
// named as it is, to show in reports what it should have been.
export function describeError(error) {
  const joseClass = joseClassOf(error);
  if (!joseClass) return { error: `${error?.constructor?.name ?? typeof error} (not a jose class)` };
  const described = { error: joseClass };
  if (joseClass !== "TypeError") described.code = error.code;
  if (CLAIM_CLASSES.has(joseClass)) Object.assign(described, { claim: error.claim, reason: error.reason });
  return described;
}

// Values as comparable data: object members sorted, bytes as { $bytes: base64url }. Anything that
// is not data (a key object, a function) is a scenario's mistake: it must project its result.
export function canonical(value) {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64url") };
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol") throw new Error(`a scenario returned a ${typeof value}`);
    return value === undefined ? { $undefined: true } : value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new Error(`a scenario returned a ${value.constructor?.name ?? "non-plain object"}: project it to data`);
  }
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
}

// One run of `scenario` against `lib` (jose's namespace, or edgejwt's jose API): { ok, value } or
// { ok: false, failure, reason } where reason is edgejwt's error.reason (for the table). The run's
// context collects what to undo when it ends (the endpoints it started).
export async function outcomeOf(scenario, lib) {
  const context = { cleanups: [] };
  try {
    return { ok: true, value: canonical(await scenario.run(lib, context)) };
  } catch (error) {
    return { ok: false, failure: describeError(error), reason: error?.reason, message: String(error?.message ?? error) };
  } finally {
    for (const cleanup of context.cleanups.reverse()) await cleanup();
  }
}

// jose's failures that are not jose's (a runtime's DOMException passed through, say) say only that
// the call fails: any failure of edgejwt's agrees with them.
const unspecified = (outcome) => !outcome.ok && outcome.failure.error.endsWith("(not a jose class)");

export function sameOutcome(jose, edgejwt) {
  if (jose.ok !== edgejwt.ok) return false;
  if (!jose.ok && unspecified(jose)) return true;
  return JSON.stringify(jose.ok ? jose.value : jose.failure) === JSON.stringify(edgejwt.ok ? edgejwt.value : edgejwt.failure);
}

// Whether edgejwt's outcome is the failure `entry` promises.
function failsAsEntry(entry, edgejwt) {
  if (edgejwt.ok || edgejwt.reason !== entry.reason) return false;
  const { error, code } = edgejwt.failure;
  return entry.errors.some((expected) => expected.class === error && (expected.class === "TypeError" || expected.code === code));
}

// Whether jose's outcome is the failure an entry that `accepts` names, while edgejwt succeeded.
function acceptedAsEntry(entry, jose, edgejwt) {
  if (!edgejwt.ok || jose.ok) return false;
  const { error, code } = jose.failure;
  return entry.errors.some((expected) => expected.class === error && expected.code === code);
}

export function verdictOf(scenario, jose, edgejwt) {
  if (sameOutcome(jose, edgejwt)) return "agree";
  if (!scenario.strict) return "disagree";
  const entry = ENTRIES.get(scenario.strict);
  const asEntry = entry.accepts ? acceptedAsEntry(entry, jose, edgejwt) : failsAsEntry(entry, edgejwt);
  return asEntry ? "documented" : "documented-mismatch";
}

export const PASSING = new Set(["agree", "documented"]);

// An outcome in one line, for reports and assertion messages.
export function summary(outcome) {
  if (outcome.ok) return `ok ${JSON.stringify(outcome.value)}`;
  const { error, code, claim, reason } = outcome.failure;
  const parts = [error, code, claim && `claim=${claim}`, reason && `reason=${reason}`].filter(Boolean);
  if (!CLAIM_CLASSES.has(error) && outcome.reason !== undefined) parts.push(`error.reason=${outcome.reason}`);
  return `throws ${parts.join(" ")}`;
}
