/**
 * Checkstyle XML, read by Jenkins warnings-ng, reviewdog and others:
 * `<checkstyle version="4.3"><file name="…"><error line column severity message source/></file></checkstyle>`.
 * Every file given is listed, with or without findings.
 */
import type { FileReport } from "./report.js";
import { wellFormed, type FormatContext } from "./sarif.js";

/**
 * Text as an XML 1.0 attribute value (inside double quotes). The five markup characters become
 * entities; tab, LF and CR character references (a parser would otherwise normalize them to spaces);
 * characters XML 1.0 forbids (other C0 controls, U+FFFE/U+FFFF, unpaired surrogates) and the C1
 * controls and DEL (allowed, but terminals act on them) become visible escapes like `\x1b`.
 */
export function escapeXmlAttribute(text: string): string {
  return wellFormed(text).replace(/[&<>"'\t\n\r\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      case "\t":
        return "&#9;";
      case "\n":
        return "&#10;";
      case "\r":
        return "&#13;";
      default: {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
      }
    }
  });
}

export function formatCheckstyle(reports: readonly FileReport[], _context: FormatContext): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    out.push(`  <file name="${escapeXmlAttribute(report.filePath)}">`);
    for (const d of report.diagnostics) {
      const attributes = [
        `line="${Math.max(1, d.start.line)}"`,
        `column="${Math.max(1, d.start.column)}"`,
        `severity="${d.severity}"`,
        `message="${escapeXmlAttribute(d.message)}"`,
        `source="${escapeXmlAttribute(`flinklint.${d.ruleId}`)}"`,
      ];
      out.push(`    <error ${attributes.join(" ")}/>`);
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return `${out.join("\n")}\n`;
}
