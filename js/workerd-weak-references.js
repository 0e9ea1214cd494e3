// Workers with a compatibility date before 2025-05-05 have no FinalizationRegistry (workerd's
// "enable_weak_ref" flag), which the API uses to release the Wasm memory of keys that are garbage
// collected. Such an isolate can never observe a collection, so a registry that never calls back is
// what it has: keys are released by key.free() or live as long as the isolate. Installed only there,
// by the Workers entries; js/api.js can guard its one use instead (issue 13) and this file go.
if (typeof globalThis.FinalizationRegistry !== "function") {
  globalThis.FinalizationRegistry = class FinalizationRegistry {
    register() {}
    unregister() { return false; }
  };
}
