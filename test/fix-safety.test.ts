/**
 * --fix never damages a file: a file that is not positively a Flink configuration file is left
 * byte for byte as it was, whatever it is named or read as, and a Flink file changes only inside
 * the ranges of the findings whose fixes were applied, on the lines of Flink settings.
 * The property runs over every fixture, every file in test/realworld/ (read when the test runs,
 * so the check grows with that folder) and generated Compose, Kubernetes, CI and Helm YAML.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { decodeConfigBytes } from "../src/engine/decode.js";
import { lintBytes } from "../src/lint-file.js";
import { flinkSettingTest, HOST_TOP_LEVEL_KEYS, identifyFlinkConfig } from "../src/engine/identify.js";
import { fixText } from "../src/engine/fix.js";
import { lint } from "../src/engine/lint.js";
import { looksLikeFlinkManifest } from "../src/hosts/flink-resource/lint.js";
import { catalogFor, CATALOG_VERSIONS } from "../src/model/catalog.js";
import { createSession } from "../src/model/session.js";
import type { Diagnostic, LintOptions, LintResult } from "../src/types.js";
import { scratchDir } from "./scratch.js";

const ROOT = new URL("..", import.meta.url).pathname;
const SAFETY = join(ROOT, "fixtures/fix-safety");
const HOST_FIXTURES = readdirSync(SAFETY).filter((name) => /\.ya?ml$/.test(name)).sort();

/** Runs the CLI in process, as a user would from `cwd`. */
async function flinklint(cwd: string, args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(["--format", "compact", ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env: {},
    readStdin: async () => new TextEncoder().encode(stdin),
  });
  return { code, stdout, stderr };
}

/** The one stderr line `--fix` prints for a file it does not identify as Flink configuration. */
function notIdentified(file: string, reason: string): string {
  return `flinklint: ${file}: not fixed: not identified as a Flink configuration file (${reason})\n`;
}

/** Copies the fixture `name` into a fresh folder and runs `--fix` on it there; the file must come out byte for byte. */
async function fixCopyOf(name: string): Promise<{ dir: string; fixed: Awaited<ReturnType<typeof flinklint>>; expectUnchanged: () => void }> {
  const dir = scratchDir("fix-safety");
  const text = readFileSync(join(SAFETY, name), "utf8");
  writeFileSync(join(dir, name), text);
  const fixed = await flinklint(dir, ["--fix", name]);
  const expectUnchanged = () => expect(readFileSync(join(dir, name), "utf8")).toBe(text);
  expectUnchanged();
  return { dir, fixed, expectUnchanged };
}

/** The one line --fix may print about a host file: why it was not fixed, or that it carries no Flink configuration. */
const NOTE = /^flinklint: .+: (?:not fixed: .+|.+ with no Flink configuration that flinklint reads; not linted \(.+\))$/;

function hasFix(d: Diagnostic): boolean {
  return d.fix !== undefined && d.fix.edits.length > 0;
}

describe("host files that carry Flink settings (fixtures/fix-safety)", () => {
  it("are there, and read as a Flink file each offers fixes that would delete its own lines", () => {
    expect(HOST_FIXTURES).toEqual(expect.arrayContaining(["docker-compose.yml", "configmap.yaml"]));
    for (const name of ["docker-compose.yml", "configmap.yaml"]) {
      const text = readFileSync(join(SAFETY, name), "utf8");
      // Without the guard, these are the fixes that deleted `image:`, `command:` and `size: 1600m`.
      expect(lint(text, { dialect: "legacy" }).diagnostics.filter(hasFix).length, name).toBeGreaterThan(0);
    }
  });

  it("docker-compose.yml: --fix writes nothing, and no finding is about the Compose file's own structure", async () => {
    const { dir, fixed } = await fixCopyOf("docker-compose.yml");
    expect(fixed.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(fixed.code).not.toBe(2);
    // Read as its host, not as a flat flink-conf.yaml: `services:` and `image:` are no Flink settings to report.
    expect(fixed.stdout).not.toMatch(/legacy-nested-yaml|legacy-missing-separator/);
    const dry = await flinklint(dir, ["--fix-dry-run", "docker-compose.yml"]);
    expect(dry.stdout).not.toMatch(/^--- a\//m);
    expect(dry.stderr).toBe(fixed.stderr);
  });

  it("a ConfigMap keeps its `size: 1600m` lines, named as it is or read with --dialect", async () => {
    const { dir, fixed, expectUnchanged } = await fixCopyOf("configmap.yaml");
    expect(fixed.stdout).not.toMatch(/legacy-nested-yaml|legacy-missing-separator/);
    const forced = await flinklint(dir, ["--fix", "--dialect", "legacy", "configmap.yaml"]);
    expectUnchanged();
    expect(forced.stderr).toBe(notIdentified("configmap.yaml", "it looks like a Kubernetes manifest: top-level apiVersion, kind"));
  });

  /** Every way a user can point flinklint at a host file as if it were Flink configuration. */
  const disguises: Array<{ label: string; file: (name: string) => string; args: (file: string) => string[] }> = [
    { label: "its own name", file: (name) => name, args: (file) => [file] },
    { label: "renamed flink-conf.yaml", file: () => "conf/flink-conf.yaml", args: (file) => [file] },
    { label: "renamed config.yaml", file: () => "conf/config.yaml", args: (file) => [file] },
    { label: "prefixed app.flink-conf.yaml", file: () => "app.flink-conf.yaml", args: (file) => [file] },
    { label: "--dialect legacy", file: (name) => name, args: (file) => ["--dialect", "legacy", file] },
    { label: "--dialect standard", file: (name) => name, args: (file) => ["--dialect", "standard", file] },
    { label: "a directory walk", file: () => "deploy/flink-conf.yaml", args: () => ["deploy"] },
  ];

  for (const name of HOST_FIXTURES) {
    it.each(disguises.map((d) => [d.label, d]))(`${name} as %s: --fix and --fix-dry-run leave it byte for byte`, async (_label, disguise) => {
      const dir = scratchDir("fix-safety");
      const bytes = readFileSync(join(SAFETY, name));
      const file = disguise.file(name);
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), bytes);
      for (const mode of ["--fix", "--fix-dry-run"]) {
        const result = await flinklint(dir, [mode, ...disguise.args(file)]);
        expect(result.code, result.stderr).not.toBe(2);
        expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
        expect(result.stdout).not.toMatch(/^--- a\//m);
        // At most one note, about this file, and never an error exit by itself.
        const notes = result.stderr.split("\n").filter(Boolean);
        expect(notes.length).toBeLessThanOrEqual(1);
        for (const note of notes) expect(note).toMatch(NOTE);
      }
      expect(readdirSync(dirname(join(dir, file)))).toEqual([file.split("/").pop()]);
    });

    it(`${name} on standard input: --fix-dry-run prints no change, named or not`, async () => {
      const text = readFileSync(join(SAFETY, name), "utf8");
      const dir = scratchDir("fix-safety");
      for (const args of [[], ["--stdin-filename", "flink-conf.yaml"], ["--stdin-filename", "config.yaml"], ["--dialect", "legacy"]]) {
        const result = await flinklint(dir, ["--fix-dry-run", "--stdin", ...args], text);
        expect(result.stdout, args.join(" ")).not.toMatch(/^--- a\//m);
        expect(result.code).not.toBe(2);
      }
    });
  }

  it("standard input without a name is not identified; with a Flink name or a dialect it is fixed", async () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600Mi\n";
    const dir = scratchDir("fix-safety");
    const unnamed = await flinklint(dir, ["--fix-dry-run", "--stdin"], text);
    expect(unnamed.stdout).not.toMatch(/^--- a\//m);
    expect(unnamed.stderr).toBe(notIdentified("<stdin>", "standard input has no file name; give --stdin-filename or --dialect"));
    for (const args of [["--stdin-filename", "conf/flink-conf.yaml"], ["--dialect", "legacy"]]) {
      const named = await flinklint(dir, ["--fix-dry-run", "--stdin", ...args], text);
      expect(named.stdout).toContain("+jobmanager.memory.process.size: 1600m");
      expect(named.stderr).toBe("");
    }
  });

  it("in a Flink file, a fix outside the lines of Flink settings is not applied (and not offered as safe)", async () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n  rest.port: 8081\n  my.job.input: s3://bucket/in\n";
    const dir = scratchDir("fix-safety");
    writeFileSync(join(dir, "flink-conf.yaml"), text);
    const before = lint(text, { filename: "flink-conf.yaml" });
    expect(before.diagnostics.filter(hasFix).map((d) => d.start.line)).toEqual([3, 4]);
    const result = await flinklint(dir, ["--fix", "flink-conf.yaml"]);
    expect(readFileSync(join(dir, "flink-conf.yaml"), "utf8")).toBe(
      "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nrest.port: 8081\n  my.job.input: s3://bucket/in\n",
    );
    expect(result.stderr).toBe("");
    const json = await flinklint(dir, ["--format", "json", "flink-conf.yaml"]);
    expect(JSON.parse(json.stdout.slice(json.stdout.indexOf("[")))[0].fixableWarningCount).toBe(0);
  });

  it("no top-level key that marks a host starts any Flink option", () => {
    for (const version of CATALOG_VERSIONS) {
      const roots = new Set(catalogFor(version, createSession()).keys.map((k) => k.split(".")[0]));
      for (const { keys } of HOST_TOP_LEVEL_KEYS) for (const key of keys) expect(roots.has(key), `${key} in ${version}`).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The property: over real and fixture files, and generated host YAML.

function walkYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walkYaml(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** The fixes a lint offers whose every edit is on lines of Flink settings (or removes a leading BOM), by what they do. */
function fixesOnSettingLines(offered: LintResult): Set<string> {
  const doc = offered.document;
  const isSetting = flinkSettingTest(offered.flinkVersion, createSession());
  const settingLines = new Set<number>();
  for (const entry of doc.entries) {
    if (!isSetting(entry.key)) continue;
    for (let line = entry.keyRange.start.line; line <= entry.valueRange.end.line; line++) settingLines.add(line);
  }
  const onSettingLines = (start: number, end: number) => {
    if (start === 0 && end === 1 && doc.text.charCodeAt(0) === 0xfeff) return true;
    const from = doc.lines.position(start).line;
    // An edit ending at the start of a line (a deleted line break) does not touch that line.
    const endPosition = doc.lines.position(end);
    const to = end > start && endPosition.column === 1 ? endPosition.line - 1 : endPosition.line;
    for (let line = from; line <= to; line++) if (!settingLines.has(line)) return false;
    return true;
  };
  return new Set(
    offered.diagnostics
      .filter((d) => hasFix(d) && (d.fix?.edits ?? []).every((e) => onSettingLines(e.range.start.offset, e.range.end.offset)))
      .map(fixSignature),
  );
}

function fixSignature(d: Diagnostic): string {
  return JSON.stringify([d.ruleId, d.key, d.start.offset, (d.fix?.edits ?? []).map((e) => [e.range.start.offset, e.range.end.offset, e.text])]);
}

/** The text with exactly these fixes' edits applied; the edits of one pass never overlap. */
function applyExactly(text: string, fixed: readonly Diagnostic[]): string {
  const edits = fixed.flatMap((d) => d.fix?.edits ?? []).sort((a, b) => a.range.start.offset - b.range.start.offset);
  let output = "";
  let cursor = 0;
  for (const edit of edits) {
    expect(edit.range.start.offset).toBeGreaterThanOrEqual(cursor);
    output += text.slice(cursor, edit.range.start.offset) + edit.text;
    cursor = edit.range.end.offset;
  }
  return output + text.slice(cursor);
}

interface Checked {
  changed: boolean;
  identified: boolean;
  offeredFixes: boolean;
}

/** --fix's code path on one text: lintBytes as lintFiles and the stdin path call it. */
function checkFix(bytes: Uint8Array, options: LintOptions, where: string): Checked {
  const outcome = lintBytes(bytes, options, true);
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) {
    expect(outcome.fixed, `${where}: unreadable, so untouched`).toBeUndefined();
    return { changed: false, identified: false, offeredFixes: false };
  }
  const { text } = decoded;
  const manifest = options.dialect === undefined && looksLikeFlinkManifest(text);
  if (manifest) {
    expect(outcome.fixed, `${where}: a manifest is not rewritten`).toBeUndefined();
    return { changed: false, identified: false, offeredFixes: false };
  }
  const original = lint(text, options);
  const offeredFixes = original.diagnostics.some(hasFix);
  const identified = identifyFlinkConfig(original, options).identified;
  if (!identified) {
    expect(outcome.fixed, `${where}: not a Flink configuration file, so untouched`).toBeUndefined();
    return { changed: false, identified, offeredFixes };
  }
  const { output, passes } = fixText(text, options);
  expect(outcome.fixed?.output ?? text, where).toBe(output);
  if (outcome.fixed === undefined) return { changed: false, identified, offeredFixes };
  // Pass by pass: each applied fix was offered by the lint of the text the pass started from, lies
  // on lines of Flink settings there, and nothing but its edits changed.
  let current = text;
  for (const pass of passes) {
    const allowed = fixesOnSettingLines(lint(current, options));
    for (const d of pass) expect(allowed.has(fixSignature(d)), `${where}: ${d.ruleId} at ${d.start.line} was not an offered fix on a Flink setting`).toBe(true);
    current = applyExactly(current, pass);
  }
  expect(current, `${where}: a byte outside the fixed ranges changed`).toBe(output);
  const after = lint(output, options);
  expect(after.document.loadFailure, where).toBeUndefined();
  expect(after.diagnostics.length, `${where}: fewer findings`).toBeLessThan(original.diagnostics.length);
  const errorsBefore = new Set(original.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.ruleId}:${d.key ?? ""}`));
  for (const d of after.diagnostics.filter((x) => x.severity === "error")) {
    expect(errorsBefore.has(`${d.ruleId}:${d.key ?? ""}`), `${where}: new error ${d.ruleId} ${d.key ?? ""}`).toBe(true);
  }
  return { changed: true, identified, offeredFixes };
}

describe("property: --fix changes only fixed ranges of Flink files, and no other file", () => {
  const files = [...walkYaml(join(ROOT, "fixtures")), ...walkYaml(join(ROOT, "test/realworld"))];

  it(`every fixture and real-world file (${files.length} at collection time), by its name and disguised as a Flink file`, () => {
    let fixedFiles = 0;
    let refusedWithFixes = 0;
    for (const path of files) {
      const bytes = readFileSync(path);
      const name = relative(ROOT, path);
      const variants: LintOptions[] = [{ filename: name }];
      if (!/(?:flink-conf|config)\.yaml$/.test(name)) variants.push({ filename: "flink-conf.yaml" }, { filename: "config.yaml" });
      for (const options of variants) {
        const checked = checkFix(bytes, options, `${name} as ${options.filename}`);
        if (checked.changed) fixedFiles++;
        if (!checked.identified && checked.offeredFixes) refusedWithFixes++;
      }
    }
    // The check can fail both ways: Flink files do get fixed, and misread files did offer fixes.
    expect(fixedFiles).toBeGreaterThan(10);
    expect(refusedWithFixes).toBeGreaterThan(5);
  }, 300_000);

  it("generated Compose, Kubernetes, CI and Helm YAML is never changed, under any name or dialect", () => {
    let offered = 0;
    let cases = 0;
    fc.assert(
      fc.property(hostFile, fc.constantFrom("\n", "\r\n"), ({ text, name }, eol) => {
        const source = text.replace(/\n/g, eol);
        const variants: LintOptions[] = [
          { filename: name },
          { filename: "flink-conf.yaml" },
          { filename: "conf/config.yaml" },
          { filename: name, dialect: "legacy" },
          { filename: name, dialect: "standard" },
          { filename: "<stdin>", dialect: "legacy" },
        ];
        for (const options of variants) {
          cases++;
          const outcome = lintBytes(new TextEncoder().encode(source), options, true);
          expect(outcome.fixed, `${options.filename} ${options.dialect ?? ""}\n${source}`).toBeUndefined();
          if (lint(source, options).diagnostics.some(hasFix)) offered++;
        }
      }),
      { numRuns: Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 300), seed: 20261203 },
    );
    // Most generated files offered fixes that, applied, would have deleted or rewritten host lines.
    expect(offered).toBeGreaterThan(cases / 4);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// Generators of host YAML that carries (or looks like it carries) Flink settings.

/** `key: value` lines that look like Flink settings, several of them fixable when read as flink-conf.yaml. */
const flinkLine = fc.constantFrom(
  "jobmanager.rpc.address: jobmanager",
  "taskmanager.numberOfTaskSlots: 2",
  "parallelism.default: 2",
  "taskmanager.memory.process.size: 2Gi",
  "taskmanager.memory.process.size: 1728m",
  "jobmanager.memory.process.size: 1600Mi",
  "taskmanager.memory.managed.size: 1.5g",
  "taskmanager.memory.size: 512m",
  "taskmanager.network.memory.min: 64m",
  "state.backend: rocksdb",
  "size: 1600m",
  "port: 6123",
);
/** Some lines twice: the duplicates a flat reading wants to delete. */
const flinkLines = fc
  .array(flinkLine, { minLength: 1, maxLength: 6 })
  .chain((lines) => fc.subarray(lines).map((again) => [...lines, ...again]));
const indentUnit = fc.constantFrom(2, 4);
const pad = (n: number) => " ".repeat(n);
const block = (lines: readonly string[], indent: number) => lines.map((l) => pad(indent) + l).join("\n");

const nestedFlinkYaml = (indent: number) =>
  ["jobmanager:", "  rpc:", "    address: flink-jobmanager", "    port: 6123", "  memory:", "    process:", "      size: 1600m", "taskmanager:", "  memory:", "    process:", "      size: 1728m"]
    .map((l) => l.replace(/^( *)/, (s) => pad((s.length / 2) * indent)))
    .join("\n");

const compose = fc
  .record({
    version: fc.option(fc.constantFrom('"2.2"', '"3.8"'), { nil: undefined }),
    i: indentUnit,
    image: fc.constantFrom("flink:1.20.0-scala_2.12", "flink:1.18", "apache/flink:2.1"),
    services: fc.uniqueArray(fc.constantFrom("jobmanager", "taskmanager", "sql-client", "job"), { minLength: 1, maxLength: 3 }),
    props: flinkLines,
    style: fc.constantFrom("list-block", "map-block", "list-inline"),
    name: fc.constantFrom("docker-compose.yml", "docker-compose.override.yaml", "compose.yaml"),
  })
  .map(({ version, i, image, services, props, style, name }) => {
    const lines: string[] = [];
    if (version) lines.push(`version: ${version}`);
    lines.push("services:");
    for (const service of services) {
      lines.push(`${pad(i)}${service}:`, `${pad(2 * i)}image: ${image}`, `${pad(2 * i)}command: ${service}`);
      lines.push(`${pad(2 * i)}ports:`, `${pad(3 * i)}- "8081:8081"`, `${pad(2 * i)}environment:`);
      if (style === "list-block") lines.push(`${pad(3 * i)}- |`, `${pad(4 * i)}FLINK_PROPERTIES=`, block(props, 4 * i));
      else if (style === "map-block") lines.push(`${pad(3 * i)}FLINK_PROPERTIES: |`, block(props, 4 * i));
      else lines.push(`${pad(3 * i)}- FLINK_PROPERTIES=${props.join("\\n")}`);
    }
    lines.push("volumes:", `${pad(i)}checkpoints:`);
    return { text: `${lines.join("\n")}\n`, name };
  });

const kubernetes = fc
  .record({
    i: indentUnit,
    kind: fc.constantFrom("ConfigMap", "Deployment", "Service", "StatefulSet"),
    key: fc.constantFrom("config.yaml", "flink-conf.yaml"),
    nested: fc.boolean(),
    props: flinkLines,
    more: fc.boolean(),
    name: fc.constantFrom("flink-configuration-configmap.yaml", "jobmanager-deployment.yaml", "k8s/flink.yaml"),
  })
  .map(({ i, kind, key, nested, props, more, name }) => {
    const head = ["apiVersion: " + (kind === "ConfigMap" || kind === "Service" ? "v1" : "apps/v1"), `kind: ${kind}`, "metadata:", `${pad(i)}name: flink-${kind.toLowerCase()}`, `${pad(i)}labels:`, `${pad(2 * i)}app: flink`];
    let body: string[];
    if (kind === "ConfigMap") {
      const content = nested ? nestedFlinkYaml(i).split("\n").map((l) => pad(2 * i) + l).join("\n") : block(props, 2 * i);
      body = ["data:", `${pad(i)}${key}: |`, content, `${pad(i)}log4j-console.properties: |+`, `${pad(2 * i)}rootLogger.level = INFO`];
    } else if (kind === "Service") {
      body = ["spec:", `${pad(i)}ports:`, `${pad(i)}- name: rpc`, `${pad(2 * i)}port: 6123`, `${pad(i)}- name: blob`, `${pad(2 * i)}port: 6124`];
    } else {
      body = [
        "spec:", `${pad(i)}replicas: 1`, `${pad(i)}template:`, `${pad(2 * i)}spec:`, `${pad(3 * i)}containers:`,
        `${pad(3 * i)}- name: jobmanager`, `${pad(4 * i)}image: flink:1.20`, `${pad(4 * i)}args: ["jobmanager", "-Dtaskmanager.memory.process.size=2Gi"]`,
        `${pad(4 * i)}env:`, `${pad(4 * i)}- name: FLINK_PROPERTIES`, `${pad(5 * i)}value: |`, block(props, 6 * i),
      ];
    }
    const doc = [...head, ...body].join("\n");
    return { text: more ? `${doc}\n---\n${doc.replace(/name: flink-/, "name: other-")}\n` : `${doc}\n`, name };
  });

const githubWorkflow = fc
  .record({ i: indentUnit, props: flinkLines, env: flinkLines, name: fc.constantFrom(".github/workflows/ci.yml", ".github/workflows/deploy.yaml") })
  .map(({ i, props, env, name }) => ({
    name,
    text: [
      "name: flink-job", "on:", `${pad(i)}push:`, `${pad(2 * i)}branches: [main]`, "jobs:", `${pad(i)}deploy:`,
      `${pad(2 * i)}runs-on: ubuntu-latest`, `${pad(2 * i)}env:`, block(env, 3 * i), `${pad(2 * i)}steps:`,
      `${pad(3 * i)}- uses: actions/checkout@v4`, `${pad(3 * i)}- name: start`, `${pad(4 * i)}run: ./bin/start-cluster.sh`,
      `${pad(4 * i)}env:`, `${pad(5 * i)}FLINK_PROPERTIES: |`, block(props, 6 * i), "",
    ].join("\n"),
  }));

const gitlabCi = fc.record({ i: indentUnit, vars: flinkLines }).map(({ i, vars }) => ({
  name: ".gitlab-ci.yml",
  text: [
    "stages:", `${pad(i)}- build`, `${pad(i)}- deploy`, "variables:", block(vars, i), "build:", `${pad(i)}stage: build`,
    `${pad(i)}image: maven:3-eclipse-temurin-17`, `${pad(i)}script:`, `${pad(2 * i)}- mvn package`, "deploy:", `${pad(i)}stage: deploy`,
    `${pad(i)}script:`, `${pad(2 * i)}- flink run target/job.jar`, "",
  ].join("\n"),
}));

const helmValues = fc
  .record({ i: indentUnit, props: flinkLines, nested: fc.boolean(), replicas: fc.boolean(), name: fc.constantFrom("values.yaml", "values-prod.yaml", "charts/flink/values.yaml") })
  .map(({ i, props, nested, replicas, name }) => ({
    name,
    text: [
      "image:", `${pad(i)}repository: flink`, `${pad(i)}tag: 1.20.0-scala_2.12`, ...(replicas ? ["replicaCount: 1"] : []),
      ...(nested ? nestedFlinkYaml(i).split("\n") : []),
      "flinkConfiguration:", block(props, i), "resources:", `${pad(i)}limits:`, `${pad(2 * i)}memory: 2Gi`, "",
    ].join("\n"),
  }));

const hostFile = fc.oneof(compose, kubernetes, githubWorkflow, gitlabCi, helmValues);
