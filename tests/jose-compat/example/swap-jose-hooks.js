// The module resolution hooks swap-jose.js registers (they run on Node's loader thread).
let swap = null;

export function initialize({ entry, program }) {
  if (typeof entry !== "string" || entry === "") throw new Error("EDGEJWT_JOSE_ENTRY must name the entry to use for \"jose\"");
  swap = { entry, program };
}

export function resolve(specifier, context, nextResolve) {
  if (specifier === "jose" && context.parentURL === swap.program) return nextResolve(swap.entry, context);
  return nextResolve(specifier, context);
}
