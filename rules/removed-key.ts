// A key an older Flink release read but the chosen one no longer declares is silently ignored,
// like any unknown key: Configuration only answers for declared ConfigOptions.
import { CATALOG_VERSIONS, catalogFor, keyHistory } from "../src/model/catalog.js";
import { deleteLineEdit, renameKeyEdit } from "../src/engine/setting-edits.js";
import { lastEntry } from "./support/report.js";
import { versionFacts } from "../src/model/versions.js";
import { defineRule, type Fix } from "../src/types.js";

/** Reported by `memory-legacy-heap` (with what they meant for memory), so not here. */
const LEGACY_HEAP_KEYS = new Set(["taskmanager.heap.size", "taskmanager.heap.mb", "jobmanager.heap.size", "jobmanager.heap.mb"]);

export default defineRule({
  meta: {
    id: "removed-key",
    severity: "warning",
    description: "A key an older Flink read that the chosen version no longer knows and ignores",
    messages: {
      removed: "Flink {{version}} ignores `{{key}}`, removed in {{removedIn}}; {{advice}}",
    },
    docs: {
      why:
        "Flink 2.0 removed many options that 1.x still read (the legacy network buffer count, the Akka/Pekko watch " +
        "settings, old Kryo registration keys, deprecated aliases, ...), and earlier minor releases removed some. " +
        "A removed key is ignored without a warning, so a setting carried over from an older cluster silently " +
        "stops applying. When the older release mapped the key to a newer option, renaming it is offered as a " +
        "suggestion (it changes what Flink does). If ignoring the key leaves memory unconfigured, the memory " +
        "rules report that error. The legacy heap keys (`taskmanager.heap.size`, `jobmanager.heap.mb`, ...) are " +
        "reported by `memory-legacy-heap`, which owns them in every version.",
      valid: [{ dialect: "legacy", flinkVersion: "1.20", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.network.numberOfBuffers: 4096\n" }],
      invalid: [
        { dialect: "standard", flinkVersion: "2.1", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.network.numberOfBuffers: 4096\n" },
      ],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    const history = keyHistory(ctx.flinkVersion, ctx.session);
    const facts = versionFacts(ctx.flinkVersion);
    for (const key of ctx.doc.byKey.keys()) {
      if (LEGACY_HEAP_KEYS.has(key) || catalog.isKnown(key)) continue;
      const last = history.lastBefore(key);
      // Unknown everywhere, or back in a newer release: unknown-key's.
      if (last === undefined || history.since(key) !== undefined) continue;
      const entry = lastEntry(ctx.doc, key);
      if (entry === undefined) continue;
      const removedIn = nextCatalogued(last) ?? ctx.flinkVersion;
      const older = catalogFor(last, ctx.session);
      let successor = older.replacementOf(key);
      if (successor !== undefined && catalog.replacementOf(successor) !== undefined) successor = catalog.replacementOf(successor);
      if (successor !== undefined && catalog.option(successor) === undefined) successor = undefined;
      const suggestions: Fix[] = [];
      const rename = successor === undefined ? undefined : renameKeyEdit(ctx.doc, entry, successor);
      if (rename && successor !== undefined && !ctx.doc.config.has(successor)) {
        suggestions.push({ description: `rename to ${successor}`, edits: [rename] });
      }
      const removal = deleteLineEdit(ctx.doc, entry);
      if (removal) suggestions.push({ description: `remove ${key}`, edits: [removal] });
      let advice = successor === undefined ? "remove it." : `set its successor \`${successor}\` instead.`;
      if (key === "taskmanager.network.numberOfBuffers" && !facts.legacyNetworkBuffers) {
        advice = "size network memory with `taskmanager.memory.network.min`/`max`/`fraction` instead.";
      }
      ctx.report({
        messageId: "removed",
        at: entry.keyRange,
        key,
        data: { key, value: entry.value.text, removedIn, last, version: ctx.flinkVersion, advice },
        ...(suggestions.length > 0 && { suggestions }),
      });
    }
  },
});

/** The catalogued release after `version`: the first one without the key. */
function nextCatalogued(version: string): string | undefined {
  return CATALOG_VERSIONS[CATALOG_VERSIONS.indexOf(version) + 1];
}
