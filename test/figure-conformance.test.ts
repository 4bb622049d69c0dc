/**
 * The memory figure of every conformance case (Flink 1.20 and 2.1, standalone and Kubernetes):
 * it renders, it is well-formed XML, each component of the JSON breakdown is drawn with the
 * same bytes (`data-bytes`) and labelled with an exact size, the boxes are to one scale, and a
 * process Flink refuses is marked and carries Flink's reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainDocument, type ExplainProcess } from "../src/formatters/explain.js";
import { neutralizeControlCharacters } from "../src/formatters/escape.js";
import { componentName, figureSize, renderMemorySvg } from "../src/formatters/figure.js";
import { dialectForFilename, parseConfig } from "../src/parser/index.js";
import type { Deployment } from "../src/types.js";
import { find, parseSvg, processGroup, scaleError, sizeLabelBytes, squeezedText, textLines, validateXml, type SvgNode } from "../fixtures/figures/svg-tree.js";

interface Vector {
  case: string;
  file: string;
}

const suites = [
  { dir: "fixtures/conformance/1.20", flinkVersion: "1.20" },
  { dir: "fixtures/conformance/2.x", flinkVersion: "2.1" },
] as const;

const DEPLOYMENTS: readonly Deployment[] = ["standalone", "kubernetes"];
const TOTALS = new Set(["totalFlink", "totalProcess"]);

function loadVectors(dir: string): Vector[] {
  return readFileSync(join(dir, "expected.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Vector);
}

/** What is wrong with one process's figure, as a list (empty when all is right). */
function problemsOf(group: SvgNode | undefined, json: ExplainProcess): string[] {
  if (group === undefined) return ["no figure"];
  const problems: string[] = [];
  if (!json.ok) {
    if (group.attrs["data-refused"] !== "true") problems.push("not marked refused");
    if ((group.attrs["data-stage"] === "load") !== (json.stage === "load")) problems.push("load stage not marked");
    const reason = neutralizeControlCharacters(json.error).replace(/\s+/g, "");
    if (!squeezedText(group).includes(reason)) problems.push(`reason missing: ${json.error}`);
    return problems;
  }
  if (group.attrs["data-refused"] !== undefined) problems.push("marked refused");
  for (const [component, bytes] of Object.entries(json.bytes)) {
    const drawn = find(group, (n) => n.attrs["data-component"] === component);
    if (drawn.length !== 1 || drawn[0] === undefined) {
      problems.push(`${component}: drawn ${drawn.length} times`);
      continue;
    }
    if (drawn[0].attrs["data-bytes"] !== bytes) problems.push(`${component}: data-bytes ${drawn[0].attrs["data-bytes"]} ≠ ${bytes}`);
    const size = figureSize(BigInt(bytes));
    if (sizeLabelBytes(size) !== BigInt(bytes)) problems.push(`${component}: "${size}" is not ${bytes} bytes`);
    if (TOTALS.has(component)) {
      if (!textLines(drawn[0]).includes(size)) problems.push(`${component}: bracket not labelled ${size}`);
    } else {
      const label = find(group, (n) => n.attrs["data-label"] === component)[0];
      const first = label === undefined ? undefined : textLines(label)[0];
      if (first !== `${componentName(component)} ${size}`) problems.push(`${component}: labelled "${first}", not "${componentName(component)} ${size}"`);
    }
  }
  const { maxError } = scaleError(group);
  if (maxError > 1) problems.push(`a box is ${maxError.toFixed(2)}px off the figure's scale`);
  return problems;
}

describe("memory figure conformance checks", () => {
  it("can fail", () => {
    const doc = parseConfig("taskmanager.memory.process.size: 1728m\n", "legacy");
    const explained = explainDocument(doc, { flinkVersion: "1.20", deployment: "standalone" });
    const svg = renderMemorySvg([{ title: "t", explained, config: doc.config }]);
    const tampered = parseSvg(svg.replace('data-bytes="536870920"', 'data-bytes="536870912"').replace(">managed 512m + 8b<", ">managed 512m<"));
    expect(problemsOf(processGroup(tampered, "taskmanager"), explained.json.taskmanager)).toEqual([
      "managed: data-bytes 536870912 ≠ 536870920",
      'managed: labelled "managed 512m", not "managed 512m + 8b"',
    ]);
    const jm = explained.json.jobmanager;
    expect(jm.ok).toBe(false);
    const otherReason = jm.ok ? jm : { ...jm, error: "Some other reason." };
    expect(problemsOf(processGroup(parseSvg(svg), "jobmanager"), otherReason)).toEqual(["reason missing: Some other reason."]);
    expect(problemsOf(processGroup(parseSvg(svg), "jobmanager"), explained.json.taskmanager)).toContain("marked refused");
  });
});

for (const suite of suites) {
  const vectors = loadVectors(suite.dir);
  describe(`memory figure of ${suite.dir} (Flink ${suite.flinkVersion}, ${vectors.length} cases)`, () => {
    it("has cases", () => {
      expect(vectors.length).toBeGreaterThan(0);
    });
    for (const vector of vectors) {
      it(vector.case, () => {
        const dialect = dialectForFilename(vector.file);
        if (dialect === undefined) throw new Error(`no dialect for ${vector.file}`);
        const doc = parseConfig(readFileSync(join(suite.dir, vector.file), "utf8"), dialect);
        for (const deployment of DEPLOYMENTS) {
          const explained = explainDocument(doc, { flinkVersion: suite.flinkVersion, deployment });
          const svg = renderMemorySvg([{ title: vector.file, explained, config: doc.config }]);
          expect(validateXml(svg), deployment).toBe(true);
          expect(svg, deployment).not.toContain("could not be drawn");
          const root = parseSvg(svg);
          expect(root.tag).toBe("svg");
          for (const process of ["taskmanager", "jobmanager"] as const) {
            expect(problemsOf(processGroup(root, process), explained.json[process]), `${deployment} ${process}`).toEqual([]);
          }
        }
      });
    }
  });
}
