/**
 * Flink's own verdict on every conformance vector read as config.yaml: the parser fails to load
 * exactly the files Flink 1.20 / 2.1 could not load (`stage: "load"`), and loads every other one.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/parser/index.js";

interface VectorResult {
  ok: boolean;
  stage?: "load" | "compute";
  error?: string;
  causes?: string[];
}

interface Vector {
  case: string;
  file: string;
  category: string;
  desc: string;
  standalone: { taskmanager: VectorResult };
}

const CONFORMANCE = new URL("../fixtures/conformance/", import.meta.url).pathname;

function standardVectors(version: string): [string, Vector][] {
  const lines = readFileSync(`${CONFORMANCE}${version}/expected.jsonl`, "utf8").split("\n").filter(Boolean);
  return lines
    .map((line) => JSON.parse(line) as Vector)
    .filter((v) => v.file.endsWith("config.yaml"))
    .map((v) => [`${version}/${v.case} (${v.desc})`, v]);
}

describe.each(["1.20", "2.x"])("conformance %s, config.yaml", (version) => {
  const vectors = standardVectors(version);

  it("has vectors", () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)("%s", (_name, vector) => {
    const text = readFileSync(`${CONFORMANCE}${version}/${vector.file}`, "utf8");
    const doc = parseConfig(text, "standard");
    const expected = vector.standalone.taskmanager;
    if (expected.stage === "load") {
      expect(doc.loadFailure?.message).toBe(expected.error);
      // Causes Flink states without positions (null values, casts) match exactly.
      const cause = expected.causes?.[0] ?? "";
      if (!cause.includes(" in reader, line ")) expect(doc.loadFailure?.causes).toEqual(expected.causes);
    } else {
      expect(doc.loadFailure).toBeUndefined();
    }
  });
});

describe("snakeyaml-style causes that carry positions", () => {
  const byCase = new Map(standardVectors("1.20").map(([, v]) => [v.case, v]));
  it.each(["standard/0079", "standard/0082", "standard/0085", "standard/0088", "standard/0098"])("%s", (name) => {
    const vector = byCase.get(name);
    expect(vector).toBeDefined();
    if (!vector) return;
    const text = readFileSync(`${CONFORMANCE}1.20/${vector.file}`, "utf8");
    expect(parseConfig(text, "standard").loadFailure?.causes).toEqual(vector.standalone.taskmanager.causes);
  });
});

describe("the legacy reader yields exactly the strings Flink's legacy reader produced", () => {
  // 2.x/flat/N/config.yaml holds, as YAML strings, what Flink 1.20 read from 1.20/legacy/N/flink-conf.yaml.
  const pairs = readFileSync(`${CONFORMANCE}2.x/expected.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Vector)
    .filter((v) => v.case.startsWith("flat/"))
    .map((v) => [v.case.slice("flat/".length), v.file] as const);

  it("has cases", () => {
    expect(pairs.length).toBeGreaterThan(100);
  });

  it.each(pairs)("legacy/%s", (id, flatFile) => {
    const legacyText = readFileSync(`${CONFORMANCE}1.20/legacy/${id}/flink-conf.yaml`, "utf8");
    const flatText = readFileSync(`${CONFORMANCE}2.x/${flatFile}`, "utf8");
    const legacy = parseConfig(legacyText, "legacy");
    const flat = parseConfig(flatText, "standard");
    expect(flat.loadFailure).toBeUndefined();
    const texts = (doc: ReturnType<typeof parseConfig>) => Object.fromEntries([...doc.config].map(([k, v]) => [k, v.text]));
    expect(texts(legacy)).toEqual(texts(flat));
  });
});
