// What the tests and the report share: each scenario judged on one build against jose (jose's own
// outcome computed once per process), and what a verdict means given the known-failures list.
import * as jose from "jose";

import { PASSING, outcomeOf, summary, verdictOf } from "./harness.js";
import { KNOWN_FAILURES } from "./known-failures.js";

const joseOutcomes = new Map();

// { verdict, jose, edgejwt }: `scenario` run against jose and against `lib`, compared.
export async function judge(scenario, lib) {
  if (!joseOutcomes.has(scenario.id)) joseOutcomes.set(scenario.id, outcomeOf(scenario, jose));
  const joseOutcome = await joseOutcomes.get(scenario.id);
  const edgejwt = await outcomeOf(scenario, lib);
  return { verdict: verdictOf(scenario, joseOutcome, edgejwt), jose: joseOutcome, edgejwt };
}

// Why a judged scenario fails the suite, or null when it passes: a disagreement not on the
// known-failures list, or a listed one that no longer disagrees (the list only shrinks).
export function problemWith(id, { verdict, jose: joseOutcome, edgejwt }, knownFailures = KNOWN_FAILURES) {
  const listed = Object.hasOwn(knownFailures, id);
  if (PASSING.has(verdict)) return listed ? `${id} is now "${verdict}": remove it from tests/jose-compat/known-failures.js` : null;
  if (listed) return null;
  return `${id}: ${verdict}\n  jose:    ${summary(joseOutcome)}\n  edgejwt: ${summary(edgejwt)}`;
}
