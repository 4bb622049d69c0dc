// Flink reads options by key and never looks at keys it does not know, so a misspelt or invented
// key is silently ignored: Configuration.getOptional only ever asks for declared ConfigOptions.
import { catalogFor, keyHistory } from "../src/model/catalog.js";
import { renameKeyEdit } from "../src/engine/setting-edits.js";
import { findingsOf, FindingKind } from "../src/parser/findings.js";
import { defineRule, type ConfigEntry, type Fix } from "../src/types.js";
import { clip } from "../src/util/text.js";

/** How much of an unknown key a message quotes (the range shows all of it). */
const SHOWN_KEY_LENGTH = 60;

type Verdict = { since?: string; suggestions: readonly string[] };
/** Known to this version, or another rule's (removed-key). */
const KNOWN: Verdict = Object.freeze({ suggestions: [] });

export default defineRule({
  meta: {
    id: "unknown-key",
    severity: "warning",
    description: "A key that is not a Flink option of the chosen version, which Flink silently ignores",
    messages: {
      unknownSuggest: "Flink {{version}} has no option `{{key}}` and silently ignores it; did you mean {{suggestions}}?",
      unknown: "Flink {{version}} has no option `{{key}}` and silently ignores it; check the key in the Flink docs, or remove it.",
      newer: "`{{key}}` exists only from Flink {{since}}, so Flink {{version}} ignores it; upgrade Flink, or use this version's equivalent.",
    },
    docs: {
      why:
        "Flink only reads the options it declares and never complains about other keys: a typo " +
        "(`taskmanager.memory.proces.size`), a key copied from an old blog (`taskmanager.memory.network.size` never " +
        "existed) or a key of a newer Flink is ignored without a word, and the setting silently does not apply. " +
        "flinklint knows every option of Flink 1.11 to 2.2, each version from its own release's catalog, the prefixes " +
        "Flink passes through (`metrics.reporter.*`, `s3.*`, `fs.*`, `flink.hadoop.*`, `containerized.*.env.*`, " +
        "`kubernetes.operator.*`, ...) and Map options written key by key (`pipeline.global-job-parameters.x`). " +
        "The closest existing keys are offered as a rename (a suggestion, never an automatic fix). Keys removed " +
        "in the chosen version are reported by `removed-key` instead.",
      valid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nmetrics.reporter.prom.port: 9249\n" },
      ],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.proces.size: 1728m\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n" },
        {
          dialect: "standard",
          flinkVersion: "1.20",
          code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.adaptive-scheduler.executing.cooldown-after-rescaling: 30 s\n",
        },
      ],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    const history = keyHistory(ctx.flinkVersion, ctx.session);
    // Lines the legacy nesting rules own: Flink reads `  type: rocksdb` as the key `type`, but the
    // mistake is the indentation, which those rules explain.
    const nestedLines = new Set<number>();
    for (const kind of [FindingKind.legacyNestedYaml, FindingKind.legacyIndentedLine]) {
      for (const f of findingsOf(ctx.doc, kind)) for (let line = f.range.start.line; line <= f.range.end.line; line++) nestedLines.add(line);
    }
    const firstSegments = new Map<string, readonly string[]>();
    // Each distinct key is judged once, however often the file sets it (findings are sorted later).
    for (const [key, entries] of ctx.doc.byKey) {
      const verdict = judge(key);
      if (verdict === KNOWN) continue;
      for (const entry of entries) report(key, entry, verdict);
    }

    function report(key: string, entry: ConfigEntry, verdict: Verdict): void {
      if (nestedLines.has(entry.keyRange.start.line)) return;
      // A byte order mark glued to the first key is legacy-bom's.
      if (key.charCodeAt(0) === 0xfeff) return;
      if (verdict.since !== undefined) {
        ctx.report({ messageId: "newer", at: entry.keyRange, key, data: { key: clip(key, SHOWN_KEY_LENGTH), version: ctx.flinkVersion, since: verdict.since } });
        return;
      }
      const value = entry.value.text;
      if (verdict.suggestions.length === 0) {
        ctx.report({ messageId: "unknown", at: entry.keyRange, key, data: { key: clip(key, SHOWN_KEY_LENGTH), value: clip(value), version: ctx.flinkVersion } });
        return;
      }
      const suggestions: Fix[] = [];
      for (const candidate of verdict.suggestions) {
        const edit = renameKeyEdit(ctx.doc, entry, candidate);
        if (edit !== undefined) suggestions.push({ description: `rename to ${candidate}`, edits: [edit] });
      }
      ctx.report({
        messageId: "unknownSuggest",
        at: entry.keyRange,
        key,
        data: { key: clip(key, SHOWN_KEY_LENGTH), value: clip(value), version: ctx.flinkVersion, suggestions: verdict.suggestions.map((s) => `\`${s}\``).join(" or ") },
        ...(suggestions.length > 0 && { suggestions }),
      });
    }

    function judge(key: string): Verdict {
      if (catalog.isKnown(key)) return KNOWN;
      const since = history.since(key);
      if (since !== undefined) return { since, suggestions: [] };
      // A key of an older release only is `removed-key`'s.
      if (history.lastBefore(key) !== undefined) return KNOWN;
      return { suggestions: catalog.suggest(key, firstSegments) };
    }
  },
});
