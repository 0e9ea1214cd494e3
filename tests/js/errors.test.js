// Every error the library throws is a JOSEError with a stable code (issue 13, item 5): read from
// the source, no module of js/ makes a plain Error, TypeError, RangeError or SyntaxError; and the
// errors that were plain before carry their code now.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { JOSEError } from "../../js/errors.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";

const JS = fileURLToPath(new URL("../../js/", import.meta.url));
const PLAIN = /\bnew (Error|TypeError|RangeError|SyntaxError|ReferenceError|URIError|AggregateError)\(|\bextends (Error|TypeError|RangeError)\b/g;
// The exceptions: JOSEError and JOSEInvalidArgument themselves, and the WASI shim's exit, thrown
// inside the instance and caught by Core.invoke, which fails the call with WasmTrap.
const ALLOWED = new Set(["errors.js: extends Error", "errors.js: extends TypeError", "engines/wasi-shim.js: extends Error"]);

describe("errors", () => {
  it("no module makes a plain error", () => {
    const found = [];
    for (const file of readdirSync(JS, { recursive: true }).filter((name) => name.endsWith(".js"))) {
      for (const [match] of readFileSync(join(JS, file), "utf8").matchAll(PLAIN)) {
        const where = `${file}: ${match.replace(/\($/, "")}`;
        if (!ALLOWED.has(where)) found.push(where);
      }
    }
    assert.deepEqual(found, []);
  });

  it("the verified-token cache's options: ERR_INVALID_ARGUMENT, naming the option", () => {
    for (const [options, option] of [[{ maxEntries: 0 }, "maxEntries"], [{ maxTtl: -1 }, "maxTtl"], [{ maxBytes: 1.5 }, "maxBytes"]]) {
      assert.throws(() => new VerifiedTokenCache(options), (error) =>
        error instanceof JOSEError && error instanceof TypeError && error.code === "ERR_INVALID_ARGUMENT" &&
        error.message.startsWith(option));
    }
  });

});
