// With state.backend.rocksdb.memory.managed false (and no fixed-per-slot budget), or with no managed
// memory to share, RocksDB allocates native memory outside Flink's budget and the container is
// killed: RocksDBMemoryControllerUtils / RocksDBOperationUtils.allocateSharedCachesIfConfigured.
import { derivations, lastEntry, relatedKeys } from "./support/report.js";
import { defineRule } from "../src/types.js";
import { clip } from "../src/util/text.js";

const BACKEND_KEYS = ["state.backend.type", "state.backend"] as const;
const MANAGED_KEY = "state.backend.rocksdb.memory.managed";
const FIXED_KEY = "state.backend.rocksdb.memory.fixed-per-slot";

export default defineRule({
  meta: {
    id: "rocksdb-unmanaged-memory",
    severity: "warning",
    description: "RocksDB state without a bounded memory budget, which grows native memory until the container is killed",
    messages: {
      unmanaged:
        "`{{key}}: {{value}}` leaves RocksDB's native memory unbounded; remove it, or set `state.backend.rocksdb.memory.fixed-per-slot`.",
      noManaged:
        "`{{managedKey}}` gives the TaskManager no managed memory, leaving RocksDB unbounded; set e.g. `taskmanager.memory.managed.fraction: 0.4`.",
    },
    docs: {
      why:
        "RocksDB keeps its block cache and write buffers in native memory. By default Flink bounds them by the " +
        "TaskManager's managed memory (`state.backend.rocksdb.memory.managed: true`). With `false` and no " +
        "`fixed-per-slot` budget, or with managed memory sized to zero, each RocksDB instance uses its own " +
        "unbounded defaults per column family, which Flink's memory model does not count: the process outgrows " +
        "`taskmanager.memory.process.size` and YARN kills the container (\"beyond physical memory limits\") or Kubernetes " +
        "OOMKills it. Managed memory is the default, so removing `memory.managed: false` restores the bound. The managed size comes " +
        "from Flink's memory derivation.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nstate.backend.type: rocksdb\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nstate.backend.type: rocksdb\nstate.backend.rocksdb.memory.managed: false\n" },
      ],
    },
  },
  check(ctx) {
    const backendKey = BACKEND_KEYS.find((k) => ctx.doc.config.has(k));
    const backend = backendKey === undefined ? undefined : ctx.doc.config.get(backendKey)?.text.trim();
    if (backendKey === undefined || backend === undefined) return;
    if (backend.toLowerCase() !== "rocksdb" && !/RocksDB/.test(backend)) return;
    const base = { backendKey, backend: clip(backend), process: "TaskManager" };
    const managedFlag = ctx.doc.config.get(MANAGED_KEY);
    if (managedFlag !== undefined && managedFlag.text.trim().toLowerCase() === "false") {
      const entry = lastEntry(ctx.doc, MANAGED_KEY);
      if (entry !== undefined && !ctx.doc.config.has(FIXED_KEY)) {
        ctx.report({ messageId: "unmanaged", at: entry.keyRange, key: MANAGED_KEY, data: { ...base, key: MANAGED_KEY, value: clip(managedFlag.text) }, related: relatedKeys(ctx.doc, [backendKey]) });
      }
      return;
    }
    if (ctx.doc.config.has(FIXED_KEY)) return;
    const tm = derivations(ctx).taskmanager;
    if (!tm.ok || tm.bytes.managed !== 0n) return;
    const managedKey = tm.sources.managed.key ?? "taskmanager.memory.managed.size";
    const managedEntry = lastEntry(ctx.doc, managedKey);
    const entry = managedEntry ?? lastEntry(ctx.doc, backendKey);
    if (entry === undefined) return;
    ctx.report({
      messageId: "noManaged",
      at: entry.keyRange,
      key: managedKey,
      data: { ...base, managedKey },
      related: managedEntry === undefined ? [] : relatedKeys(ctx.doc, [backendKey]),
    });
  },
});
