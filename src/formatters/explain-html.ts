/**
 * `flinklint explain --format html`: one self-contained page (inline CSS, no script, nothing
 * fetched) with the memory figures, the breakdown table of each process and the file's findings,
 * to keep as a CI artifact or open from disk.
 */
import type { Diagnostic } from "../types.js";
import { formatBinary } from "../model/memory-size.js";
import { neutralizeControlCharacters } from "./escape.js";
import { COMPONENT_LABELS, describeSource, JOB_MANAGER_COMPONENTS, TASK_MANAGER_COMPONENTS, type ExplainProcess } from "./explain.js";
import { renderMemorySvg, type MemoryFigureInput } from "./figure.js";

export interface ExplainPage {
  /** The file as shown to the user. */
  file: string;
  /** What the file is ("Flink configuration file", "Compose file", …). */
  host: string;
  /** Each configuration that starts Flink processes. */
  sections: readonly MemoryFigureInput[];
  /** The file's findings, in file order. */
  diagnostics: readonly Diagnostic[];
  /** For a file that carries no Flink process configuration: why there is no figure. */
  notice?: string;
}

/** Text from the file (keys, values, Flink's messages) as HTML text: markup escaped, controls made visible. */
export function escapeHtml(text: string): string {
  return text
    .split("\n")
    .map((line) => neutralizeControlCharacters(line.replace(/\r$/, "")))
    .join("\n")
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0; --error: #cf222e; --warning: #9a6700; --info: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --error: #ff7b72; --warning: #d29922; --info: #58a6ff; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; } h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, td.num, .location { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
tr.total td { font-weight: 600; }
.severity-error { color: var(--error); font-weight: 600; } .severity-warning { color: var(--warning); font-weight: 600; } .severity-info { color: var(--info); }
.refused { color: var(--error); font-weight: 600; }
.figure { overflow-x: auto; margin: .5rem 0; }
.figure svg { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; margin: .25rem 0; }
p.message { margin: 0 0 .25rem; white-space: pre-wrap; }
`;

/** The whole page. */
export function renderExplainHtml(page: ExplainPage): string {
  const refused = page.sections.some((s) => processesOf(s).some((p) => !s.explained.json[p].ok));
  const versions = [...new Set(page.sections.map((s) => `Flink ${s.explained.json.flinkVersion}, ${s.explained.json.deployment} deployment`))];
  const body = [
    `<h1>Memory of ${escapeHtml(page.file)}</h1>`,
    `<p class="meta">${escapeHtml(page.host)}${versions.length > 0 ? ` · ${escapeHtml(versions.join("; "))}` : ""} · ${
      page.sections.length === 0 ? "no Flink process" : refused ? '<span class="refused">Flink refuses to start a process</span>' : "Flink starts every process"
    }</p>`,
    renderFindings(page.diagnostics),
    ...(page.sections.length === 0 ? [`<p>${escapeHtml(page.notice ?? "This file starts no Flink process.")}</p>`] : page.sections.map(renderSection)),
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // Nothing on this page may load or run anything: it is opened from CI artifacts and from disk.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>flinklint explain: ${escapeHtml(page.file)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    ...body,
    `<p class="muted">Made by flinklint explain --format html.</p>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The processes a section starts, TaskManager first as in the figure, whatever order the host lists them in. */
function processesOf(section: MemoryFigureInput): ReadonlyArray<"taskmanager" | "jobmanager"> {
  return (["taskmanager", "jobmanager"] as const).filter((p) => section.processes === undefined || section.processes.includes(p));
}

/** A message as HTML: escaped, its `quoted` keys and values as code, as the pretty output shows them. */
function messageHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`\n]+)`/g, "<code>$1</code>");
}

function renderFindings(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return "<h2>Findings</h2>\n<p>No findings.</p>";
  const rows = diagnostics.map((d) => {
    const extra = [
      d.flink !== undefined && d.flink !== d.message ? `<pre class="muted">Flink: ${escapeHtml(d.flink)}</pre>` : "",
      ...(d.advice ?? []).map((a) => `<p class="muted">${messageHtml(a)}</p>`),
    ].join("");
    return [
      "<tr>",
      `<td class="location">${d.start.line}:${d.start.column}</td>`,
      `<td class="severity-${d.severity}">${d.severity}</td>`,
      `<td><code>${escapeHtml(d.ruleId)}</code></td>`,
      `<td><p class="message">${messageHtml(d.message)}</p>${extra}</td>`,
      "</tr>",
    ].join("");
  });
  const count = `${diagnostics.length} finding${diagnostics.length === 1 ? "" : "s"}`;
  return [`<h2>Findings (${count})</h2>`, "<table>", "<thead><tr><th>line:col</th><th>severity</th><th>rule</th><th>message</th></tr></thead>", "<tbody>", ...rows, "</tbody>", "</table>"].join("\n");
}

function renderSection(section: MemoryFigureInput): string {
  const svg = renderMemorySvg([section]).replace(/^<\?xml[^>]*\?>\s*/, "");
  const tables = processesOf(section).map((process) => renderBreakdown(process, section));
  return [`<h2>${escapeHtml(section.title)}</h2>`, `<div class="figure">${svg}</div>`, ...tables].join("\n");
}

function renderBreakdown(process: "taskmanager" | "jobmanager", section: MemoryFigureInput): string {
  const title = process === "taskmanager" ? "TaskManager" : "JobManager";
  const json: ExplainProcess = section.explained.json[process];
  if (!json.ok) {
    const why = json.stage === "load" ? "Flink cannot load this file" : "Flink refuses this configuration";
    const causes = json.causes.filter((cause) => !json.error.endsWith(cause)).map((cause) => `<pre>caused by: ${escapeHtml(cause)}</pre>`);
    return [`<h3>${title}: <span class="refused">${why}</span></h3>`, `<pre>${escapeHtml(json.error)}</pre>`, ...causes].join("\n");
  }
  const result = section.explained[process];
  const sources = result?.ok ? (result.sources as Record<string, Parameters<typeof describeSource>[0]>) : undefined;
  const order = process === "taskmanager" ? TASK_MANAGER_COMPONENTS : JOB_MANAGER_COMPONENTS;
  const path = json.path === "fine-grained" ? "fine-grained components" : `total ${json.path} memory`;
  const rows = order.map((key) => {
    const bytes = BigInt(json.bytes[key] ?? "0");
    const total = key === "totalFlink" || key === "totalProcess";
    return `<tr${total ? ' class="total"' : ""}><td>${COMPONENT_LABELS[key] ?? key}</td><td class="num">${formatBinary(bytes)}</td><td class="num">${bytes}</td><td>${escapeHtml(describeSource(sources?.[key]))}</td></tr>`;
  });
  const notes = (result?.adjustments ?? []).map((a) => `<li>${escapeHtml(a.message)}</li>`);
  return [
    `<h3>${title} <span class="muted">(${path} configured)</span></h3>`,
    "<table>",
    "<thead><tr><th>component</th><th>size</th><th>bytes</th><th>from</th></tr></thead>",
    "<tbody>",
    ...rows,
    "</tbody>",
    "</table>",
    `<p>JVM: <code>${escapeHtml(json.jvmArgs)}</code></p>`,
    ...(notes.length > 0 ? ["<p>Flink notes:</p>", "<ul>", ...notes, "</ul>"] : []),
  ].join("\n");
}
