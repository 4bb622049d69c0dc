/** flinklint's public API. The CLI and the language server are built on exactly this. */
export { lint, lintDocument, resolveDialect } from "./engine/lint.js";
export { lintFiles } from "./node/lint-files.js";
export { expandPatterns } from "./node/expand.js";
export { lintBytes, lintText, type TextLintResult, type TargetLintResult } from "./lint-file.js";
export { decodeConfigBytes } from "./engine/decode.js";
export { explainText, type ExplainedTarget, type TextExplanation } from "./explain.js";
export { migrateConfig, type MigrationChange, type MigrationOptions, type MigrationResult } from "./migrate/migrate.js";
export { renderMemorySvg, type MemoryFigureInput } from "./formatters/figure.js";
export { resolveFlinkVersion, SUPPORTED_FLINK_VERSIONS, SettingsError } from "./engine/settings.js";
export { parseConfig, dialectForFilename } from "./parser/index.js";
export { LineIndex } from "./parser/lines.js";
export { rules } from "../rules/index.js";
export { formatCompact } from "./formatters/compact.js";
export { formatJson, toEslintResults } from "./formatters/json.js";
export type { FileReport } from "./formatters/report.js";
export type * from "./types.js";
