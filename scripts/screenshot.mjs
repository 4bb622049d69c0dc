#!/usr/bin/env node
/**
 * Writes docs/playground.png: the built playground (`npm run build` first) opened from disk in
 * Chromium, with a configuration Flink refuses loaded from the URL fragment, as a link would.
 * `CHROMIUM_PATH` names the browser (default: Debian's /usr/bin/chromium).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PAGE = join(ROOT, "dist", "web", "index.html");
const OUT = join(ROOT, "docs", "playground.png");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The TaskManager's 1g JVM overhead leaves 448m of Flink memory for more than that; the slots line has no space.
const REFUSED = `# Flink refuses this TaskManager, and skips one line.
jobmanager.memory.process.size: 1600m
taskmanager.memory.process.size: 1728m
taskmanager.memory.jvm-overhead.min: 1g
taskmanager.numberOfTaskSlots:4
parallelism.default: 2
`;

if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: run npm run build first`);
if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH`);
const fragment = `#config=${Buffer.from(REFUSED, "utf8").toString("base64url")}&version=1.20&deployment=standalone&dialect=legacy`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
  await page.goto(pathToFileURL(PAGE).href + fragment);
  await page.locator("#figure svg").waitFor({ timeout: 30_000 });
  // The whole page at that width: the memory figure sits below the text and the findings.
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`screenshot: wrote ${OUT.slice(ROOT.length + 1)}`);
} finally {
  await browser.close();
}
