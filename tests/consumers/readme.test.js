// The README's "Use it with…" snippets are what the consumer matrix runs: every line of every code
// block there is a line of an app or of the harness under tests/consumers/ (compared trimmed).
import { it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const README = fileURLToPath(new URL("../../README.md", import.meta.url));

it('every line of the README\'s "Use it with…" snippets is run by the matrix', () => {
  const readme = readFileSync(README, "utf8");
  const section = /^## Use it with…\n([\s\S]*?)^## /m.exec(readme)?.[1];
  assert.ok(section, 'README.md has a "## Use it with…" section');
  const blocks = [...section.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  assert.ok(blocks.length >= 8, `${blocks.length} snippets`);

  const matrixLines = new Set(readdirSync(HERE, { recursive: true })
    .filter((file) => /\.(js|mjs|cjs|ts|html|sh|json)$/.test(file))
    .flatMap((file) => readFileSync(join(HERE, file), "utf8").split("\n").map((line) => line.trim())));
  const unrun = blocks.flatMap((block) => block.split("\n").map((line) => line.trim()))
    .filter((line) => line && !matrixLines.has(line));
  assert.deepEqual(unrun, []);
});
