// The raw token as text: its parts (for the colour-coded view) and, when the library refuses it,
// the part at fault and why, in words. The library's error code stays the verdict; this only
// points at the character.
import { fromBase64url } from "../js/util.js";

const NAMES = ["header", "payload", "signature"];
const JWE_NAMES = ["header", "encrypted-key", "iv", "ciphertext", "tag"]; // RFC 7516 §7.1
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const UNUSED_BITS = { 2: 4, 3: 2 }; // length mod 4 -> low bits of the last character that must be zero
const PREVIEW_LENGTH = 60;

// The token without surrounding whitespace or a leading "Bearer " (as copied from an Authorization
// header), and a note for each thing removed.
export function cleanToken(input) {
  let token = input.trim();
  const notes = [];
  const bearer = /^bearer\s+/i.exec(token);
  if (bearer) {
    token = token.slice(bearer[0].length);
    notes.push('removed the "Bearer " prefix');
  }
  return { token, notes };
}

// The dot-separated parts with their names (a JWS's, or a JWE's for five) and offsets in the token.
export function partsOf(token) {
  let start = 0;
  const texts = token.split(".");
  const names = texts.length === 5 ? JWE_NAMES : NAMES;
  return texts.map((text, index) => {
    const part = { name: names[index] ?? "extra", text, start };
    start += text.length + 1;
    return part;
  });
}

// Why `text` is not canonical unpadded base64url ({ at, reason }, `at` an index into it), or null.
export function base64urlProblem(text) {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) return { at: bad.index, reason: `${describeCharacter(bad[0])} at character ${bad.index + 1}` };
  if (text.length % 4 === 1) return { reason: `its length (${text.length}) is not a possible base64url length: a character is missing or extra` };
  const unused = UNUSED_BITS[text.length % 4];
  if (unused && ALPHABET.indexOf(text.at(-1)) & ((1 << unused) - 1)) {
    return { at: text.length - 1, reason: "its last character has non-zero unused bits (another encoding of the same bytes)" };
  }
  return null;
}

function describeCharacter(character) {
  if (character === "=") return 'padding ("=") is not allowed in base64url';
  if (character === "+" || character === "/") return `"${character}" is base64, not base64url (which uses "-" and "_")`;
  if (/\s/.test(character)) return "whitespace inside the token";
  return `${JSON.stringify(character)} is not a base64url character`;
}

// What a base64url part decodes to, as text (invalid UTF-8 shown as U+FFFD), or null.
export function decodePart(text) {
  if (base64urlProblem(text)) return null;
  return new TextDecoder().decode(fromBase64url(text));
}

// For a decode error of the library's: { part, at, text }, the part's name (or null), the offset in
// the token of the character at fault (or null) and one sentence saying what is wrong ("" when the
// library's own message is all there is to say).
export function explain(error, token) {
  const parts = partsOf(token);
  const part = parts.find(({ name }) => name === error.where);
  const where = part ? `The ${parts.length === 5 ? "encrypted token's (JWE) " : ""}${part.name}` : "The token";
  const status = error.status ?? error.code;  // the core's status name: finer than jose's code
  if (status === "ERR_JWS_INVALID") {
    if (token === "") return { part: null, at: null, text: "The token is empty." };
    if (parts.length === 5) return { part: null, at: null, text: "It has five parts: that is an encrypted token (JWE), not a signed one." };
    if (parts.length !== 3) return { part: null, at: null, text: `A JWT has three parts separated by dots; this one has ${parts.length}.` };
    if (parts[0].text === "") return { part: "header", at: null, text: "The header (the first part) is empty." };
  }
  if (status === "ERR_BASE64URL_INVALID" && part) {
    const problem = base64urlProblem(part.text);
    if (problem) {
      return { part: part.name, at: problem.at === undefined ? null : part.start + problem.at, text: `${where} is not base64url: ${problem.reason}.` };
    }
  }
  if (status?.startsWith("ERR_JSON") && part) {
    const decoded = decodePart(part.text) ?? "";
    const preview = decoded.length > PREVIEW_LENGTH ? `${decoded.slice(0, PREVIEW_LENGTH)}…` : decoded;
    return { part: part.name, at: null, text: `${where} decodes to ${JSON.stringify(preview)}, which is not a usable JSON object.` };
  }
  if (parts.length === 5) return { part: part?.name ?? null, at: null, text: "It has five parts: an encrypted token (JWE), whose protected header cannot be read." };
  return { part: part?.name ?? null, at: null, text: "" }; // the library's message says it all
}
