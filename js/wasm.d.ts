// The packaged Wasm files ("edgejwt/dist/emscripten/edgejwt.wasm", "edgejwt/dist/wasi/edgejwt.wasm"),
// for init({ wasm }): what the import gives depends on the tool: a URL string where the bundler emits
// the file (esbuild's file loader), a compiled module where the runtime imports Wasm (wrangler, workerd).
declare const wasm: WebAssembly.Module | string;
export default wasm;
