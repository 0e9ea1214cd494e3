// The side-by-side suite (issue 14, item 6): every scenario of scenarios/ run against jose and
// against edgejwt's jose API on each build. A scenario passes when the two agree, or differ as the
// strictness table documents; today's other differences are listed in known-failures.js, and a
// listed scenario that starts to agree fails until it is taken off the list.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { BUILDS, joseApiOf, sourceOf } from "./adapter.js";
import { SCENARIOS } from "./scenarios/index.js";
import { judge, problemWith } from "./suite.js";
import { KNOWN_FAILURES } from "./known-failures.js";

for (const build of BUILDS) {
  describe(`jose compatibility on ${build.name} (${sourceOf(build)})`, () => {
    let lib;
    before(async () => { lib = await joseApiOf(build); });

    for (const scenario of SCENARIOS) {
      it(`${scenario.id}: ${scenario.title}`, { timeout: 60_000 }, async (t) => {
        const judged = await judge(scenario, lib);
        const problem = problemWith(scenario.id, judged);
        if (problem) assert.fail(problem);
        if (judged.verdict !== "agree") t.diagnostic(KNOWN_FAILURES[scenario.id] ?? `documented: ${scenario.strict}`);
      });
    }
  });
}
