import { describe, expect, it } from "vitest";
import { explainDocument, explainJson, renderExplain } from "../src/formatters/explain.js";
import { parseConfig } from "../src/parser/index.js";

const opts = { flinkVersion: "1.20", deployment: "standalone" } as const;

describe("explain", () => {
  it("gives the JSON shape the CLI prints", () => {
    const doc = parseConfig("taskmanager.memory.process.size: 1728m\njobmanager.memory.flink.size: 100m\n", "legacy");
    const json = explainJson(doc, opts);
    expect(json.flinkVersion).toBe("1.20");
    expect(json.taskmanager).toMatchObject({
      ok: true,
      path: "process",
      bytes: { taskHeap: "402653174", network: "134217730", totalProcess: "1811939328" },
      jvmArgs: "-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456",
    });
    expect(json.jobmanager).toMatchObject({ ok: false, stage: "compute" });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("reports a file Flink cannot load as a load failure for both processes", () => {
    const doc = parseConfig("taskmanager:\n  memory: [\n", "standard");
    const json = explainJson(doc, opts);
    expect(json.taskmanager).toMatchObject({ ok: false, stage: "load" });
    expect(json.jobmanager).toMatchObject({ ok: false, stage: "load" });
  });

  it("renders a table, the JVM flags and a bar, without colour codes unless asked", () => {
    const doc = parseConfig("taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n", "legacy");
    const explained = explainDocument(doc, opts);
    const text = renderExplain(explained, { color: false, file: "flink-conf.yaml" });
    expect(text).toContain("Task heap");
    expect(text).toContain("402653174");
    expect(text).toContain("remainder");
    expect(text).toContain("-Xmx536870902");
    expect(text).toMatch(/\[[FHfoNMSO]{60}\]/);
    expect(text).not.toContain("\u001b[");
    expect(renderExplain(explained, { color: true })).toContain("\u001b[");
    expect(renderExplain(explained.json, { color: false })).toContain("JVM: -Xmx536870902");
  });
});
