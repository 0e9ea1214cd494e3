// Checks the gateway's configuration modules share: a misspelt option is an error, not a default.
import { JOSEInvalidArgument } from "../errors.js";

export function unknownKeys(object, known, where) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new JOSEInvalidArgument(`${where}: unknown option "${key}"`);
  }
}

// true or false; undefined is `fallback`.
export function booleanOf(value, where, fallback = false) {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new JOSEInvalidArgument(`${where} must be true or false`);
  return value;
}
