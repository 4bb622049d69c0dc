/**
 * The browser playground: a thin shell over the same core as the CLI and the language server.
 * Every edit lints the text synchronously with `lintText` (the one lint entry), explains its
 * memory with `explainText` and draws it with `renderMemorySvg`; nothing is sent anywhere (the
 * page's Content-Security-Policy allows no connection at all), and the state lives in the URL
 * fragment so that a link reproduces what someone saw.
 */
import { explainText } from "../explain.js";
import { renderMemorySvg, type MemoryFigureInput } from "../formatters/figure.js";
import { lintText } from "../lint-file.js";
import { DEPLOYMENTS, resolveFlinkVersion, SUPPORTED_FLINK_VERSIONS } from "../engine/settings.js";
import { rules } from "../../rules/index.js";
import type { Deployment, Diagnostic, LintOptions } from "../types.js";
import { decodeFragment, encodeFragment, type PlaygroundState } from "./fragment.js";
import { FILE_KINDS, kindOptions } from "./kinds.js";

const EXAMPLE = `# A flink-conf.yaml to start from: edit it, or paste your own.
jobmanager.memory.process.size: 1600m
taskmanager.memory.process.size: 1728m
taskmanager.memory.jvm-overhead.min: 1g
taskmanager.numberOfTaskSlots:4
parallelism.default: 2
`;

const DEFAULTS: PlaygroundState = { config: EXAMPLE, version: "auto", deployment: "standalone", dialect: "auto" };

/** Chromium ignores history updates past 200 in 10 s; typing stays well below one per 100 ms. */
const FRAGMENT_INTERVAL_MS = 100;

const DESCRIPTIONS = new Map(rules.map((rule) => [rule.meta.id, rule.meta.description]));

function element<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`playground: no #${id}`);
  return found;
}

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

/**
 * The text into `parent`, its `quoted` parts (keys and values, as the CLI's messages quote them) as
 * <code>: every part as text, never as markup.
 */
function withCode(parent: HTMLElement, text: string): HTMLElement {
  text.split(/`([^`\n]+)`/).forEach((part, i) => {
    if (i % 2 === 0) parent.append(part);
    else {
      const code = document.createElement("code");
      code.textContent = part;
      parent.append(code);
    }
  });
  return parent;
}

/** The state a link asks for, each field checked against what the selectors offer. */
function readLink(hash: string): { state: PlaygroundState; problems: string[] } {
  const { state: linked, error } = decodeFragment(hash);
  const problems = error !== undefined ? [error] : [];
  const state: PlaygroundState = { ...DEFAULTS, ...linked };
  if (state.version !== "auto") {
    try {
      state.version = resolveFlinkVersion(state.version, "legacy");
    } catch {
      problems.push(`the link's version=${state.version} is not a Flink version flinklint models; using the file's`);
      state.version = "auto";
    }
  }
  if (!(DEPLOYMENTS as readonly string[]).includes(state.deployment)) {
    problems.push(`the link's deployment=${state.deployment} is not one of ${DEPLOYMENTS.join(", ")}; using standalone`);
    state.deployment = DEFAULTS.deployment;
  }
  if (!FILE_KINDS.some((k) => k.value === state.dialect)) {
    problems.push(`the link's dialect=${state.dialect} is not one of ${FILE_KINDS.map((k) => k.value).join(", ")}; detecting it`);
    state.dialect = DEFAULTS.dialect;
  }
  return { state, problems };
}

/** Starts the page: its state (the link's problems, the pending fragment) lives in this call, not in the module. */
function startPlayground(): void {
  const page = {
    config: element("config", HTMLTextAreaElement),
    kind: element("kind", HTMLSelectElement),
    version: element("version", HTMLSelectElement),
    deployment: element("deployment", HTMLSelectElement),
    cursor: element("cursor", HTMLElement),
    status: element("status", HTMLElement),
    notice: element("notice", HTMLElement),
    summary: element("summary", HTMLElement),
    findings: element("findings", HTMLOListElement),
    figure: element("figure", HTMLElement),
    figureNote: element("figure-note", HTMLElement),
  };

  function fillSelectors(): void {
    page.kind.replaceChildren(...FILE_KINDS.map((k) => option(k.value, k.label)));
    const byDialect = `${resolveFlinkVersion(undefined, "legacy")} for flink-conf.yaml, ${resolveFlinkVersion(undefined, "standard")} for config.yaml`;
    page.version.replaceChildren(
      option("auto", `Auto (${byDialect})`),
      ...[...SUPPORTED_FLINK_VERSIONS].reverse().map((v) => option(v, `Flink ${v}`)),
    );
    page.deployment.replaceChildren(...DEPLOYMENTS.map((d) => option(d, d)));
  }

  function show(state: PlaygroundState): void {
    page.config.value = state.config;
    page.config.setSelectionRange(0, 0);
    page.kind.value = state.dialect;
    page.version.value = state.version;
    page.deployment.value = state.deployment;
  }

  function currentState(): PlaygroundState {
    return { config: page.config.value, version: page.version.value, deployment: page.deployment.value, dialect: page.kind.value };
  }

  /** The lint options the selectors stand for (see FILE_KINDS for the file kinds). */
  function lintOptions(state: PlaygroundState): LintOptions {
    return {
      ...kindOptions(state.dialect, state.config),
      ...(state.version !== "auto" && { flinkVersion: state.version }),
      deployment: state.deployment as Deployment,
    };
  }

  let linkProblems: string[] = [];

  /** Lints, explains and draws the text as it is now: all of it synchronous, from the text alone. */
  function update(): void {
    const state = currentState();
    const options = lintOptions(state);
    try {
      const linted = lintText(state.config, options);
      showFindings(linted.diagnostics, linted.results.length > 0);
      const versions = [...new Set(linted.results.map((r) => r.flinkVersion))];
      // A plain Flink file's format; a host file's configurations are read in theirs.
      const format = linted.adapter === "flink-file" ? linted.results[0]?.dialect : undefined;
      const readAs = linted.results.length > 1 ? `${linted.host}, ${linted.results.length} configurations` : linted.host;
      page.status.textContent =
        `Read as ${readAs}` +
        (format !== undefined ? ` (${format === "legacy" ? "flink-conf.yaml" : "config.yaml"})` : "") +
        (versions.length > 0 ? `, checked against Flink ${versions.join(", ")}` : "") +
        (state.dialect === "auto" ? " — detected from the content" : "");
      const notes = [...linkProblems];
      if (linted.notice !== undefined) notes.push(`${linted.notice.replace(/ \(give --dialect[^)]*\)$/, "")}; choose flink-conf.yaml or config.yaml under File to read it as one.`);
      if (page.notice.textContent !== notes.join(" ")) page.notice.textContent = notes.join(" ");
      page.notice.hidden = notes.length === 0;
      showFigure(state, options);
    } catch (error) {
      // The core never throws on any text; this is a bug, shown rather than swallowed.
      page.status.textContent = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  function showFindings(diagnostics: readonly Diagnostic[], linted: boolean): void {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const warnings = diagnostics.filter((d) => d.severity === "warning").length;
    const infos = diagnostics.length - errors - warnings;
    const counts = [plural(errors, "error"), plural(warnings, "warning"), ...(infos > 0 ? [plural(infos, "note")] : [])];
    const summary = diagnostics.length > 0 ? counts.join(", ") : linted ? "No findings: Flink reads this as written." : "Nothing to lint: no Flink configuration here.";
    // A live region: set only when it changes, so that a screen reader does not repeat it per keystroke.
    if (page.summary.textContent !== summary) page.summary.textContent = summary;
    page.findings.replaceChildren(...diagnostics.map(findingItem));
  }

  /** One finding as a button that selects its range in the text; all of its text goes in as text. */
  function findingItem(d: Diagnostic): HTMLLIElement {
    const item = document.createElement("li");
    item.className = `finding severity-${d.severity}`;
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.ruleId = d.ruleId;
    button.dataset.line = String(d.start.line);
    button.dataset.start = String(d.start.offset);
    button.dataset.end = String(d.end.offset);
    const rule = span("rule", d.ruleId);
    const description = DESCRIPTIONS.get(d.ruleId);
    if (description !== undefined) rule.title = description;
    button.append(span("location", `${d.start.line}:${d.start.column}`), span("severity", d.severity), rule, withCode(span("message", ""), d.message));
    if (d.fix !== undefined) button.append(withCode(span("detail", "fix: "), d.fix.description));
    for (const advice of d.advice ?? []) button.append(withCode(span("detail", ""), advice));
    for (const related of d.related ?? []) button.append(span("detail", `${related.message} (${related.range.start.line}:${related.range.start.column})`));
    button.addEventListener("click", () => select(d.start.offset, d.end.offset, d.start.line));
    item.append(button);
    return item;
  }

  /** Selects a range of the text and scrolls its line into view. */
  function select(start: number, end: number, line: number): void {
    const area = page.config;
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    const top = (line - 1) * lineHeight;
    if (top < area.scrollTop || top + lineHeight > area.scrollTop + area.clientHeight) area.scrollTop = Math.max(0, top - area.clientHeight / 3);
    showCursor();
  }

  function showFigure(state: PlaygroundState, options: LintOptions): void {
    const explanation = explainText(state.config, options);
    const title = (kindOptions(state.dialect, state.config).filename ?? "flink-conf.yaml").replace("untitled.yaml", "the file");
    const inputs: MemoryFigureInput[] = explanation.targets.map(({ target, explained }) => ({
      title: explanation.single ? title : `${target.what} ${target.name}`,
      explained,
      config: target.document.config,
      processes: target.processes,
    }));
    if (inputs.length === 0) {
      page.figure.replaceChildren();
      page.figureNote.textContent = explanation.notice ?? "Nothing to draw: no configuration here starts a Flink process.";
      return;
    }
    page.figureNote.textContent = "";
    // The one piece of markup the page inserts: renderMemorySvg escapes the file's text in it. It is
    // parsed as SVG (not HTML), and the page's CSP would refuse any script in it anyway.
    const parsed = new DOMParser().parseFromString(renderMemorySvg(inputs), "image/svg+xml");
    const svg = parsed.documentElement;
    if (svg.nodeName !== "svg" || parsed.getElementsByTagName("parsererror").length > 0) {
      page.figure.replaceChildren();
      page.figureNote.textContent = "Internal error: the memory figure is not a well-formed SVG document.";
      return;
    }
    if (!svg.hasAttribute("role")) svg.setAttribute("role", "img");
    if (!svg.hasAttribute("aria-label")) svg.setAttribute("aria-label", `Memory of ${inputs.map((i) => i.title).join(", ")}`);
    page.figure.replaceChildren(document.importNode(svg, true));
  }

  /** Line and column of the caret, as the findings count them (1-based, in UTF-16 units like the core's columns). */
  function showCursor(): void {
    const area = page.config;
    const before = area.value.slice(0, area.selectionStart);
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const selected = area.selectionEnd - area.selectionStart;
    page.cursor.textContent = `Line ${line}, column ${column}${selected > 0 ? ` (${selected} selected)` : ""}`;
  }

  let lastFragmentUpdate = -Infinity;
  let pendingFragment: ReturnType<typeof setTimeout> | undefined;

  /** Puts the state into the URL fragment (replaceState: no history entry per keystroke), at most once per interval. */
  function saveFragment(): void {
    if (pendingFragment !== undefined) return;
    const wait = lastFragmentUpdate + FRAGMENT_INTERVAL_MS - performance.now();
    const write = (): void => {
      pendingFragment = undefined;
      lastFragmentUpdate = performance.now();
      history.replaceState(history.state, "", encodeFragment(currentState()));
    };
    if (wait <= 0) write();
    else pendingFragment = setTimeout(write, wait);
  }

  function edited(): void {
    linkProblems = [];
    update();
    saveFragment();
  }

  function restore(): void {
    const { state, problems } = readLink(location.hash);
    linkProblems = problems;
    show(state);
    update();
    showCursor();
  }

  fillSelectors();
  restore();
  page.config.addEventListener("input", edited);
  for (const select of [page.kind, page.version, page.deployment]) select.addEventListener("change", edited);
  for (const event of ["keyup", "click", "select", "focus"]) page.config.addEventListener(event, showCursor);
  // A fragment typed or pasted into the address bar (replaceState fires no hashchange).
  window.addEventListener("hashchange", restore);
}

startPlayground();
