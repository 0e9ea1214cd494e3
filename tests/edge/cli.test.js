// The WASI command (edge/cli, dist/wasi/cli/edgejwt.wasm) run under node:wasi: every command, every
// key source, the verify options, and every exit status. Tokens and keys come from node:crypto, so
// the command is checked against an independent implementation; signed tokens are checked by the JS API.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { freshKeyPair } from "../support/keys.js";
import { createHmac, randomBytes, sign as cryptoSign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { init, importJWK, verify as apiVerify } from "../../js/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const wasmPath = process.env.EDGEJWT_CLI_WASM ?? path.join(root, "dist/wasi/cli/edgejwt.wasm");
const runner = path.join(root, "tests/support/wasi-command.js");
const NOW = 1_800_000_000; // --now for every check that is not about the clock
const MAX_STDIN = 64 * 1024;
const MAX_FILE = 512 * 1024;

let workDir; // preopened as /work inside the module

// Runs `edgejwt.wasm ...args` with `stdin`, in a process of its own as a shell would: many
// node:wasi instances in one test process crashed Node 20 (SIGSEGV) under the test runner.
function run(args, stdin = "") {
  const child = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", runner, wasmPath, workDir, ...args],
    { input: stdin, encoding: "utf8", maxBuffer: 4 * 1024 * 1024 });
  if (child.error) throw child.error;
  if (child.signal) throw new Error(`the command died with ${child.signal}: ${child.stderr}`);
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

// Writes a file into the preopened folder; returns its path as the module sees it.
function put(name, data) {
  fs.writeFileSync(path.join(workDir, name), data);
  return `/work/${name}`;
}

const b64url = (data) => Buffer.from(data).toString("base64url");

// A compact JWS over the exact header and payload texts given.
function jws(headerText, payloadText, signer) {
  const input = `${b64url(headerText)}.${b64url(payloadText)}`;
  return `${input}.${b64url(signer(Buffer.from(input)))}`;
}

function jwt(header, claims, signer) {
  return jws(JSON.stringify(header), JSON.stringify(claims), signer);
}

const secret = randomBytes(32);
const ecA = freshKeyPair("ec", { namedCurve: "P-256" });
const ecB = freshKeyPair("ec", { namedCurve: "P-256" });
const rsa = freshKeyPair("rsa", { modulusLength: 2048 });
const ed = freshKeyPair("ed25519");

const signers = {
  hs256: (input) => createHmac("sha256", secret).update(input).digest(),
  ecA: (input) => cryptoSign("sha256", input, { key: ecA.privateKey, dsaEncoding: "ieee-p1363" }),
  ecB: (input) => cryptoSign("sha256", input, { key: ecB.privateKey, dsaEncoding: "ieee-p1363" }),
  rs256: (input) => cryptoSign("sha256", input, rsa.privateKey),
  eddsa: (input) => cryptoSign(null, input, ed.privateKey),
};

const claims = { sub: "u1", iss: "https://issuer.example", aud: ["api", "admin"], iat: NOW - 100, exp: NOW + 600 };
const hsToken = jwt({ alg: "HS256", typ: "JWT" }, claims, signers.hs256);

function expectOk(result) {
  assert.equal(result.stderr, "");
  assert.equal(result.status, 0);
}

// Exit 1 and exactly one line: "edgejwt: CODE: message (detail)".
function expectRefused(result, code, detail) {
  assert.equal(result.stdout, "");
  assert.equal(result.status, 1, result.stderr);
  const [, name, rest] = result.stderr.match(/^edgejwt: (ERR_[A-Z0-9_]+): ([^\n]+)\n$/) ?? [];
  assert.equal(name, code, result.stderr);
  if (detail !== undefined) assert.ok(rest.endsWith(` (${detail})`), result.stderr);
}

// Exit 2, the message, then the usage text.
function expectUsage(result, message) {
  assert.equal(result.stdout, "");
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, message);
  assert.match(result.stderr, /\nusage: edgejwt\.wasm verify KEY \[options\] < token\n/);
}

before(() => {
  assert.ok(fs.existsSync(wasmPath), `the command is not built: ${wasmPath}`);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgejwt-cli-"));
});

after(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe("verify: key sources", () => {
  test("a JWK Set: the token's kid picks the key", () => {
    const jwks = put("set.json", JSON.stringify({
      keys: [
        { ...ecA.publicKey.export({ format: "jwk" }), kid: "a", alg: "ES256", use: "sig" },
        { ...ecB.publicKey.export({ format: "jwk" }), kid: "b", alg: "ES256", use: "sig" },
      ],
    }));
    const payloadText = '{"sub":"u1",  "n": 1.50}'; // printed exactly as signed, spacing and all
    const verify = (kid, signer) => run(["verify", "--jwks", jwks, "--now", `${NOW}`],
      jws(JSON.stringify({ alg: "ES256", kid }), payloadText, signer));

    for (const [kid, signer] of [["a", signers.ecA], ["b", signers.ecB]]) {
      const result = verify(kid, signer);
      expectOk(result);
      assert.equal(result.stdout, `${payloadText}\n`);
    }
    expectRefused(verify("a", signers.ecB), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    expectRefused(verify("c", signers.ecA), "ERR_JWKS_NO_MATCHING_KEY");
  });

  test("one JWK", () => {
    const jwk = put("ed.jwk", JSON.stringify(ed.publicKey.export({ format: "jwk" })));
    const token = jwt({ alg: "EdDSA" }, claims, signers.eddsa);
    const result = run(["verify", "--jwk", jwk, "--now", `${NOW}`], token);
    expectOk(result);
    assert.deepEqual(JSON.parse(result.stdout), claims);
  });

  test("a PEM public key", () => {
    const pem = put("rsa.pem", rsa.publicKey.export({ type: "spki", format: "pem" }));
    const token = jwt({ alg: "RS256" }, claims, signers.rs256);
    const result = run(["verify", "--pem", pem, "--now", `${NOW}`], token);
    expectOk(result);
    assert.deepEqual(JSON.parse(result.stdout), claims);
    expectRefused(run(["verify", "--pem", pem, "--now", `${NOW}`], hsToken), "ERR_JOSE_ALG_NOT_ALLOWED");
  });

  test("a secret file, the token's trailing newline stripped", () => {
    const file = put("secret.bin", secret);
    const result = run(["verify", "--secret-file", file, "--now", `${NOW}`], `${hsToken}\r\n`);
    expectOk(result);
    assert.deepEqual(JSON.parse(result.stdout), claims);
    expectRefused(run(["verify", "--secret-file", put("other.bin", randomBytes(32)), "--now", `${NOW}`], hsToken),
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });
});

describe("verify: options", () => {
  let key;
  before(() => { key = put("options-secret.bin", secret); });
  const verify = (options, token = hsToken) =>
    run(["verify", "--secret-file", key, "--now", `${NOW}`, ...options], token);

  test("--iss: one of the given issuers", () => {
    expectOk(verify(["--iss", "https://issuer.example"]));
    expectOk(verify(["--iss", "https://other.example", "--iss", "https://issuer.example"]));
    expectRefused(verify(["--iss", "https://other.example"]), "ERR_JWT_CLAIM_VALIDATION_FAILED", "iss:check_failed");
  });

  test("--aud: the token must carry one of them", () => {
    expectOk(verify(["--aud", "admin"]));
    expectOk(verify(["--aud", "web", "--aud", "api"]));
    expectRefused(verify(["--aud", "web"]), "ERR_JWT_CLAIM_VALIDATION_FAILED", "aud:check_failed");
  });

  test("--sub and --require", () => {
    expectOk(verify(["--sub", "u1", "--require", "iss"]));
    expectRefused(verify(["--sub", "u2"]), "ERR_JWT_CLAIM_VALIDATION_FAILED", "sub:check_failed");
    expectRefused(verify(["--require", "jti"]), "ERR_JWT_CLAIM_VALIDATION_FAILED", "jti:missing");
  });

  test("--typ: compared with the header's typ", () => {
    const token = jwt({ alg: "HS256", typ: "at+jwt" }, claims, signers.hs256);
    expectOk(verify(["--typ", "application/at+jwt"], token));
    expectRefused(verify(["--typ", "JWT"], token), "ERR_JWT_CLAIM_VALIDATION_FAILED", "typ:check_failed");
  });

  test("--max-age: iat at most that many seconds old", () => {
    expectOk(verify(["--max-age", "100"]));
    expectRefused(verify(["--max-age", "99.5"]), "ERR_JWT_EXPIRED", "iat:check_failed");
  });

  test("--leeway: tolerance for an expired token", () => {
    const expired = jwt({ alg: "HS256" }, { sub: "u1", exp: NOW - 10 }, signers.hs256);
    expectRefused(verify([], expired), "ERR_JWT_EXPIRED", "exp:check_failed");
    expectRefused(verify(["--leeway", "10"], expired), "ERR_JWT_EXPIRED", "exp:check_failed");
    expectOk(verify(["--leeway", "11"], expired));
  });

  test("--alg: the allowlist", () => {
    expectOk(verify(["--alg", "HS512", "--alg", "HS256"]));
    expectRefused(verify(["--alg", "HS512"]), "ERR_JOSE_ALG_NOT_ALLOWED");
  });

  test("--crit: header extensions the caller understands", () => {
    const token = jwt({ alg: "HS256", crit: ["ext"], ext: 1 }, claims, signers.hs256);
    expectRefused(verify([], token), "ERR_JWS_CRIT_NOT_UNDERSTOOD");
    expectOk(verify(["--crit", "ext"], token));
  });

  test("without --now, the WASI clock", () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (exp) => jwt({ alg: "HS256" }, { sub: "u1", exp }, signers.hs256);
    expectOk(run(["verify", "--secret-file", key], at(now + 600)));
    expectRefused(run(["verify", "--secret-file", key], at(now - 600)), "ERR_JWT_EXPIRED");
  });

  test("option values are escaped into the policy JSON", () => {
    const token = jwt({ alg: "HS256" }, { ...claims, iss: 'a "quoted"\\ issuer\n' }, signers.hs256);
    expectOk(verify(["--iss", 'a "quoted"\\ issuer\n'], token));
    expectRefused(verify(["--iss", 'a "quoted"\\ issuer'], token), "ERR_JWT_CLAIM_VALIDATION_FAILED");
  });
});

describe("verify: refusals", () => {
  let key;
  before(() => { key = put("refusals-secret.bin", secret); });
  const verify = (token) => run(["verify", "--secret-file", key, "--now", `${NOW}`], token);

  test("a bad signature", () => {
    const [header, , signature] = hsToken.split(".");
    const tampered = `${header}.${b64url(JSON.stringify({ ...claims, sub: "admin" }))}.${signature}`;
    expectRefused(verify(tampered), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  test("malformed tokens", () => {
    expectRefused(verify("not-a-token"), "ERR_JWS_INVALID");
    expectRefused(verify(`${hsToken}=`), "ERR_BASE64URL_INVALID", "signature");
    expectRefused(verify(""), "ERR_JWS_INVALID");
  });

  test("stdin is bounded at 64 KiB", () => {
    // At the bound the core judges the text; one byte over, the command refuses to read on.
    expectRefused(verify("a".repeat(MAX_STDIN)), "ERR_JWS_INVALID");
    expectUsage(verify("a".repeat(MAX_STDIN + 1)), /^edgejwt: stdin holds more than 64 KiB\n/);
  });

  test("a key the core refuses", () => {
    const short = put("short.bin", randomBytes(16));
    expectRefused(run(["verify", "--secret-file", short], hsToken), "ERR_KEY_TOO_SHORT");
    const broken = put("broken.jwk", JSON.stringify({ kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA" }));
    expectRefused(run(["verify", "--jwk", broken], hsToken), "ERR_JWK_INVALID");
  });
});

describe("usage errors exit 2 with the usage text", () => {
  let file;
  before(() => { file = put("usage-secret.bin", secret); });
  const verify = (...options) => run(["verify", "--secret-file", file, ...options], hsToken);

  test("no command, an unknown command", () => {
    expectUsage(run([]), /^edgejwt: no command given\n/);
    expectUsage(run(["check"]), /^edgejwt: unknown command 'check'\n/);
  });

  test("a missing or doubled key source", () => {
    expectUsage(run(["verify", "--alg", "HS256"], hsToken), /^edgejwt: verify needs a key: --jwks, --jwk/);
    expectUsage(verify("--jwk", file), /^edgejwt: give exactly one key source\n/);
    expectUsage(run(["sign", "--alg", "HS256"], "{}"), /^edgejwt: sign needs a key: --jwk, --pem or --secret-file\n/);
  });

  test("an unknown option, or one of another command", () => {
    expectUsage(verify("--issuer", "x"), /^edgejwt: unknown option '--issuer'\n/);
    expectUsage(verify("--kid", "k"), /^edgejwt: --kid is not an option of verify\n/);
    expectUsage(run(["sign", "--alg", "ES256", "--jwks", file], "{}"), /^edgejwt: --jwks is not an option of sign\n/);
    expectUsage(run(["decode", "--now", "1"], hsToken), /^edgejwt: --now is not an option of decode\n/);
  });

  test("malformed option values", () => {
    for (const value of ["-1", "1e3", "abc", "1.", ".5", "nan"]) {
      expectUsage(verify("--leeway", value), /^edgejwt: --leeway takes seconds/);
    }
    expectUsage(verify("--sub", "a", "--sub", "b"), /^edgejwt: --sub may be given once\n/);
    expectUsage(verify("--iss"), /^edgejwt: --iss needs a value\n/);
    // The core refuses "none" as an algorithm name: the option is the caller's mistake.
    const none = verify("--alg", "none");
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^edgejwt: ERR_JOSE_NOT_SUPPORTED: [^\n]+ \(algorithms\)\nusage: /);
  });

  test("--name=value is the same as --name value", () => {
    expectOk(run(["verify", `--secret-file=${file}`, `--now=${NOW}`, "--aud=api"], hsToken));
    expectRefused(run(["verify", `--secret-file=${file}`, `--now=${NOW}`, "--aud=web"], hsToken),
      "ERR_JWT_CLAIM_VALIDATION_FAILED");
  });

  test("unreadable and oversized key files", () => {
    const verifyWith = (source, path) => run(["verify", source, path], hsToken);
    expectUsage(verifyWith("--jwks", "/work/missing.json"), /^edgejwt: cannot open \/work\/missing\.json/);
    expectUsage(verifyWith("--pem", "/etc/hostname"), /^edgejwt: cannot open \/etc\/hostname/);
    expectUsage(verifyWith("--jwks", "/work"), /^edgejwt: cannot (open|read) \/work\n/);
    const big = put("big.json", " ".repeat(MAX_FILE + 1));
    expectUsage(verifyWith("--jwks", big), /^edgejwt: \/work\/big\.json is larger than 512 KiB\n/);
    // At the bound the file is read and handed to the core.
    expectRefused(verifyWith("--jwks", put("edge.json", " ".repeat(MAX_FILE))), "ERR_JSON_INVALID");
  });

  test("help prints the usage on stdout and exits 0", () => {
    const result = run(["--help"]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^usage: edgejwt\.wasm verify KEY/);
  });
});

describe("decode", () => {
  test("prints header and payload, verified false, without checking the signature", () => {
    const [header, payload] = hsToken.split(".");
    const forged = `${header}.${payload}.${b64url("not a signature")}`;
    const result = run(["decode"], `${forged}\n`);
    expectOk(result);
    const expected = { header: { alg: "HS256", typ: "JWT" }, payload: claims, verified: false };
    assert.deepEqual(JSON.parse(result.stdout), expected);
    assert.ok(result.stdout.endsWith("}\n"));
  });

  test("refuses what is not a JWT", () => {
    expectRefused(run(["decode"], "a.b"), "ERR_JWS_INVALID");
    expectRefused(run(["decode"], `${b64url("[1]")}.${b64url("{}")}.`), "ERR_JSON_NOT_OBJECT", "header");
    expectRefused(run(["decode"], `${b64url('{"alg":"HS256"}')}.${b64url("[1]")}.`), "ERR_JSON_NOT_OBJECT", "payload");
  });
});

describe("sign", () => {
  let file;
  before(() => { file = put("sign-secret.bin", secret); });
  const signHs256 = (claimsText, ...options) =>
    run(["sign", "--alg", "HS256", "--secret-file", file, ...options], claimsText);
  const partOf = (token, index) => Buffer.from(token.split(".")[index], "base64url").toString();

  test("with an EC JWK from node:crypto; the JS API verifies the token", async () => {
    await init();
    const jwk = put("ec-private.jwk", JSON.stringify(ecA.privateKey.export({ format: "jwk" })));
    const before = Math.floor(Date.now() / 1000);
    const result = run(["sign", "--alg", "ES256", "--jwk", jwk, "--kid", "k1", "--expires-in", "600"],
      '{"sub":"u1"}\n');
    const after = Math.floor(Date.now() / 1000);
    expectOk(result);
    assert.match(result.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const publicKey = importJWK(ecA.publicKey.export({ format: "jwk" }));
    const { payload, protectedHeader } = apiVerify(result.stdout.trim(), publicKey, { algorithms: ["ES256"] });
    assert.deepEqual(protectedHeader, { alg: "ES256", typ: "JWT", kid: "k1" });
    assert.equal(payload.sub, "u1");
    assert.ok(payload.iat >= before && payload.iat <= after, `iat ${payload.iat} not in [${before}, ${after}]`);
    assert.equal(payload.exp, payload.iat + 600);
  });

  test("iat and exp replace the claims' own; everything else is kept as written", () => {
    // Replaced members may hold any JSON: each is left out whole, however deep.
    const claimsText = '{"iat":{"t":[1]},"nested":{"iat":[1,{"exp":2}]},"n":1.50e0,"exp":[3,{"x":4}],"s":"\\u00e9\\n"}';
    const withExp = signHs256(claimsText, "--now", "1000.9", "--expires-in", "60");
    expectOk(withExp);
    const kept = '"nested":{"iat":[1,{"exp":2}]},"n":1.50e0';
    assert.equal(partOf(withExp.stdout, 1), `{${kept},"s":"é\\n","iat":1000,"exp":1060}`);
    const withoutExp = signHs256(claimsText, "--now", "1000.9");
    expectOk(withoutExp);
    assert.equal(partOf(withoutExp.stdout, 1), `{${kept},"exp":[3,{"x":4}],"s":"é\\n","iat":1000}`);
    // The token is an ordinary HS256 JWS over those bytes.
    const [header, payload, signature] = withExp.stdout.trim().split(".");
    assert.equal(signature, b64url(signers.hs256(Buffer.from(`${header}.${payload}`))));
  });

  test("--typ and --kid in the header", () => {
    const hs384 = put("secret48.bin", randomBytes(48));
    const result = run(["sign", "--alg", "HS384", "--secret-file", hs384, "--typ", "at+jwt", "--kid", "k\"2"], "{}");
    expectOk(result);
    assert.deepEqual(JSON.parse(partOf(result.stdout, 0)), { alg: "HS384", typ: "at+jwt", kid: 'k"2' });
    expectRefused(signHs256("{}", "--kid", "x".repeat(300)), "ERR_HEADER_TOO_LARGE", "kid"); // a kid over its bound is an input limit
  });

  test("refusals: claims that are not an object, a public key, an algorithm of another family", () => {
    expectRefused(signHs256("[1]"), "ERR_JSON_NOT_OBJECT", "payload");
    expectRefused(signHs256('{"a":1,"a":2}'), "ERR_JSON_DUPLICATE_KEY", "payload");
    expectRefused(signHs256('{"a":1} x'), "ERR_JSON_INVALID", "payload");
    const publicPem = put("sign-rsa.pem", rsa.publicKey.export({ type: "spki", format: "pem" }));
    expectRefused(run(["sign", "--alg", "RS256", "--pem", publicPem], "{}"), "ERR_KEY_USAGE");
    expectRefused(run(["sign", "--alg", "ES256", "--secret-file", file], "{}"), "ERR_JOSE_ALG_NOT_ALLOWED");
    expectUsage(run(["sign", "--secret-file", file], "{}"), /^edgejwt: sign needs exactly one --alg\n/);
    expectUsage(signHs256(" ".repeat(MAX_STDIN + 1)), /^edgejwt: stdin holds more than 64 KiB\n/);
  });
});

describe("round trip: sign then verify through the command", () => {
  const jwkFile = (name, key) => () => put(name, JSON.stringify(key.export({ format: "jwk" })));
  const pemFile = (name, key, type) => () => put(name, key.export({ type, format: "pem" }));
  const cases = [
    ["EdDSA", "--jwk", jwkFile("rt-ed.jwk", ed.privateKey), jwkFile("rt-ed-public.jwk", ed.publicKey)],
    ["PS256", "--pem", pemFile("rt-rsa.pem", rsa.privateKey, "pkcs8"), pemFile("rt-rsa.pub", rsa.publicKey, "spki")],
    ["HS256", "--secret-file", () => put("rt-secret.bin", secret), () => put("rt-secret.bin", secret)],
  ];
  for (const [alg, source, signingKey, verifyingKey] of cases) {
    test(alg, () => {
      const claimsText = '{"sub":"u7","aud":"api","iss":"https://issuer.example"}';
      const signed = run(["sign", "--alg", alg, source, signingKey(), "--now", `${NOW}`, "--expires-in", "300"],
        claimsText);
      expectOk(signed);
      const verify = (now, ...options) =>
        run(["verify", source, verifyingKey(), "--alg", alg, "--now", `${now}`, ...options], signed.stdout);
      const verified = verify(NOW + 10, "--aud", "api", "--iss", "https://issuer.example", "--max-age", "60");
      expectOk(verified);
      assert.deepEqual(JSON.parse(verified.stdout),
        { sub: "u7", aud: "api", iss: "https://issuer.example", iat: NOW, exp: NOW + 300 });
      expectRefused(verify(NOW + 300), "ERR_JWT_EXPIRED", "exp:check_failed");
      expectRefused(verify(NOW + 10, "--aud", "web"), "ERR_JWT_CLAIM_VALIDATION_FAILED", "aud:check_failed");
    });
  }
});
