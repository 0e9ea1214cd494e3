// One edgejwt instance: a Wasm build's Core and what is bound to it (verify policies, remembered
// raw secrets, the host's signature primitives, the registry that releases collected keys). Each
// entry point makes one and binds its exports to it (bind); js/api.js makes more, for tests and
// benchmarks. Every operation takes its runtime first and starts with ready().
import { Core } from "./core.js";
import { JOSEError, ERR_NOT_INITIALIZED } from "./errors.js";
import { loadHostCrypto } from "./host-crypto/select.js";
import { HostKeys } from "./host-crypto/host-keys.js";
import { algorithmTable } from "./host-crypto/algorithms.js";
import { Policies } from "./policies.js";
import { SecretKeys } from "./key/secrets.js";
import { KeyForms } from "./key/forms.js";
import { importedKey } from "./key/key.js";
import { publicJwkOf } from "./key/export.js";
import { KeyFormat } from "./abi.js";

const operations = new WeakMap(); // a bound function -> the operation it calls

export class Runtime {
  constructor(loadEngine) {
    this.loadEngine = loadEngine;
    this.core = null;
    this.initializing = null;
    this.registry = null;
    this.host = null; // the signature primitive's host (host-crypto/select.js), or null: Wasm checks every one
    this.hostKeys = null;
    this.policies = null;
    this.secrets = null;
    this.keyForms = null;
    this.layers = new Map(); // maker -> what it made over this runtime (layer)
  }

  // Loads the engine, then the host crypto for the algorithms the core implements (its own table).
  init(options = {}) {
    if (this.core) return Promise.resolve();
    this.initializing ??= this.start(options).catch((error) => {
      this.initializing = null;
      throw error;
    });
    return this.initializing;
  }

  async start(options) {
    const core = new Core(await this.loadEngine(options));
    const algorithms = algorithmTable(JSON.parse(core.call("edgejwt_algorithms").output));
    const host = await loadHostCrypto(options.hostCrypto, algorithms);
    this.policies = new Policies(core);
    this.secrets = new SecretKeys((bytes) => importedKey(this, { format: KeyFormat.secret, data: bytes, alg: "" }));
    this.keyForms = new KeyForms((source) => importedKey(this, source));
    // Workers before 2025-05-05 have no FinalizationRegistry: keys are then released by free()
    // or live as long as the isolate (which can never observe a collection there).
    this.registry = typeof FinalizationRegistry === "function"
      ? new FinalizationRegistry((cell) => this.releaseHandle(cell)) : null;
    this.host = host;
    this.hostKeys = host && new HostKeys(host, (key) => publicJwkOf(this, key));
    this.core = core;
  }

  // Every operation starts here: after init(), and with a working instance (one that trapped and
  // could not be replaced then is replaced now, before any handle is looked at).
  ready() {
    const { core } = this;
    if (!core) throw new JOSEError("call and await init() before using edgejwt", { code: ERR_NOT_INITIALIZED });
    if (core.broken) core.renew();
    return core;
  }

  // `operation(runtime, ...args)` as a function of its arguments on this runtime (no API function
  // takes more than four).
  bind(operation) {
    const bound = (a, b, c, d) => operation(this, a, b, c, d);
    operations.set(bound, operation);
    return bound;
  }

  // What `make(runtime)` makes over this runtime's operations (the gateway, sessions, decryption
  // policies, the JWE names), made once.
  layer(make) {
    let layer = this.layers.get(make);
    if (layer === undefined) this.layers.set(make, (layer = make(this)));
    return layer;
  }

  // Keys and sets made by this runtime are released when collected, or on free().
  track(object, cell) {
    this.registry?.register(object, cell, object);
  }

  release(object, cell) {
    this.registry?.unregister(object);
    this.releaseHandle(cell);
  }

  // Releases a handle in the instance it belongs to (none, once that instance has been replaced).
  releaseHandle(cell) {
    const { handle, epoch } = cell;
    cell.handle = 0;
    if (!handle || epoch !== this.core.epoch) return;
    try {
      this.core.call("edgejwt_key_release", handle);
    } catch {
      // Already released, or the instance trapped (and was replaced): nothing is left to release.
    }
  }
}

const shared = new Map(); // a build's engine loader -> the runtime its entries share

// The runtime of a build's entries (edgejwt and edgejwt/jose share one, so a key made through
// either works with both): one per engine loader, made on first use.
export function sharedRuntime(loadEngine) {
  let runtime = shared.get(loadEngine);
  if (runtime === undefined) shared.set(loadEngine, (runtime = new Runtime(loadEngine)));
  return runtime;
}

// The operation a function bound by Runtime.bind calls (js/api.js binds it again to another runtime).
export const operationOf = (bound) => operations.get(bound);

// init and memoryUsage as operations, for the entries to bind.
export const init = (runtime, options) => runtime.init(options);

// The Wasm instance's linear memory (it only ever grows): for operators' dashboards and leak tests.
export function memoryUsage(runtime) {
  return { wasmMemoryBytes: runtime.ready().memory.buffer.byteLength };
}
