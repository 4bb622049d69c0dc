/**
 * Parsing entry point: reads a text as one of Flink's two configuration dialects.
 * Never throws; what Flink would skip, misread or refuse becomes findings and `loadFailure`.
 */
import type { ConfigDocument, Dialect } from "../types.js";
import { assembleDocument } from "./document.js";
import { FindingKind } from "./findings.js";
import { parseLegacy } from "./legacy.js";
import { LineIndex } from "./lines.js";
import { parseStandard } from "./standard.js";

export { FindingKind, findingsOf, messageData, variantOf } from "./findings.js";
export { LineIndex } from "./lines.js";

/** Reads `text` as Flink would read a `flink-conf.yaml` (legacy) or a `config.yaml` (standard). */
export function parseConfig(text: string, dialect: Dialect): ConfigDocument {
  try {
    return dialect === "legacy" ? parseLegacy(text) : parseStandard(text);
  } catch (error) {
    // A parser bug must not take the linter down: report the file as unreadable instead.
    const reason = error instanceof Error ? error.message : String(error);
    const range = new LineIndex(text).range(0, 0);
    return assembleDocument(
      dialect,
      text,
      [],
      [{ kind: FindingKind.parse, range, data: { variant: "internal", cause: reason } }],
      { message: "flinklint could not parse this file.", causes: [reason], range },
    );
  }
}

/** The dialect a file name implies: `…flink-conf.yaml` is legacy, `…config.yaml` standard. */
export function dialectForFilename(name: string): Dialect | undefined {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  if (base.endsWith("flink-conf.yaml")) return "legacy";
  if (base.endsWith("config.yaml")) return "standard";
  return undefined;
}
