/** `.flinklint.yaml`: what it accepts, and the clear errors for what it does not. */
import { describe, expect, it } from "vitest";
import { parseProjectConfig, ProjectConfigError } from "../src/engine/project-config.js";

const RULES = ["legacy-missing-separator", "legacy-indented-line", "memory-both-totals"];
const parse = (text: string) => parseProjectConfig(text, ".flinklint.yaml", RULES);

describe(".flinklint.yaml", () => {
  it("reads severities, version, deployment and ignore patterns", () => {
    const config = parse(
      "flink-version: 1.20\ndeployment: kubernetes\nrules:\n  legacy-indented-line: off\n  memory-both-totals: warn\n  legacy-missing-separator: [error]\nignore:\n  - test/**\n",
    );
    expect(config).toEqual({
      path: ".flinklint.yaml",
      flinkVersion: "1.20",
      deployment: "kubernetes",
      rules: { "legacy-indented-line": "off", "memory-both-totals": "warning", "legacy-missing-separator": "error" },
      ignore: ["test/**"],
    });
  });

  it("treats an empty file as no settings", () => {
    expect(parse("# nothing yet\n")).toEqual({ path: ".flinklint.yaml", rules: {}, ignore: [] });
  });

  it.each([
    ["rules:\n  legacy-indented-lines: off\n", '.flinklint.yaml:2: unknown rule "legacy-indented-lines"; did you mean "legacy-indented-line"?'],
    ["rule:\n  x: off\n", '.flinklint.yaml:1: unknown setting "rule"; did you mean "rules"? (settings: flink-version, deployment, dialect, rules, ignore, include, operator-defaults)'],
    ["rules:\n  memory-both-totals: loud\n", '.flinklint.yaml:2: rule "memory-both-totals": unknown severity "loud"; expected off, warn, error or info'],
    ["rules:\n  memory-both-totals: [error, {max: 1}]\n", '.flinklint.yaml:2: rule "memory-both-totals" takes no options; give only its severity'],
    ["deployment: mesos\n", '.flinklint.yaml:1: "deployment" must be one of standalone, kubernetes, yarn, not "mesos"'],
    ["flink-version: 1.9\n", '.flinklint.yaml:1: unsupported Flink version "1.9"; expected one of 1.11, 1.12, 1.13, 1.14, 1.15, 1.16, 1.17, 1.18, 1.19, 1.20, 2.0, 2.1, 2.2'],
    ["rules: [a]\n", '.flinklint.yaml:1: "rules" takes a mapping of rule id to off, warn, error or info'],
    ["a: [\n", ".flinklint.yaml:2: not valid YAML: "],
  ])("rejects %j", (text, message) => {
    expect(() => parse(text)).toThrow(ProjectConfigError);
    expect(() => parse(text)).toThrow(message);
  });

  it("bounds YAML alias expansion instead of hanging", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++) bomb.push(`${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(10).fill(i === 0 ? "*a" : `*${"b".repeat(i)}`).join(", ")}]`);
    expect(() => parse(bomb.join("\n"))).toThrow(ProjectConfigError);
  });
});
