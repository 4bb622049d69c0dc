/**
 * The memory figure (`flinklint explain --format svg`, issue 18): one self-contained SVG document,
 * boxes to scale and exact to the byte, sources and the derivation path in words and styles, a
 * refused configuration drawn from what was configured with Flink's reason, every text escaped,
 * and no input that makes it throw.
 *
 * The documents in fixtures/figures/*.svg are goldens: a change to the drawing shows up as a diff
 * there. After a deliberate change, rewrite them with
 *   UPDATE_GOLDENS=1 npx vitest run test/figure.test.ts
 * and look at them (any browser opens an .svg) before committing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainDocument, type ExplainResult } from "../src/formatters/explain.js";
import { figureSize, renderMemorySvg, type MemoryFigureInput } from "../src/formatters/figure.js";
import { GIB, KIB, MIB } from "../src/model/memory-size.js";
import { parseConfig } from "../src/parser/index.js";
import type { Dialect } from "../src/types.js";
import { DEPLOYMENTS, FLINK_VERSIONS, memoryConfig } from "../fixtures/adversarial/arbitraries.js";
import {
  descendants,
  find,
  parseSvg,
  processGroup,
  scaleError,
  sizeLabelBytes,
  squeezedText,
  textLines,
  validateXml,
  type SvgNode,
} from "../fixtures/figures/svg-tree.js";

const GOLDENS = "fixtures/figures";
const opts = { flinkVersion: "1.20", deployment: "standalone" } as const;

function figureInput(title: string, text: string, extra: Partial<MemoryFigureInput> = {}, dialect: Dialect = "legacy"): MemoryFigureInput {
  const doc = parseConfig(text, dialect);
  return { title, explained: explainDocument(doc, opts), config: doc.config, ...extra };
}

/** Renders, checks well-formedness, and parses. */
function draw(...inputs: MemoryFigureInput[]): { svg: string; root: SvgNode } {
  const svg = renderMemorySvg(inputs);
  expect(validateXml(svg)).toBe(true);
  return { svg, root: parseSvg(svg) };
}

function group(root: SvgNode, process: "taskmanager" | "jobmanager", input = 0): SvgNode {
  const found = processGroup(root, process, input);
  if (found === undefined) throw new Error(`no ${process} figure`);
  return found;
}

/** The lines of the label of one component. */
function label(figure: SvgNode, component: string): string[] {
  const found = find(figure, (n) => n.attrs["data-label"] === component)[0];
  return found === undefined ? [] : textLines(found);
}

function box(figure: SvgNode, component: string): SvgNode | undefined {
  return find(figure, (n) => n.tag === "rect" && n.attrs["data-component"] === component)[0];
}

const DEFAULT_CONFIG = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";

describe("memory figure: the document", () => {
  it("is one self-contained SVG document with nothing that runs or loads", () => {
    const { svg, root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    expect(root.tag).toBe("svg");
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    const [width, height] = [Number(root.attrs.width), Number(root.attrs.height)];
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.attrs.viewBox).toBe(`0 0 ${width} ${height}`);
    const elements = descendants(root);
    expect(elements.filter((n) => ["script", "foreignObject", "image", "use", "a", "iframe"].includes(n.tag))).toEqual([]);
    for (const element of elements) {
      for (const name of Object.keys(element.attrs)) {
        expect(name, element.tag).not.toMatch(/^on|href$|^id$/i);
      }
    }
    expect(svg).not.toMatch(/url\(|@import|<!DOCTYPE|<!ENTITY|javascript:/i);
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>\n")).toBe(true);
  });

  it("carries its own colours for light and dark viewers, scoped to itself", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const style = find(root, (n) => n.tag === "style")[0]?.text ?? "";
    expect(style).toContain("@media (prefers-color-scheme:dark)");
    // Inlined into a page, an unscoped rule would restyle the page.
    const selectors = style.replace(/@media[^{]*\{/, "").split("}").map((rule) => rule.split("{")[0] ?? "").filter((s) => s.trim() !== "");
    for (const list of selectors) for (const selector of list.split(",")) expect(selector).toMatch(/^\.flinklint-memory /);
    expect(find(root, (n) => n.tag === "rect" && n.attrs.class === "fm-card")).toHaveLength(1);
  });

  it("is the same for the same input", () => {
    const input = figureInput("flink-conf.yaml", DEFAULT_CONFIG);
    expect(renderMemorySvg([input])).toBe(renderMemorySvg([input]));
  });

  it("has a legend of the styles", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const legend = find(root, (n) => n.attrs.class === "fm-legend")[0];
    expect(legend && textLines(legend)).toEqual([
      "set in the file",
      "default",
      "fraction of a total",
      "fraction capped at its min/max",
      "remainder",
      "derived by Flink",
      "does not fit",
    ]);
  });
});

describe("memory figure: sizes", () => {
  it("writes Flink's unit letters when a unit divides the size, else the nearest units and the few bytes off, or the bytes", () => {
    expect(figureSize(0n)).toBe("0");
    expect(figureSize(512n * MIB)).toBe("512m");
    expect(figureSize(1536n * KIB)).toBe("1536k");
    expect(figureSize(64n * GIB)).toBe("64g");
    expect(figureSize(900n)).toBe("900b");
    expect(figureSize(536870920n)).toBe("512m + 8b");
    expect(figureSize(402653174n)).toBe("384m \u2212 10b");
    expect(figureSize(241591914n)).toBe("230.400m (241591914 bytes)");
    expect(figureSize(GIB + KIB)).toBe("1.000g (1073742848 bytes)");
    expect(figureSize(64n * GIB + 5n)).toBe("64g + 5b");
    expect(figureSize(1536n * MIB + 3n)).toBe("1536m + 3b");
    expect(figureSize(-(128n * MIB))).toBe("-128m");
  });

  it("is exact to the byte for any size", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (bytes) => {
        expect(sizeLabelBytes(figureSize(bytes))).toBe(bytes);
      }),
      { numRuns: 2000, seed: 18 },
    );
  });
});

describe("memory figure: a derived configuration", () => {
  it("labels every component of the default TaskManager with its exact size", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const tm = group(root, "taskmanager");
    const names = find(tm, (n) => n.attrs["data-label"] !== undefined).map((n) => textLines(n)[0]);
    expect(names).toEqual([
      "framework heap 128m",
      "task heap 384m \u2212 10b",
      "managed 512m + 8b",
      "framework off-heap 128m",
      "task off-heap 0",
      "network 128m + 2b",
      "JVM metaspace 256m",
      "JVM overhead 192m",
    ]);
    expect(box(tm, "managed")?.attrs["data-bytes"]).toBe("536870920");
    expect(box(tm, "taskHeap")?.attrs["data-bytes"]).toBe("402653174");
    // A zero-byte component is listed, not drawn.
    expect(box(tm, "taskOffHeap")).toBeUndefined();
    expect(find(tm, (n) => n.attrs["data-component"] === "taskOffHeap")[0]?.attrs["data-bytes"]).toBe("0");
  });

  it("draws the totals as brackets with their sizes", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const tm = group(root, "taskmanager");
    const bracket = (name: string) => find(tm, (n) => n.attrs["data-bracket"] === name)[0];
    expect(textLines(bracket("Total process memory")!)).toEqual(["Total process memory", "1728m"]);
    expect(textLines(bracket("Total Flink memory")!)).toEqual(["Total Flink memory", "1280m"]);
    expect(bracket("Total process memory")?.attrs["data-bytes"]).toBe(String(1728n * MIB));
    expect(textLines(bracket("Off-heap memory")!)).toEqual(["Off-heap memory", "768m + 10b"]);
    expect(bracket("JVM heap")).toBeDefined();
  });

  it("labels the JobManager's components", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const jm = group(root, "jobmanager");
    expect(find(jm, (n) => n.attrs["data-label"] !== undefined).map((n) => textLines(n)[0])).toEqual([
      "JVM heap 1g",
      "off-heap 128m",
      "JVM metaspace 256m",
      "JVM overhead 192m",
    ]);
    expect(find(jm, (n) => n.attrs["data-bracket"] === "Total Flink memory")[0]?.attrs["data-bytes"]).toBe(String(1152n * MIB));
  });

  it("draws each box's height in proportion to its bytes, one scale per figure", () => {
    const inputs = [
      figureInput("default", DEFAULT_CONFIG),
      figureInput("large", "taskmanager.memory.process.size: 64g\ntaskmanager.memory.network.max: 128m\njobmanager.memory.process.size: 100g\n"),
      figureInput("small", "taskmanager.memory.process.size: 900m\ntaskmanager.memory.managed.fraction: 0.01\njobmanager.memory.flink.size: 200m\n"),
    ];
    const { root } = draw(...inputs);
    for (const [index] of inputs.entries()) {
      for (const process of ["taskmanager", "jobmanager"] as const) {
        const figure = group(root, process, index);
        const { boxes, maxError } = scaleError(figure);
        expect(boxes).toBeGreaterThanOrEqual(3);
        expect(maxError, `${index} ${process}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps the labels of small boxes apart and readable", () => {
    const { root } = draw(figureInput("large", "taskmanager.memory.process.size: 64g\ntaskmanager.memory.network.max: 128m\n", { processes: ["taskmanager"] }));
    const tm = group(root, "taskmanager");
    expect(textLines(find(tm, (n) => n.attrs["data-label"] === "network")[0]!)[0]).toBe("network 128m");
    const tops = find(tm, (n) => n.attrs["data-label"] !== undefined).map((n) => {
      const lines = find(n, (c) => c.tag === "tspan").map((t) => Number(t.attrs.y));
      return { first: Math.min(...lines), last: Math.max(...lines) };
    });
    for (let i = 1; i < tops.length; i++) expect(tops[i]!.first - tops[i - 1]!.last).toBeGreaterThanOrEqual(12);
    for (const leader of find(tm, (n) => n.attrs.class?.startsWith("fm-leader") === true)) expect(leader.attrs.d).toMatch(/^M[\d.]+ [\d.]+H[\d.]+L[\d.]+ [\d.]+H[\d.]+$/);
  });

  it("says where each size comes from, in words and in the box's style", () => {
    const { root } = draw(
      figureInput(
        "sources",
        "taskmanager.memory.process.size: 4g\ntaskmanager.memory.task.off-heap.size: 64m\ntaskmanager.memory.managed.fraction: 0.25\njobmanager.memory.process.size: 1600m\n",
      ),
    );
    const tm = group(root, "taskmanager");
    const style = (component: string) => box(tm, component)?.attrs.class?.split(" ")[2];
    expect(style("taskOffHeap")).toBe("fm-set");
    expect(label(tm, "taskOffHeap")[1]).toBe("set by taskmanager.memory.task.off-heap.size");
    expect(style("frameworkHeap")).toBe("fm-default");
    expect(label(tm, "frameworkHeap")[1]).toBe("default");
    expect(style("managed")).toBe("fm-fraction");
    expect(label(tm, "managed").slice(1).join(" ")).toBe("fraction 0.25 \u00d7 total Flink (taskmanager.memory.managed.fraction)");
    expect(style("network")).toBe("fm-fraction");
    expect(label(tm, "network").slice(1).join(" ")).toBe("fraction 0.1 \u00d7 total Flink (default)");
    expect(style("taskHeap")).toBe("fm-remainder");
    expect(label(tm, "taskHeap")[1]).toBe("remainder of total Flink");
    expect(squeezedText(tm)).toContain("TotalFlinkmemory:totalprocess\u2212JVMmetaspace\u2212JVMoverhead");
  });

  it("marks a fraction capped at its min, with what the fraction gave", () => {
    const input = figureInput("capped", "taskmanager.memory.process.size: 1g\n", { processes: ["taskmanager"] });
    const result = input.explained.taskmanager;
    expect(result?.ok && result.sources.network.how).toBe("capped-min");
    const { root } = draw(input);
    const tm = group(root, "taskmanager");
    expect(box(tm, "network")?.attrs.class).toContain("fm-capped");
    const words = label(tm, "network");
    expect(words[0]).toBe("network 64m");
    expect(words.slice(1).join(" ")).toBe("fraction 0.1 \u00d7 total Flink (default) gave 57.600m, raised to min 64m (default min)");
    expect(label(tm, "jvmOverhead").slice(1).join(" ")).toContain("gave 102.400m, raised to min 192m (default min)");
  });

  it("names the path Flink took and the key that was set", () => {
    const path = (text: string) => {
      const { root } = draw(figureInput("path", text, { processes: ["taskmanager"] }));
      return squeezedText(group(root, "taskmanager"));
    };
    const squeeze = (s: string) => s.replace(/\s+/g, "");
    expect(path("taskmanager.memory.process.size: 1728m\n")).toContain(squeeze("from the total process memory (taskmanager.memory.process.size: 1728m)"));
    expect(path("taskmanager.memory.flink.size: 1280m\n")).toContain(squeeze("from the total Flink memory (taskmanager.memory.flink.size: 1280m)"));
    expect(path("taskmanager.memory.task.heap.size: 1g\ntaskmanager.memory.managed.size: 2g\n")).toContain(
      squeeze("from the fine-grained components (taskmanager.memory.task.heap.size: 1g, taskmanager.memory.managed.size: 2g)"),
    );
  });

  it("lists the JVM options and Flink's notes", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const text = textLines(group(root, "taskmanager")).join(" ");
    expect(text).toContain("JVM: -Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
    expect(text).toContain("Flink notes:");
  });
});

describe("memory figure: a refused configuration", () => {
  it("shows an overhead outside its range, with Flink's reason", () => {
    const input = figureInput("overhead", "taskmanager.memory.process.size: 1400m\ntaskmanager.memory.flink.size: 1g\n", { processes: ["taskmanager"] });
    const json = input.explained.json.taskmanager;
    expect(json.ok).toBe(false);
    const { root } = draw(input);
    const tm = group(root, "taskmanager");
    expect(tm.attrs["data-refused"]).toBe("true");
    expect(squeezedText(tm)).toContain(json.ok ? "" : json.error.replace(/\s+/g, ""));
    expect(box(tm, "jvmOverhead")?.attrs.class).toContain("fm-flagged");
    expect(box(tm, "jvmOverhead")?.attrs["data-bytes"]).toBe(String(120n * MIB));
    expect(label(tm, "jvmOverhead").join(" ")).toContain("outside its range [192m, 1g]");
    expect(find(tm, (n) => n.attrs["data-range"] === `${192n * MIB}-${GIB}`)).toHaveLength(1);
    expect(box(tm, "totalFlink")?.attrs["data-bytes"]).toBe(String(GIB));
    expect(textLines(tm)).toContain("Settings in Flink's reason:");
    expect(textLines(tm)).toContain("\u2022 taskmanager.memory.process.size: 1400m");
  });

  it("draws components that exceed total Flink past its bracket", () => {
    const { root } = draw(figureInput("exceeds", "taskmanager.memory.process.size: 1g\ntaskmanager.memory.managed.size: 900m\njobmanager.memory.flink.size: 1g\njobmanager.memory.heap.size: 2g\n"));
    const tm = group(root, "taskmanager");
    expect(tm.attrs["data-refused"]).toBe("true");
    expect(squeezedText(tm)).toContain("exceedconfiguredTotalFlinkMemory(576.000mb(603979776bytes))");
    const overflow = find(tm, (n) => n.attrs["data-marker"] === "overflow")[0];
    // 128m + 900m + 128m + 0 + 64m against 576m.
    expect(overflow?.attrs["data-bytes"]).toBe(String(644n * MIB));
    expect(label(tm, "overflow")[0]).toBe("does not fit: 644m");
    expect(label(tm, "taskHeap")[0]).toBe("task heap not derived");
    expect(find(tm, (n) => n.attrs["data-bracket"] === "Total Flink memory")[0]?.children[0]?.attrs.class).toBe("fm-bracket fm-limit");
    const jm = group(root, "jobmanager");
    expect(find(jm, (n) => n.attrs["data-marker"] === "overflow")[0]?.attrs["data-bytes"]).toBe(String(GIB));
    expect(box(jm, "jvmHeap")?.attrs["data-bytes"]).toBe(String(2n * GIB));
    expect(scaleError(tm).maxError).toBeLessThanOrEqual(1);
  });

  it("draws metaspace and overhead that exceed the total process memory", () => {
    const { root } = draw(figureInput("m2", "jobmanager.memory.process.size: 600m\njobmanager.memory.jvm-metaspace.size: 500m\n", { processes: ["jobmanager"] }));
    const jm = group(root, "jobmanager");
    expect(find(jm, (n) => n.attrs["data-marker"] === "overflow")[0]?.attrs["data-bytes"]).toBe(String(92n * MIB));
    expect(label(jm, "totalFlink")[0]).toBe("total Flink memory not derived");
  });

  it("gives only the reason for a refusal without sizes", () => {
    const { root } = draw(figureInput("nothing", "parallelism.default: 2\n"));
    for (const process of ["taskmanager", "jobmanager"] as const) {
      const figure = group(root, process);
      expect(figure.attrs["data-refused"]).toBe("true");
      expect(squeezedText(figure)).toContain("needtobeconfiguredexplicitly.");
      expect(find(figure, (n) => n.tag === "rect")).toEqual([]);
      expect(textLines(figure)).toContain("No memory setting of this process is set in the file.");
    }
  });

  it("gives only the reason for a file Flink cannot load", () => {
    const input = figureInput("broken.yaml", "taskmanager:\n  memory: [\n", {}, "standard");
    const json = input.explained.json.taskmanager;
    const { root } = draw(input);
    for (const process of ["taskmanager", "jobmanager"] as const) {
      const figure = group(root, process);
      expect(figure.attrs["data-refused"]).toBe("true");
      expect(figure.attrs["data-stage"]).toBe("load");
      expect(textLines(figure)[0]).toMatch(/Flink cannot load this file$/);
      expect(squeezedText(figure)).toContain(json.ok ? "" : json.error.replace(/\s+/g, ""));
      expect(find(figure, (n) => n.tag === "rect")).toEqual([]);
    }
  });
});

describe("memory figure: inputs", () => {
  it("draws several inputs under their titles, each with the processes it starts", () => {
    const { root } = draw(
      figureInput("Compose service taskmanager", "taskmanager.memory.process.size: 2g\n", { processes: ["taskmanager"] }),
      figureInput("Compose service jobmanager", "jobmanager.memory.process.size: 1g\n", { processes: ["jobmanager"] }),
    );
    const inputs = find(root, (n) => n.attrs.class === "fm-input");
    expect(inputs.map((n) => n.attrs["data-title"])).toEqual(["Compose service taskmanager", "Compose service jobmanager"]);
    expect(inputs.map((n) => textLines(n)[0])).toEqual(["Compose service taskmanager", "Compose service jobmanager"]);
    expect(inputs.map((n) => find(n, (c) => c.attrs["data-process"] !== undefined).map((c) => c.attrs["data-process"]))).toEqual([["taskmanager"], ["jobmanager"]]);
    const top = (n: SvgNode) => Number(/translate\([\d.]+ ([\d.]+)\)/.exec(find(n, (c) => c.attrs["data-process"] !== undefined)[0]?.attrs.transform ?? "")?.[1]);
    expect(top(inputs[1]!)).toBeGreaterThan(top(inputs[0]!));
  });

  it("puts a configuration's two processes side by side", () => {
    const { root } = draw(figureInput("flink-conf.yaml", DEFAULT_CONFIG));
    const [tm, jm] = [group(root, "taskmanager"), group(root, "jobmanager")];
    const at = (n: SvgNode) => /translate\(([\d.]+) ([\d.]+)\)/.exec(n.attrs.transform ?? "")?.slice(1).map(Number) ?? [];
    expect(at(jm)[1]).toBe(at(tm)[1]);
    expect(at(jm)[0]).toBeGreaterThan(at(tm)[0]! + 600);
  });

  it("escapes text from the file", () => {
    const hostile = `<script>&"'`;
    const { svg, root } = draw(figureInput(hostile, `taskmanager.memory.process.size: 1g${hostile}\njobmanager.memory.process.size: 1g\n`));
    expect(svg).not.toContain("<script");
    expect(find(root, (n) => n.tag === "script")).toEqual([]);
    expect(svg).toContain("&lt;script&gt;&amp;&quot;&apos;");
    expect(find(root, (n) => n.attrs.class === "fm-input")[0]?.attrs["data-title"]).toBe(hostile);
    expect(textLines(root)).toContain(hostile);
    expect(textLines(group(root, "taskmanager")).join("\n")).toContain(`taskmanager.memory.process.size: 1g${hostile} (not a memory size)`);
  });

  it("keeps characters XML cannot hold out of the document", () => {
    const { root } = draw(figureInput("a\u0000b\u001b[31mc\ud800d\uffff", "taskmanager.memory.process.size: 1\u0007g\n"));
    expect(find(root, (n) => n.attrs.class === "fm-title")[0]?.children.map((t) => t.text).join("")).toBe("a\\x00b\\x1b[31mc\ufffdd\ufffd");
  });

  it("draws nothing but a note for no input, or an input that starts no process", () => {
    expect(textLines(draw().root)).toContain("No configuration to draw.");
    const { root } = draw(figureInput("sidecar", DEFAULT_CONFIG, { processes: [] }));
    expect(textLines(root)).toContain("This configuration starts no Flink process.");
    expect(find(root, (n) => n.attrs["data-process"] !== undefined)).toEqual([]);
  });
});

describe("memory figure: odd input", () => {
  const hostileTitle = fc.string({ unit: "binary", maxLength: 40 });

  it("never throws and always gives a well-formed document", () => {
    fc.assert(
      fc.property(
        memoryConfig,
        fc.constantFrom(...FLINK_VERSIONS),
        fc.constantFrom(...DEPLOYMENTS),
        hostileTitle,
        fc.subarray(["taskmanager", "jobmanager"] as const),
        (config, flinkVersion, deployment, title, processes) => {
          const explained = explainDocument(config, { flinkVersion, deployment });
          const svg = renderMemorySvg([{ title, explained, config, processes }]);
          expect(validateXml(svg)).toBe(true);
          expect(svg).not.toContain("could not be drawn");
          for (const process of processes) {
            const figure = processGroup(parseSvg(svg), process);
            expect(figure).toBeDefined();
            expect(scaleError(figure!).maxError).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });

  it("draws a breakdown it cannot read as well as it can, without throwing", () => {
    const base = figureInput("odd", DEFAULT_CONFIG).explained;
    const tmJson = base.json.taskmanager;
    if (!tmJson.ok) throw new Error("expected a derived TaskManager");
    const odd: ExplainResult = {
      json: {
        ...base.json,
        taskmanager: { ...tmJson, path: "process", bytes: { ...tmJson.bytes, managed: "lots", network: "-5", totalProcess: "0" }, jvmArgs: "x".repeat(100_000) },
      },
    };
    const { root } = draw({ title: "x".repeat(100_000), explained: odd, config: new Map() });
    expect(processGroup(root, "taskmanager")).toBeDefined();
    // A breakdown without a TaskManager at all breaks the types; the figure says it cannot draw it.
    const broken = renderMemorySvg([{ title: "t", explained: { json: { ...base.json, taskmanager: undefined as never } }, config: new Map() }]);
    expect(validateXml(broken)).toBe(true);
    expect(broken).toContain("could not be drawn");
  });
});

describe("memory figure: goldens", () => {
  const cases: Record<string, () => MemoryFigureInput[]> = {
    "default-1728m": () => [figureInput("flink-conf.yaml", DEFAULT_CONFIG)],
    "capped-fraction": () => [figureInput("flink-conf.yaml", "taskmanager.memory.process.size: 1g\njobmanager.memory.process.size: 64g\n")],
    "fine-grained": () => [
      figureInput(
        "config.yaml",
        "taskmanager:\n  memory:\n    task.heap.size: 1g\n    managed.size: 2g\njobmanager:\n  memory:\n    heap.size: 1g\n",
        {},
        "standard",
      ),
    ],
    "refused-overhead-range": () => [
      figureInput("flink-conf.yaml", "taskmanager.memory.process.size: 1400m\ntaskmanager.memory.flink.size: 1g\njobmanager.memory.process.size: 600m\njobmanager.memory.jvm-metaspace.size: 500m\n"),
    ],
    "refused-exceeds-flink": () => [
      figureInput("flink-conf.yaml", "taskmanager.memory.process.size: 1g\ntaskmanager.memory.managed.size: 900m\njobmanager.memory.flink.size: 1g\njobmanager.memory.heap.size: 2g\n"),
    ],
    "load-failure": () => [figureInput("config.yaml", "taskmanager:\n  memory: [\n", {}, "standard")],
    "two-inputs": () => [
      figureInput("Compose service taskmanager", "taskmanager.memory.process.size: 4g\ntaskmanager.memory.managed.fraction: 0.6\n", { processes: ["taskmanager"] }),
      figureInput("Compose service jobmanager", "jobmanager.memory.process.size: 2g\n", { processes: ["jobmanager"] }),
    ],
  };
  for (const [name, inputs] of Object.entries(cases)) {
    it(name, () => {
      const svg = renderMemorySvg(inputs());
      expect(validateXml(svg)).toBe(true);
      const path = join(GOLDENS, `${name}.svg`);
      if (process.env.UPDATE_GOLDENS === "1") writeFileSync(path, svg);
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDENS=1`).toBe(true);
      expect(svg).toBe(readFileSync(path, "utf8"));
    });
  }
});
