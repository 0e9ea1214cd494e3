// The build's Wasm, compiled once into a WebAssembly.Module from whatever the host has: a compiled
// module (workerd and bundlers import .wasm files as modules), bytes, a Response, or a URL. Each
// engine keeps the module, so it can make a fresh instance synchronously (renew) at any time.
// Nothing here imports a Node built-in: a file: URL is read through process.getBuiltinModule where
// the runtime has it (Node, Bun) and fetched elsewhere (Deno fetches file: URLs), so bundlers for
// browsers and Workers never meet a "node:" specifier.
import { JOSEError, JOSEInvalidArgument } from "../errors.js";

const WASM_UNAVAILABLE = "ERR_WASM_UNAVAILABLE";

export async function compile(source) {
  const resolved = await resolve(source);
  if (resolved instanceof WebAssembly.Module) return resolved;
  if (typeof Response === "function" && resolved instanceof Response) {
    if (typeof WebAssembly.compileStreaming === "function" &&
        resolved.headers.get("content-type") === "application/wasm") {
      return WebAssembly.compileStreaming(resolved);
    }
    return WebAssembly.compile(await resolved.arrayBuffer());
  }
  return WebAssembly.compile(resolved);
}

async function resolve(source) {
  source = await source;
  if (source instanceof WebAssembly.Module || ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return source;
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw unavailable(`fetching the edgejwt Wasm module failed: HTTP ${source.status} (${source.url})`);
    return source;
  }
  if (typeof source !== "string" && !(source instanceof URL)) {
    throw new JOSEInvalidArgument("options.wasm must be a WebAssembly.Module, bytes, a Response or a URL");
  }
  const url = new URL(String(source), globalThis.location?.href);
  if (url.protocol === "file:") {
    const fs = globalThis.process?.getBuiltinModule?.("node:fs/promises");
    if (fs) return fs.readFile(url).catch((cause) => { throw unavailable(`reading ${url.href} failed`, cause); });
  }
  let response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw unavailable(`fetching ${url.href} failed`, cause);
  }
  return resolve(response);
}

function unavailable(message, cause) {
  return new JOSEError(`${message}; pass the build's Wasm as init({ wasm }) (README, "Use it with…")`,
    { code: WASM_UNAVAILABLE, cause });
}

// The instance's memory, whatever name the build exported it under.
export function memoryOf(instance) {
  return Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory);
}
