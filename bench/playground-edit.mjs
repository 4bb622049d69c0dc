#!/usr/bin/env node
/**
 * The playground's work per keystroke, in Node on the built core (`npm run build` first): lint
 * the text (`lintText`), derive its memory (`explainText`) and draw the figure (`renderMemorySvg`),
 * for each of N edits of a typical file (a value's digit typed, then removed). The browser adds
 * its DOM updates on top (test/browser drives the real page). Prints JSON: median and p95 in
 * milliseconds per file kind.
 *
 *   node bench/playground-edit.mjs [--iterations 300]
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const load = (path) => import(pathToFileURL(join(root, "dist", path)).href);
const { lintText } = await load("src/lint-file.js");
const { explainText } = await load("src/explain.js");
const { renderMemorySvg } = await load("src/formatters/figure.js");

const at = process.argv.indexOf("--iterations");
const iterations = at === -1 ? 300 : Math.max(1, Number(process.argv[at + 1]) || 300);

/** The files the page is typically given: a flink-conf.yaml, a config.yaml, a Compose file, a FlinkDeployment. */
const FILES = {
  "flink-conf.yaml": { path: "examples/flink-conf.yaml", filename: "flink-conf.yaml" },
  "config.yaml": { path: "fixtures/flink-defaults/2.1-config.yaml", filename: "config.yaml" },
  "Compose file": { path: "fixtures/hosts/compose/application-cluster.docker-compose.yml", filename: "docker-compose.yml" },
  FlinkDeployment: { path: "examples/kubernetes/flink-deployment.yaml", filename: "manifest.yaml" },
};

function edit(text, filename) {
  const options = { filename, flinkVersion: undefined, deployment: "standalone" };
  const linted = lintText(text, options);
  const explained = explainText(text, options);
  const svg = renderMemorySvg(explained.targets.map(({ target, explained: e }) => ({ title: filename, explained: e, config: target.document.config, processes: target.processes })));
  return linted.diagnostics.length + svg.length;
}

const results = {};
for (const [kind, { path, filename }] of Object.entries(FILES)) {
  const text = readFileSync(join(root, path), "utf8");
  // The edit: a digit typed into the first number of the file, as a user changes a size.
  const digit = text.search(/\d/);
  const variants = [text.slice(0, digit) + "1" + text.slice(digit), text];
  for (let i = 0; i < 50; i++) edit(variants[i % 2], filename);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    edit(variants[i % 2], filename);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  results[kind] = { lines: text.split("\n").length, medianMs: pick(0.5), p95Ms: pick(0.95) };
}
console.log(JSON.stringify({ iterations, files: results }));
