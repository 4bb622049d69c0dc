/**
 * `explain --format html` on every conformance case Flink 1.20 and 2.1 computed, in both
 * deployment modes: the page renders, inlines the figure, and its breakdown table states Flink's
 * own bytes for every component (or Flink's exact refusal).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint-file.js";
import { explainText } from "../src/explain.js";
import { renderExplainHtml } from "../src/formatters/explain-html.js";
import { COMPONENT_LABELS, JOB_MANAGER_COMPONENTS, TASK_MANAGER_COMPONENTS } from "../src/formatters/explain.js";
import type { Deployment } from "../src/types.js";

const SUITES = [
  { dir: "fixtures/conformance/1.20", flinkVersion: "1.20" },
  { dir: "fixtures/conformance/2.x", flinkVersion: "2.1" },
] as const;
const MODES: readonly Deployment[] = ["standalone", "kubernetes"];

interface Vector {
  case: string;
  file: string;
}

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

for (const suite of SUITES) {
  const vectors = readFileSync(join(suite.dir, "expected.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Vector);
  describe(`${suite.dir}: explain --format html`, () => {
    it(`renders all ${vectors.length} cases in both modes with Flink's bytes`, () => {
      expect(vectors.length).toBeGreaterThan(100);
      for (const vector of vectors) {
        const text = readFileSync(join(suite.dir, vector.file), "utf8");
        for (const deployment of MODES) {
          const options = { filename: vector.file, flinkVersion: suite.flinkVersion, deployment };
          const explanation = explainText(text, options);
          const [only] = explanation.targets;
          if (only === undefined) throw new Error(`${vector.case}: no configuration`);
          const section = { title: vector.file, explained: only.explained, config: only.target.document.config, processes: only.target.processes };
          const html = renderExplainHtml({ file: vector.file, host: explanation.host, sections: [section], diagnostics: lintText(text, options).diagnostics });
          const where = `${vector.case} ${deployment}`;
          expect(html.startsWith("<!DOCTYPE html>"), where).toBe(true);
          expect(html, where).toContain("<svg");
          expect(html, where).not.toMatch(/<script/i);
          for (const [process, order] of [["taskmanager", TASK_MANAGER_COMPONENTS], ["jobmanager", JOB_MANAGER_COMPONENTS]] as const) {
            const json = only.explained.json[process];
            if (!json.ok) {
              expect(unescape(html), `${where} ${process}`).toContain(json.error);
              continue;
            }
            for (const key of order) {
              const row = new RegExp(`<td>${COMPONENT_LABELS[key]}</td><td class="num">[^<]*</td><td class="num">${json.bytes[key]}</td>`);
              expect(html, `${where} ${process} ${key}`).toMatch(row);
            }
          }
        }
      }
    });
  });
}
