/**
 * Manifest fixtures (fixtures/k8s/** and fixtures/operator-*): every `# expect:` marker (rule, line,
 * column where given) matches what `lintManifest` reports over all resources of the file, and the
 * printed findings match the golden `.out` beside the fixture.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCompact } from "../src/formatters/compact.js";
import { lintManifest } from "../src/hosts/flink-resource/index.js";
import { FIXTURES, fixtureOptions, readExpectations } from "./fixture-support.js";

function listManifestFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) found.push(path);
    }
  };
  walk(join(FIXTURES, "k8s"));
  for (const name of readdirSync(FIXTURES).sort()) {
    if (name.startsWith("operator-")) walk(join(FIXTURES, name));
  }
  return found;
}

const fixtures = listManifestFixtures();

describe("manifest fixtures", () => {
  it("exist for every operator rule folder and the k8s examples", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures.map((path) => [relative(FIXTURES, path), path]))("%s", async (_name, path) => {
    const text = readFileSync(path, "utf8");
    const { dialect: _dialect, deployment: _deployment, ...options } = fixtureOptions(path, text);
    const results = lintManifest(text, options);
    const diagnostics = results.flatMap((r) => r.diagnostics);
    const expected = readExpectations(text);
    const columnChecked = new Set(expected.filter((e) => e.column !== undefined).map((e) => `${e.ruleId}:${e.line}`));
    const actual = diagnostics.map((d) =>
      columnChecked.has(`${d.ruleId}:${d.start.line}`) ? `${d.ruleId}:${d.start.line}:${d.start.column}` : `${d.ruleId}:${d.start.line}`,
    );
    const wanted = expected.map((e) => (e.column === undefined ? `${e.ruleId}:${e.line}` : `${e.ruleId}:${e.line}:${e.column}`));
    expect(actual.sort()).toEqual(wanted.sort());
    for (const d of diagnostics) {
      expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
      expect(d.end.offset).toBeLessThanOrEqual(text.length);
      for (const r of d.related ?? []) expect(r.range.end.offset).toBeLessThanOrEqual(text.length);
    }
    const printed = formatCompact(results.map((r) => ({ filePath: `${options.filename ?? path}#${r.name}`, diagnostics: r.diagnostics })));
    await expect(printed).toMatchFileSnapshot(path.replace(/\.ya?ml$/, ".out"));
  });
});
