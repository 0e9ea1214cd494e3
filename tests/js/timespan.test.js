// jose's timespan grammar (js/timespan.js) against jose itself: every span jose's
// setExpirationTime takes, edgejwt's spanOf reads to the same signed seconds, and every span jose
// refuses, spanOf refuses (with a TypeError, as jose). secondsOf, the durations' reading, takes the
// same grammar and refuses what comes out negative, as jose does for maxTokenAge and clockTolerance.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { secondsOf, spanOf } from "../../js/timespan.js";

const SECRET = new Uint8Array(32).fill(1);
const epoch = () => Math.floor(Date.now() / 1000);

// The signed seconds jose's setExpirationTime(span) puts after now, or "TypeError". The span is read
// against Date.now(), so a reading is kept only when no second boundary passed during it.
async function joseSpan(span) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = epoch();
    let exp;
    try {
      exp = jose.decodeJwt(await new jose.SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime(span).sign(SECRET)).exp;
    } catch (error) {
      return error instanceof TypeError ? "TypeError" : `${error.name}`;
    }
    if (epoch() === before) return exp - before;
  }
  throw new Error("the clock kept crossing a second boundary");
}

const ours = (span) => {
  try {
    return spanOf(span, "span");
  } catch (error) {
    return error instanceof TypeError ? "TypeError" : `${error.name}`;
  }
};

const UNITS = ["s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
  "hours", "d", "day", "days", "w", "week", "weeks", "y", "yr", "yrs", "year", "years"];
const SPANS = [
  ...UNITS.flatMap((unit) => [`2${unit}`, `2 ${unit}`, `+2 ${unit}`, `-2${unit}`, `2 ${unit} ago`, `2 ${unit} from now`,
    `1.5 ${unit.toUpperCase()}`]),
  "0s", "0.5s", "1.5s", "2.5s", "0.4m", "+0s", "-0s", "10s from now", "10 SECONDS AGO", "10s From Now",
  // refused by jose
  "", " 2s", "2s ", "2  s", "2 fortnights", "s", "2", "-2s ago", "+2s from now", "2s before", "2s ago ago", ".5s", "5.s",
  "1e3s", "0x10s", "2s from  now", "−2s", "2 s ago", `${"9".repeat(400)}s`, "Infinity s", "NaN s",
];

describe("jose's timespan grammar (js/timespan.js)", () => {
  it("reads every span as jose's setExpirationTime does, and refuses what it refuses", async () => {
    const differences = [];
    for (const span of SPANS) {
      const expected = await joseSpan(span);
      if (ours(span) !== expected) differences.push(`${JSON.stringify(span)}: jose ${expected}, edgejwt ${ours(span)}`);
    }
    assert.deepEqual(differences, []);
  });

  it("refuses what is not a string, as a TypeError", () => {
    for (const value of [2, null, undefined, {}, ["2s"], new String("2s")]) {
      assert.throws(() => spanOf(value, "span"), TypeError, String(value));
    }
  });

  it("secondsOf: durations are numbers or spans that are not negative, as jose's maxTokenAge and clockTolerance", async () => {
    assert.equal(secondsOf(1.5, "d"), 1.5); // a number is taken as it is
    assert.equal(secondsOf("+30s", "d"), 30);
    assert.equal(secondsOf("30 seconds from now", "d"), 30);
    assert.equal(secondsOf("1.5s", "d"), 2);
    for (const value of [-1, Number.NaN, Infinity, "-1h", "2 hours ago", "2 fortnights", `${"9".repeat(400)}s`, null]) {
      assert.throws(() => secondsOf(value, "maxTokenAge"), TypeError, String(value));
    }
    // jose refuses the same durations in jwtVerify.
    const token = await new jose.SignJWT({}).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(SECRET);
    for (const maxTokenAge of ["-1h", "2 hours ago"]) {
      await assert.rejects(jose.jwtVerify(token, SECRET, { maxTokenAge }), TypeError, maxTokenAge);
    }
    await assert.rejects(jose.jwtVerify(token, SECRET, { clockTolerance: "2 hours ago" }), TypeError);
  });
});
