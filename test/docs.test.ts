/** Docs are generated from rule metadata; these fail when README or docs/rules drift from the code. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { DOCS_FIGURE, renderDocsFigure, renderRuleDocs, renderRulesTable, replaceGeneratedBlock } from "../src/docs.js";
import { ruleDocsUrl } from "../src/formatters/report.js";
import { lintExample } from "../src/lint-file.js";

const ROOT = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

describe("README", () => {
  const readme = read("README.md");

  it("has the rules table of the current rules (run `npm run docs` to update)", () => {
    expect(replaceGeneratedBlock(readme, renderRulesTable(rules))).toBe(readme);
  });

  it("starts with the two commands that work on a fresh machine", () => {
    const commands = [...readme.matchAll(/^```(?:sh|bash)\n(.+)\n```$/gm)].map((m) => m[1]);
    expect(commands.slice(0, 2)).toEqual(["npm ci && npx flinklint examples/", "npm ci && npm test"]);
  });

  it("shows the memory figure the code draws today (run `npm run docs` to update)", () => {
    expect(readme).toContain(`](${DOCS_FIGURE.path})`);
    expect(read(DOCS_FIGURE.path)).toBe(renderDocsFigure(read(DOCS_FIGURE.source)));
  });

  it("names the CI script's command", () => {
    expect(read(".ci/run")).toContain("npm ci && npm test");
  });
});

describe("docs/rules", () => {
  const expected = renderRuleDocs(rules, lintExample);

  it.each([...expected.keys()])("%s is up to date (run `npm run docs`)", (path) => {
    expect(read(path)).toBe(expected.get(path));
  });

  it("holds no page of a rule that no longer exists", () => {
    const pages = readdirSync(new URL("docs/rules/", ROOT)).map((name) => `docs/rules/${name}`);
    expect(pages.sort()).toEqual([...expected.keys()].sort());
  });

  it("is where every diagnostic's docs link points", () => {
    for (const rule of rules) expect(ruleDocsUrl(rule.meta.id).endsWith(`/docs/rules/${rule.meta.id}.md`)).toBe(true);
  });
});
