// A strict reader of the Prometheus text exposition format (0.0.4), for the tests that scrape the
// gateway: every line is a HELP, a TYPE or a sample; a family's HELP and TYPE come before its
// samples, once; names and label names are valid; label values are quoted with the format's
// three escapes; values are numbers; counters end in _total. Throws on anything else.
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

// name → { type, help, samples: [{ labels: { name: value }, value }] }
export function parsePrometheus(text) {
  if (!text.endsWith("\n")) throw new SyntaxError("the exposition must end with a newline");
  const families = new Map();
  const familyOf = (name) => {
    if (!families.has(name)) families.set(name, { type: null, help: null, samples: [] });
    return families.get(name);
  };
  text.slice(0, -1).split("\n").forEach((line, index) => {
    const where = `line ${index + 1}: ${JSON.stringify(line)}`;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment;
      if (!NAME.test(name)) throw new SyntaxError(`${where}: bad metric name`);
      const family = familyOf(name);
      if (family.samples.length) throw new SyntaxError(`${where}: ${kind} after samples`);
      if (kind === "HELP") {
        if (family.help !== null) throw new SyntaxError(`${where}: a second HELP`);
        family.help = rest.replace(/\\(.)/g, (all, character) => (character === "n" ? "\n" : character));
      } else {
        if (family.type !== null || !TYPES.has(rest)) throw new SyntaxError(`${where}: bad or second TYPE`);
        if (rest === "counter" && !name.endsWith("_total")) throw new SyntaxError(`${where}: a counter's name ends in _total`);
        family.type = rest;
      }
      return;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new SyntaxError(`${where}: neither a comment nor a sample`);
    const [, name, labelText = "", valueText] = sample;
    const family = families.get(name);
    if (!family || family.type === null) throw new SyntaxError(`${where}: a sample before its TYPE`);
    const value = Number(valueText);
    if (Number.isNaN(value) && valueText !== "NaN") throw new SyntaxError(`${where}: bad value`);
    family.samples.push({ labels: labelsOf(labelText, where), value });
  });
  return families;
}

function labelsOf(text, where) {
  const labels = {};
  const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
  for (let at = 0; at < text.length;) {
    pair.lastIndex = at;
    const match = pair.exec(text);
    if (!match || !LABEL_NAME.test(match[1]) || Object.hasOwn(labels, match[1])) throw new SyntaxError(`${where}: bad labels`);
    labels[match[1]] = match[2].replace(/\\(.)/g, (all, character) => (character === "n" ? "\n" : character));
    at = pair.lastIndex;
  }
  return labels;
}

// The sum of the samples of `name` whose labels include `labels` (0 when none does).
export function total(families, name, labels = {}) {
  const family = families.get(name);
  if (!family) throw new Error(`no metric ${name}`);
  return family.samples.filter((sample) => Object.entries(labels).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
