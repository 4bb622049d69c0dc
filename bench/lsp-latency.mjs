#!/usr/bin/env node
/**
 * Language server latency: starts the built server (`npm run build` first), opens a 2,000-line
 * flink-conf.yaml, sends N `didChange` notifications one at a time (debounce set to 0 through the
 * `debounceMs` initialization option) and measures from each change to the `publishDiagnostics`
 * for that version. Prints JSON: median, p95 and more, in milliseconds.
 *
 *   node bench/lsp-latency.mjs [--iterations 500] [--warmup 100] [--lines 2000] [--content options|unknown-keys]
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist/src/lsp/bin.js");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
const iterations = option("--iterations", 500);
const warmup = option("--warmup", 100);
const lineCount = option("--lines", 2000);
const contentAt = process.argv.indexOf("--content");
const content = contentAt === -1 ? "options" : process.argv[contentAt + 1];
if (content !== "options" && content !== "unknown-keys") {
  process.stderr.write(`lsp-latency: --content is options or unknown-keys, not ${content}\n`);
  process.exit(2);
}

/**
 * A config of `lineCount` lines. "options" (the default): what a large real file holds, the memory
 * keys the rules derive from, then Flink 1.20's options with their documented defaults (each
 * once), two comment lines to each setting, an unknown key every ~600 lines. "unknown-keys": the
 * stress case, four lines in five a key Flink does not know (1,600 findings to publish per change).
 */
function config(content) {
  const lines = [
    "jobmanager.rpc.address: localhost",
    "jobmanager.memory.process.size: 1600m",
    "taskmanager.memory.process.size: 1728m",
    "taskmanager.numberOfTaskSlots: 4",
    "taskmanager.memory.managed.fraction: 0.4",
    "taskmanager.memory.network.fraction: 0.1",
    "taskmanager.memory.network.min: 64m",
    "taskmanager.memory.network.max: 1g",
    "taskmanager.memory.jvm-metaspace.size: 256m",
    "parallelism.default: 4",
  ];
  if (content === "unknown-keys") {
    for (let i = lines.length; i < lineCount - 1; i++) {
      lines.push(i % 5 === 0 ? `# section ${i}: comment text with ünïcødé` : `custom.option.number-${i}: value-${i}`);
    }
  } else {
    const catalog = JSON.parse(readFileSync(join(root, "src/model/catalog/1.20.json"), "utf8"));
    const set = new Set(lines.map((line) => line.slice(0, line.indexOf(":"))));
    // Documented defaults that are values (not "none", empty or prose such as "infinite"); memory sizes stay as above.
    const options = Object.entries(catalog.options)
      .filter(([key, row]) => typeof row[1] === "string" && !["none", "", "infinite"].includes(row[1].trim()) && !/[\n#]/.test(row[1]))
      .filter(([key]) => !/^[$_]/.test(key) && !key.includes(".memory.") && !set.has(key))
      .map(([key, row]) => `${key}: ${row[1]}`);
    let next = 0;
    for (let i = lines.length; i < lineCount - 1; i++) {
      if (i % 3 !== 1) lines.push(`# ${i}: what the setting below is for, as people write it (ünïcødé)`);
      else if (i % 599 === 0) lines.push(`custom.option.number-${i}: value-${i}`);
      else if (next < options.length) lines.push(options[next++]);
      else lines.push(`# ${i}: a setting left at its default`);
    }
  }
  lines.push("bench.counter: 0");
  return `${lines.join("\n")}\n`;
}

function percentile(sorted, p) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round = (ms) => Math.round(ms * 1000) / 1000;

async function main() {
  if (!existsSync(bin)) {
    process.stderr.write(`lsp-latency: ${bin} is missing; run \`npm run build\` first\n`);
    process.exit(2);
  }
  const child = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    const done = waiting.get(params.version);
    if (done) {
      waiting.delete(params.version);
      done(performance.now());
    }
  });
  connection.onNotification("window/logMessage", () => undefined);
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await connection.sendNotification("initialized", {});

  const text = config(content);
  const lines = text.split("\n").length - 1;
  const uri = pathToFileURL(join(root, "bench", "latency-flink-conf.yaml")).href; // need not exist
  const lastLine = lines - 1;
  const counterAt = "bench.counter: ".length;
  let version = 1;
  let previous = "0";
  const opened = new Promise((resolve) => waiting.set(version, resolve));
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
  await opened;

  const samples = [];
  for (let i = 0; i < warmup + iterations; i++) {
    version++;
    const next = String(i + 1);
    const published = new Promise((resolve) => waiting.set(version, resolve));
    const start = performance.now();
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line: lastLine, character: counterAt }, end: { line: lastLine, character: counterAt + previous.length } },
          text: next,
        },
      ],
    });
    const end = await published;
    previous = next;
    if (i >= warmup) samples.push(end - start);
  }

  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  const exitCode = await new Promise((resolve) => child.on("exit", resolve));
  connection.dispose();

  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  process.stdout.write(
    `${JSON.stringify({
      name: "lsp-change-to-diagnostics",
      lines,
      content,
      iterations,
      warmup,
      debounceMs: 0,
      medianMs: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      minMs: round(sorted[0]),
      maxMs: round(sorted[sorted.length - 1]),
      meanMs: round(mean),
      serverExitCode: exitCode,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`lsp-latency: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
