#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz, the fuzz preset's build) for a time each, one process per
# core sharing the target's corpus, and reports the executions that ran clean. New inputs go to
# build/fuzz/corpus/<target>/ (kept between runs), a crashing one to build/fuzz/crashes/<target>/.
#
#   scripts/fuzz.sh [seconds-per-target] [targets...]    default: 600 s each for verify jwk pem arithmetic
#
# npm test runs it for a few seconds per target; a failure prints the crash and exits non-zero.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-600}
shift $(($# > 0 ? 1 : 0))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(verify jwk pem arithmetic)
processes=$(nproc)

{ [ -f build/fuzz/build.ninja ] || cmake --preset fuzz; } >/dev/null
cmake --build --preset fuzz >/dev/null

# Findings of UBSan with a stack, as ASan's come.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
for target in "${targets[@]}"; do
  binary=build/fuzz/tests/fuzz/${target}_fuzz
  [ -x "$binary" ] || { echo "fuzz: no target '$target' (verify, jwk, pem, arithmetic)" >&2; exit 2; }
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
