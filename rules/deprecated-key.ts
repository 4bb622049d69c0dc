// Flink still reads a deprecated key, but only when the option's current key is not set, and
// logs a deprecation warning: Configuration.getOptional → FallbackKey (withDeprecatedKeys).
import { catalogFor, isMemoryModelKey } from "../src/model/catalog.js";
import { deleteLineEdit, renameKeyEdit } from "../src/engine/setting-edits.js";
import { parseMemorySize } from "../src/model/memory-size.js";
import { lastEntry } from "./support/report.js";
import { clip } from "../src/util/text.js";
import { defineRule, type Fix } from "../src/types.js";

export default defineRule({
  meta: {
    id: "deprecated-key",
    severity: "warning",
    description: "A deprecated key that Flink still reads only while its replacement is unset",
    messages: {
      deprecated:
        "`{{key}}` is deprecated (Flink {{version}} still reads it, with a warning); rename it to `{{replacement}}`.",
      deprecatedMany: "`{{key}}` is deprecated (Flink {{version}} still reads it, with a warning); set `{{replacement}}` instead.",
      shadowed:
        "Flink {{version}} ignores deprecated `{{key}}: {{value}}` because `{{shadow}}` is set (line {{line}}: `{{replacementValue}}`); remove it.",
    },
    docs: {
      why:
        "When an option is renamed, Flink keeps reading the old key as a deprecated fallback: only when the new " +
        "key is absent, with a warning in the log, and only until a release removes it (2.0 removed many). A key " +
        "deprecated for several options is read as each of them that is not set. If both " +
        "keys are set, the new one wins and the old one is silently ignored. The safe fix renames the key when " +
        "the new key is not set (in `config.yaml`, when the new key can be written in place under the same " +
        "parent); when both are set, removing the old key is offered as a suggestion. In `config.yaml`, " +
        "`state.backend: x` beside `state.backend.type: y` is reported by `prefix-key-conflict` instead.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 64m\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.network.memory.min: 64m\n" },
      ],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    const deprecatedByTarget = new Map<string, number>();
    for (const key of ctx.doc.byKey.keys()) {
      for (const target of catalog.replacementsOf(key)) deprecatedByTarget.set(target, (deprecatedByTarget.get(target) ?? 0) + 1);
    }
    for (const key of ctx.doc.byKey.keys()) {
      const targets = catalog.replacementsOf(key);
      const replacement = targets[0];
      if (replacement === undefined) continue;
      const entry = lastEntry(ctx.doc, key);
      if (entry === undefined) continue;
      // A deprecated memory key whose value the memory rules reject or question: fix the value first.
      if (isMemoryModelKey(key, ctx.flinkVersion, ctx.session) && !plainMemoryValue(entry.value.text, catalog.option(replacement)?.type)) continue;
      const data = { key, value: clip(entry.value.text), replacement: targets.join("` and `"), version: ctx.flinkVersion };
      // What Flink reads instead of the deprecated key, per option: the option itself, then its fallback keys.
      const shadows = targets.map((t) => [t, ...catalog.fallbackKeysOf(t)].find((k) => ctx.doc.config.has(k)));
      const current = shadows.every((k) => k !== undefined) ? lastEntry(ctx.doc, shadows[0] as string) : undefined;
      if (current !== undefined) {
        // `state.backend` beside `state.backend.type` in config.yaml: prefix-key-conflict's.
        if (ctx.doc.dialect === "standard" && replacement.startsWith(`${key}.`)) continue;
        const removal = deleteLineEdit(ctx.doc, entry);
        ctx.report({
          messageId: "shadowed",
          at: entry.keyRange,
          key,
          data: { ...data, shadow: current.key, line: current.keyRange.start.line, replacementValue: clip(current.value.text) },
          related: [{ message: `${current.key} is set here, and Flink uses it`, range: current.keyRange }],
          ...(removal && { suggestions: [{ description: `remove ${key}`, edits: [removal] }] }),
        });
        continue;
      }
      const rename = renameKeyEdit(ctx.doc, entry, replacement);
      const fix: Fix | undefined = rename && { description: `rename to ${replacement}`, edits: [rename] };
      // Renaming is the same configuration only when the key stands for one option that nothing else
      // sets, and no other deprecated key of that option is set (two renames would make a duplicate).
      const safe = targets.length === 1 && shadows[0] === undefined && (deprecatedByTarget.get(replacement) ?? 0) === 1;
      ctx.report({
        messageId: targets.length === 1 ? "deprecated" : "deprecatedMany",
        at: entry.keyRange,
        key,
        data,
        ...(fix && safe && { fix }),
        ...(fix && !safe && { suggestions: [fix] }),
      });
    }
  },
});

/** A value `memory-size-invalid` / `memory-fraction-*` have nothing to say about. */
function plainMemoryValue(text: string, type: string | undefined): boolean {
  if (type === "MemorySize") {
    const parsed = parseMemorySize(text);
    return parsed.ok && (!parsed.unitless || parsed.bytes === 0n);
  }
  if (type === "Float") {
    const value = Number(text.trim());
    return text.trim() !== "" && Number.isFinite(value) && value >= 0 && value < 1;
  }
  return true;
}
