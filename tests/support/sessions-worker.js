// A test worker for the session stores in workerd (tests/js/sessions-durable-object.test.js): it
// exports DurableObjectSessionStore and answers JSON calls on the DurableObjectSessionStoreClient of
// its SESSIONS binding, and on the WASI build's startSession / rotateRefreshToken / endSession with
// the HS256 secret of its SECRET binding:
//   POST /store/<method>  body: the method's argument
//   POST /session/<start|rotate|end>  body: { claims | refreshToken, options } (currentDate in ms)
//   POST /misrouted  body: { name, args }: createFamily(args) on the object named `name`, by RPC,
//                    past the client (which would have routed by args.sub)
// Answers { result } or { error: { name, code, message, claim } }.
import wasm from "../../dist/wasi/edgejwt.wasm";
import {
  init, importJWK, startSession, rotateRefreshToken, endSession, DurableObjectSessionStoreClient,
} from "../../js/wasi.js";
import { STORE_METHODS } from "../../js/sessions/arguments.js";

export { DurableObjectSessionStore } from "../../js/sessions/durable-object.js";

let keyReady = null; // the isolate's key, imported on the first session call (no randomness at top level)

function keyFor(env) {
  keyReady ??= init({ wasm, wasi: "shim" }).then(() => importJWK({ kty: "oct", k: env.SECRET }, "HS256"));
  return keyReady;
}

async function sessionCall(name, body, env, store) {
  const options = { ...body.options, store };
  if (options.currentDate !== undefined) options.currentDate = new Date(options.currentDate);
  if (name === "end") return endSession(body.claims, options);
  const settings = { ...options, key: await keyFor(env), alg: "HS256" };
  return name === "start" ? startSession(body.claims, settings) : rotateRefreshToken(body.refreshToken, settings);
}

export default {
  async fetch(request, env) {
    const [, kind, name] = new URL(request.url).pathname.split("/");
    const store = new DurableObjectSessionStoreClient(env.SESSIONS);
    const known = kind === "store" ? STORE_METHODS.includes(name)
      : kind === "session" ? ["start", "rotate", "end"].includes(name) : kind === "misrouted";
    if (request.method !== "POST" || !known) return new Response("not found", { status: 404 });
    try {
      const body = await request.json();
      if (kind === "misrouted") {
        return Response.json({ result: await env.SESSIONS.get(env.SESSIONS.idFromName(body.name)).createFamily(body.args) });
      }
      return Response.json({ result: kind === "store" ? await store[name](body) : await sessionCall(name, body, env, store) });
    } catch (error) {
      return Response.json({ error: { name: error?.name, code: error?.code, message: error?.message, claim: error?.claim } });
    }
  },
};
