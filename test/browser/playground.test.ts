/**
 * The built playground (dist/web/index.html, `npm run build`) in a real browser, opened from disk
 * as a user would: Debian's Chromium driven by playwright-core. A missing browser or page fails
 * with a message saying what to do; it never skips. Expected findings come from the same core
 * (lintText), so the test checks that the page shows what the CLI would report.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { lintText } from "../../src/lint-file.js";
import type { Diagnostic, LintOptions } from "../../src/types.js";

const PAGE = fileURLToPath(new URL("../../dist/web/index.html", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WAIT_MS = 30_000;

// Flink refuses this TaskManager: 1g of JVM overhead leaves 448m of Flink memory for more than that.
const REFUSED = [
  "jobmanager.memory.process.size: 1600m",
  "taskmanager.memory.process.size: 1728m",
  "taskmanager.memory.jvm-overhead.min: 1g",
  "taskmanager.numberOfTaskSlots: 2",
  "",
].join("\n");
const REFUSED_OPTIONS: LintOptions = { filename: "flink-conf.yaml", dialect: "legacy", flinkVersion: "1.20", deployment: "standalone" };

/** Every URL the pages asked for, by any test of this file. */
const requests: string[] = [];
let browser: Browser | undefined;
let context: BrowserContext | undefined;

/** A fresh page of one shared browser; fails, never skips, without Chromium or the built page. */
async function openPage(fragment = ""): Promise<Page> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: run \`npm run build\` first (scripts/build-web.mjs writes it)`);
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], timeout: WAIT_MS });
  context ??= await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${pathToFileURL(PAGE).href}${fragment}`);
  await page.locator("#summary").filter({ hasText: /\S/ }).waitFor();
  // A script error or a refused resource (CSP) would show here.
  expect(errors).toEqual([]);
  return page;
}

afterAll(async () => {
  await browser?.close();
});

function fragmentFor(text: string, version: string, deployment = "standalone", dialect = "legacy"): string {
  return `#config=${Buffer.from(text, "utf8").toString("base64url")}&version=${version}&deployment=${deployment}&dialect=${dialect}`;
}

/** The fragment's fields, the config decoded independently of the page's code. */
async function fragmentOf(page: Page): Promise<Record<string, string>> {
  const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
  const fields = Object.fromEntries(params);
  if (fields.config !== undefined) fields.config = Buffer.from(fields.config, "base64url").toString("utf8");
  return fields;
}

function findingOf(text: string, options: LintOptions, ruleId: string): Diagnostic {
  const found = lintText(text, options).diagnostics.find((d) => d.ruleId === ruleId);
  if (found === undefined) throw new Error(`the core reports no ${ruleId} for the test's text`);
  return found;
}

const finding = (page: Page, ruleId: string) => page.locator(`#findings button[data-rule-id="${ruleId}"]`);

async function selectionOf(page: Page): Promise<[number, number]> {
  return page.locator("#config").evaluate((area: { selectionStart: number; selectionEnd: number }) => [area.selectionStart, area.selectionEnd]);
}

describe("the playground page (dist/web/index.html over file://)", () => {
  it("restores a refused configuration from the fragment: its finding, its line and the memory figure", async () => {
    const page = await openPage(fragmentFor(REFUSED, "1.20"));
    const expected = findingOf(REFUSED, REFUSED_OPTIONS, "memory-components-exceed-total");
    expect(expected.start.line).toBe(2);
    expect(await page.locator("#config").inputValue()).toBe(REFUSED);
    expect(await page.getByLabel("Flink version").inputValue()).toBe("1.20");
    expect(await page.getByLabel("Deployment").inputValue()).toBe("standalone");
    expect(await page.getByLabel("File", { exact: true }).inputValue()).toBe("legacy");
    const shown = finding(page, "memory-components-exceed-total");
    await expect.poll(() => shown.count(), { timeout: WAIT_MS }).toBe(1);
    expect(await shown.locator(".location").textContent()).toBe(`2:${expected.start.column}`);
    expect(await shown.locator(".severity").textContent()).toBe("error");
    expect(await shown.locator(".rule").textContent()).toBe("memory-components-exceed-total");
    expect(await shown.locator(".message").textContent()).toBe(expected.message.replace(/`/g, ""));
    expect(await page.locator("#figure svg").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("selects a finding's range in the text when it is clicked, or chosen with the keyboard", async () => {
    const page = await openPage(fragmentFor(REFUSED, "1.20"));
    const expected = findingOf(REFUSED, REFUSED_OPTIONS, "memory-components-exceed-total");
    await finding(page, "memory-components-exceed-total").click();
    expect(await selectionOf(page)).toEqual([expected.start.offset, expected.end.offset]);
    expect(await page.evaluate("document.activeElement.id")).toBe("config");

    await page.locator("#config").evaluate((area: { setSelectionRange(a: number, b: number): void }) => area.setSelectionRange(0, 0));
    await finding(page, "memory-components-exceed-total").focus();
    await page.keyboard.press("Enter");
    expect(await selectionOf(page)).toEqual([expected.start.offset, expected.end.offset]);
    expect(await page.evaluate("document.activeElement.id")).toBe("config");
    await page.close();
  });

  it("lints as the user types and keeps the text in the fragment (a link reproduces it)", async () => {
    const page = await openPage(fragmentFor(REFUSED, "1.20"));
    const fixed = REFUSED.replace("1728m", "4g").replace("taskmanager.numberOfTaskSlots: 2", "taskmanager.numberOfTaskSlots:2");
    await page.locator("#config").fill(fixed);
    await expect.poll(() => finding(page, "memory-components-exceed-total").count(), { timeout: WAIT_MS }).toBe(0);
    const separator = findingOf(fixed, REFUSED_OPTIONS, "legacy-missing-separator");
    await expect.poll(() => finding(page, "legacy-missing-separator").locator(".location").textContent(), { timeout: WAIT_MS }).toBe(
      `${separator.start.line}:${separator.start.column}`,
    );
    await expect.poll(async () => (await fragmentOf(page)).config, { timeout: WAIT_MS }).toBe(fixed);

    // Typed key by key: each keystroke lints, and the fragment follows.
    await page.locator("#config").press("Control+End");
    await page.keyboard.type("parallelism.default: '2'\n");
    const typed = `${fixed}parallelism.default: '2'\n`;
    await expect.poll(() => finding(page, "legacy-quoted-value").count(), { timeout: WAIT_MS }).toBe(1);
    await expect.poll(() => fragmentOf(page), { timeout: WAIT_MS }).toEqual({ config: typed, version: "1.20", deployment: "standalone", dialect: "legacy" });

    const link = page.url();
    const again = await openPage(new URL(link).hash);
    expect(await again.locator("#config").inputValue()).toBe(typed);
    expect(await again.locator("#findings").textContent()).toBe(await page.locator("#findings").textContent());
    await again.close();
    await page.close();
  });

  it("checks against the chosen Flink version", async () => {
    const page = await openPage(fragmentFor(REFUSED, "1.20"));
    // Flink 2.x reads only config.yaml: the CLI's --flink-version 2.1 reports the flink-conf.yaml at 1:1.
    const ignored = findingOf(REFUSED, { ...REFUSED_OPTIONS, flinkVersion: "2.1" }, "config-file-ignored");
    expect(lintText(REFUSED, REFUSED_OPTIONS).diagnostics.some((d) => d.ruleId === "config-file-ignored")).toBe(false);
    expect(await finding(page, "config-file-ignored").count()).toBe(0);
    await page.getByLabel("Flink version").selectOption("2.1");
    await expect.poll(() => finding(page, "config-file-ignored").locator(".location").textContent(), { timeout: WAIT_MS }).toBe(
      `${ignored.start.line}:${ignored.start.column}`,
    );
    await expect.poll(async () => (await fragmentOf(page)).version, { timeout: WAIT_MS }).toBe("2.1");
    await page.getByLabel("Flink version").selectOption("1.20");
    await expect.poll(() => finding(page, "config-file-ignored").count(), { timeout: WAIT_MS }).toBe(0);
    await page.close();
  });

  it("reads the file as the kind chosen, and detects it from the content", async () => {
    const nested = "taskmanager:\n  memory:\n    process.size: 1728m\n    jvm-overhead.min: 1g\njobmanager.memory.process.size: 1600m\n";
    const page = await openPage(fragmentFor(nested, "auto", "standalone", "auto"));
    // Auto: nested YAML is a config.yaml, where Flink refuses the TaskManager.
    await expect.poll(() => finding(page, "memory-components-exceed-total").count(), { timeout: WAIT_MS }).toBe(1);
    expect(await finding(page, "legacy-nested-yaml").count()).toBe(0);
    await page.getByLabel("File", { exact: true }).selectOption("legacy");
    await expect.poll(() => finding(page, "legacy-nested-yaml").count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    await page.close();
  });

  it("shows the file's text as text, never as markup", async () => {
    const hostile = '<img src="x" id="injected">: <b id="bold">1</b>\ntaskmanager.memory.process.size: 1728m\n';
    const page = await openPage(fragmentFor(hostile, "1.20"));
    await expect.poll(() => page.locator("#findings").textContent(), { timeout: WAIT_MS }).toContain('<img src="x" id="injected">');
    expect(await page.locator("#injected, #bold").count()).toBe(0);
    await page.close();
  });

  it("made no request other than for the page's own file", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
  });
});
