/**
 * `lint(text, options)`: parse, run every rule, collect diagnostics. Pure and synchronous:
 * no file system, no console, so the CLI, the language server and tests share it.
 */
import { dialectForFilename, parseConfig } from "../parser/index.js";
import { resolveFlinkVersion } from "./settings.js";
import { rules as allRules } from "../../rules/index.js";
import { createFacts } from "./facts.js";
import { compileTemplate, fillTemplate, type CompiledTemplate } from "./messages.js";
import { applyDirectives, findDirectives, type Directive } from "./directives.js";
import { closestMatch } from "../util/did-you-mean.js";
import { createSession, defineSessionCache } from "../model/session.js";
import { extended } from "../util/objects.js";
import type {
  ConfigDocument,
  ConfigTarget,
  Diagnostic,
  Dialect,
  LintOptions,
  LintResult,
  RuleContext,
  RuleModule,
  RuleReport,
  SeededFact,
  Session,
  Severity,
} from "../types.js";

/** The rule id of a rule that threw: reported as a diagnostic, never as a crash. */
export const INTERNAL_ERROR_RULE = "internal-error";

/** Picks the dialect: explicit option, else the file name, else legacy (Flink's historical file). */
export function resolveDialect(options: Pick<LintOptions, "dialect" | "filename">): Dialect {
  if (options.dialect) return options.dialect;
  if (options.filename) {
    const byName = dialectForFilename(baseName(options.filename));
    if (byName) return byName;
  }
  return "legacy";
}

export function lint(text: string, options: LintOptions = {}, rules: readonly RuleModule[] = allRules): LintResult {
  const dialect = resolveDialect(options);
  const document = parseConfig(text, dialect);
  return lintDocument(document, options, rules);
}

/** What a host knows about the configuration it read, beyond its settings (see ConfigTarget). */
export interface DocumentSetting {
  /** Reads an edited text as the document was read; undefined: edits cannot be checked. */
  reread: ((text: string) => ConfigDocument | undefined) | undefined;
  processes: RuleContext["processes"];
  memoryLimits: RuleContext["memoryLimits"];
  facts?: readonly SeededFact[];
  /** The suppression comments of the text, when the caller already found them (targets of one file share them). */
  directives?: readonly Directive[];
}

/**
 * Runs the rules on an already parsed document. Without `setting` it is a Flink file: an edited
 * text is re-read in its dialect, and it starts both processes. Without `options.session`, the
 * call is a run of its own.
 */
export function lintDocument(
  document: ConfigDocument,
  options: LintOptions = {},
  rules: readonly RuleModule[] = allRules,
  setting: DocumentSetting = flinkFileSetting(document),
): LintResult {
  const { reread } = setting;
  const flinkVersion = resolveFlinkVersion(options.flinkVersion, document.dialect);
  const base = {
    doc: document,
    flinkVersion,
    deployment: options.deployment ?? "standalone",
    filename: options.filename,
    siblingFiles: options.siblingFiles ?? [],
    processes: setting.processes,
    memoryLimits: setting.memoryLimits,
    session: options.session ?? createSession(),
    ...(reread && { reread }),
  } as const;
  const facts = createFacts(base, setting.facts);
  const diagnostics: Diagnostic[] = [];

  // One context serves every rule in turn (a run over thousands of files creates no per-rule objects).
  let rule: RuleModule | undefined;
  let ruleSeverity: Severity = "error";
  let userSet = false;
  const own: Pick<RuleContext, "facts" | "report"> = {
    facts,
    report(report: RuleReport) {
      if (rule) diagnostics.push(toDiagnostic(rule, report, ruleSeverity, userSet, base.session));
    },
  };
  const context: RuleContext = extended(base, own);
  for (const current of rules) {
    const configured = options.rules?.[current.meta.id];
    if (configured === "off") continue;
    if (document.loadFailure && !current.meta.runsOnUnloadable) continue;
    rule = current;
    ruleSeverity = configured ?? current.meta.severity;
    userSet = configured !== undefined;
    // Findings that would be dropped unseen: skip the work, unless a disable comment's use depends on them.
    if (ruleSeverity === "info" && !options.showInfo && !options.reportUnusedDisableDirectives) continue;
    try {
      current.check(context);
    } catch (error) {
      diagnostics.push(ruleCrash(current.meta.id, error));
    }
  }
  rule = undefined;

  const lines = document.lines;
  const directives = setting.directives ?? findDirectives(lines, document.dialect);
  const { kept, suppressed, unused } = applyDirectives(diagnostics, directives, lines.lineCount);
  const knownRuleIds = new Set(directives.length ? rules.map((r) => r.meta.id) : []);
  for (const directive of directives) {
    for (const ruleId of directive.ruleIds) {
      if (knownRuleIds.has(ruleId)) continue;
      const at = directive.ruleRanges.get(ruleId) ?? directive.range;
      kept.push(directiveDiagnostic("unknownRule", `"${ruleId}" in a flinklint-${directive.kind} comment is not a flinklint rule${didYouMean(ruleId, knownRuleIds)}`, at));
    }
  }
  if (options.reportUnusedDisableDirectives) {
    for (const { directive, ruleId } of unused) {
      if (ruleId !== undefined && !knownRuleIds.has(ruleId)) continue;
      const what = ruleId === undefined ? "problem" : `"${ruleId}" problem`;
      const at = (ruleId !== undefined && directive.ruleRanges.get(ruleId)) || directive.range;
      kept.push(directiveDiagnostic("unusedDirective", `unused flinklint-${directive.kind} comment: there is no ${what} here to suppress; remove it`, at));
    }
  }
  const hideInfo = (list: Diagnostic[]) => (options.showInfo ? list : list.filter((d) => d.severity !== "info"));
  const shown = hideInfo(kept).sort(compareDiagnostics);
  return {
    filename: options.filename,
    dialect: document.dialect,
    flinkVersion,
    diagnostics: shown,
    suppressed: hideInfo(suppressed).sort(compareDiagnostics),
    document,
  };
}

const COMPILED_TEMPLATES = defineSessionCache<string, CompiledTemplate>("compiled message templates");

const BOTH_PROCESSES: RuleContext["processes"] = Object.freeze(["jobmanager", "taskmanager"] as const);

function flinkFileSetting(document: ConfigDocument): DocumentSetting {
  return { reread: (text) => parseConfig(text, document.dialect), processes: BOTH_PROCESSES, memoryLimits: [] };
}

/**
 * Lints one configuration a host adapter found (src/hosts): the rules that apply to it (scope),
 * with the version and deployment the host implies unless the user set them, and its findings
 * placed in the host file (a finding about something missing goes to the target's anchor).
 */
export function lintTarget(
  target: ConfigTarget,
  options: LintOptions = {},
  rules: readonly RuleModule[] = allRules,
  directives?: readonly Directive[],
): LintResult {
  // A Flink file, which starts both processes, runs every rule (the common case costs no filter).
  const everything = target.isConfigFile && target.processes.length > 0;
  const used = everything
    ? rules
    : rules.filter((r) => !(r.meta.scope === "processes" && target.processes.length === 0) && !(r.meta.scope === "file" && !target.isConfigFile));
  const flinkVersion = options.flinkVersion ?? target.flinkVersion;
  const deployment = target.deployment ?? options.deployment;
  const result = lintDocument(
    target.document,
    extended(options, {
      dialect: target.document.dialect,
      ...(flinkVersion !== undefined && { flinkVersion }),
      ...(deployment !== undefined && { deployment }),
    }),
    used,
    {
      reread: target.reread,
      processes: target.processes,
      memoryLimits: target.memoryLimits ?? [],
      ...(target.facts && { facts: target.facts }),
      ...(directives && { directives }),
    },
  );
  // The result is this call's own: its lists are replaced in place rather than copied around them.
  result.diagnostics = placeInHost(result.diagnostics, target, used);
  result.suppressed = placeInHost(result.suppressed, target, used);
  return result;
}

/** Drops what a more specific rule said at the same place, and moves start-of-file findings to the anchor. */
function placeInHost(diagnostics: readonly Diagnostic[], target: ConfigTarget, rules: readonly RuleModule[]): Diagnostic[] {
  const byId = new Map<string, RuleModule>();
  const ruleOf = (id: string) => {
    if (byId.size === 0) for (const r of rules) byId.set(r.meta.id, r);
    return byId.get(id);
  };
  // Only what applies is worked out: a plain Flink file has no superseding rule, no setting a host
  // brought in, no process it does not start and no anchor, and keeps its findings as they are.
  const dropped = new Set<string>();
  // Few rules supersede another: their findings are looked for, not every finding's rule.
  for (const rule of rules) {
    const superseded = rule.meta.supersedes;
    if (superseded === undefined || superseded.length === 0) continue;
    for (const d of diagnostics) if (d.ruleId === rule.meta.id) for (const ruleId of superseded) dropped.add(`${ruleId}@${d.start.offset}`);
  }
  // A finding about a setting the user did not write (an image's default) is not theirs to fix.
  const external = new Set<string>();
  for (const entry of target.document.entries) if (entry.external) external.add(`${entry.key}@${entry.keyRange.start.offset}`);
  const notStarted = (["jobmanager", "taskmanager"] as const).filter((p) => !target.processes.includes(p));
  const anchor = target.anchor;
  if (dropped.size === 0 && external.size === 0 && notStarted.length === 0 && anchor === undefined) return [...diagnostics];
  const isProcessRule = (d: Diagnostic) => ruleOf(d.ruleId)?.meta.scope === "processes";
  return diagnostics
    .filter((d) => !dropped.has(`${d.ruleId}@${d.start.offset}`))
    .filter((d) => d.key === undefined || isProcessRule(d) || !external.has(`${d.key}@${d.start.offset}`))
    // A process rule's finding about an option of a process this configuration does not start
    // (a JobManager size in a TaskManager's container) is not this configuration's problem.
    .filter((d) => d.key === undefined || !isProcessRule(d) || !notStarted.some((p) => d.key?.startsWith(`${p}.`)))
    .map((d) => (anchor && d.start.offset === 0 && d.end.offset === 0 ? { ...d, start: anchor.start, end: anchor.end } : d))
    .sort(compareDiagnostics);
}

function toDiagnostic(
  rule: RuleModule,
  report: RuleReport,
  ruleSeverity: Severity,
  userSet: boolean,
  session: Session,
): Diagnostic {
  const template = rule.meta.messages[report.messageId];
  let compiled: CompiledTemplate | undefined;
  if (template !== undefined) {
    // Split once per run, not once per report (a file may yield 100,000s, a run thousands of files).
    compiled = session.memo(COMPILED_TEMPLATES, template, () => compileTemplate(template));
  }
  const message =
    compiled === undefined ? `unknown message id "${report.messageId}"` : fillTemplate(compiled, report.data ?? {});
  // A per-report severity (e.g. an info note from a warning rule) yields to a user's setting.
  const severity = userSet ? ruleSeverity : (report.severity ?? ruleSeverity);
  const diagnostic: Diagnostic = {
    ruleId: rule.meta.id,
    messageId: report.messageId,
    severity,
    message,
    start: report.at.start,
    end: report.at.end,
  };
  if (report.key !== undefined) diagnostic.key = report.key;
  if (report.related?.length) diagnostic.related = report.related;
  if (report.fix) diagnostic.fix = report.fix;
  if (report.suggestions?.length) diagnostic.suggestions = report.suggestions;
  if (report.advice?.length) diagnostic.advice = [...report.advice];
  // Flink's exact text stays with the finding even where the message says it in fewer words.
  const flink = report.flink ?? report.data?.["flinkMessage"];
  if (typeof flink === "string" && flink !== "") diagnostic.flink = flink;
  return diagnostic;
}

/** Problems with suppression comments themselves; not a rule, so they cannot be suppressed or disabled. */
export const DIRECTIVE_RULE = "disable-directive";

function directiveDiagnostic(messageId: string, message: string, at: { start: Diagnostic["start"]; end: Diagnostic["end"] }): Diagnostic {
  return { ruleId: DIRECTIVE_RULE, messageId, severity: "warning", message, start: at.start, end: at.end };
}

function didYouMean(name: string, known: ReadonlySet<string>): string {
  const best = closestMatch(name, [...known]);
  return best ? `; did you mean "${best}"?` : "";
}

function ruleCrash(ruleId: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  const origin = { line: 1, column: 1, offset: 0 };
  return {
    ruleId: INTERNAL_ERROR_RULE,
    messageId: "ruleCrashed",
    severity: "error",
    message: `rule "${ruleId}" crashed: ${reason}; please report this as a flinklint bug`,
    start: origin,
    end: origin,
  };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.start.offset - b.start.offset ||
    a.end.offset - b.end.offset ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(cut + 1);
}
