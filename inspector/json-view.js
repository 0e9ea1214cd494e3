// Pretty-printed JSON with syntax colouring, built from text nodes only: a token's claims are
// hostile input and never reach innerHTML.

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],])|(\s+)/g;

// The pieces of JSON text, each { type, text }: "key", "string", "number", "literal", "punctuation",
// "space". Keys keep their colon as a separate "punctuation" piece.
export function tokenize(json) {
  const pieces = [];
  for (const [, string, colon, number, literal, punctuation, space] of json.matchAll(TOKEN)) {
    if (string !== undefined) {
      pieces.push({ type: colon ? "key" : "string", text: string });
      if (colon) pieces.push({ type: "punctuation", text: colon });
    } else if (number !== undefined) pieces.push({ type: "number", text: number });
    else if (literal !== undefined) pieces.push({ type: "literal", text: literal });
    else if (punctuation !== undefined) pieces.push({ type: "punctuation", text: punctuation });
    else pieces.push({ type: "space", text: space });
  }
  return pieces;
}

// Fills `element` with `value` as indented JSON; `titleFor(key, value)` may give a tooltip for the
// value of a member (the timeline's dates for "exp", "iat", "nbf").
export function renderJson(element, value, titleFor = () => undefined) {
  const document = element.ownerDocument;
  element.replaceChildren();
  let key;
  for (const { type, text } of tokenize(JSON.stringify(value, null, 2))) {
    if (type === "space" || type === "punctuation") {
      element.append(text);
      continue;
    }
    const span = document.createElement("span");
    span.className = `json-${type}`;
    span.textContent = text;
    if (type === "key") key = JSON.parse(text);
    else {
      const title = key === undefined ? undefined : titleFor(key, JSON.parse(text));
      if (title) span.title = title;
      key = undefined;
    }
    element.append(span);
  }
}
