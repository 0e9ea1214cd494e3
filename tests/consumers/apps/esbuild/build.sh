esbuild app.js --bundle --loader:.wasm=file --outdir=public
