// The acceptance: a jose program (example/program.js) runs unchanged against edgejwt's jose
// entry. It runs as it is (jose), then once per build with its "jose" import resolved to that
// build's entry (example/swap-jose.js); each run must print what the jose run printed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

import { BUILDS } from "./adapter.js";
import { KNOWN_FAILURES } from "./known-failures.js";

const PROGRAM = fileURLToPath(new URL("./example/program.js", import.meta.url));
const SWAP = fileURLToPath(new URL("./example/swap-jose.js", import.meta.url));

// { code, stdout, stderr } of the program, with "jose" swapped for `entry` when given.
function runProgram(entry) {
  const args = entry === undefined ? [PROGRAM] : ["--import", SWAP, PROGRAM];
  const env = { ...process.env, EDGEJWT_JOSE_ENTRY: entry ?? "" };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr });
    });
  });
}

describe("a jose example program, unchanged, on jose and on edgejwt/jose", () => {
  let withJose;

  it("runs on jose", async () => {
    withJose = await runProgram();
    assert.equal(withJose.code, 0, withJose.stderr);
    const summary = JSON.parse(withJose.stdout);
    assert.equal(summary.verified.claims.sub, "user-1");
    assert.equal(summary.refused.expired.code, "ERR_JWT_EXPIRED");
  });

  it("the swap is live: with \"jose\" resolved to a module that does not exist, the program cannot start", async () => {
    const run = await runProgram("./no-such-jose-entry.js");
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /no-such-jose-entry/);
  });

  for (const build of BUILDS) {
    const id = `example/${build.name}`;
    it(`runs on ${build.joseEntry} (${build.name}) and prints what it printed on jose`, async (t) => {
      const run = await runProgram(build.joseEntry);
      const same = run.code === 0 && withJose !== undefined && run.stdout === withJose.stdout;
      if (Object.hasOwn(KNOWN_FAILURES, id)) {
        assert.ok(!same, `${id} now runs as on jose: remove it from tests/jose-compat/known-failures.js`);
        t.diagnostic(`known failure: ${KNOWN_FAILURES[id]}`);
        return;
      }
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), JSON.parse(withJose.stdout));
    });
  }
});
