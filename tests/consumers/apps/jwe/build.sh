# The pages (esbuild, Rollup) and the Worker (wrangler) of edgejwt/jwe, as the README shows them.
set -euo pipefail
esbuild esbuild.js --bundle --loader:.wasm=file --outdir=public-esbuild --log-level=warning
rollup -c --silent
wrangler deploy --dry-run --outdir dist
