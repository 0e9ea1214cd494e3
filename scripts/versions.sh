# Pinned toolchain packages and dependency sources: the one place to change a version.
# shellcheck shell=bash disable=SC2034
DEBIAN_PACKAGES=(
  ninja-build dpkg-dev xz-utils            # build driver; apt-get source and its unpacker
  emscripten                               # the browser/npm build (clang-14, binaryen, node-acorn)
  clang-14 lld-14 wasi-libc                # the WASI build (RapidJSON 1.1.0 does not compile with clang 19)
  libc++-14-dev-wasm32 libclang-rt-14-dev-wasm32
  rapidjson-dev                            # JSON, header-only
  libgtest-dev googletest                  # native unit tests
  libclang-rt-14-dev                       # ASan, UBSan and libFuzzer runtimes (sanitize and fuzz builds)
  chromium                                 # headless browser for the token inspector's tests (tests/browser)
)
BEARSSL_DEBIAN_VERSION=0.6+dfsg.1-3
BEARSSL_DIR=bearssl-0.6+dfsg.1
LIBSODIUM_DEBIAN_VERSION=1.0.18-1+deb12u1
LIBSODIUM_DIR=libsodium-1.0.18
