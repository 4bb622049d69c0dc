/**
 * The settings a Flink container gets besides its configuration file: the entrypoint's
 * `FLINK_PROPERTIES` (apache/flink-docker docker-entrypoint.sh) and the `-D` dynamic properties
 * of the start scripts, each entry positioned on the manifest's own characters.
 */
import { parseEmbedded, type EmbeddedText } from "../embedded.js";
import type { LineIndex } from "../../parser/lines.js";
import type { ConfigEntry, ParseFinding } from "../../types.js";

function entry(key: string, value: string, raw: string, lines: LineIndex, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): ConfigEntry {
  return {
    key,
    value: { type: "string", text: value },
    raw,
    keyRange: lines.range(keyStart, Math.max(keyStart, keyEnd)),
    valueRange: lines.range(valueStart, Math.max(valueStart, valueEnd)),
    overridden: false,
  };
}

/**
 * `FLINK_PROPERTIES` as the image of `version` applies it. Up to 1.18 the entrypoint appends the
 * block to flink-conf.yaml, which Flink's legacy line reader then reads (comments work, the last
 * duplicate wins). From 1.19 each line loses all whitespace, is split at its first `:`, and
 * becomes a `-Dkey=value` merged into config.yaml: a `#` line becomes a key of its own.
 */
export function flinkProperties(embedded: EmbeddedText, appended: boolean, lines: LineIndex): { entries: ConfigEntry[]; findings: ParseFinding[] } {
  if (appended) {
    const { entries, findings } = parseEmbedded(embedded, "legacy", lines);
    return { entries, findings };
  }
  const entries: ConfigEntry[] = [];
  const text = embedded.text;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const squeezed = line.replace(/\s/g, "");
    if (squeezed !== "") {
      const colon = squeezed.indexOf(":");
      const key = colon < 0 ? squeezed : squeezed.slice(0, colon);
      const value = colon < 0 ? "" : squeezed.slice(colon + 1);
      // Ranges: the key from the line's first character to its `:`, the value from the next one to the line's last.
      const first = lineStart + (line.length - line.trimStart().length);
      const last = lineStart + line.trimEnd().length;
      const colonAt = colon < 0 ? last : lineStart + line.indexOf(":");
      const valueFirst = colon < 0 ? last : colonAt + 1 + (text.slice(colonAt + 1, last).length - text.slice(colonAt + 1, last).trimStart().length);
      entries.push(
        entry(key, value, text.slice(valueFirst, last), lines, embedded.toHost(first), embedded.toHost(colonAt), embedded.toHost(valueFirst), embedded.toHost(last)),
      );
    }
    lineStart = lineEnd + 1;
  }
  return { entries, findings: [] };
}

/** One argument of a container's `command`/`args`, with where its characters are in the manifest. */
export interface Argument {
  text: string;
  embedded: EmbeddedText;
}

/**
 * The `-Dkey=value` and `-D key=value` dynamic properties among a start script's arguments, as
 * Flink's command line parser reads them (the key ends at the first `=`).
 */
export function dynamicProperties(args: readonly Argument[], lines: LineIndex): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Argument;
    let property: Argument | undefined;
    let from = 0;
    if (arg.text === "-D") {
      property = args[++i];
    } else if (arg.text.startsWith("-D")) {
      property = arg;
      from = 2;
    }
    if (property === undefined) continue;
    const text = property.text;
    const equals = text.indexOf("=", from);
    if (equals <= from) continue;
    const map = property.embedded.toHost;
    entries.push(entry(text.slice(from, equals), text.slice(equals + 1), text.slice(equals + 1), lines, map(from), map(equals), map(equals + 1), map(text.length)));
  }
  return entries;
}
