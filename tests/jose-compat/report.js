// Runs the side-by-side suite on every build and prints, as Markdown for docs/jose-compat.md, the
// counts per area (agree / documented / documented-mismatch / disagree) and today's failing
// scenarios by cause, with both outcomes:  node tests/jose-compat/report.js
import { BUILDS, joseApiOf, sourceOf } from "./adapter.js";
import { PASSING, summary } from "./harness.js";
import { BY_CAUSE, CAUSES } from "./known-failures.js";
import { SCENARIOS, areaOf } from "./scenarios/index.js";
import { judge, problemWith } from "./suite.js";

const VERDICTS = ["agree", "documented", "documented-mismatch", "disagree"];
const AREAS = [...new Set(SCENARIOS.map(areaOf))];
const cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 240);

const judgedByBuild = new Map();
for (const build of BUILDS) {
  const lib = await joseApiOf(build);
  const judged = [];
  for (const scenario of SCENARIOS) judged.push({ scenario, ...(await judge(scenario, lib)) });
  judgedByBuild.set(build, judged);
}

const lines = [];
for (const [build, judged] of judgedByBuild) {
  lines.push(`#### ${build.name} (${sourceOf(build)})`, "", `| area | scenarios | ${VERDICTS.join(" | ")} |`, `|---|---:|${VERDICTS.map(() => "---:").join("|")}|`);
  for (const area of [...AREAS, null]) {
    const inArea = judged.filter(({ scenario }) => area === null || areaOf(scenario) === area);
    const counts = VERDICTS.map((verdict) => inArea.filter((result) => result.verdict === verdict).length);
    lines.push(`| ${area ?? "**total**"} | ${inArea.length} | ${counts.join(" | ")} |`);
  }
  lines.push("");
}

// Each failing scenario once (with its builds when not all), by the cause the list gives it.
const failing = new Map();
for (const [build, judged] of judgedByBuild) {
  for (const result of judged) {
    if (PASSING.has(result.verdict)) continue;
    const row = failing.get(result.scenario.id) ?? { ...result, builds: [] };
    row.builds.push(build.name);
    failing.set(result.scenario.id, row);
  }
}
lines.push(`#### Failing scenarios by cause (${failing.size})`);
for (const [cause, ids] of Object.entries(BY_CAUSE)) {
  const rows = ids.map((id) => failing.get(id)).filter(Boolean);
  if (rows.length === 0) continue;
  lines.push("", `**${cause}** (${rows.length}): ${CAUSES[cause]}`, "", "| scenario | jose | edgejwt |", "|---|---|---|");
  for (const { scenario, jose, edgejwt, builds } of rows) {
    const where = builds.length === BUILDS.length ? "" : ` (${builds.join(", ")} only)`;
    lines.push(`| \`${scenario.id}\`${where} | ${cell(summary(jose))} | ${cell(summary(edgejwt))} |`);
  }
}

// What fails the suite: disagreements off the list, listed scenarios that now pass.
const problems = [...judgedByBuild.values()].flatMap((judged) => judged.map((result) => problemWith(result.scenario.id, result))).filter(Boolean);
if (problems.length) lines.push("", "#### The suite fails on", "", ...problems.map((problem) => `- ${cell(problem)}`));
console.log(lines.join("\n"));
