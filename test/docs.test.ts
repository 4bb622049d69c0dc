/** The README's rules table is generated from rule metadata; this fails when it drifts. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { renderRulesTable, replaceGeneratedBlock } from "../src/docs.js";

describe("README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("has the rules table of the current rules (run `npm run docs` to update)", () => {
    expect(replaceGeneratedBlock(readme, renderRulesTable(rules))).toBe(readme);
  });

  it("starts with the two commands that work on a fresh machine", () => {
    const commands = [...readme.matchAll(/^```(?:sh|bash)\n(.+)\n```$/gm)].map((m) => m[1]);
    expect(commands.slice(0, 2)).toEqual(["npm ci && npx flinklint examples/", "npm ci && npm test"]);
  });

  it("names the CI script's command", () => {
    expect(readFileSync(new URL("../.ci/run", import.meta.url), "utf8")).toContain("npm ci && npm test");
  });
});
