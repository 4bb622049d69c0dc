/** The official Flink image: which Flink a reference runs, its default file, and the entrypoint's text rewriting. */
import { describe, expect, it } from "vitest";
import { imageDefaults, usesStandardConfig } from "../src/hosts/image/defaults.js";
import { parseImageReference } from "../src/hosts/image/reference.js";
import { envsubst, sourced, type SourcedText } from "../src/hosts/image/text.js";
import { parseConfig } from "../src/parser/index.js";

const plain = (text: string): SourcedText => sourced({ text, toHost: (o) => o });

describe("image reference → Flink version", () => {
  it.each([
    ["flink:1.17", "pinned", "1.17"],
    ["flink:1.17.2-scala_2.12-java11", "pinned", "1.17"],
    ["apache/flink:2.1-java17", "pinned", "2.1"],
    ["docker.io/library/flink:1.18.1", "pinned", "1.18"],
    ["docker.io/flink:1.20", "pinned", "1.20"],
    ["docker.io/apache/flink:1.19.0", "pinned", "1.19"],
    ["ghcr.io/apache/flink-docker:1.20-SNAPSHOT-scala_2.12-java11", "pinned", "1.20"],
    ["flink", "unpinned", "2.2"],
    ["flink:latest", "unpinned", "2.2"],
    ["flink:scala_2.12-java17", "unpinned", "2.2"],
    ["flink:1.9", "older", "1.11"],
    ["flink:2.9", "newer", "2.2"],
    ["flink@sha256:0123", "unreadable", undefined],
    ["flink:nightly", "unreadable", undefined],
  ])("%s is %s (%s)", (text, status, version) => {
    const image = parseImageReference(text);
    expect(image.official).toBe(true);
    expect(image.status).toBe(status);
    expect(image.version).toBe(version);
  });

  it.each(["ghcr.io/lakehq/flink:1.19.0-python3.11", "confluentinc/cp-flink:1.20.0-cp1-java17", "myorg/flink:1.18", "flink-python:1.20", "quay.io/flink:1.18"])(
    "%s is not an official Flink image",
    (text) => {
      const image = parseImageReference(text);
      expect(image.official).toBe(false);
      expect(image.status).toBe("unknown-image");
      expect(image.version).toBeUndefined();
    },
  );

  it("keeps the version the tag names for messages", () => {
    expect(parseImageReference("flink:1.9.3-scala_2.12").tagVersion).toBe("1.9.3");
  });
});

describe("the image's default file", () => {
  it("1.18 and older keep flink-conf.yaml, with the image's edits (bind addresses 0.0.0.0, no taskmanager.host)", () => {
    const defaults = imageDefaults("1.18");
    expect(defaults.fileName).toBe("flink-conf.yaml");
    const settings = new Map(defaults.settings);
    expect(settings.get("taskmanager.memory.process.size")).toBe("1728m");
    expect(settings.get("jobmanager.memory.process.size")).toBe("1600m");
    expect(settings.get("rest.bind-address")).toBe("0.0.0.0");
    expect(settings.get("jobmanager.bind-host")).toBe("0.0.0.0");
    expect(settings.has("taskmanager.host")).toBe(false);
  });

  it("1.14 and older have no bind addresses to edit", () => {
    expect(new Map(imageDefaults("1.14").settings).has("rest.bind-address")).toBe(false);
  });

  it("1.19 and newer keep config.yaml with the Java 17 options, typed as YAML", () => {
    expect(usesStandardConfig("1.18")).toBe(false);
    expect(usesStandardConfig("1.19")).toBe(true);
    expect(usesStandardConfig("2.0")).toBe(true);
    const defaults = imageDefaults("2.1");
    expect(defaults.fileName).toBe("config.yaml");
    const doc = parseConfig(defaults.settings.map(([k, v]) => `${k}: ${v}`).join("\n"), "standard");
    expect(doc.config.get("taskmanager.numberOfTaskSlots")?.type).toBe("int");
    expect(doc.config.get("env.java.opts.all")?.text).toContain("--add-opens=java.base/java.util=ALL-UNNAMED");
    expect(doc.config.has("taskmanager.host")).toBe(false);
  });
});

describe("envsubst", () => {
  it("replaces $NAME and ${NAME}, empties unset names, keeps unknown values unresolved", () => {
    const env = new Map<string, string | undefined>([["SLOTS", "4"], ["HOSTNAME", undefined]]);
    const out = envsubst(plain("a: $SLOTS\nb: ${SLOTS}x\nc: $MISSING.\nd: $HOSTNAME"), env);
    expect(out.text).toBe("a: 4\nb: 4x\nc: .\nd: $HOSTNAME");
    expect(out.unresolved.map(([s, e]) => out.text.slice(s, e))).toEqual(["$HOSTNAME"]);
    // A replacement maps back to the reference it replaced.
    expect(out.toHost(out.text.indexOf("4x"))).toBe("a: $SLOTS\nb: ".length);
  });
});
