/**
 * The registry lists exactly the rule files; every rule has complete metadata, a fixture folder,
 * and documentation examples that behave as documented.
 */
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { lintExample } from "../src/lint-file.js";
import { FIXTURES } from "./fixture-support.js";

const RULES_DIR = new URL("../rules/", import.meta.url).pathname;


describe("rule registry", () => {
  it("lists exactly the files in rules/", () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.slice(0, -3))
      .sort();
    expect(rules.map((r) => r.meta.id).sort()).toEqual(files);
  });

  it("has unique ids", () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(rules.map((r) => [r.meta.id, r] as const))("rule %s", (id, rule) => {
  it("has complete metadata", () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(["error", "warning", "info"]).toContain(rule.meta.severity);
    expect(rule.meta.description).toMatch(/^\S.*[^.]$/);
    expect(rule.meta.description).not.toContain("\n");
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(rule.meta.docs.why.length).toBeGreaterThan(40);
    expect(rule.meta.docs.invalid.length).toBeGreaterThan(0);
  });

  it("has a fixture folder", () => {
    expect(existsSync(`${FIXTURES}${id}`)).toBe(true);
  });

  it("reports each invalid docs example", () => {
    for (const example of rule.meta.docs.invalid) {
      expect(lintExample(example).map((d) => d.ruleId), example.code).toContain(id);
    }
  });

  it("does not report any valid docs example", () => {
    for (const example of rule.meta.docs.valid) {
      expect(lintExample(example).map((d) => d.ruleId), example.code).not.toContain(id);
    }
  });
});
