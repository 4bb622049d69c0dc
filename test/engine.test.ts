/** The engine around the rules: crashes contained, severities configurable, real files survived. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";
import { displayPath } from "../src/node/errors.js";
import { lintBytes } from "../src/lint-file.js";
import { rules } from "../rules/index.js";
import { defineRule, type RuleModule } from "../src/types.js";

const CLEAN = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

describe("lint()", () => {
  it("turns a rule that throws into a diagnostic naming the rule", () => {
    const broken = defineRule({
      meta: {
        id: "always-throws",
        severity: "warning",
        description: "a rule with a bug",
        messages: { never: "never" },
        docs: { why: "", valid: [], invalid: [] },
      },
      check() {
        throw new TypeError("boom");
      },
    });
    const result = lint(CLEAN, { dialect: "legacy" }, [...rules, broken as RuleModule]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "internal-error",
        severity: "error",
        message: 'rule "always-throws" crashed: boom; please report this as a flinklint bug',
        start: { line: 1, column: 1, offset: 0 },
      }),
    ]);
  });

  it("applies severity overrides and turns rules off", () => {
    const text = `${CLEAN}  parallelism.default: 2\n`;
    const severityOf = (setting: "error" | "off" | undefined) =>
      lint(text, { dialect: "legacy", ...(setting && { rules: { "legacy-indented-line": setting } }) }).diagnostics.map(
        (d) => `${d.ruleId}:${d.severity}`,
      );
    expect(severityOf(undefined)).toEqual(["legacy-indented-line:warning"]);
    expect(severityOf("error")).toEqual(["legacy-indented-line:error"]);
    expect(severityOf("off")).toEqual([]);
  });

  it("hides info notes unless asked", () => {
    expect(lint(CLEAN, { dialect: "legacy" }).diagnostics).toEqual([]);
    const notes = lint(CLEAN, { dialect: "legacy", showInfo: true }).diagnostics;
    expect(notes.map((d) => `${d.ruleId}:${d.severity}:${d.start.line}`)).toEqual([
      "memory-fraction-capped:info:1",
      "memory-fraction-capped:info:2",
    ]);
  });

  it("picks the dialect from the file name", () => {
    expect(lint("a: 1\n", { filename: "conf/prod.flink-conf.yaml" }).dialect).toBe("legacy");
    expect(lint("a: 1\n", { filename: "1.20-config.yaml" }).dialect).toBe("standard");
    expect(lint("a: 1\n", { filename: "1.20-config.yaml", dialect: "legacy" }).dialect).toBe("legacy");
  });
});

describe("real configurations from public projects", () => {
  const root = new URL("../fixtures/realworld/", import.meta.url).pathname;
  const files = ["legacy", "standard"].flatMap((dialect) =>
    readdirSync(root + dialect).flatMap((dir) => readdirSync(`${root}${dialect}/${dir}`).map((name) => `${dialect}/${dir}/${name}`)),
  );

  it("are all here", () => {
    expect(files.length).toBe(53);
  });

  it.each(files)("%s lints without a crash, every range inside the file", (file) => {
    const bytes = readFileSync(root + file);
    for (const flinkVersion of ["1.20", "2.1"]) {
      for (const deployment of ["standalone", "kubernetes"] as const) {
        const { diagnostics } = lintBytes(bytes, { filename: file, flinkVersion, deployment, showInfo: true });
        expect(diagnostics.filter((d) => d.ruleId === "internal-error")).toEqual([]);
        for (const d of diagnostics) {
          expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
          expect(d.end.offset).toBeLessThanOrEqual(bytes.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("message templates", () => {
  it("shorten a huge inserted value in the middle, keep normal ones whole", async () => {
    const { interpolate, MAX_INSERTED_LENGTH } = await import("../src/engine/messages.js");
    expect(interpolate("value {{v}} of {{k}}", { v: "1728m", k: "taskmanager.memory.process.size" })).toBe(
      "value 1728m of taskmanager.memory.process.size",
    );
    const huge = `${"a".repeat(5000)}${"z".repeat(5000)}`;
    const message = interpolate("value {{v}}", { v: huge });
    expect(message.length).toBeLessThan(MAX_INSERTED_LENGTH + 50);
    expect(message).toMatch(/^value a+…\(9000 characters\)…z+$/);
    expect(interpolate("{{missing}} stays", {})).toBe("{{missing}} stays");
  });
});

describe("displayPath", () => {
  it("shows a file below the working directory relative to it, and anything else absolute", () => {
    expect(displayPath("/repo/conf/flink-conf.yaml", "/repo")).toBe("conf/flink-conf.yaml");
    expect(displayPath("/repo/a/../b/config.yaml", "/repo")).toBe("b/config.yaml");
    expect(displayPath("/repo/./config.yaml", "/repo")).toBe("config.yaml");
    expect(displayPath("/other/config.yaml", "/repo")).toBe("/other/config.yaml");
    expect(displayPath("/repo/../config.yaml", "/repo")).toBe("/repo/../config.yaml");
    expect(displayPath("/repo", "/repo")).toBe("/repo");
    expect(displayPath("/repository/config.yaml", "/repo")).toBe("/repository/config.yaml");
    // A folder whose name starts with two dots is still below the working directory.
    expect(displayPath("/repo/..conf/config.yaml", "/repo")).toBe("..conf/config.yaml");
    expect(displayPath("/repo/.../config.yaml", "/repo")).toBe(".../config.yaml");
  });
});
