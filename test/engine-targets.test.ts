/** lintTarget: what a host says about a configuration decides which findings are its own. */
import { describe, expect, it } from "vitest";
import { lintTarget } from "../src/engine/lint.js";
import { parseConfig } from "../src/parser/index.js";
import type { ConfigTarget, FlinkProcess } from "../src/types.js";

function target(text: string, processes: FlinkProcess[], external: string[] = []): ConfigTarget {
  const document = parseConfig(text, "legacy");
  for (const entry of document.entries) if (external.includes(entry.key)) entry.external = true;
  return { name: "t", what: "container", document, layers: [], processes, isConfigFile: false };
}

const TEXT = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.jvm-overhead.fraction: 1.5\n";

describe("lintTarget", () => {
  it("a process rule's finding about a process the configuration does not start is dropped", () => {
    const keys = (processes: FlinkProcess[]) => lintTarget(target(TEXT, processes)).diagnostics.map((d) => d.key);
    expect(keys(["jobmanager", "taskmanager"])).toContain("jobmanager.memory.jvm-overhead.fraction");
    expect(keys(["taskmanager"])).not.toContain("jobmanager.memory.jvm-overhead.fraction");
    expect(keys(["jobmanager"])).toContain("jobmanager.memory.jvm-overhead.fraction");
  });

  it("no rule of scope processes runs for a configuration that starts none", () => {
    expect(lintTarget(target(TEXT, [])).diagnostics.filter((d) => d.ruleId.startsWith("memory-"))).toEqual([]);
  });

  it("a setting the host brings in gets no findings of its own, but what it causes is reported", () => {
    const text = "no.such.option: 1\ntaskmanager.memory.process.size: 1728m\ntaskmanager.memory.flink.size: 1728m\njobmanager.memory.process.size: 1600m\n";
    const own = lintTarget(target(text, ["jobmanager", "taskmanager"])).diagnostics.map((d) => d.ruleId);
    expect(own).toContain("unknown-key");
    const brought = lintTarget(target(text, ["jobmanager", "taskmanager"], ["no.such.option", "taskmanager.memory.process.size"])).diagnostics.map((d) => d.ruleId);
    expect(brought).not.toContain("unknown-key");
    // The two totals contradict each other whoever wrote the first one.
    expect(brought.some((id) => id.startsWith("memory-"))).toBe(true);
  });
});
