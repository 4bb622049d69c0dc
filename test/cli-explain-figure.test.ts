/**
 * `flinklint explain --format svg|html`: the memory figure of a file's own configuration, and the
 * page that holds it with the breakdown and the findings; `--output-file` for every explain format.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-support.js";
import { scratchDir } from "./scratch.js";

/** The file Flink 1.18 ships: the default 1728m TaskManager and 1600m JobManager. */
const DEFAULTS = "fixtures/flink-defaults/1.18-flink-conf.yaml";
const REFUSED = "fixtures/memory-both-totals/contradiction.flink-conf.yaml";
const COMPOSE = "fixtures/hosts/compose/application-cluster.docker-compose.yml";

/** The values of one attribute over every element that has it. */
function attributeValues(svg: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, "g"))].map((m) => m[1] ?? "");
}

describe("explain --format svg", () => {
  it("prints one well-formed SVG document with a figure per process", async () => {
    const { code, stdout, stderr } = await runCli(["explain", "--format", "svg", DEFAULTS]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trimStart().startsWith("<svg") || stdout.startsWith("<?xml")).toBe(true);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(attributeValues(stdout, "data-process").sort()).toEqual(["jobmanager", "taskmanager"]);
    expect(stdout).not.toMatch(/<script|<foreignObject|href="http/i);
  });

  it("draws the sizes explain --format json derives", async () => {
    const json = JSON.parse((await runCli(["explain", "--format", "json", DEFAULTS])).stdout) as { taskmanager: { bytes: Record<string, string> } };
    const svg = (await runCli(["explain", "--format", "svg", DEFAULTS])).stdout;
    const drawn = new Set(attributeValues(svg, "data-bytes"));
    for (const component of ["frameworkHeap", "taskHeap", "managed", "network", "jvmMetaspace", "jvmOverhead"]) {
      expect(drawn.has(json.taskmanager.bytes[component] ?? "missing"), component).toBe(true);
    }
  });

  it("exits 1 for a configuration Flink refuses, and marks it", async () => {
    const { code, stdout } = await runCli(["explain", "--format", "svg", REFUSED]);
    expect(code).toBe(1);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).toContain('data-refused="true"');
  });

  it("draws one figure per service of a Compose file, titled with the service", async () => {
    const { code, stdout } = await runCli(["explain", "--format", "svg", COMPOSE]);
    expect(code).toBe(0);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).toContain("Compose service jobmanager");
    expect(stdout).toContain("Compose service taskmanager");
    // The taskmanager service starts a TaskManager only, the jobmanager service a JobManager only.
    expect(attributeValues(stdout, "data-process").sort()).toEqual(["jobmanager", "taskmanager"]);
  });

  it("says why when a file starts no Flink process", async () => {
    const { code, stderr } = await runCli(["explain", "--format", "svg", "fixtures/hosts/kubernetes/unrelated.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^flinklint: fixtures\/hosts\/kubernetes\/unrelated\.yaml: no Flink configuration/);
  });
});

describe("explain --format html", () => {
  it("is one self-contained page: figures, breakdown, findings, nothing to fetch or run", async () => {
    const { code, stdout } = await runCli(["explain", "--format", "html", REFUSED]);
    expect(code).toBe(1);
    expect(stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(stdout).toContain("Content-Security-Policy");
    expect(stdout).toContain("<svg");
    expect(stdout).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    // The finding of the lint, with its rule id and line.
    expect(stdout).toMatch(/<td class="location">2:\d+<\/td><td class="severity-error">error<\/td><td><code>memory-both-totals<\/code>/);
    // Flink's refusal, in the breakdown's place.
    expect(stdout).toContain("Flink refuses this configuration");
  });

  it("has the breakdown table of a configuration Flink starts", async () => {
    const { code, stdout } = await runCli(["explain", "--format", "html", DEFAULTS]);
    expect(code).toBe(0);
    // Flink's own bytes: the fractions are floats, so managed is 8 bytes over 512 MiB.
    expect(stdout).toMatch(/<td>Managed<\/td><td class="num">512 MiB<\/td><td class="num">536870920<\/td><td>fraction<\/td>/);
    expect(stdout).toMatch(/<td>JVM overhead<\/td><td class="num">192 MiB<\/td><td class="num">201326592<\/td><td>fraction, raised to min<\/td>/);
    expect(stdout).toContain("<h3>JobManager <span");
  });

  it("lists a host's processes TaskManager first, and shows quoted keys of messages as code", async () => {
    // The FlinkDeployment lists its JobManager first; the page follows the figure's order.
    const { stdout } = await runCli(["explain", "--format", "html", "examples/kubernetes/flink-deployment.yaml"]);
    expect(stdout.indexOf("<h3>TaskManager")).toBeGreaterThan(-1);
    expect(stdout.indexOf("<h3>TaskManager")).toBeLessThan(stdout.indexOf("<h3>JobManager"));
    expect(stdout).toContain("The operator refuses <code>kubernetes.cluster-id</code> in flinkConfiguration");
  });

  it("escapes text from the file", async () => {
    const dir = scratchDir("explain-html");
    const file = join(dir, "flink-conf.yaml");
    writeFileSync(file, 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n<script>alert("x")</script>: 1\nenv.java.opts.all: "<img src=x onerror=alert(1)>"\n');
    const { stdout } = await runCli(["explain", "--format", "html", "--no-config-lookup", file]);
    expect(stdout).not.toContain("<script>");
    expect(stdout).not.toContain("<img");
    expect(stdout).toContain("&#60;script&#62;");
  });
});

describe("explain --output-file", () => {
  it("writes the document to the file, not to standard output, for every format", async () => {
    const dir = scratchDir("explain-output");
    for (const format of ["svg", "html", "json", "pretty"]) {
      const out = join(dir, `memory.${format}`);
      const { code, stdout } = await runCli(["explain", "--format", format, "--output-file", out, DEFAULTS]);
      expect(code).toBe(0);
      expect(stdout).toBe("");
      const direct = (await runCli(["explain", "--format", format, DEFAULTS])).stdout;
      expect(readFileSync(out, "utf8")).toBe(direct);
    }
  });

  it("fails with exit code 2 when the file cannot be written", async () => {
    const { code, stderr } = await runCli(["explain", "--format", "svg", "--output-file", "/nonexistent-dir/figure.svg", DEFAULTS]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write/);
  });
});

describe("formats per command", () => {
  it("explain names its own formats; lint does not take svg", async () => {
    const explain = await runCli(["explain", "--format", "sarif", DEFAULTS]);
    expect(explain.code).toBe(2);
    expect(explain.stderr).toContain('unknown explain format "sarif"; expected one of pretty, json, svg, html');
    const lint = await runCli(["--format", "svg", DEFAULTS]);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('unknown format "svg"');
  });
});
