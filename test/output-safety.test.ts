/**
 * Text from a linted file must not act on whoever reads the report. Files whose keys and values
 * hold terminal escapes (CSI, OSC 8 hyperlinks, BEL, backspace, CR overprinting, 8-bit CSI),
 * workflow-command look-alikes (`%0A::error::`), markup (`</error>`, quotes), U+2028 and lone
 * surrogates go through the CLI (in process, as the binary prints them) in every format: pretty and compact show the control
 * characters as visible escapes, JSON, SARIF and GitLab parse (and JSON keeps the text), GitHub
 * prints one workflow command per finding, checkstyle stays well-formed XML.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "./cli-support.js";
import { CHECKSTYLE_LINE } from "./output-checks.js";

const OSC8 = "\u001b]8;;http://evil\u0007click\u001b]8;;\u0007";

/** flink-conf.yaml: raw bytes, as a hostile commit would hold them (UTF-8, so no lone surrogates). */
const LEGACY =
  `taskmanager.memory.process.size: 1728m${OSC8}\n` +
  "jobmanager.memory.process.size: 1600m\n" +
  "no.such.key\u001b[2J\b\b%0A::error::forged: v\n" +
  'bad line </error> "q" \u001b[31m red & <![CDATA[ x\n' +
  'env.java.opts.all: "a\u2028b\u009bc\u2029d"\n' +
  "state.backend.type: x\rFORGED: y\n" +
  "metrics.reporter.x.class: ok\u0007\u0008\u007f\u0085end\n";

/** config.yaml: YAML escapes reach further, to lone surrogates and NUL. */
const STANDARD =
  String.raw`taskmanager.memory.process.size: "1728m\e]8;;http://evil\aclick\e]8;;\a"` +
  "\n" +
  "jobmanager.memory.process.size: 1600m\n" +
  String.raw`"no.such\ud800.key\b\b\udfff %0A::error::forged </error> \" \L \x9b \0 \r::warning::x": "v"` +
  "\n" +
  String.raw`"taskmanager.numberOfTaskSlots": "\e[2J\e[H4"` +
  "\n";

const FORMATS = ["pretty", "compact", "json", "sarif", "github", "gitlab", "checkstyle"] as const;
type Format = (typeof FORMATS)[number];

/** Characters a terminal or log viewer acts on; LF (line separator) and tab are allowed. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

let dir: string;
const outputs = new Map<Format, CliRun>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "flinklint-output-safety-"));
  writeFileSync(join(dir, "flink-conf.yaml"), LEGACY);
  writeFileSync(join(dir, "config.yaml"), STANDARD);
  for (const format of FORMATS) {
    // FORCE_COLOR=1: pretty's own colours are allowed, and must be the only escapes in its output.
    const env = { FORCE_COLOR: format === "pretty" ? "1" : "0" };
    outputs.set(format, await runCli(["--format", format, "--no-config-lookup", "flink-conf.yaml", "config.yaml"], { cwd: dir, env }));
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function output(format: Format): string {
  const run = outputs.get(format);
  expect(run?.stderr).toBe("");
  expect(run?.code).toBe(1);
  return run?.stdout ?? "";
}

interface JsonMessage {
  ruleId: string;
  message: string;
}

function jsonMessages(): JsonMessage[] {
  return (JSON.parse(output("json")) as { messages: JsonMessage[] }[]).flatMap((r) => r.messages);
}

describe("hostile text from a linted file", () => {
  it("reaches the findings (the test is not vacuous)", () => {
    const messages = jsonMessages().map((m) => m.message);
    expect(messages.some((m) => m.includes(OSC8.slice(0, 20)))).toBe(true);
    expect(messages.some((m) => m.includes("\u001b[2J"))).toBe(true);
    expect(messages.some((m) => m.includes("%0A::error::forged"))).toBe(true);
    expect(messages.some((m) => m.includes("</error>"))).toBe(true);
    expect(messages.some((m) => m.includes("\u2028"))).toBe(true);
    expect(messages.some((m) => m.includes("\u009b"))).toBe(true);
    expect(messages.some((m) => /[\ud800-\udfff]/.test(m))).toBe(true);
  });

  it("pretty: only its own colour codes; the file's escapes are shown, not acted on", () => {
    const text = output("pretty");
    const withoutColours = text.replace(/\u001b\[[0-9;]*m/g, "");
    expect(ACTIVE.exec(withoutColours)?.[0]).toBeUndefined();
    expect(text).not.toContain("\u001b]8;;http://evil");
    expect(withoutColours).toContain(String.raw`\x1b]8;;http://evil\x07`);
    expect(withoutColours).toContain(String.raw`\x1b[2J`);
  });

  it("compact: one line per finding, no control character", () => {
    const lines = output("compact").replace(/\n$/, "").split("\n");
    expect(lines).toHaveLength(jsonMessages().length);
    for (const line of lines) {
      expect(ACTIVE.exec(line)?.[0], JSON.stringify(line)).toBeUndefined();
      expect(line).toMatch(/^(flink-conf|config)\.yaml:\d+:\d+: (error|warning|info) .* \[[a-z-]+\]$/);
    }
    expect(output("compact")).toContain(String.raw`\x1b[31m`);
  });

  it("json: parses and keeps the text exactly", () => {
    const text = output("json");
    // JSON.stringify escapes C0 controls and lone surrogates; nothing raw is left to act.
    expect(/[\u0000-\u001f]/.test(text.replace(/\n$/, ""))).toBe(false);
    expect(jsonMessages().some((m) => m.message.includes(OSC8.slice(0, 20)))).toBe(true);
  });

  it("sarif: parses, one result per finding, no lone surrogate", () => {
    const text = output("sarif");
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)).toBe(false);
    const log = JSON.parse(text) as { runs: { results: { message: { text: string } }[] }[] };
    expect(log.runs[0]?.results).toHaveLength(jsonMessages().length);
  });

  it("gitlab: parses, one issue per finding", () => {
    expect(JSON.parse(output("gitlab")) as unknown[]).toHaveLength(jsonMessages().length);
  });

  it("github: exactly one workflow command per finding, none forged", () => {
    const lines = output("github").replace(/\n$/, "").split("\n");
    expect(lines).toHaveLength(jsonMessages().length);
    const command = /^::(error|warning|notice) file=(flink-conf|config)\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=flinklint\([a-z-]+\)::[^\r\n]*$/;
    for (const line of lines) expect(line).toMatch(command);
    // The file's "%0A" arrives percent-encoded itself, so the runner decodes it back to the text "%0A".
    expect(output("github")).toContain("%250A::error::forged");
  });

  it("checkstyle: well-formed XML, one <error> per finding", () => {
    const lines = output("checkstyle").replace(/\n$/, "").split("\n");
    expect(lines.find((l) => !CHECKSTYLE_LINE.test(l))).toBeUndefined();
    expect(lines.filter((l) => l.startsWith("    <error "))).toHaveLength(jsonMessages().length);
    expect(output("checkstyle")).toContain("&lt;/error&gt;");
  });
});
