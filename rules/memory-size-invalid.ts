// Flink parses every memory option with MemorySize.parse (digits, then a binary unit b/k/m/g/t),
// so `1.5g`, `2Gi`, `-1m` or `1 GiB` stop the process, and a bare number means bytes: MemorySize.
import { MIB, parseMemorySize, toConfigText, toShortSize } from "../src/model/memory-size.js";
import { MEMORY_SIZE_KEYS } from "../src/model/options.js";
import { hasTemplatePlaceholder } from "../src/parser/placeholders.js";
import { memoryValueChecks } from "../src/engine/memory-facts.js";
import { lastEntry } from "./support/report.js";
import { versionFacts } from "../src/model/versions.js";
import { clip } from "../src/util/text.js";
import { defineRule, type ConfigEntry, type Fix, type RuleContext } from "../src/types.js";

/**
 * Sizes whose natural unit is the byte: a memory page is a power of two of a few KiB, which Flink's
 * own documentation and releases before 1.10 wrote unit-less (`32768`), so a bare number there is
 * exactly what its author meant, and "did you mean 32768m" would be wrong advice.
 */
const BYTE_COUNT_KEYS: ReadonlySet<string> = new Set(["taskmanager.memory.segment-size"]);

/** A value Flink would accept for what the text most likely meant, if we can tell. */
function suggestFor(text: string): string | undefined {
  const trimmed = text.trim();
  const unquoted = /^(["'])(.*)\1$/.exec(trimmed)?.[2];
  if (unquoted !== undefined && parseMemorySize(unquoted).ok) return unquoted.trim();
  const iec = /^(\d+)\s*([kmgt])i(?:b|bytes?)?$/i.exec(trimmed);
  if (iec) return `${iec[1]}${(iec[2] ?? "").toLowerCase()}`;
  const spelled = /^(\d+)\s*(kilo|mega|giga|tera)(?:bytes?)?$/i.exec(trimmed);
  if (spelled) return `${spelled[1]}${(spelled[2] ?? "k").charAt(0).toLowerCase()}`;
  const separated = /^(\d{1,3}(?:[,_]\d{3})+)\s*([a-z]*)$/i.exec(trimmed);
  if (separated && parseMemorySize(`${(separated[1] ?? "").replace(/[,_]/g, "")}${separated[2] ?? ""}`).ok) {
    return `${(separated[1] ?? "").replace(/[,_]/g, "")}${separated[2] ?? ""}`;
  }
  const decimal = /^(\d*)\.(\d+)\s*([kmgt])b?$/i.exec(trimmed);
  if (decimal) {
    const unit = (decimal[3] ?? "m").toLowerCase();
    const smaller = { k: undefined, m: "k", g: "m", t: "g" }[unit as "k" | "m" | "g" | "t"];
    const scaled = Number(`${decimal[1] || "0"}.${decimal[2]}`) * 1024;
    if (smaller !== undefined && Number.isInteger(scaled)) return `${scaled}${smaller}`;
  }
  const exponent = /^(\d+(?:\.\d+)?)[eE]\+?(\d+)$/.exec(trimmed);
  if (exponent) {
    const value = Number(trimmed);
    if (Number.isSafeInteger(value)) return `${value}b`;
  }
  const spaced = /^(\d+)\s+([kmgt]b?)$/i.exec(trimmed);
  if (spaced) return `${spaced[1]}${spaced[2]}`;
  return undefined;
}

/**
 * The edit that writes `replacement` over the value, when the value's source is the value itself
 * (not an alias or a block scalar, whose text would not be a plain replacement).
 */
function valueEdit(ctx: RuleContext, entry: ConfigEntry, text: string, replacement: string): Fix | undefined {
  const source = ctx.doc.text.slice(entry.valueRange.start.offset, entry.valueRange.end.offset);
  const unquoted = /^(["'])(.*)\1$/s.exec(source)?.[2] ?? source;
  if (unquoted !== text && source !== text) return undefined;
  return { description: `write ${replacement}`, edits: [{ range: entry.valueRange, text: replacement }] };
}

/** Why the parser rejects the text, in a few words (its own message goes into `flinkMessage`). */
function reason(text: string, code: string, unit: string | undefined): string {
  if (code === "P1") return "it is empty";
  if (code === "P2") return text.trim().startsWith("-") ? "sizes cannot be negative" : "it does not start with digits";
  if (code === "P3" || code === "P4") return "it does not fit in 64 bits";
  return unit === undefined ? "unknown unit" : `unknown unit '${clip(unit, 12)}'`;
}

function advice(text: string, code: string): string {
  const suggestion = suggestFor(text);
  if (suggestion !== undefined) return `write \`${clip(suggestion)}\` instead`;
  if (code === "P1") return "set a size such as `1728m`, or remove the line";
  if (code === "P2") {
    return text.trim().startsWith("-") ? "use a size such as `1728m`, or remove it for the default" : "write digits and a unit b, k, m, g or t, e.g. `1728m`";
  }
  if (code === "P3" || code === "P4") return "use a size below 8192p";
  return "write digits and a unit b, k, m, g or t, e.g. `1728m`";
}

export default defineRule({
  meta: {
    id: "memory-size-invalid",
    scope: "processes",
    severity: "error",
    description: "A memory size Flink cannot parse, or a unit-less size Flink reads as bytes",
    messages: {
      invalid: "Flink cannot read the size `{{key}}: {{value}}` ({{reason}}); {{advice}}.",
      invalidUnread: "`{{key}}: {{value}}` is not a memory size Flink can read ({{reason}}); unused here, but fatal wherever read; {{advice}}.",
      unitless: "`{{key}}: {{value}}` has no unit, so Flink reads it as {{asRead}}; {{advice}}.",
    },
    docs: {
      why:
        "Flink's `MemorySize` syntax is whole digits followed by an optional binary unit: `b`/`bytes`, `k`/`kb`, " +
        "`m`/`mb`, `g`/`gb`, `t`/`tb` (1k = 1024 bytes). Decimals (`1.5g`), IEC units (`2Gi`, `1 GiB`), signs and " +
        "exponents are rejected and the TaskManager or JobManager does not start. A number without a unit is bytes, " +
        "so `taskmanager.memory.managed.size: 512` is 512 bytes, not 512 MiB. Every size Flink reads on the path it " +
        "takes is checked, even when another memory error stops Flink first: it fails on the size as soon as that one " +
        "is fixed. A size Flink's memory set-up does not read with the other settings of the file (a legacy heap key " +
        "beside its replacement, `segment-size` without the legacy buffer count) is a warning.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1.5g\njobmanager.memory.process.size: 1600m\n" },
        { dialect: "standard", code: "taskmanager.memory.process.size: 2Gi\njobmanager.memory.process.size: 1600m\n" },
        {
          dialect: "legacy",
          code: "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.flink.size: 2g\ntaskmanager.memory.managed.size: 512 MiB\njobmanager.memory.process.size: 1600m\n",
        },
      ],
    },
  },
  check(ctx) {
    const facts = versionFacts(ctx.flinkVersion);
    // Flink reads these on the path it takes whatever else fails first, so each one stops it.
    const checks = ctx.facts.get(memoryValueChecks);
    const { readKeys } = checks;
    // Flink's own text for a size it cannot read: its wrapper and the parser's message.
    const flinkText = (key: string): string | undefined => {
      const found = [...checks.invalid, ...checks.invalidUnread].find((v) => v.key === key && v.kind === "unparsable");
      if (found === undefined) return undefined;
      return found.cause && !found.error.includes(found.cause) ? `${found.error} (${found.cause})` : found.error;
    };
    for (const { key, until2x, replacement } of MEMORY_SIZE_KEYS) {
      if (until2x && !facts.legacyHeapKeys) continue;
      const value = ctx.doc.config.get(key);
      const entry = lastEntry(ctx.doc, key);
      if (value === undefined || entry === undefined) continue;
      // A host wrote this value from a setting of its own (a manifest's `resource.memory`), whose
      // syntax that host's rule checks in its own terms.
      if (entry.label !== undefined) continue;
      // Filled in before Flink reads it (`${TM_MEMORY}`, `%HEAP%`): template-placeholder notes it.
      if (hasTemplatePlaceholder(value.text)) continue;
      // A deprecated key is only read when its replacement is absent.
      if (replacement !== undefined && ctx.doc.config.has(replacement)) continue;
      const parsed = parseMemorySize(value.text);
      if (!parsed.ok) {
        const read = readKeys.has(key);
        // Every suggestion is the written size in Flink's syntax (2Gi → 2g, 1.5g → 1536m): a safe fix.
        const suggestion = suggestFor(value.text);
        const fix = suggestion === undefined ? undefined : valueEdit(ctx, entry, value.text, suggestion);
        ctx.report({
          ...(fix && { fix }),
          messageId: read ? "invalid" : "invalidUnread",
          at: entry.valueRange,
          key,
          data: {
            key: clip(key, 60),
            value: clip(value.text),
            reason: reason(value.text, parsed.code, /unit '(.*)' does not match/s.exec(parsed.error.message)?.[1]),
            advice: advice(value.text, parsed.code),
            flinkMessage: flinkText(key) ?? parsed.error.message,
          },
          ...(read ? {} : { severity: "warning" as const }),
        });
      } else if (parsed.unitless && parsed.bytes !== 0n && !BYTE_COUNT_KEYS.has(key)) {
        // Spelling out a whole number of MiB keeps the meaning (a safe fix); `512` meaning 512m is
        // only a guess, so that stays a suggestion.
        const exact = parsed.bytes % MIB === 0n ? valueEdit(ctx, entry, value.text, toConfigText(parsed.bytes)) : undefined;
        const guess = valueEdit(ctx, entry, value.text, `${value.text.trim()}m`);
        ctx.report({
          ...(exact && { fix: exact }),
          ...(!exact && guess && { suggestions: [guess] }),
          messageId: "unitless",
          at: entry.valueRange,
          key,
          data: {
            key: clip(key, 60),
            value: clip(value.text.trim()),
            asRead: parsed.bytes >= 1024n ? `bytes (${toShortSize(parsed.bytes)})` : `${parsed.bytes} bytes`,
            advice: exact
              ? `write \`${toConfigText(parsed.bytes)}\` to say so`
              : `add the unit you mean, e.g. \`${clip(value.text.trim(), 24)}m\` for MiB`,
          },
          severity: "warning",
        });
      }
    }
  },
});
