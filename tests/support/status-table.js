// docs/errors.md's status table, made from js/core/status-errors.js (the one table):
// `node tests/support/status-table.js` prints it; tests/js/error-reasons.test.js checks the doc.
import { STATUS_ERRORS } from "../../js/core/status-errors.js";

export const TABLE_START = "<!-- the status table: tests/js/error-reasons.test.js -->";

// The table as docs/errors.md shows it: one row per core status, a refinement per detail.
export function renderStatusTable() {
  const rows = ["| core status (`error.status`) | jose class | `error.code` | `error.reason` |", "|---|---|---|---|"];
  for (const [status, { error, reason, byDetail = {} }] of Object.entries(STATUS_ERRORS)) {
    const className = (Class) => (Class.prototype instanceof TypeError ? `TypeError (${Class.name})` : Class.name);
    const refinements = Object.entries(byDetail).map(([detail, refined]) =>
      `; detail \`${detail}\`: ${refined.error ? `${className(refined.error)}, ` : ""}\`${refined.reason ?? reason}\``);
    const why = reason === undefined ? "jose's `claim` and `reason`" : `\`${reason}\`${refinements.join("")}`;
    rows.push(`| \`${status}\` | ${className(error)} | \`${error.code}\` | ${why} |`);
  }
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(renderStatusTable());
