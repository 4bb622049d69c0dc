/** Documentation rendered from rule metadata, so the README cannot drift from the code. */
import type { RuleModule } from "./types.js";

export const RULES_TABLE_START = "<!-- rules:start -->";
export const RULES_TABLE_END = "<!-- rules:end -->";

export function renderRulesTable(rules: readonly RuleModule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `| \`${r.meta.id}\` | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, "\\|")} |`);
  return ["| rule | default severity | what it finds |", "| --- | --- | --- |", ...rows].join("\n");
}

/** Replaces the generated block between the markers of a Markdown text. */
export function replaceGeneratedBlock(markdown: string, block: string): string {
  const start = markdown.indexOf(RULES_TABLE_START);
  const end = markdown.indexOf(RULES_TABLE_END);
  if (start === -1 || end < start) throw new Error(`missing ${RULES_TABLE_START} … ${RULES_TABLE_END} markers`);
  return `${markdown.slice(0, start + RULES_TABLE_START.length)}\n${block}\n${markdown.slice(end)}`;
}
