// A minimal WASI preview1 host: what the edgejwt reactor may call, and nothing else. It lets the
// WASI build run where node:wasi does not exist (workerd, browsers, Deno, Bun).
// There is no filesystem, no environment and no arguments; stdout/stderr go to the console.

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_INVAL = 28;
const ERRNO_NOSYS = 52;
const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;

export class WasiExit extends Error {
  constructor(code) {
    super(`WASI module exited with code ${code}`);
    this.code = code;
  }
}

export function createWasiShim() {
  let memory = null;
  const lines = { 1: "", 2: "" };
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const decoder = new TextDecoder();

  const imports = {
    random_get(pointer, length) {
      // getRandomValues fills at most 65536 bytes a call.
      for (let offset = 0; offset < length; offset += 65536) {
        crypto.getRandomValues(bytes().subarray(pointer + offset, pointer + Math.min(length, offset + 65536)));
      }
      return ERRNO_SUCCESS;
    },
    clock_time_get(id, _precision, resultPointer) {
      let nanoseconds;
      if (id === CLOCK_REALTIME) nanoseconds = BigInt(Date.now()) * 1000000n;
      else if (id === CLOCK_MONOTONIC) nanoseconds = BigInt(Math.round(performance.now() * 1e6));
      else return ERRNO_INVAL;
      view().setBigUint64(resultPointer, nanoseconds, true);
      return ERRNO_SUCCESS;
    },
    fd_write(fd, iovs, iovsLength, writtenPointer) {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF;
      let written = 0;
      for (let i = 0; i < iovsLength; i++) {
        const pointer = view().getUint32(iovs + i * 8, true);
        const length = view().getUint32(iovs + i * 8 + 4, true);
        lines[fd] += decoder.decode(bytes().subarray(pointer, pointer + length));
        written += length;
      }
      const parts = lines[fd].split("\n");
      lines[fd] = parts.pop();
      for (const line of parts) (fd === 1 ? console.log : console.error)(line);
      view().setUint32(writtenPointer, written, true);
      return ERRNO_SUCCESS;
    },
    environ_sizes_get(countPointer, sizePointer) {
      view().setUint32(countPointer, 0, true);
      view().setUint32(sizePointer, 0, true);
      return ERRNO_SUCCESS;
    },
    environ_get() { return ERRNO_SUCCESS; },
    args_sizes_get(countPointer, sizePointer) {
      view().setUint32(countPointer, 0, true);
      view().setUint32(sizePointer, 0, true);
      return ERRNO_SUCCESS;
    },
    args_get() { return ERRNO_SUCCESS; },
    proc_exit(code) { throw new WasiExit(code); },
  };

  // Anything else the module imports answers "not supported" rather than failing to link.
  const preview1 = new Proxy(imports, {
    get: (target, name) => target[name] ?? (() => ERRNO_NOSYS),
  });

  return {
    imports: { wasi_snapshot_preview1: preview1 },
    // Reactor start-up: remember the memory and run the module's constructors.
    initialize(instance) {
      memory = instance.exports.memory;
      instance.exports._initialize?.();
    },
  };
}
