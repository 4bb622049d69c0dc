/** Documentation rendered from rule metadata, so the README cannot drift from the code. */
import type { Diagnostic, DocExample, RuleModule } from "./types.js";
import { explainText } from "./explain.js";
import { renderMemorySvg } from "./formatters/figure.js";

export const RULES_TABLE_START = "<!-- rules:start -->";
export const RULES_TABLE_END = "<!-- rules:end -->";

export function renderRulesTable(rules: readonly RuleModule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, "\\|")} |`);
  return ["| rule | default severity | what it finds |", "| --- | --- | --- |", ...rows].join("\n");
}

/** Replaces the generated block between the markers of a Markdown text. */
export function replaceGeneratedBlock(markdown: string, block: string): string {
  const start = markdown.indexOf(RULES_TABLE_START);
  const end = markdown.indexOf(RULES_TABLE_END);
  if (start === -1 || end < start) throw new Error(`missing ${RULES_TABLE_START} … ${RULES_TABLE_END} markers`);
  return `${markdown.slice(0, start + RULES_TABLE_START.length)}\n${block}\n${markdown.slice(end)}`;
}

/** The file a rule's documentation page lives in, relative to the repository root. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

const EXAMPLE_FILE = { legacy: "flink-conf.yaml", standard: "config.yaml" } as const;

/**
 * A rule's page: what it finds, why it matters and what Flink does, and examples that a test
 * lints (each invalid one with the findings flinklint prints for it).
 */
export function renderRulePage(rule: RuleModule, lintExample: (example: DocExample) => readonly Diagnostic[]): string {
  const { meta } = rule;
  const lines = [
    `# ${meta.id}`,
    "",
    `${meta.description}.`,
    "",
    `- Default severity: **${meta.severity}**`,
    `- Turn it off or change its severity in \`.flinklint.yaml\`: \`rules: { ${meta.id}: off }\``,
    "",
    "## Why",
    "",
    meta.docs.why,
    "",
  ];
  const section = (title: string, examples: readonly DocExample[], withFindings: boolean) => {
    if (examples.length === 0) return;
    lines.push(`## ${title}`, "");
    for (const example of examples) {
      const version = example.flinkVersion ? ` (Flink ${example.flinkVersion})` : "";
      lines.push(`\`${example.filename ?? EXAMPLE_FILE[example.dialect]}\`${version}:`, "", "```yaml", example.code.trimEnd(), "```", "");
      if (withFindings) {
        const findings = lintExample(example).filter((d) => d.ruleId === meta.id);
        lines.push("```text");
        for (const d of findings) lines.push(`${d.start.line}:${d.start.column} ${d.severity} ${d.message}`);
        lines.push("```", "");
      }
    }
  };
  section("Incorrect", meta.docs.invalid, true);
  section("Correct", meta.docs.valid, false);
  lines.push("## Messages", "");
  for (const [id, template] of Object.entries(meta.messages)) lines.push(`- \`${id}\`: ${template}`);
  lines.push("");
  return lines.join("\n");
}

/** The index of all rule pages. */
export function renderRulesIndex(rules: readonly RuleModule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, "\\|")} |`);
  return ["# flinklint rules", "", "| rule | default severity | what it finds |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

/** Every generated docs file (path relative to the repository root → content). */
export function renderRuleDocs(
  rules: readonly RuleModule[],
  lintExample: (example: DocExample) => readonly Diagnostic[],
): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) files.set(ruleDocsPath(rule.meta.id), renderRulePage(rule, lintExample));
  files.set("docs/rules/README.md", renderRulesIndex(rules));
  return files;
}

/** The README's memory figure: `explain --format svg` of the file Flink 1.18 ships. */
export const DOCS_FIGURE = { source: "fixtures/flink-defaults/1.18-flink-conf.yaml", path: "docs/memory-figure.svg" } as const;

/** The figure of `DOCS_FIGURE.source`'s text, as the CLI draws it (titled with the file, Flink 1.20 standalone). */
export function renderDocsFigure(text: string): string {
  const { targets } = explainText(text, { filename: DOCS_FIGURE.source });
  return renderMemorySvg(targets.map(({ target, explained }) => ({ title: DOCS_FIGURE.source, explained, config: target.document.config, processes: target.processes })));
}
