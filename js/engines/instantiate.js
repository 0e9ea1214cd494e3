// Instantiating a build's Wasm from whatever the host has: a compiled WebAssembly.Module (workerd
// and bundlers import .wasm files as modules), bytes, a Response, or a URL (a file: URL is read from
// disk under Node; any other is fetched). Emscripten's own loader is never asked to find the file.

// { instance, module }: the compiled module is kept, for the engine's renew().
export async function instantiate(source, imports) {
  const resolved = await resolve(source);
  if (resolved instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(resolved, imports), module: resolved };
  }
  if (typeof Response === "function" && resolved instanceof Response) {
    if (typeof WebAssembly.instantiateStreaming === "function" &&
        resolved.headers.get("content-type") === "application/wasm") {
      return WebAssembly.instantiateStreaming(resolved, imports);
    }
    return WebAssembly.instantiate(await resolved.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(resolved, imports);
}

async function resolve(source) {
  source = await source;
  if (source instanceof WebAssembly.Module || ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return source;
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw new Error(`fetching the edgejwt Wasm module failed: HTTP ${source.status}`);
    return source;
  }
  const url = source instanceof URL ? source : new URL(String(source), globalThis.location?.href);
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return readFile(url);
  }
  return resolve(fetch(url));
}

// The instance's memory, whatever name the build exported it under.
export function memoryOf(instance) {
  return Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory);
}
