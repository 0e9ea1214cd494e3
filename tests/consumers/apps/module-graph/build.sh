# Each page bundled by esbuild, Rollup and webpack, with what it takes to read the module graph
# (webpack also emits the Wasm each page's new URL(…, import.meta.url) names).
set -euo pipefail
mkdir -p out
for page in verify-only everything jwe; do
  esbuild "$page.js" --bundle --minify --format=esm --loader:.wasm=file --metafile="out/esbuild-$page.meta.json" --outdir="out/esbuild-$page" --log-level=warning
  webpack "./$page.js" --mode production --output-path "out/webpack-$page" --json="out/webpack-$page.stats.json" >/dev/null
done
rollup -c --silent
node graph.mjs
