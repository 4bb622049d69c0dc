// After flattening config.yaml, `a.b: x` and `a.b.c: y` are both kept, but when Flink writes the
// configuration back as nested YAML for Kubernetes or YARN containers, `a.b` cannot be a value and a
// map at once: YamlParserUtils.convertAndDumpYamlFromFlatMap (FLINK-29372 renamed such keys).
// The Kubernetes operator writes flat flink-conf.yaml lines for Flink 1.x and refuses such keys for
// Flink 2.x: FlinkConfMountDecorator.validateConfigKeysForV2.
import { operatorResource, viewOf } from "../src/engine/operator-facts.js";
import { flinkVersionStatus } from "../src/model/operator/operator.js";
import { catalogFor } from "../src/model/catalog.js";
import { deleteLineEdit } from "../src/engine/setting-edits.js";
import { lastEntry } from "./support/report.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

export default defineRule({
  meta: {
    id: "prefix-key-conflict",
    severity: "warning",
    description: "A config.yaml key that is both a value and the prefix of other keys",
    messages: {
      deprecated:
        "Flink uses `{{replacement}}` over deprecated `{{key}}: {{value}}`, and nesting both as YAML for Kubernetes/YARN fails or drops one; remove it.",
      mapOption:
        "Flink ignores `{{child}}` because `{{key}}` is set as a whole (nested YAML cannot hold both); keep one form.",
      conflict:
        "`{{key}}: {{value}}` prefixes `{{child}}`: Flink fails or drops one when it nests them as YAML for Kubernetes/YARN; rename or remove one.",
      operatorOverlap: "The operator refuses this FlinkDeployment (Flink {{version}}): `{{key}}` prefixes `{{child}}`; {{advice}}",
    },
    docs: {
      why:
        "`config.yaml` is flattened into dotted keys, so `state.backend: rocksdb` and `state.backend.type: hashmap` " +
        "load without error and Flink reads each option by its own key (here `state.backend.type` wins, because " +
        "`state.backend` is only its deprecated fallback). But Flink re-nests the configuration when it writes the " +
        "file for Kubernetes pods or YARN containers, and `state.backend` cannot be both a string and a map: " +
        "depending on map order Flink throws a ClassCastException or drops a key. Flink 1.19/2.0 renamed such " +
        "keys (FLINK-29372: `state.backend` → `state.backend.type`, `high-availability` → `high-availability.type`) " +
        "for this reason. Only `config.yaml` is checked; `flink-conf.yaml` is written back flat. In a FlinkDeployment " +
        "the operator writes the configuration as flat `flink-conf.yaml` lines for Flink 1.x (no conflict), and for " +
        "Flink 2.x it refuses the resource outright (\"Overlapping key prefixes detected\"): an error there.",
      valid: [{ dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nstate.backend.type: rocksdb\n" }],
      invalid: [
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nstate.backend: rocksdb\nstate.backend.type: hashmap\n" },
      ],
    },
  },
  check(ctx) {
    if (ctx.doc.dialect !== "standard") return;
    const operatorVersion = operatorFlinkVersion(ctx);
    if (operatorVersion === null) return;
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    // Each key that is a dotted prefix of another, with the first key that has it (looked up in
    // byKey: a map of every prefix would hold three entries for each of 400,000 keys).
    const children = new Map<string, string>();
    for (const key of ctx.doc.byKey.keys()) {
      for (let dot = key.indexOf("."); dot > 0; dot = key.indexOf(".", dot + 1)) {
        const prefix = key.slice(0, dot);
        if (ctx.doc.byKey.has(prefix) && !children.has(prefix)) children.set(prefix, key);
      }
    }
    if (children.size === 0) return;
    for (const key of ctx.doc.byKey.keys()) {
      const child = children.get(key);
      if (child === undefined) continue;
      const entry = lastEntry(ctx.doc, key);
      if (entry === undefined) continue;
      const childEntry = lastEntry(ctx.doc, child);
      const related = childEntry ? [{ message: `${child} is set here`, range: childEntry.keyRange }] : [];
      const replacement = catalog.replacementOf(key);
      const data = { key, value: clip(entry.value.text), child };
      if (operatorVersion !== undefined) {
        if (OPERATOR_REMOVED_KEYS.has(key) || OPERATOR_REMOVED_KEYS.has(child)) continue;
        const advice =
          replacement !== undefined && replacement.startsWith(`${key}.`)
            ? `rename it to \`${replacement}\`.`
            : "rename or remove one of them.";
        const flinkMessage = `Overlapping key prefixes detected (${key} -> ${child}), please replace with Flink v2 compatible, non-deprecated keys.`;
        ctx.report({ messageId: "operatorOverlap", at: entry.keyRange, key, data: { ...data, version: operatorVersion, advice, flinkMessage }, related, severity: "error" });
        continue;
      }
      if (replacement !== undefined && replacement.startsWith(`${key}.`) && ctx.doc.config.has(replacement)) {
        const current = lastEntry(ctx.doc, replacement);
        const removal = deleteLineEdit(ctx.doc, entry);
        ctx.report({
          messageId: "deprecated",
          at: entry.keyRange,
          key,
          data: { ...data, replacement, replacementValue: clip(current?.value.text ?? "") },
          related: current ? [{ message: `${replacement} is set here, and Flink uses it`, range: current.keyRange }] : related,
          ...(removal && { suggestions: [{ description: `remove ${key}`, edits: [removal] }] }),
        });
        continue;
      }
      const isMap = catalog.option(key)?.type === "Map";
      ctx.report({ messageId: isMap ? "mapOption" : "conflict", at: entry.keyRange, key, data, related });
    }
  },
});

/** Keys FlinkConfMountDecorator.getClusterSideConfData removes before it checks for overlaps. */
const OPERATOR_REMOVED_KEYS: ReadonlySet<string> = new Set([
  "kubernetes.config.file",
  "$internal.deployment.config-dir",
  "rest.bind-address",
  "jobmanager.bind-host",
  "taskmanager.bind-host",
  "taskmanager.host",
]);

/**
 * For a FlinkDeployment's configuration: its Flink version when that is 2.x (the operator writes
 * config.yaml and refuses overlapping keys), or null when the rule has nothing to say (Flink 1.x gets
 * flat flink-conf.yaml lines; a FlinkSessionJob's configuration goes to its job; an invalid version is
 * another rule's refusal). Undefined for a plain config.yaml.
 */
function operatorFlinkVersion(ctx: Parameters<typeof viewOf>[0]): string | null | undefined {
  const resource = ctx.facts.get(operatorResource);
  if (resource === undefined) return undefined;
  if (resource.kind !== "FlinkDeployment") return null;
  const view = viewOf(ctx);
  if (view === undefined) return null;
  const status = flinkVersionStatus(view.resource);
  if (status.status !== "valid" && status.status !== "unsupported") return null;
  return Number(status.version.split(".")[0]) >= 2 ? status.version : null;
}
