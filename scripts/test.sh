#!/usr/bin/env bash
# npm test: bootstrap (installs and builds only what is missing or changed), then every suite.
# The node test runner goes last, so its summary closes the output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/bootstrap.sh
echo "== native unit tests (GoogleTest via ctest)"
ctest --preset native -j "$(nproc)" 2>&1 | tail -n 4
echo "== JS suites on both Wasm builds (node --test)"
node --disable-warning=ExperimentalWarning --test tests/js tests/vectors tests/interop
