// The strictness table (strictness.json) as the Markdown table README.md and docs/jose-compat.md
// print under "Where edgejwt is stricter than jose, and why":  node tests/jose-compat/render.js
import { fileURLToPath } from "node:url";

import { STRICTNESS } from "./harness.js";

export const STRICTNESS_HEADING = "Where edgejwt is stricter than jose, and why";

const escape = (text) => text.replace(/\|/g, "\\|");
const errorOf = ({ class: name, code }) => (code ? `${name} (\`${code}\`)` : name);

export function strictnessTable() {
  const rows = STRICTNESS.entries.map((entry) =>
    `| ${escape(entry.rule)} | ${escape(entry.jose)} | ${escape(entry.why)} | ${entry.errors.map(errorOf).join(", ")}; \`reason: "${entry.reason}"\` |`);
  return ["| edgejwt | jose | why | error |", "|---|---|---|---|", ...rows].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(strictnessTable());
