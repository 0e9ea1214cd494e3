#!/usr/bin/env bash
# npm test: bootstrap (installs and builds only what is missing or changed), then every suite.
# The node test runner goes last, so its summary closes the output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/bootstrap.sh
echo "== native unit tests (GoogleTest via ctest)"
ctest --preset native -j "$(nproc)" 2>&1 | tail -n 4
echo "== native unit tests under ASan + UBSan (ctest --preset sanitize)"
ctest --preset sanitize -j "$(nproc)" >build/sanitize/ctest.log 2>&1 || { tail -n 80 build/sanitize/ctest.log; exit 1; }
tail -n 3 build/sanitize/ctest.log
echo "== libFuzzer targets, 14 s each (longer: scripts/fuzz.sh)"
bash scripts/fuzz.sh 14
echo "== JS suites on both Wasm builds, the WASI command, workerd, Chromium, jose side by side and the consumer matrix (node --test)"
node --disable-warning=ExperimentalWarning --test tests/js tests/vectors tests/interop tests/jose-compat tests/edge tests/e2e tests/browser tests/consumers
