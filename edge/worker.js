// The edge gateway as a Cloudflare module worker: the WASI build of the core, imported as a compiled
// WebAssembly.Module (workerd and wrangler both import .wasm files that way), in front of an origin
// with createGateway configured from the worker's env bindings (gateway-config.js).
//
// The entry is the gateway's one choice of Wasm: edgejwt/wasi/jwe's Workers entry imports the JWE
// module (the gateway decrypts encrypted access tokens); a gateway that only verifies can take
// "../js/wasi-workerd.js" (the default module, 15-18 kB smaller) on this line instead.
import { init, createGateway } from "../js/wasi-jwe-workerd.js";
import { gatewayConfigOf } from "./gateway-config.js";

// The session store's Durable Object class (SQLite-backed, one object per subject), bound as
// SESSIONS (wrangler.toml); the gateway reaches it through DurableObjectSessionStoreClient.
export { DurableObjectSessionStore } from "../js/sessions/durable-object.js";

// One gateway per isolate, built on the first request: workerd allows no randomness at a module's
// top level, and env only arrives with a request. Its JWKS, revocation list and verified-token
// cache are then shared by every request the isolate serves.
let gatewayReady = null;

function gatewayFor(env) {
  if (gatewayReady === null) {
    gatewayReady = build(env);
    // A refused configuration is tried again on the next request, and logged each time.
    gatewayReady.catch(() => { gatewayReady = null; });
  }
  return gatewayReady;
}

async function build(env) {
  // The shim is our own WASI host: a runtime that looks like Node (nodejs_compat) has no node:wasi.
  await init({ wasi: "shim" });
  return createGateway(gatewayConfigOf(env));
}

export default {
  async fetch(request, env, ctx) {
    let gateway;
    try {
      gateway = await gatewayFor(env);
    } catch (error) {
      console.error(`edgejwt gateway: the configuration is refused: ${error?.message ?? error}`);
      return Response.json({ error: "gateway_misconfigured" }, { status: 500, headers: { "cache-control": "no-store" } });
    }
    // The metrics and stats paths (METRICS_PATH, STATS_PATH) are the gateway's own, behind METRICS_TOKEN.
    return gateway(request, ctx); // ctx.waitUntil keeps a background refresh alive
  },
};
