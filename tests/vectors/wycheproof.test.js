// Wycheproof signature vectors through each Wasm build (the native suite checks the same files
// against the native build). Every test of an applicable group must come out as its `result`
// says. "acceptable" appears only as MissingNull in the RSA PKCS#1 files: a DigestInfo without
// the NULL parameters. edgejwt re-encodes the one DigestInfo RFC 8017 §9.2 defines and compares it
// whole, so it rejects them, as JWS needs no leniency there.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, coreFor } from "../support/builds.js";
import { loadVectors } from "../support/vectors.js";
import { WYCHEPROOF_FILES, algorithmOf, importGroupKey } from "../support/wycheproof.js";

for (const build of builds) {
  describe(`Wycheproof on ${build.name}`, () => {
    let core;
    before(async () => { core = await coreFor(build); });

    function checks(key, alg, test) {
      return core.status("edgejwt_check_signature", key, alg, Buffer.from(test.msg, "hex"), Buffer.from(test.sig, "hex")) === 0;
    }

    for (const [file, minimum] of WYCHEPROOF_FILES) {
      const { data, skip } = loadVectors(`wycheproof/${file}`);
      it(file, { skip }, () => {
        let checked = 0;
        for (const group of data.testGroups) {
          const alg = algorithmOf(file, group);
          if (!alg) continue;
          const key = importGroupKey(core, group, alg);
          for (const test of group.tests) {
            const expected = test.result === "valid";
            const actual = key !== 0 && checks(key, alg, test);
            assert.equal(actual, expected, `tcId ${test.tcId} (${test.result}, ${test.flags.join(",")}): ${test.comment}`);
            checked++;
          }
          if (key) core.call("edgejwt_key_release", key);
        }
        assert.ok(checked >= minimum, `only ${checked} vectors applied`);
      });
    }
  });
}
