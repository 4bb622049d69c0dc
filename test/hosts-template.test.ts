/**
 * Templates (src/hosts/template): a Helm template gets one note, on its first action, saying to
 * lint the rendered output, never a YAML error; the rendered output, several documents on standard
 * input, is linted through the FlinkDeployment adapter with findings on its own lines.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIo } from "../src/cli/main.js";
import { templateAdapter } from "../src/hosts/template/adapter.js";
import { lintText } from "../src/lint-file.js";
import { lintFiles } from "../src/node/lint-files.js";
import { firstTemplateAction, hasTemplatePlaceholder, templatePlaceholders } from "../src/parser/placeholders.js";
import { FIXTURES, readExpectations } from "./fixture-support.js";

const DIR = join(FIXTURES, "hosts/template");
const ROOT = new URL("..", import.meta.url).pathname;

function lintFixture(name: string, filename = `fixtures/hosts/template/${name}`) {
  const text = readFileSync(join(DIR, name), "utf8");
  return { text, linted: lintText(text, { filename }) };
}

function located(text: string, diagnostics: readonly { ruleId: string; start: { line: number; column: number } }[]) {
  const expected = readExpectations(text).map((e) => `${e.ruleId}:${e.line}:${e.column}`);
  return { expected: expected.sort(), actual: diagnostics.map((d) => `${d.ruleId}:${d.start.line}:${d.start.column}`).sort() };
}

describe("Helm templates", () => {
  it.each(["chart/templates/flinkdeployment.yaml", "chart/templates/configmap.yaml"])("%s: one note at the first action, no YAML error", (name) => {
    const { text, linted } = lintFixture(name);
    expect(linted.adapter).toBe("template");
    expect(linted.host).toBe("Helm template");
    const { expected, actual } = located(text, linted.diagnostics);
    expect(actual).toEqual(expected);
    const [note] = linted.diagnostics;
    expect(note?.message).toContain("pipe `helm template` into `flinklint --stdin --stdin-filename rendered.yaml`");
    expect(text.slice(note?.start.offset, note?.end.offset)).toMatch(/^\{\{.*\}\}$/s);
  });

  it("leaves the chart's values and GitHub Actions expressions to other adapters", () => {
    expect(lintFixture("chart/values.yaml").linted.adapter).not.toBe("template");
    const workflow = "on: push\njobs:\n  a:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: echo ${{ github.sha }}\n";
    expect(templateAdapter.claims({ text: workflow, filename: ".github/workflows/ci.yml", options: {} })).toBe(false);
    expect(templateAdapter.claims({ text: "a: {{ .Values.a }}\n", filename: "conf/flink-conf.yaml", options: { dialect: "legacy" } })).toBe(false);
    expect(templateAdapter.claims({ text: "a: {{ .Values.a }}\n", options: {} })).toBe(true);
    // The operator fills in its own ingress template: a FlinkDeployment with one is no Helm template.
    const ingress = "kind: FlinkDeployment\nspec:\n  ingress:\n    template: \"/{{namespace}}/{{name}}(/|$)(.*)\"\n";
    expect(templateAdapter.claims({ text: ingress, filename: "job.yaml", options: {} })).toBe(false);
    expect(templateAdapter.claims({ text: "x: {{- .Values.x }}\ny: {{/* c */}}\n", filename: "t.yaml", options: {} })).toBe(true);
  });

  it("a directory scan of a chart lints the templates that render Flink configuration and nothing else", async () => {
    const results = await lintFiles(["fixtures/hosts/template/chart"], { cwd: ROOT, noConfigLookup: true });
    expect(results.map((r) => relative("fixtures/hosts/template/chart", r.filePath)).sort()).toEqual(["templates/configmap.yaml", "templates/flinkdeployment.yaml"]);
    expect(results.flatMap((r) => r.diagnostics.map((d) => d.ruleId))).toEqual(["helm-template", "helm-template"]);
  });
});

describe("rendered output", () => {
  it("several documents from helm template are linted as manifests, findings on their own lines", () => {
    const { text, linted } = lintFixture("rendered.yaml", "rendered.yaml");
    expect(linted.adapter).toBe("flink-resource");
    expect(linted.results.map((r) => r.name)).toEqual(["job", "job-canary"]);
    const { expected, actual } = located(text, linted.diagnostics);
    expect(actual).toEqual(expected);
  });

  it("works on standard input with --stdin-filename rendered.yaml", async () => {
    const input = readFileSync(join(DIR, "rendered.yaml"));
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: ROOT, env: {}, readStdin: async () => new Uint8Array(input) };
    const code = await run(["--stdin", "--stdin-filename", "rendered.yaml", "--format", "compact", "--no-config-lookup"], io);
    expect(code).toBe(1);
    const printed = out.join("");
    expect(printed).toContain("rendered.yaml:24:42: error");
    expect(printed).toContain("rendered.yaml:43:24: error");
  });
});

describe("template placeholders (src/parser/placeholders.ts)", () => {
  it("finds what a start script, envsubst, the shell, Helm or GitHub Actions fill in", () => {
    expect(templatePlaceholders("hdfs://%HDFS%/%CHECKPOINTDIR% ${A} ${B:-2g} $C $(hostname) `id -u` {{ .Values.x }} ${{ matrix.p }}")).toEqual([
      "%HDFS%", "%CHECKPOINTDIR%", "${A}", "${B:-2g}", "$C", "$(hostname)", "`id -u`", "{{ .Values.x }}", "${{ matrix.p }}",
    ]);
  });

  it("takes no ordinary value for one", () => {
    for (const value of ["tm_slots", "com.example.Outer$Factory", "%m%n", "50%", "1728m", "{{name}}.{{namespace}}", "-XX:+UseG1GC", "a$"]) {
      expect(hasTemplatePlaceholder(value), value).toBe(false);
    }
  });

  it("finds a Helm action in linear time, and none in a text of unclosed braces", () => {
    expect(firstTemplateAction("x\ny: {{ .Values.y }}\n")).toEqual({ start: 5, end: 20 });
    expect(firstTemplateAction("{{ ".repeat(100_000))).toBeUndefined();
    // A comment that mentions a chart's value does not make a Flink file a template.
    expect(firstTemplateAction("# set by {{ .Values.slots }} in the chart\ntaskmanager.numberOfTaskSlots: 4\n")).toBeUndefined();
    expect(firstTemplateAction("a: 1 # {{ .x }}\nb: {{ .y }}\n")).toEqual({ start: 19, end: 27 });
  });

  it("real templates (test/realworld): placeholders are a note, bare words a start script replaces stay errors", () => {
    const rules = (file: string) => {
      const path = join(ROOT, "test/realworld", file);
      return lintText(readFileSync(path, "utf8"), { filename: path }).diagnostics.map((d) => d.ruleId);
    };
    for (const file of ["legacy/041/flink-conf.yaml", "legacy/088/flink-conf.yaml", "legacy/089/flink-conf.yaml"]) {
      expect(rules(file), file).toContain("template-placeholder");
      expect(rules(file), file).not.toContain("memory-cpu-invalid");
    }
    expect(rules("legacy/006/flink-conf.yaml")).toContain("memory-cpu-invalid");
    expect(rules("legacy/006/flink-conf.yaml")).not.toContain("template-placeholder");
  });
});
