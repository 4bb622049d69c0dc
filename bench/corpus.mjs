/**
 * The throughput corpus of `npm run bench`: realistic configurations, half `flink-conf.yaml` and
 * half `config.yaml`, a tenth of them with findings, 100 to a folder as a monorepo keeps them.
 *
 *   node bench/corpus.mjs <dir> [count]   writes the corpus (default 10,000 files)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export function legacyConfig(i) {
  return [
    `# generated config ${i}`,
    "jobmanager.rpc.address: flink-jobmanager",
    "jobmanager.rpc.port: 6123",
    `jobmanager.memory.process.size: ${1024 + (i % 8) * 256}m`,
    `taskmanager.memory.process.size: ${1728 + (i % 5) * 512}m`,
    `taskmanager.numberOfTaskSlots: ${1 + (i % 4)}`,
    `parallelism.default: ${1 + (i % 3)}`,
    "state.backend.type: rocksdb",
    "state.checkpoints.dir: s3://bucket/checkpoints",
    "execution.checkpointing.interval: 30 s",
    "rest.port: 8081",
    i % 10 === 0 ? "taskmanager.memory.managed.fraction:0.4" : "taskmanager.memory.managed.fraction: 0.4",
    i % 7 === 0 ? 'env.java.opts.all: "-XX:+UseG1GC"' : "env.java.opts.all: -XX:+UseG1GC",
    i % 13 === 0 ? "taskmanager.memory.proces.size: 2g" : "metrics.reporter.prom.port: 9249",
    "",
  ].join("\n");
}

export function standardConfig(i) {
  return [
    `# generated config ${i}`,
    "jobmanager:",
    "  rpc:",
    "    address: flink-jobmanager",
    "    port: 6123",
    "  memory:",
    `    process.size: ${1024 + (i % 8) * 256}m`,
    "taskmanager:",
    `  numberOfTaskSlots: ${1 + (i % 4)}`,
    "  memory:",
    `    process.size: ${1728 + (i % 5) * 512}m`,
    `    managed.fraction: ${i % 11 === 0 ? "1.4" : "0.4"}`,
    `parallelism.default: ${1 + (i % 3)}`,
    "state.backend.type: rocksdb",
    "execution.checkpointing.interval: 30 s",
    i % 13 === 0 ? "jobmanager.memory.off-heap.size: 256Mi" : "rest.port: 8081",
    "",
  ].join("\n");
}

export function writeCorpus(dir, count) {
  const perFolder = 100;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `team-${String(Math.floor(i / perFolder)).padStart(3, "0")}`);
    if (i % perFolder === 0) mkdirSync(folder, { recursive: true });
    const legacy = i % 2 === 0;
    const name = `${String(i).padStart(5, "0")}${legacy ? "-flink-conf.yaml" : "-config.yaml"}`;
    writeFileSync(join(folder, name), legacy ? legacyConfig(i) : standardConfig(i));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node bench/corpus.mjs <dir> [count]");
    process.exit(2);
  }
  writeCorpus(dir, Number(count ?? 10_000));
}
