// Changing compact JWEs as an attacker does, for the JWE tests: a header rewritten, a part's first
// character changed.
export const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
export const headerOf = (token) => JSON.parse(Buffer.from(token.split(".")[0], "base64url"));
export const withHeader = (token, header) => [b64(header), ...token.split(".").slice(1)].join(".");

// `token` with the first character of part `index` changed.
export function tampered(token, index) {
  const parts = token.split(".");
  parts[index] = (parts[index][0] === "A" ? "B" : "A") + parts[index].slice(1);
  return parts.join(".");
}
