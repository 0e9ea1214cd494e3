// Sessions (docs/sessions.md): the stores, the verdict cache and the errors. The entry points add
// startSession and rotateRefreshToken bound to their build (session-tokens.js); the Durable Object
// class itself is in durable-object.js, for workers only.
export { MemorySessionStore } from "./memory-store.js";
export { DurableObjectSessionStoreClient } from "./durable-object-client.js";
export { CachedSessionStore } from "./cached-store.js";
export { endSession } from "./session-tokens.js";
export * from "./errors.js";
