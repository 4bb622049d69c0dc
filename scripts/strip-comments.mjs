// Cuts the text of every comment in a Flink configuration file down to the bare `#`, keeping
// every line, key, value and blank line where it was, so files collected from other projects
// carry their structure and quirks but not their authors' prose (test/realworld/).
//
//   node scripts/strip-comments.mjs <kind> <in> <out>     kind: legacy | yaml
//   node scripts/strip-comments.mjs --check <kind> <original> <stripped>
//
// legacy: Flink's flink-conf.yaml reader (GlobalConfiguration.loadYAMLResource) cuts every line
//   at its first `#`, wherever it stands, so the text after that `#` is dropped and the `#` kept.
// yaml: only real YAML comments go (the `yaml` package's CST tells them from a `#` inside a
//   quoted string or glued to a plain scalar). Inside block scalars, which hold embedded files
//   (a ConfigMap's `flink-conf.yaml: |`, Compose's `FLINK_PROPERTIES`, log4j properties), a line
//   that is wholly a comment is cut to its indentation and `#`; in an embedded Flink file
//   (FLINK_PROPERTIES or a flink-conf.yaml entry) an inline ` #` comment is cut as Flink cuts it.
// --check proves the cut changed nothing a reader sees: the legacy key/value list for legacy
// files; for YAML files the parsed value, with embedded texts compared after the same cut.
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { CST, Parser, parseAllDocuments } from "yaml";

function splitLines(text) {
  return text.split("\n");
}

function stripLegacyLine(line) {
  const hash = line.indexOf("#");
  if (hash < 0) return line;
  const cr = line.endsWith("\r") ? "\r" : "";
  return line.slice(0, hash + 1) + cr;
}

export function stripLegacy(text) {
  return splitLines(text).map(stripLegacyLine).join("\n");
}

// Flink's legacy reader, as far as the key/value result goes: cut at `#`, trim, split at ": ".
export function readLegacy(text) {
  const entries = [];
  for (const raw of text.split(/\r?\n|\r/)) {
    const conf = raw.split("#", 1)[0].trim();
    if (conf.length === 0) continue;
    const kv = conf.split(": ", 2);
    if (kv.length === 1) {
      entries.push(["<skipped>", conf]);
      continue;
    }
    entries.push([kv[0].trim(), kv[1].trim()]);
  }
  return entries;
}

function looksLikeEmbeddedFlinkFile(keySource, body) {
  return /(^|[-.])flink-conf\.yaml$/.test(keySource) || /^\s*FLINK_PROPERTIES\s*=/.test(body) || keySource === "FLINK_PROPERTIES";
}

// Cuts comments inside the text of an embedded file, line by line.
export function stripEmbedded(body, flinkFile) {
  return body
    .split("\n")
    .map((line) => {
      const lead = /^(\s*)#/.exec(line);
      if (lead) return `${lead[1]}#${line.endsWith("\r") ? "\r" : ""}`;
      if (!flinkFile) return line;
      // An inline comment after a value: only where no quote precedes it on the line, so both
      // Flink's legacy reader and a YAML reader see the same value before and after.
      const inline = /\s#/.exec(line);
      if (inline && !/["']/.test(line.slice(0, inline.index))) {
        return line.slice(0, inline.index + 2) + (line.endsWith("\r") ? "\r" : "");
      }
      return line;
    })
    .join("\n");
}

function sourceOf(token) {
  return token && typeof token === "object" && "source" in token ? String(token.source) : "";
}

function walk(node, keySource) {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, keySource);
    return;
  }
  if (!node || typeof node !== "object") return;
  if (node.type === "comment" && typeof node.source === "string") {
    node.source = "#";
    return;
  }
  if (node.type === "block-scalar" && typeof node.source === "string") {
    node.source = stripEmbedded(node.source, looksLikeEmbeddedFlinkFile(keySource, node.source));
    walk(node.props, keySource);
    return;
  }
  if (Array.isArray(node.items)) {
    for (const item of node.items) {
      walk(item.start, keySource);
      walk(item.key, keySource);
      walk(item.sep, keySource);
      walk(item.value, item.key ? sourceOf(item.key) : keySource);
    }
  }
  for (const field of ["start", "end", "props", "sep", "value"]) {
    if (field in node && field !== "value") walk(node[field], keySource);
  }
  if ("value" in node && node.type === "document") walk(node.value, keySource);
}

export function stripYaml(text) {
  const tokens = [...new Parser().parse(text)];
  const unchanged = tokens.map((t) => CST.stringify(t)).join("");
  if (unchanged !== text) throw new Error("the CST does not give back the file's text");
  for (const token of tokens) walk(token, "");
  return tokens.map((t) => CST.stringify(t)).join("");
}

function mapStrings(value, fn) {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out;
  }
  return value;
}

function readYaml(text) {
  return parseAllDocuments(text, { uniqueKeys: false }).map((d) => d.toJS({ maxAliasCount: -1 }));
}

export function checkStripped(kind, original, stripped) {
  const a = splitLines(original);
  const b = splitLines(stripped);
  if (a.length !== b.length) return "the line count changed";
  if (kind === "legacy") {
    return isDeepStrictEqual(readLegacy(original), readLegacy(stripped)) ? null : "Flink's legacy reading changed";
  }
  const before = mapStrings(readYaml(original), (s) => (s.includes("\n") ? stripEmbedded(s, looksLikeEmbeddedFlinkFile("", s) || /jobmanager\.|taskmanager\./.test(s)) : s));
  const after = mapStrings(readYaml(stripped), (s) => (s.includes("\n") ? stripEmbedded(s, looksLikeEmbeddedFlinkFile("", s) || /jobmanager\.|taskmanager\./.test(s)) : s));
  return isDeepStrictEqual(before, after) ? null : "the parsed YAML changed";
}

function main(argv) {
  if (argv[0] === "--check") {
    const [, kind, originalPath, strippedPath] = argv;
    const problem = checkStripped(kind, readFileSync(originalPath, "utf8"), readFileSync(strippedPath, "utf8"));
    if (problem) {
      console.error(`${strippedPath}: ${problem}`);
      process.exit(1);
    }
    return;
  }
  const [kind, input, output] = argv;
  const text = readFileSync(input, "utf8");
  writeFileSync(output, kind === "legacy" ? stripLegacy(text) : stripYaml(text));
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
