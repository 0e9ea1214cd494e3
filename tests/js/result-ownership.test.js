// Results the caller owns, in each Wasm build (issue 13, item 1; natively: result_ownership_test):
// every call the API makes is run into one result and every other call into another, and the first
// result, its fields and the bytes they point at, must be exactly as the first call left them; a
// verification begun, then every call, then finished reports what it reports alone.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, coreFor } from "../support/builds.js";
import { KeyFormat, ExportFormat, PayloadKind, RESULT_SIZE } from "../../js/abi.js";

const NOW = 1_800_000_000;
const POINTERS = [0, 8, 16, 24, 40, 48]; // header, payload, output, detail, signing_input, signature

for (const build of builds) {
  describe(`results the caller owns on ${build.name}`, () => {
    let core;
    let fixture;
    before(async () => {
      core = await coreFor(build);
      const call = (name, ...args) => core.call(name, ...args);
      const hmac = call("edgejwt_key_import", KeyFormat.secret, new Uint8Array(32).fill(7), "").handle;
      const es = call("edgejwt_key_generate", "ES256", 0).handle;
      const jwk = call("edgejwt_key_export", es, ExportFormat.jwkPublic).output;
      const set = call("edgejwt_key_import_jwks", `{"keys":[${jwk.slice(0, -1)},"kid":"k1"}]}`).handle;
      const policy = call("edgejwt_policy_create", '{"algorithms":["HS256","ES256"]}').handle;
      const hs = call("edgejwt_sign", hmac, 0, '{"alg":"HS256"}', `{"sub":"a","exp":${NOW + 60}}`).output;
      const esToken = call("edgejwt_sign", es, 0, '{"alg":"ES256","kid":"k1"}', '{"sub":"b"}').output;
      const expired = call("edgejwt_sign", hmac, 0, '{"alg":"HS256"}', '{"exp":1000}').output;
      fixture = { hmac, es, jwk, set, policy, hs, esToken, expired };
    });

    // The call `name` with `args`, writing into `result` instead of the Core's own.
    function into(result, name, ...args) {
      const argv = core.marshal(name, core.signatureOf(name), args);
      argv[1] = result;
      return core.invoke(name, argv);
    }

    // What `result` holds: its 72 bytes and the bytes each of its pointers points at.
    function snapshot(result) {
      const memory = new Uint8Array(core.memory.buffer);
      const data = new DataView(core.memory.buffer);
      const pointed = POINTERS.map((at) => {
        const pointer = data.getUint32(result + at, true);
        return Buffer.from(memory.subarray(pointer, pointer + data.getUint32(result + at + 4, true))).toString("hex");
      });
      return { fields: Buffer.from(memory.subarray(result, result + RESULT_SIZE)).toString("hex"), pointed };
    }

    // Every call the API makes, succeeding and failing; a scratch result makes what a call consumes.
    function calls(scratch) {
      const f = fixture;
      const begun = (token) => (into(scratch, "edgejwt_verify_begin", f.hmac, f.policy, token), core.span(scratch + 32)[0]);
      return {
        "key_import": (r) => into(r, "edgejwt_key_import", KeyFormat.jwk, f.jwk, "ES256"),
        "key_import refused": (r) => into(r, "edgejwt_key_import", KeyFormat.secret, new Uint8Array(31), ""),
        "key_import_jwks": (r) => into(r, "edgejwt_key_import_jwks", `{"keys":[${f.jwk}]}`),
        "key_generate": (r) => into(r, "edgejwt_key_generate", "HS256", 0),
        "key_public": (r) => into(r, "edgejwt_key_public", f.es),
        "key_export": (r) => into(r, "edgejwt_key_export", f.es, ExportFormat.pkcs8Pem),
        "key_thumbprint": (r) => into(r, "edgejwt_key_thumbprint", f.es, 256),
        "key_describe": (r) => into(r, "edgejwt_key_describe", f.set),
        "algorithms": (r) => into(r, "edgejwt_algorithms"),
        "key_release": (r) => into(r, "edgejwt_key_release", (into(scratch, "edgejwt_key_import", KeyFormat.jwk, f.jwk, ""),
          core.span(scratch + 32)[0])),
        "policy_create refused": (r) => into(r, "edgejwt_policy_create", '{"x":1}'),
        "sign": (r) => into(r, "edgejwt_sign", f.hmac, 0, '{"alg":"HS256"}', "{}"),
        "compact_sign": (r) => into(r, "edgejwt_compact_sign", f.es, 0, '{"alg":"ES256"}', new Uint8Array([1, 2])),
        "verify": (r) => into(r, "edgejwt_verify", f.hmac, f.policy, f.hs, NOW),
        "verify with a set": (r) => into(r, "edgejwt_verify", f.set, f.policy, f.esToken, NOW),
        "verify refused": (r) => into(r, "edgejwt_verify", f.hmac, f.policy, f.expired, NOW),
        "compact_verify": (r) => into(r, "edgejwt_compact_verify", f.es, 0, f.esToken),
        "verify_begin": (r) => into(r, "edgejwt_verify_begin", f.set, f.policy, f.esToken),
        "key_select": (r) => into(r, "edgejwt_key_select", f.set, '{"alg":"ES256","kid":"k1"}'),
        "verify_finish": (r) => into(r, "edgejwt_verify_finish", begun(f.hs), PayloadKind.jwt, true, NOW),
        "verify_finish refused": (r) => into(r, "edgejwt_verify_finish", begun(f.expired), PayloadKind.jwt, true, NOW),
        "verification_release": (r) => into(r, "edgejwt_verification_release", begun(f.hs)),
        "decode": (r) => into(r, "edgejwt_decode", 0, f.esToken),
        "decode refused": (r) => into(r, "edgejwt_decode", 0, "e30.W10."),
        "decode_header": (r) => into(r, "edgejwt_decode_header", 0, f.hs),
        "decode_payload": (r) => into(r, "edgejwt_decode_payload", 0, f.esToken),
      };
    }

    it("no call changes a result another call returned", () => {
      const [first, second, scratch] = [0, 1, 2].map(() => core.abi.edgejwt_result_new());
      const every = Object.entries(calls(scratch));
      for (const [name, run] of every) {
        for (const [otherName, other] of every) {
          run(first);
          const before = snapshot(first);
          other(second);
          assert.deepEqual(snapshot(first), before, `${name}, then ${otherName}`);
        }
      }
    });

    it("no call between begin and finish changes what finish reports", () => {
      const [begun, finished, other, scratch] = [0, 1, 2, 3].map(() => core.abi.edgejwt_result_new());
      const verification = () => new DataView(core.memory.buffer).getUint32(begun + 32, true);
      assert.equal(into(begun, "edgejwt_verify_begin", fixture.set, fixture.policy, fixture.esToken), 0);
      assert.equal(into(finished, "edgejwt_verify_finish", verification(), PayloadKind.jwt, true, NOW), 0);
      const alone = snapshot(finished).pointed;
      for (const [name, run] of Object.entries(calls(scratch))) {
        assert.equal(into(begun, "edgejwt_verify_begin", fixture.set, fixture.policy, fixture.esToken), 0);
        const atBegin = snapshot(begun);
        run(other);
        assert.deepEqual(snapshot(begun), atBegin, name);
        assert.equal(into(finished, "edgejwt_verify_finish", verification(), PayloadKind.jwt, true, NOW), 0, name);
        assert.deepEqual(snapshot(finished).pointed, alone, name);
      }
    });
  });
}
