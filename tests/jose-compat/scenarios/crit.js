// "crit" (RFC 7515 §4.1.11) when verifying, with jose's option shape: an object whose keys are the
// extensions the caller understands (`{ "http://example/ext": true }`). Signing with crit is in
// signing.js.
import { each, verifyClaims } from "./kit.js";

const EXT = "http://example/ext";

// { id: [header, options, strict?] }
const CASES = {
  "understood": [{ crit: [EXT], [EXT]: "v" }, { crit: { [EXT]: true } }],
  "understood-value-false": [{ crit: [EXT], [EXT]: "v" }, { crit: { [EXT]: false } }],
  "not-understood": [{ crit: [EXT], [EXT]: "v" }, {}],
  "other-extension-understood": [{ crit: [EXT], [EXT]: "v" }, { crit: { "http://example/other": true } }],
  "member-missing": [{ crit: [EXT] }, { crit: { [EXT]: true } }],
  "empty": [{ crit: [] }, {}],
  "not-array": [{ crit: EXT, [EXT]: "v" }, { crit: { [EXT]: true } }],
  "empty-name": [{ crit: [""] }, {}],
  "standard-name": [{ crit: ["alg"] }, {}, "crit-names"],
  "b64-without-member": [{ crit: ["b64"] }, {}],
  "duplicate-names": [{ crit: [EXT, EXT], [EXT]: "v" }, { crit: { [EXT]: true } }, "crit-names"],
  "option-without-crit-header": [{}, { crit: { [EXT]: true } }],
};

export default each(CASES, (id, [header, options, strict]) => ({
  id: `crit/${id}`,
  title: `header ${JSON.stringify(header)}, options ${JSON.stringify(options)}`,
  ...(strict && { strict }),
  run: (lib) => verifyClaims(lib, { sub: "u" }, options, header),
}));
