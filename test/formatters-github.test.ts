/**
 * GitHub workflow commands: a golden file, and proof that no text from a linted file (message or
 * file name) can end the command line or forge a second command. The decoder below follows the
 * runner's `ActionCommand.TryParseV2` (actions/runner) and `@actions/core` unescaping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeGithubData, escapeGithubProperty, formatGithub } from "../src/formatters/github.js";
import type { FileReport } from "../src/formatters/report.js";
import { CONTEXT, HOSTILE_FILE, HOSTILE_MESSAGE, REPORTS, diagnostic } from "../fixtures/formatters/reports.js";

const GOLDEN = new URL("../fixtures/formatters/golden-github.txt", import.meta.url).pathname;

interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string) =>
  s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

/** The runner reads stdout line by line (LF, CR or CRLF end a line, as .NET's ReadLine does). */
function parseLog(output: string): (Command | string)[] {
  const lines = output.replace(/\n$/, "").split(/\r\n|\r|\n/);
  return lines.map((line) => parseCommand(line) ?? line);
}

function parseCommand(line: string): Command | undefined {
  if (!line.startsWith("::")) return undefined;
  const end = line.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(",")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeData(line.slice(end + 2)) };
}

function commandsOf(output: string): Command[] {
  return parseLog(output).map((entry) => {
    if (typeof entry === "string") throw new Error(`not a command line: ${JSON.stringify(entry)}`);
    return entry;
  });
}

describe("formatGithub", () => {
  const output = formatGithub(REPORTS, CONTEXT);

  it("matches the golden file", async () => {
    await expect(output).toMatchFileSnapshot(GOLDEN);
  });

  it("prints exactly one command line per finding, each decoding to the original text", () => {
    const diagnostics = REPORTS.flatMap((r) => r.diagnostics.map((d) => ({ file: r.filePath, d })));
    const commands = commandsOf(output);
    expect(commands).toHaveLength(diagnostics.length);
    commands.forEach((c, i) => {
      const { file, d } = diagnostics[i] ?? { file: "", d: undefined };
      expect(c.command).toBe({ error: "error", warning: "warning", info: "notice" }[d?.severity ?? "error"]);
      expect(c.message).toBe(d?.message);
      expect(c.properties).toEqual({
        file,
        line: String(d?.start.line),
        col: String(d?.start.column),
        endLine: String(d?.end.line),
        endColumn: String(d?.end.column),
        title: `flinklint(${d?.ruleId})`,
      });
    });
    expect(commands.find((c) => c.properties.file === HOSTILE_FILE)).toBeDefined();
    expect(commands.some((c) => c.message === HOSTILE_MESSAGE)).toBe(true);
  });

  it("prints nothing when there are no findings", () => {
    expect(formatGithub([{ filePath: "conf/config.yaml", diagnostics: [] }], CONTEXT)).toBe("");
  });

  it("escapes like @actions/core", () => {
    expect(escapeGithubData("100% a\r\nb: c, d")).toBe("100%25 a%0D%0Ab: c, d");
    expect(escapeGithubProperty("100% a\r\nb: c, d")).toBe("100%25 a%0D%0Ab%3A c%2C d");
    expect(escapeGithubData("%0A::warning::x")).toBe("%250A::warning::x");
  });

  it("cannot be made to print a second command by any message or file name", () => {
    const hostilePiece = fc.oneof(
      fc.constantFrom("%", "%0A", "%0D", "%25", "%3A", "%2C", "\n", "\r", "\r\n", "::", ":", ",", "=", " ", "./", "\\"),
      fc.constantFrom("::warning::", "::error file=x,line=1::", "::stop-commands::t", "\u001b[31m", "\u2028", "\u0085"),
      fc.string({ unit: "binary", maxLength: 6 }),
    );
    const hostile = fc.array(hostilePiece, { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.array(fc.record({ file: hostile, messages: fc.array(hostile, { minLength: 1, maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (files) => {
          const reports: FileReport[] = files.map(({ file, messages }) => ({
            filePath: file,
            diagnostics: messages.map((m) => diagnostic("quoted-value", "warning", m, [1, 1], [1, 2])),
          }));
          const commands = commandsOf(formatGithub(reports, CONTEXT));
          const expected = files.flatMap(({ file, messages }) =>
            messages.map((message) => ({ file: file.replace(/\\/g, "/").replace(/^(?:\.\/)+(?=.)/, ""), message })),
          );
          expect(commands.map((c) => ({ file: c.properties.file, message: c.message }))).toEqual(expected);
          expect(commands.every((c) => c.command === "warning")).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
