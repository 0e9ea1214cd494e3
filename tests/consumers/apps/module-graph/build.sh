# Each page bundled by esbuild, Rollup and webpack, with what it takes to read the module graph.
set -euo pipefail
mkdir -p out
for page in verify-only everything; do
  esbuild "$page.js" --bundle --minify --format=esm --loader:.wasm=file --metafile="out/esbuild-$page.meta.json" --outdir="out/esbuild-$page" --log-level=warning
  webpack "./$page.js" --mode production --output-path "out/webpack-$page" --json="out/webpack-$page.stats.json" >/dev/null
done
rollup -c --silent
node graph.mjs
