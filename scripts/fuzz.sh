#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz, the fuzz preset's build) for a time each, one process per
# core sharing the target's corpus, and reports the executions that ran clean. New inputs go to
# build/fuzz/corpus/<target>/ (kept between runs), a crashing one to build/fuzz/crashes/<target>/.
# The target "jose" is the differential fuzz against jose (tests/interop/differential.test.js) on
# fresh seeds, batch after batch until its time is up; a disagreement prints the token and the seed.
#
#   scripts/fuzz.sh [seconds-per-target] [targets...]    default: 600 s each for verify jwk pem jwe_crypto jwe jwe_host arithmetic jose
#
# npm test runs it for a few seconds per libFuzzer target (the differential fuzz runs there on its
# fixed seed and budget, in tests/interop); a failure prints the crash and exits non-zero.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-600}
shift $(($# > 0 ? 1 : 0))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(verify jwk pem jwe_crypto jwe jwe_host arithmetic)
  [ "$seconds" -lt 60 ] || targets+=(jose) # short runs (npm test) leave it to its fixed seed
fi
processes=$(nproc)

# The differential fuzz against jose: batches of cases on fresh seeds until `seconds` are spent.
differential() {
  local deadline=$((SECONDS + $1)) cases=0 batch=5000 seed log=build/fuzz/logs/jose.log
  mkdir -p build/fuzz/logs
  while [ "$SECONDS" -lt "$deadline" ]; do
    seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    if ! EDGEJWT_DIFF_SEED=$seed EDGEJWT_DIFF_CASES=$batch EDGEJWT_DIFF_SHOW=20 \
        node --disable-warning=ExperimentalWarning --test tests/interop/differential.test.js >"$log" 2>&1; then
      grep -E "disagreements|refused|accepted|answered" "$log" | head -n 40 >&2
      echo "fuzz jose: FAILED on seed $seed (log: $log; rerun: EDGEJWT_DIFF_SEED=$seed EDGEJWT_DIFF_CASES=$batch)" >&2
      return 1
    fi
    cases=$((cases + batch))
  done
  printf 'fuzz %-6s %12d cases agreed or stricter by a documented rule, on every build, in %d s\n' jose "$cases" "$1"
}

{ [ -f build/fuzz/build.ninja ] || cmake --preset fuzz; } >/dev/null
cmake --build --preset fuzz >/dev/null

# Findings of UBSan with a stack, as ASan's come.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
for target in "${targets[@]}"; do
  if [ "$target" = jose ]; then
    differential "$seconds" || status=1
    continue
  fi
  binary=build/fuzz/tests/fuzz/${target}_fuzz
  [ -x "$binary" ] || { echo "fuzz: no target '$target' (verify, jwk, pem, jwe_crypto, jwe, jwe_host, arithmetic, jose)" >&2; exit 2; }
  corpus=build/fuzz/corpus/$target logs=build/fuzz/logs/$target crashes=build/fuzz/crashes/$target
  mkdir -p "$corpus" "$logs" "$crashes"
  rm -f "$logs"/*.log
  pids=()
  for ((i = 0; i < processes; i++)); do
    "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -dict="tests/fuzz/$target.dict" -artifact_prefix="$crashes/" "$corpus" "tests/fuzz/seeds/$target" \
      >"$logs/$i.log" 2>&1 &
    pids+=($!)
  done
  failed=()
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("$i"); done
  if [ ${#failed[@]} -gt 0 ]; then
    # The report, from the sanitizer's or libFuzzer's first error line on.
    for i in "${failed[@]}"; do
      awk '/runtime error|==[0-9]+== ?ERROR/ { p = 1 } p' "$logs/$i.log" | head -n 80 >&2
    done
    echo "fuzz $target: FAILED (logs: $logs/, input: $crashes/)" >&2
    status=1
    continue
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs"/*.log | awk '{ n += $1 } END { print n + 0 }')
  # A long run leaves its corpus minimized, so that the short runs of npm test replay it quickly.
  if [ "$seconds" -ge 60 ]; then
    rm -rf "$corpus.min" && mkdir "$corpus.min"
    "$binary" -merge=1 -rss_limit_mb=2048 -timeout=10 "$corpus.min" "$corpus" >"$logs/merge.txt" 2>&1
    rm -rf "$corpus" && mv "$corpus.min" "$corpus"
  fi
  printf 'fuzz %-6s %12d executions clean in %d s on %d processes, corpus %d inputs\n' \
    "$target" "$executions" "$seconds" "$processes" "$(find "$corpus" -type f | wc -l)"
done
exit "$status"
