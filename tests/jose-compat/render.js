// The strictness table (strictness.json) as the Markdown table README.md and docs/jose-compat.md
// print under "Where edgejwt is stricter than jose, and why":  node tests/jose-compat/render.js
// The error column gives jose's class and code with edgejwt's reason, and the core's status names
// for the rule (error.status, docs/errors.md) where they are not jose's code; for a rule under which
// edgejwt accepts what jose refuses, jose's error.
import { fileURLToPath } from "node:url";

import { STRICTNESS } from "./harness.js";

export const STRICTNESS_HEADING = "Where edgejwt is stricter than jose, and why";
// What README.md writes above the table it prints from here (lists.test.js and the differential
// fuzz check that the table under it is this one).
export const RENDERED_MARK = "<!-- node tests/jose-compat/render.js -->";

const escape = (text) => text.replace(/\|/g, "\\|");
const errorOf = ({ class: name, code }) => (code ? `${name} (\`${code}\`)` : name);

function errorsOf(entry) {
  if (entry.accepts) return `none: verifies (jose: ${entry.errors.map(errorOf).join(", ")})`;
  const joseCodes = new Set(entry.errors.map(({ code }) => code));
  const statuses = entry.codes.filter((code) => !joseCodes.has(code));
  const statusText = statuses.length ? `; \`status\` ${statuses.map((code) => `\`${code}\``).join(", ")}` : "";
  return `${entry.errors.map(errorOf).join(", ")}; \`reason: "${entry.reason}"\`${statusText}`;
}

export function strictnessTable() {
  const rows = STRICTNESS.entries.map((entry) => `| ${escape(entry.rule)} | ${escape(entry.jose)} | ${escape(entry.why)} | ${errorsOf(entry)} |`);
  return ["| edgejwt | jose | why | error |", "|---|---|---|---|", ...rows].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(strictnessTable());
