// A build's engine with every ABI export wrapped, for tests that reach under the public API: calls
// are counted, a fault can be armed on any export (an injected throw, or a real trap the fault
// provokes in the real instance), and the real exports and the API's context stay at hand for raw
// calls. renew() wraps each fresh instance the same way, so faults and counts carry on.

const MAKERS = new Set(["edgejwt_key_import", "edgejwt_key_import_jwks", "edgejwt_key_generate", "edgejwt_key_public",
  "edgejwt_policy_create"]);

export function instrumented(build) {
  const probe = {
    calls: new Map(), // export name -> calls so far
    faults: new Map(), // name -> { at, run(exports, args, real) }: at the `at`-th call of `name`, run() instead
    observers: new Map(), // name -> (value, args) => void, after each call
    exports: null, // the real exports of the current instance
    memory: null,
    context: 0, // the API's context in the current instance
    result: 0, // and the result its calls write to
    instances: 0,
    made: [], // { name, handle } of every key, set and policy made
    arm(name, run, at = 1) {
      this.faults.set(name, { at: (this.calls.get(name) ?? 0) + at, run });
    },
    // The handle in the API's result (edgejwt_result.handle, wasm32 offset 32).
    resultHandle() {
      return new DataView(this.memory.buffer).getUint32(this.result + 32, true);
    },
  };

  function wrap({ exports, memory }) {
    probe.exports = exports;
    probe.memory = memory;
    probe.instances++;
    const wrapped = {};
    for (const [name, real] of Object.entries(exports)) {
      if (typeof real !== "function") {
        wrapped[name] = real;
        continue;
      }
      wrapped[name] = (...args) => {
        const count = (probe.calls.get(name) ?? 0) + 1;
        probe.calls.set(name, count);
        const fault = probe.faults.get(name);
        if (fault?.at === count) {
          probe.faults.delete(name);
          return fault.run(exports, args, real);
        }
        const value = real(...args);
        probe.observers.get(name)?.(value, args);
        if (name === "edgejwt_context_new") probe.context = value;
        if (name === "edgejwt_result_new") probe.result = value;
        if (MAKERS.has(name) && value === 0) probe.made.push({ name, handle: probe.resultHandle() });
        return value;
      };
    }
    return { exports: wrapped, memory };
  }

  async function load(options) {
    const engine = await build.load(options);
    // The engine's other members (a JWE module's signatures) stay as they are.
    return { ...engine, ...wrap(engine), renew: () => wrap(engine.renew()) };
  }

  return { load, probe };
}

// Faults for probe.arm().
export const faults = {
  // An injected throw, as a trap would surface.
  injected: () => { throw new WebAssembly.RuntimeError("injected trap"); },
  // A real trap in the real instance: the call's pointer arguments replaced by a wild one.
  wildPointer: (exports) => exports.edgejwt_decode(0x7ffffff0, 0x7ffffff0, 0, 0x7ffffff0, 4096),
  // A real stack overflow: the call made again and again as the JS stack unwinds from exhaustion,
  // from where it cannot even enter the instance to where it overflows inside it (leaving the
  // instance's own stack pointer unrestored, as a hostile depth once did), then thrown.
  stackOverflow: (exports, args, real) => {
    let overflow = null;
    let done = false;
    const descend = () => {
      try {
        descend();
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      if (done) return;
      try {
        real(...args);
        done = true;
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        overflow = error;
      }
    };
    descend();
    throw overflow;
  },
};
