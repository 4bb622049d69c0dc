/**
 * `.flinklint.yaml` read line by line (src/engine/project-config-lines.ts) must give exactly what
 * the `yaml` library gives, or step aside: on the repository's own file, on generated files of the
 * usual shape, and on random edits of them (each either read identically or left to `yaml`).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import { describe, expect, it } from "vitest";
import { readSimpleSettings } from "../src/engine/project-config-lines.js";

/** What `yaml` reads: the data and every key's offset by path, or undefined when it reports an error. */
function viaYaml(text: string): { data: unknown; keyOffsets: Map<string, number> } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const keyOffsets = new Map<string, number>();
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const path = `${prefix}${String(pair.key.value)}`;
      if (pair.key.range) keyOffsets.set(path, pair.key.range[0]);
      if (prefix === "") walk(pair.value as YamlNode, `${path}\n`);
    }
  };
  walk(doc.contents, "");
  return { data: doc.toJS(), keyOffsets };
}

function expectSameAsYaml(text: string): boolean {
  const lines = readSimpleSettings(text);
  if (lines === undefined) return false;
  const yaml = viaYaml(text);
  expect(yaml, JSON.stringify(text)).toBeDefined();
  expect(lines.data, JSON.stringify(text)).toEqual(yaml?.data ?? {});
  expect(lines.keyOffsets, JSON.stringify(text)).toEqual(yaml?.keyOffsets);
  return true;
}

const RULE_IDS = ["memory-both-totals", "legacy-indented-line", "unknown-key", "deprecated-key"];
// Mostly what people write, now and then what the reader must refuse.
const scalar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("kubernetes", "standalone", "off", "warn", "error", "info", "fixtures/", "test/**", "*.yaml", "deploy/operator/flink-conf.yaml", "a b", "x:y", "-x", "?q") },
  { weight: 6, arbitrary: fc.constantFrom('"1.20"', "'2.1'", '"fixtures/"', "'it''s'", '"a # b"', "'#'") },
  { weight: 1, arbitrary: fc.constantFrom("1.20", "2", "true", "false", "null", "~", "", "[a]", "{a: 1}", "&a x", "*a", "!tag x", "|", ">", '"a\\"b"', "é", "a\tb", "a #c", "a# c") },
);
const comment = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("", "  # note", " #") }, { weight: 1, arbitrary: fc.constantFrom("#x", " # ü") });
const indent = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("", "  ", "    ") }, { weight: 1, arbitrary: fc.constantFrom(" ", "\t") });

/** A file of the usual shape, with the odd variation (types, quoting, indentation, comments). */
const settingsFile = fc
  .record({
    version: fc.option(fc.tuple(scalar, comment)),
    deployment: fc.option(fc.tuple(scalar, comment)),
    rules: fc.option(fc.tuple(indent, fc.array(fc.tuple(fc.constantFrom(...RULE_IDS), scalar), { maxLength: 4 }))),
    ignore: fc.option(fc.tuple(indent, fc.array(fc.tuple(scalar, comment), { maxLength: 4 }))),
    header: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("", "# settings\n", "\n\n") }, { weight: 1, arbitrary: fc.constantFrom("---\n", "\ufeff") }),
    eol: fc.oneof({ weight: 8, arbitrary: fc.constant("\n") }, { weight: 1, arbitrary: fc.constant("\r\n") }),
  })
  .map(({ version, deployment, rules, ignore, header, eol }) => {
    const out: string[] = [];
    if (version) out.push(`flink-version: ${version[0]}${version[1]}`);
    if (deployment) out.push(`deployment: ${deployment[0]}${deployment[1]}`);
    if (rules) out.push("rules:", ...rules[1].map(([id, value]) => `${rules[0] || "  "}${id}: ${value}`));
    if (ignore) out.push("ignore:  # skipped", ...ignore[1].map(([value, c]) => `${ignore[0]}- ${value}${c}`));
    return header + out.join(eol) + eol;
  });

describe(".flinklint.yaml line by line", () => {
  it("reads the repository's own file, as yaml does", () => {
    expect(expectSameAsYaml(readFileSync(new URL("../.flinklint.yaml", import.meta.url), "utf8"))).toBe(true);
  });

  it("reads the usual shapes", () => {
    for (const text of [
      "",
      "# only a comment\n",
      'flink-version: "1.20"\ndeployment: kubernetes # where\n',
      "rules:\n  memory-both-totals: error\n  unknown-key: off\n",
      "rules:\n  unknown-key: false\n",
      "ignore:\n  - \"fixtures/\"\n  - test/**\ninclude:\n- .github/workflows/*.yml\n",
      "ignore:\n\n  # a comment between\n  - a\n",
    ]) {
      expect(expectSameAsYaml(text), JSON.stringify(text)).toBe(true);
    }
  });

  it("leaves every other shape to yaml", () => {
    for (const text of [
      "flink-version: 1.20\n",
      "deployment:\n",
      "rules:\n",
      "deployment: ~\n",
      "rules:\n  a:\n    b: c\n",
      "ignore: [a, b]\n",
      "deployment: kube\n  rnetes\n",
      "ignore:\n  - a\n    b\n",
      "a: 1\na: 2\n",
      "rules:\n  x: off\n  x: warn\n",
      "\ufeffdeployment: yarn\n",
      "deployment: yarn\r\n",
      "\tdeployment: yarn\n",
      "deployment: 'ü'\n",
      "---\ndeployment: yarn\n",
      "true: x\n",
      "- a\n",
      "ignore:\n  -a\n",
      "deployment:yarn\n",
    ]) {
      expect(readSimpleSettings(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("reads generated files exactly as yaml does, or leaves them to it", () => {
    let read = 0;
    fc.assert(
      fc.property(settingsFile, (text) => {
        if (expectSameAsYaml(text)) read++;
      }),
      { numRuns: 3000, seed: 17 },
    );
    // The generator must exercise the reader, not only its refusals.
    expect(read).toBeGreaterThan(300);
  });

  it("never reads an edited file differently from yaml", () => {
    const base = readFileSync(new URL("../.flinklint.yaml", import.meta.url), "utf8") + 'rules:\n  unknown-key: "off"\ndeployment: yarn\n';
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.constantFrom(" ", "\n", "#", ":", "-", "'", '"', "a", "", "  ", ": ", "- "), (at, insert) => {
        expectSameAsYaml(base.slice(0, at) + insert + base.slice(at + 1));
      }),
      { numRuns: 3000, seed: 17 },
    );
  });
});
