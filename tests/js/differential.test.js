// The differential suite through the Wasm builds (GUIDE.md "Crypto"; native half:
// tests/native/differential_test.cpp). RSA's public operation and P-256 verification are our own
// arithmetic, so each Wasm build is checked two ways:
//   - ours against BearSSL on the build's own objects (its flags, Wasm SIMD, its compiler): the
//     differential program tests/native/differential_main.cpp, byte for byte on s^e mod n and on
//     u1·G + u2·Q, verdict for verdict on ECDSA, random and edge values from a fixed seed;
//   - verdicts against node:crypto (OpenSSL) through the builds' C ABI, on node's own signatures,
//     their mutations, the edge values of s, r and s, and cases built with BigInt arithmetic
//     (tests/support/p256.js): x(R) ≥ n, u1·G + u2·Q at infinity, the keys G and −G.
// EDGEJWT_DIFFERENTIAL_CASES sets how many cases of each kind (scripts/differential.sh: 10^6).
import { KeyFormat } from "../../js/abi.js";
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { constants, createHash, randomBytes, sign as nodeSign, verify as nodeVerify, createPublicKey } from "node:crypto";
import { fileURLToPath } from "node:url";

import { builds, coreFor } from "../support/builds.js";
import { nodeKeyPair } from "../support/keys.js";
import * as p256 from "../support/p256.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CONFIGURED = Number(process.env.EDGEJWT_DIFFERENTIAL_CASES ?? 0);
const PROGRAM_CASES = CONFIGURED || 1500; // per kind: RSA, P-256 u1·G + u2·Q, ECDSA
const NODE_CASES = CONFIGURED || 600; // per algorithm and build

// Runs a differential program; its JSON lines, one per kind.
function runProgram(args) {
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.error) throw child.error;
  if (child.signal) throw new Error(`the differential program died with ${child.signal}: ${child.stderr}`);
  const lines = child.stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
  return { status: child.status, lines, stderr: child.stderr };
}

function expectAgreement({ status, lines, stderr }) {
  assert.deepEqual(lines.map((line) => line.kind), ["rsa", "p256", "ecdsa"], stderr);
  for (const line of lines) {
    assert.equal(line.mismatches, 0, `${line.kind}: ${line.first}`);
    assert.ok(line.cases >= PROGRAM_CASES, `${line.kind}: only ${line.cases} cases ran`);
  }
  assert.equal(status, 0, stderr);
}

describe("ours against BearSSL on each Wasm build's own objects", () => {
  it("WASI build (node:wasi)", () => {
    expectAgreement(runProgram(["--disable-warning=ExperimentalWarning", `${root}tests/support/wasi-command.js`,
      `${root}build/wasi/edgejwt-differential.wasm`, root, String(PROGRAM_CASES)]));
  });
  it("Emscripten build", () => {
    expectAgreement(runProgram([`${root}build/emscripten/edgejwt-differential.cjs`, String(PROGRAM_CASES)]));
  });
});

// node:crypto's verify for each algorithm, on the signing input and a raw signature.
const NODE = {
  RS256: (key) => ({ key }),
  PS256: (key) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }),
  ES256: (key) => ({ key, dsaEncoding: "ieee-p1363" }),
};

// Signature values at the edges of the integer range: for RSA of [0, n) (n from the key), for ECDSA
// of [1, n − 1] for r and for s (n the group order).
function edgeSignatures(alg, signature, jwk) {
  const size = signature.length;
  const bytes = (value, length = size) => Buffer.from(value.toString(16).padStart(2 * length, "0"), "hex");
  if (alg !== "ES256") {
    const n = p256.bigintOf(Buffer.from(jwk.n, "base64url"));
    return [0n, 1n, 2n, n - 2n, n - 1n, n, n + 1n, (1n << BigInt(8 * size)) - 1n].map((value) => bytes(value));
  }
  const half = size / 2;
  const r = signature.subarray(0, half), s = signature.subarray(half);
  const edges = [0n, 1n, p256.N - 1n, p256.N, p256.N + 1n, (1n << 256n) - 1n].map((value) => bytes(value, half));
  return [
    ...edges.map((edge) => Buffer.concat([edge, s])), ...edges.map((edge) => Buffer.concat([r, edge])),
    Buffer.concat([r, bytes(p256.N - p256.bigintOf(s), half)]), // (r, n − s): also valid
    Buffer.concat([s, r]),
  ];
}

// Every way one signature by node is tried: as made, one bit flipped, one byte short or long (where
// edgejwt is stricter than OpenSSL, which left-pads a short RSA signature: refused, whatever
// node:crypto says), another message, and the edge values.
function* variants(alg, message, signature, jwk) {
  yield { label: "as signed", message, signature };
  const flipped = Buffer.from(signature);
  flipped[randomBytes(2).readUInt16BE() % flipped.length] ^= 1 << (randomBytes(1)[0] % 8);
  yield { label: "one bit flipped", message, signature: flipped };
  yield { label: "one byte short", message, signature: signature.subarray(1), stricter: true };
  yield { label: "one byte long", message, signature: Buffer.concat([Buffer.alloc(1), signature]), stricter: true };
  yield { label: "another message", message: Buffer.concat([message, Buffer.from("!")]), signature };
  for (const [i, edge] of edgeSignatures(alg, signature, jwk).entries()) yield { label: `edge value ${i}`, message, signature: edge };
}

// The key's handle in `core`, imported from its JWK for `alg`.
function importKey(core, jwk, alg) {
  return core.call("edgejwt_key_import", KeyFormat.jwk, JSON.stringify(jwk), alg).handle;
}

// edgejwt's verdict on the signature primitive alone (edgejwt_check_signature).
function verifies(core, handle, alg, message, signature) {
  return core.status("edgejwt_check_signature", handle, alg, message, signature) === 0;
}

// The WASI build on node:wasi and on the shim run the same Wasm binary: node:crypto meets each
// binary once.
const BINARIES = builds.filter((build) => build.options.wasi !== "shim");

for (const build of BINARIES) {
  describe(`verdicts against node:crypto on ${build.name}`, () => {
    let core;
    before(async () => { core = await coreFor(build); });

    for (const alg of Object.keys(NODE)) {
      it(`${alg}: node's signatures, their mutations and the edge values`, (t) => {
        const { publicKey, privateKey } = nodeKeyPair(alg);
        const jwk = publicKey.export({ format: "jwk" });
        const handle = importKey(core, jwk, alg);
        let cases = 0;
        while (cases < NODE_CASES) {
          const message = randomBytes(16 + (randomBytes(1)[0] % 200));
          const signature = nodeSign("sha256", message, NODE[alg](privateKey));
          for (const c of variants(alg, message, signature, jwk)) {
            const expected = !c.stricter && nodeVerify("sha256", c.message, NODE[alg](publicKey), c.signature);
            assert.equal(verifies(core, handle, alg, c.message, c.signature), expected, `${alg} ${c.label}: ` +
              `key ${JSON.stringify(jwk)} message ${c.message.toString("hex")} signature ${c.signature.toString("hex")}`);
            cases++;
          }
        }
        core.call("edgejwt_key_release", handle);
        t.diagnostic(`${cases} cases`);
      });
    }

    // Built with BigInt arithmetic: each is checked against node:crypto, and must come out as the
    // construction says.
    it("ES256: x(R) ≥ n, u1·G + u2·Q at infinity, and the keys G and −G", () => {
      const message = Buffer.from("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkaWZmZXJlbnRpYWwifQ");
      const z = p256.mod(p256.bigintOf(createHash("sha256").update(message).digest()), p256.N);
      const cases = [];
      // R with x in [n, p): r = x − n, and Q = r⁻¹(s·R − z·G) makes (r, s) valid; r = x is out of range.
      let x = p256.N;
      let point = null;
      while (!(point = p256.pointAt(x))) x++;
      const s = 0x1234567890abcdefn;
      const q = p256.multiply(p256.inverse(x - p256.N, p256.N),
        p256.add(p256.multiply(s, point), p256.multiply(p256.N - z, p256.G)));
      cases.push({ label: "x(R) ≥ n, r = x − n", key: q, signature: [x - p256.N, s], valid: true });
      cases.push({ label: "x(R) ≥ n, r = x", key: q, signature: [x, s], valid: false });
      // Q = −(z/r)·G: u1·G + u2·Q = (z/s)·G − (z/s)·G = infinity.
      const r = 0xfedcba9876543210n;
      const infinityKey = p256.multiply(p256.mod(-z * p256.inverse(r, p256.N), p256.N), p256.G);
      cases.push({ label: "u1·G + u2·Q at infinity", key: infinityKey, signature: [r, s], valid: false });
      // Signatures by d = 1 (Q = G) and d = n − 1 (Q = −G).
      for (const [label, d] of [["Q = G", 1n], ["Q = −G", p256.N - 1n]]) {
        const key = p256.multiply(d, p256.G);
        const signature = p256.sign(d, createHash("sha256").update(message).digest(), 0xc0ffeen);
        cases.push({ label: `${label}, valid`, key, signature: [p256.bigintOf(signature.subarray(0, 32)), p256.bigintOf(signature.subarray(32))], valid: true });
        cases.push({ label: `${label}, another s`, key, signature: [p256.bigintOf(signature.subarray(0, 32)), s], valid: false });
      }
      for (const c of cases) {
        const jwk = p256.publicJwk(c.key);
        const signature = Buffer.concat(c.signature.map(p256.bytes32));
        const expected = nodeVerify("sha256", message, NODE.ES256(createPublicKey({ key: jwk, format: "jwk" })), signature);
        assert.equal(expected, c.valid, `node:crypto on ${c.label}`);
        const handle = importKey(core, jwk, "ES256");
        assert.equal(verifies(core, handle, "ES256", message, signature), c.valid, c.label);
        core.call("edgejwt_key_release", handle);
      }
    });
  });
}
