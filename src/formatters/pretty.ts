/** The human format: eslint-formatter-pretty, fed ESLint's result shape and each rule's docs URL. */
import prettyFormatter from "eslint-formatter-pretty";
import { neutralizeControlCharacters } from "./escape.js";
import { toEslintResults } from "./json.js";
import { ruleDocsUrl, type FileReport } from "./report.js";

export function formatPretty(reports: readonly FileReport[]): string {
  const results = toEslintResults(reports).map((result) => ({
    ...result,
    filePath: neutralizeControlCharacters(result.filePath),
    messages: result.messages.map((m) => ({
      ...m,
      message: neutralizeControlCharacters(m.message),
      ruleId: neutralizeControlCharacters(m.ruleId),
    })),
  }));
  const rulesMeta: Record<string, { docs: { url: string } }> = {};
  for (const result of results) {
    for (const m of result.messages) rulesMeta[m.ruleId] = { docs: { url: ruleDocsUrl(m.ruleId) } };
  }
  // The formatter's types come from @types/eslint; our objects carry every field it reads.
  return prettyFormatter(results as unknown as Parameters<typeof prettyFormatter>[0], {
    cwd: "",
    rulesMeta,
  } as unknown as Parameters<typeof prettyFormatter>[1]);
}
