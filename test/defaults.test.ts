/** The default files Flink ships are the first thing users lint: they must come out clean. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../src/engine/lint.js";

const DEFAULTS = new URL("../fixtures/flink-defaults/", import.meta.url).pathname;

function lintDefault(name: string, flinkVersion: string) {
  return lint(readFileSync(DEFAULTS + name, "utf8"), { filename: name, flinkVersion });
}

describe("Flink's shipped configuration files", () => {
  it.each(["1.18", "1.19", "1.20"])("1.18 flink-conf.yaml is clean on Flink %s", (version) => {
    expect(lintDefault("1.18-flink-conf.yaml", version).diagnostics).toEqual([]);
  });

  it.each(["1.20", "2.0", "2.1", "2.2"])("1.20 config.yaml is clean on Flink %s", (version) => {
    expect(lintDefault("1.20-config.yaml", version).diagnostics).toEqual([]);
  });

  it("the pre-1.10 flink-conf.yaml fails on 1.20: its legacy heap is too small a Total Flink Memory", () => {
    const errors = lintDefault("1.3-flink-conf.yaml", "1.20").diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
  });

  it("the pre-1.10 flink-conf.yaml leaves the memory unconfigured on 2.0", () => {
    const result = lintDefault("1.3-flink-conf.yaml", "2.0");
    expect(result.diagnostics.some((d) => d.severity === "error" && d.ruleId.startsWith("memory-"))).toBe(true);
  });
});
