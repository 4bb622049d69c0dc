/**
 * Fixtures carry their expectations as comments, which Flink ignores in both dialects:
 *   key: value          # expect: rule-id[@column][, rule-id…]
 *   # expect(+1): rule-id        (the line N below; -N for above)
 *   # flinklint-test: --flink-version 2.1 --deployment kubernetes --show-info --report-unused-disable-directives
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { Deployment, LintOptions } from "../src/types.js";

export const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** Folders that hold data for other tests, not rule fixtures. */
const NOT_RULE_FIXTURES = new Set(["conformance", "realworld", "flink-defaults", "adversarial", "migrate"]);

export interface Expectation {
  ruleId: string;
  line: number;
  column?: number;
}

export function isFlinkConfigName(name: string): boolean {
  return name.endsWith("flink-conf.yaml") || name.endsWith("config.yaml");
}

/** Every rule fixture file below fixtures/, as absolute paths. */
export function listRuleFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string, top: boolean): void => {
    for (const name of readdirSync(dir).sort()) {
      if (top && NOT_RULE_FIXTURES.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, false);
      else if (isFlinkConfigName(name)) found.push(path);
    }
  };
  walk(FIXTURES, true);
  return found;
}

const MARKER = /#\s*expect(?:\(([+-]\d+)\))?:\s*(.+?)\s*$/;
const HEADER = /#\s*flinklint-test:\s*(.+?)\s*$/;

export function readExpectations(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    const marker = MARKER.exec(lineText);
    if (!marker) return;
    const line = index + 1 + Number(marker[1] ?? 0);
    for (const item of (marker[2] ?? "").split(",")) {
      const [ruleId, column] = item.trim().split("@");
      if (!ruleId) continue;
      expectations.push(column === undefined ? { ruleId, line } : { ruleId, line, column: Number(column) });
    }
  });
  return expectations;
}

/** Lint options for a fixture: its name, its header flags, and its siblings in the folder. */
export function fixtureOptions(path: string, text: string): LintOptions {
  const options: LintOptions = {
    filename: relative(FIXTURES, path),
    siblingFiles: readdirSync(dirname(path)).filter((n) => n !== basename(path)),
  };
  const header = text.split(/\r\n|\r|\n/).slice(0, 5).map((l) => HEADER.exec(l)?.[1]).find(Boolean);
  if (header) {
    const words = header.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const flag = words[i];
      if (flag === "--flink-version") options.flinkVersion = words[++i];
      else if (flag === "--deployment") options.deployment = words[++i] as Deployment;
      else if (flag === "--show-info") options.showInfo = true;
      else if (flag === "--report-unused-disable-directives") options.reportUnusedDisableDirectives = true;
      else if (flag === "--dialect") options.dialect = words[++i] as LintOptions["dialect"];
      else throw new Error(`${path}: unknown flinklint-test flag ${flag}`);
    }
  }
  return options;
}
