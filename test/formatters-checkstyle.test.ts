/**
 * Checkstyle XML: a golden file, checked to be well-formed XML 1.0 by a small strict parser (no
 * dependency), whose decoded attributes must carry the findings' text (control characters XML
 * cannot hold shown as visible escapes).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXmlAttribute, formatCheckstyle } from "../src/formatters/checkstyle.js";
import type { FileReport } from "../src/formatters/report.js";
import { CONTEXT, HOSTILE_FILE, HOSTILE_MESSAGE, REPORTS, diagnostic } from "../fixtures/formatters/reports.js";

const GOLDEN = new URL("../fixtures/formatters/golden-checkstyle.xml", import.meta.url).pathname;

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

/**
 * A strict parser for the XML subset a checkstyle report uses: an optional XML declaration, elements,
 * attributes in quotes, character data and references. Throws on anything not well-formed XML 1.0
 * (bad characters, bad references, `<` or `&` in values, mismatched or duplicate names, trailing junk).
 */
function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${i}: ${why} near ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  const isXmlChar = (cp: number) =>
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  for (let k = 0; k < text.length; k++) {
    const cp = text.codePointAt(k) ?? 0;
    if (cp > 0xffff) k++;
    else if (cp >= 0xd800 && cp <= 0xdfff) throw new Error(`unpaired surrogate at ${k}`);
    if (!isXmlChar(cp)) throw new Error(`character U+${cp.toString(16)} not allowed in XML 1.0 at ${k}`);
  }
  const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
  const isNameChar = (c: string, first: boolean) => {
    const code = c.charCodeAt(0);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || c === "_" || c === ":" || code >= 0xc0;
    return first ? letter : letter || (code >= 48 && code <= 57) || c === "-" || c === ".";
  };
  const skipSpace = () => {
    while (isSpace(text[i])) i++;
  };
  const expectText = (s: string) => {
    if (!text.startsWith(s, i)) fail(`expected ${JSON.stringify(s)}`);
    i += s.length;
  };
  const name = (): string => {
    const start = i;
    if (i >= text.length || !isNameChar(text[i] ?? "", true)) fail("expected a name");
    while (i < text.length && isNameChar(text[i] ?? "", false)) i++;
    return text.slice(start, i);
  };
  const reference = (): string => {
    expectText("&");
    const end = text.indexOf(";", i);
    if (end < 0) fail("unterminated reference");
    const body = text.slice(i, end);
    i = end + 1;
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (body in named) return named[body] ?? "";
    let cp = Number.NaN;
    if (body.startsWith("#x")) cp = Number.parseInt(body.slice(2), 16);
    else if (body.startsWith("#")) cp = Number.parseInt(body.slice(1), 10);
    const digits = body.startsWith("#x") ? body.slice(2) : body.slice(1);
    const allowed = body.startsWith("#x") ? "0123456789abcdefABCDEF" : "0123456789";
    if (!body.startsWith("#") || digits === "" || [...digits].some((d) => !allowed.includes(d)) || !isXmlChar(cp)) {
      fail(`bad reference &${body};`);
    }
    return String.fromCodePoint(cp);
  };
  const attributeValue = (): string => {
    const quote = text[i];
    if (quote !== '"' && quote !== "'") return fail("expected a quoted value");
    i++;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail("unterminated value");
      if (c === quote) break;
      if (c === "<") fail("'<' in an attribute value");
      if (c === "&") value += reference();
      else {
        // Attribute-value normalization (XML 1.0 §3.3.3): literal whitespace becomes a space.
        if (c === "\r" && text[i + 1] === "\n") i++;
        value += c === "\t" || c === "\n" || c === "\r" ? " " : c;
        i++;
      }
    }
    i++;
    return value;
  };
  const element = (): XmlElement => {
    expectText("<");
    const el: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      const hadSpace = isSpace(text[i]);
      skipSpace();
      if (text.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (text[i] === ">") {
        i++;
        break;
      }
      if (!hadSpace) fail("attributes must be separated by whitespace");
      const attr = name();
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`);
      skipSpace();
      expectText("=");
      skipSpace();
      el.attributes[attr] = attributeValue();
    }
    for (;;) {
      if (text.startsWith("</", i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched end tag for ${el.name}`);
        skipSpace();
        expectText(">");
        return el;
      }
      const c = text[i];
      if (c === undefined) fail(`unclosed element ${el.name}`);
      else if (c === "<") el.children.push(element());
      else if (c === "&") reference();
      else if (text.startsWith("]]>", i)) fail("']]>' in content");
      else i++;
    }
  };

  if (text.startsWith("<?xml")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    const declaration = text.slice(0, end + 2);
    if (!declaration.startsWith('<?xml version="1.0"')) fail("bad XML declaration");
    i = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== text.length) fail("content after the root element");
  return root;
}

/** What the XML carries for a text: control characters XML 1.0 cannot hold as visible escapes. */
function shown(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    const forbidden = (code < 0x20 && c !== "\t" && c !== "\n" && c !== "\r") || (code >= 0x7f && code <= 0x9f);
    out += forbidden ? `\\x${code.toString(16).padStart(2, "0")}` : code === 0xfffe || code === 0xffff ? `\\u${code.toString(16)}` : c;
  }
  return out;
}

describe("formatCheckstyle", () => {
  const output = formatCheckstyle(REPORTS, CONTEXT);

  it("matches the golden file", async () => {
    await expect(output).toMatchFileSnapshot(GOLDEN);
  });

  it("is well-formed XML that carries every finding", () => {
    const root = parseXml(output);
    expect(root.name).toBe("checkstyle");
    expect(root.attributes).toEqual({ version: "4.3" });
    expect(root.children.map((f) => [f.name, f.attributes.name])).toEqual(REPORTS.map((r) => ["file", shown(r.filePath)]));
    root.children.forEach((file, i) => {
      const report = REPORTS[i] as FileReport;
      expect(file.children.map((e) => e.attributes)).toEqual(
        report.diagnostics.map((d) => ({
          line: String(d.start.line),
          column: String(d.start.column),
          severity: d.severity,
          message: shown(d.message),
          source: `flinklint.${d.ruleId}`,
        })),
      );
    });
    expect(root.children.some((f) => f.children.some((e) => e.attributes.message === shown(HOSTILE_MESSAGE)))).toBe(true);
    expect(root.children.some((f) => f.attributes.name === HOSTILE_FILE)).toBe(true);
    expect(output).not.toContain("\u001b");
  });

  it("lists files without findings and is well-formed when there are none", () => {
    const root = parseXml(formatCheckstyle([], CONTEXT));
    expect(root).toEqual({ name: "checkstyle", attributes: { version: "4.3" }, children: [] });
    expect(parseXml(output).children.at(-1)).toEqual({ name: "file", attributes: { name: "conf/config.yaml" }, children: [] });
  });

  it("the parser rejects what is not well-formed", () => {
    for (const bad of [
      '<a b="<"/>',
      '<a b="&"/>',
      '<a b="&nbsp;"/>',
      '<a b="&#0;"/>',
      '<a b="\u001b"/>',
      '<a b="1" b="2"/>',
      '<a b="x"c="y"/>',
      "<a></b>",
      "<a/><a/>",
      '<a b="x\'/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });

  it("escapes markup characters and keeps tabs and line breaks through attribute normalization", () => {
    expect(escapeXmlAttribute(`a&b<c>d"e'f\tg\nh\r`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;");
    expect(escapeXmlAttribute("\u0000\u001b[31m\u007f\u009b\ufffe\ud800x")).toBe("\\x00\\x1b[31m\\x7f\\x9b\\ufffe\ufffdx");
  });

  it("stays well-formed for any message and file name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (file, message) => {
        const reports: FileReport[] = [{ filePath: file, diagnostics: [diagnostic("quoted-value", "error", message, [2, 3], [2, 9])] }];
        const root = parseXml(formatCheckstyle(reports, CONTEXT));
        expect(root.children[0]?.attributes.name).toBe(shown(file));
        expect(root.children[0]?.children[0]?.attributes.message).toBe(shown(message));
      }),
      { numRuns: 300 },
    );
  });
});
