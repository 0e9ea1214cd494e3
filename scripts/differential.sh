#!/usr/bin/env bash
# The differential suite at full size (GUIDE.md "Crypto"): our verify-only arithmetic (RSA's public
# operation, P-256 verification) against BearSSL natively and on each Wasm build's own objects, and
# against node:crypto through both Wasm builds. npm test runs the same suites on a small budget.
#
#   scripts/differential.sh [cases]    default 1000000 per kind: natively (RSA, P-256 u1·G + u2·Q,
#                                      ECDSA P-256) and RSA on each Wasm build (its SIMD product);
#                                      a tenth of it for P-256 on the Wasm builds and per algorithm
#                                      against node:crypto on each build
#
# One process per job, as many at once as there are cores; each job's output goes to
# build/differential/<job>.log. Prints each job's cases, mismatches and duration; exits non-zero
# if any job found a mismatch or failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

cases=${1:-1000000}
tenth=$((cases / 10))
[ "$tenth" -gt 0 ] || tenth=1
bash scripts/bootstrap.sh >/dev/null
logs=build/differential
rm -rf "$logs" && mkdir -p "$logs"
native=build/native/tests/native/edgejwt_native_tests
wasi=(node --disable-warning=ExperimentalWarning tests/support/wasi-command.js build/wasi/edgejwt-differential.wasm "$root")
emscripten=(node build/emscripten/edgejwt-differential.cjs)
seed=20261206

names=() pids=()
running() {
  local count=0 pid
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && count=$((count + 1)); done
  echo "$count"
}
# A job: its command's output in $logs/<name>.log, its start and end times beside it.
launch() {
  local name=$1
  shift
  while [ "$(running)" -ge "$(nproc)" ]; do sleep 1; done
  ( date +%s >"$logs/$name.start"; "$@" >"$logs/$name.log" 2>&1; status=$?; date +%s >"$logs/$name.end"; exit "$status" ) &
  names+=("$name") pids+=($!)
}

start=$(date +%s)
for kind in RsaPublicOperationMatchesBearSsl P256MultiplyAddMatchesBearSsl EcdsaP256MatchesBearSsl; do
  launch "native-$kind" env EDGEJWT_DIFFERENTIAL_CASES="$cases" "$native" --gtest_filter="Differential.$kind" \
    --gtest_output="json:$logs/native-$kind.json"
done
launch wasi-rsa "${wasi[@]}" "$cases" "$seed" rsa
launch emscripten-rsa "${emscripten[@]}" "$cases" "$seed" rsa
launch wasi-p256 "${wasi[@]}" "$tenth" "$seed" p256 ecdsa
launch emscripten-p256 "${emscripten[@]}" "$tenth" "$seed" p256 ecdsa
launch node-crypto env EDGEJWT_DIFFERENTIAL_CASES="$tenth" node --disable-warning=ExperimentalWarning --test \
  --test-name-pattern="node:crypto" tests/js/differential.test.js

status=0
for i in "${!names[@]}"; do
  name=${names[$i]}
  if ! wait "${pids[$i]}"; then status=1; fi
  duration=$(($(cat "$logs/$name.end") - $(cat "$logs/$name.start")))
  # What each runner reports: gtest's recorded property, the programs' JSON lines, node:test's diagnostics.
  summary=$(node -e '
    const fs = require("fs"); const [log, json] = process.argv.slice(1);
    if (fs.existsSync(json)) {
      const report = JSON.parse(fs.readFileSync(json, "utf8"));
      const test = report.testsuites[0].testsuite[0];
      console.log(`${test.cases ?? "?"} cases, ${test.failures ? "FAILED" : "0 mismatches"}`);
    } else {
      const text = fs.readFileSync(log, "utf8");
      const lines = text.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
      if (lines.length) console.log(lines.map((l) => `${l.kind} ${l.cases} cases, ${l.mismatches} mismatches`).join("; "));
      else console.log([...text.matchAll(/# (\d+) cases/g)].map((m) => m[1]).join(" + ") + " cases, " +
        (/^# fail 0$/m.test(text) ? "0 mismatches" : "FAILED"));
    }' "$logs/$name.log" "$logs/$name.json")
  printf 'differential %-46s %s in %d s\n' "$name" "$summary" "$duration"
done
printf 'differential: %d s in all (logs: %s/)\n' "$(($(date +%s) - start))" "$logs"
exit "$status"
