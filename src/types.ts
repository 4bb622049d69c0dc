/**
 * Shared types of flinklint's core: positions, parsed documents, diagnostics and rules.
 * Nothing here imports from `node:`; the same core serves the CLI and the language server.
 */
import type { LineIndex, Position, Range } from "./parser/lines.js";

export type { Position, Range };

export type Severity = "error" | "warning" | "info";

/** Which of Flink's two file formats a text is read as. */
export type Dialect = "legacy" | "standard";

/** How Flink is deployed: decides where the legacy heap keys map to (SPEC §6). */
export type Deployment = "standalone" | "kubernetes" | "yarn";

/**
 * A configuration value as Flink holds it after loading the file.
 * The legacy reader yields only strings; the standard YAML reader keeps YAML 1.2 core types.
 * `text` is always what Java's `toString()` of the loaded object prints (a list prints as `[a, b]`),
 * which is what Flink parses when it needs another type.
 */
export type ConfigValue =
  | { type: "string"; text: string }
  | { type: "int"; value: bigint; text: string }
  | { type: "float"; value: number; text: string }
  | { type: "bool"; value: boolean; text: string }
  | { type: "list"; items: ConfigValue[]; text: string };

/** One `key: value` setting read from a file, with the exact source ranges of key and value. */
export interface ConfigEntry {
  /** The key as Flink sees it (legacy: trimmed; standard: dotted, flattened). */
  key: string;
  value: ConfigValue;
  /** The value's source text (legacy: trimmed, quotes kept; standard: the node's source slice). */
  raw: string;
  keyRange: Range;
  valueRange: Range;
  /** True when a later entry with the same key replaces this one (Flink keeps the last). */
  overridden: boolean;
  /**
   * How the file names the place that sets this value, when it is not the key itself: a manifest's
   * `spec.taskManager.resource.memory` is the TaskManager's process size. Advice names this place.
   */
  label?: string;
  /**
   * True when the setting is not written in the linted file but brought in by a host (an image's
   * default file, the operator's default configuration); its ranges are those of the user's line
   * that brings it in. Findings about such a setting itself are not the user's to fix and are
   * dropped; what it causes together with the user's settings (a memory failure) is reported.
   */
  external?: boolean;
}

/**
 * A fact the parser noticed about the text that a rule turns into a diagnostic
 * (a line Flink skips, a quoted value, a YAML error, ...). The parser never reports; rules do.
 */
export interface ParseFinding {
  /** What kind of quirk this is; each kind is owned by exactly one rule. */
  kind: string;
  range: Range;
  /** Values for the owning rule's message template. */
  data?: Record<string, string | number>;
  /** Other places involved, e.g. the earlier definition of a duplicate key. */
  related?: RelatedLocation[];
}

/** A parsed configuration file. Parsing never throws; problems become findings. */
export interface ConfigDocument {
  dialect: Dialect;
  /** The text as given (a BOM, if any, included). */
  text: string;
  /** Offset ↔ line:column for `text`; lines end at LF, CRLF or CR. */
  lines: LineIndex;
  /** Every setting in source order, overridden duplicates included. */
  entries: ConfigEntry[];
  /** Entries by key, in source order (the last one is the one Flink uses). */
  byKey: ReadonlyMap<string, ConfigEntry[]>;
  /** What Flink ends up with: key → the value of the last entry. */
  config: ReadonlyMap<string, ConfigValue>;
  findings: ParseFinding[];
  /**
   * Set when Flink could not load this file at all (broken YAML, a null value, a non-map document):
   * the reason, as Flink would state it. Rules other than the parse rules do not run then.
   */
  loadFailure?: { message: string; causes: string[]; range: Range };
}

export interface RelatedLocation {
  message: string;
  range: Range;
}

/** A text edit: replace `range` of the original text with `text`. */
export interface TextEdit {
  range: Range;
  text: string;
}

export interface Fix {
  /** What the fix does, e.g. "rename to taskmanager.memory.network.min". */
  description: string;
  edits: TextEdit[];
}

/** One finding of flinklint. */
export interface Diagnostic {
  /** The rule that reported it ("parse" for an unreadable file, "internal-error" for a crashed rule). */
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  /** The Flink key this is about, when there is one. */
  key?: string;
  start: Position;
  end: Position;
  related?: RelatedLocation[];
  /** A safe fix that `--fix` may apply. */
  fix?: Fix;
  /** Changes that alter meaning: offered to editors, never applied by `--fix`. */
  suggestions?: Fix[];
  /**
   * Changes that resolve the finding but that flinklint cannot make as an edit of this text (a
   * nested config.yaml key to remove, a setting in another file), in plain words: with the
   * suggestions, every fix the message counts.
   */
  advice?: string[];
  /** Flink's own words for the failure (its exception or log message, exactly), when it has some. */
  flink?: string;
}

/** Settings a lint run is made with. */
export interface LintOptions {
  /** The file name, used to pick the dialect and shown in messages. */
  filename?: string;
  /** Overrides the dialect chosen from the file name. */
  dialect?: Dialect;
  /** The Flink version to check against, e.g. "1.20" or "2.1". Default: by dialect (SPEC §11). */
  flinkVersion?: string;
  deployment?: Deployment;
  /** Per-rule severity overrides; "off" disables a rule. */
  rules?: Record<string, Severity | "off">;
  /** Include info-level diagnostics (hidden by default). */
  showInfo?: boolean;
  /**
   * The files in the same directory (base names; the file's own name may be among them), when
   * known: lets rules see, e.g., that a `config.yaml` sits beside a `flink-conf.yaml` that Flink
   * 1.19/1.20 would read instead.
   */
  siblingFiles?: readonly string[];
  /** Report `flinklint-disable` comments that suppress nothing. */
  reportUnusedDisableDirectives?: boolean;
  /**
   * The Flink Kubernetes Operator's default configuration (its `flink-conf.yaml` or `config.yaml`,
   * `defaultConfiguration` in the operator's Helm values), which the operator lays under each
   * FlinkDeployment's `spec.flinkConfiguration`. `name` is how messages name the file.
   */
  operatorDefaults?: { name: string; text: string };
  /**
   * The other files of the same scan that a host may read from (a ConfigMap a workload in another
   * file mounts), as `path` (as shown) and text; asked for only when a host needs them, and read
   * once per scan.
   */
  scanFiles?: () => ReadonlyArray<{ path: string; text: string }>;
  /**
   * The run this lint belongs to (`createSession()` in src/model/session.ts): what it learnt from
   * earlier files (option catalogs, memory derivations) it keeps for later ones. Absent: a fresh
   * one for this call.
   */
  session?: Session;
}

/**
 * What one run keeps between the files it lints (a CLI batch, a language server, one lint call):
 * lookups built from immutable data and pure results, in caches that modules declare with
 * `defineSessionCache` (src/model/session.ts). No module keeps state of its own (DESIGN.md).
 */
export interface Session {
  /** The value of `cache` for `key` in this run: `compute`d on the first ask, then kept. */
  memo<K, V>(cache: SessionCache<K, V>, key: K, compute: () => V): V;
}

/** A named cache of a run; the session holds its entries. */
export interface SessionCache<K, V> {
  readonly name: string;
  /** The most entries kept; a full cache starts over (a long run over many distinct inputs stays bounded). */
  readonly limit: number;
  /** Never set: ties the key and value types to the cache. */
  readonly types?: (key: K) => V;
}

/** What a rule reports; the engine fills in rule id, severity and the final message. */
export interface RuleReport<M extends string = string> {
  messageId: M;
  /** An entry's key range is used; pass a range to point elsewhere. */
  at: Range;
  data?: Record<string, string | number | bigint>;
  key?: string;
  related?: RelatedLocation[];
  fix?: Fix;
  suggestions?: Fix[];
  /** Fixes to make by hand (see `Diagnostic.advice`). */
  advice?: string[];
  /** Overrides the rule's default severity for this one report (e.g. info notes of a warning rule). */
  severity?: Severity;
  /** Flink's exact message; by default the `flinkMessage` of `data`, which a template need not quote. */
  flink?: string;
}

/** Everything a rule sees while it checks one document. */
export interface RuleContext<M extends string = string> {
  readonly doc: ConfigDocument;
  /** Resolved version, e.g. "1.20". */
  readonly flinkVersion: string;
  readonly deployment: Deployment;
  readonly filename: string | undefined;
  readonly siblingFiles: readonly string[];
  /**
   * Reads an edited version of `doc.text` the way `doc` was read (same dialect, same host), so a
   * rule can check that a suggested edit changes exactly the settings it means to; undefined when
   * the text cannot be read again (suggestions that edit text are then not offered).
   */
  readonly reread?: (text: string) => ConfigDocument | undefined;
  /** Lazily computed, memoized facts shared by rules (e.g. the memory derivations). */
  readonly facts: Facts;
  /** The processes the configuration starts (both for a Flink file). */
  readonly processes: readonly FlinkProcess[];
  /** The memory limits of the containers the processes run in, when a host file sets them. */
  readonly memoryLimits: readonly ContainerMemoryLimit[];
  /** The run's caches, for the model's lookups (`catalogFor(ctx.flinkVersion, ctx.session)`). */
  readonly session: Session;
  report(report: RuleReport<M>): void;
}

/**
 * Facts computed once per document on first use. The engine creates the cache; modules that
 * compute a fact register a getter with `defineFact` so rules ask `ctx.facts.get(fact)`.
 */
export interface Facts {
  get<T>(fact: FactDefinition<T>): T;
}

export interface FactDefinition<T> {
  readonly name: string;
  compute(ctx: Omit<RuleContext, "report" | "facts"> & { facts: Facts }): T;
}

export interface RuleDocs {
  /** Why it matters and what Flink does, a short paragraph (Markdown). */
  why: string;
  /** File snippets that must not report this rule. */
  valid: DocExample[];
  /** File snippets that must report this rule. */
  invalid: DocExample[];
}

export interface DocExample {
  /** The dialect of the snippet (a manifest's is "standard": it is YAML). */
  dialect: Dialect;
  code: string;
  /** Lint it as a file of this name, read by the host adapter of its kind (e.g. a manifest). */
  filename?: string;
  /** Lint options for the example, e.g. a Flink version. */
  flinkVersion?: string;
}

export interface RuleMeta<M extends string = string> {
  /** kebab-case, equal to the file name under rules/. */
  id: string;
  severity: Severity;
  /** One line: the docs table row. */
  description: string;
  /** Message templates with `{{name}}` placeholders. */
  messages: Record<M, string>;
  docs: RuleDocs;
  /** Runs even when the document failed to load (the parse rules); other rules are skipped then. */
  runsOnUnloadable?: boolean;
  /**
   * What the rule is about, when not simply the settings: "processes" — the JobManager and
   * TaskManager the configuration starts (not run for one that starts none, such as a job's own
   * configuration); "file" — the Flink configuration file itself (not run when a host such as a
   * manifest carries the settings).
   */
  scope?: "processes" | "file";
  /**
   * Rules whose diagnostic at the same place says the same thing in other terms: when this rule
   * reports there, theirs is dropped.
   */
  supersedes?: readonly string[];
}

export interface RuleModule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/** Typed helper so each rule's message ids are checked. */
export function defineRule<M extends string>(rule: RuleModule<M>): RuleModule<M> {
  return Object.freeze(rule);
}

/** The two kinds of process a Flink cluster runs. */
export type FlinkProcess = "jobmanager" | "taskmanager";

/**
 * The memory a process's container may use (Kubernetes `resources.limits.memory`, Compose
 * `mem_limit`): the kernel kills the container when the process uses more.
 */
export interface ContainerMemoryLimit {
  process: FlinkProcess;
  bytes: bigint;
  /** The limit as written, e.g. `2Gi`. */
  text: string;
  range: Range;
  /** Where the host file sets it, e.g. `services.taskmanager.mem_limit`. */
  label: string;
}

/** One source of settings merged into a target's configuration, for `explain` and messages. */
export interface LayerSummary {
  /** "image-default", "entrypoint", "flink-properties", "dynamic-properties", "file", "operator-spec", … */
  kind: string;
  /** How messages name it, e.g. "the flink:1.17 image's default flink-conf.yaml". */
  label: string;
  /** True when its text is not in the linted file (an image's default file). */
  external: boolean;
}

/**
 * One configuration Flink will read, as a host adapter (src/hosts) found it in a file: the file
 * itself, a Compose service, a container, a FlinkDeployment. Its document is positioned in the
 * host file's text; the engine lints it without knowing what the host is.
 */
export interface ConfigTarget {
  /** "" for a plain Flink file; else the service, container or resource name. */
  name: string;
  /** What it is, for headings and messages: "" for a plain file, "Compose service", "FlinkDeployment", … */
  what: string;
  /** The Kubernetes namespace, when the host names one (a name is unique only within it). */
  namespace?: string;
  document: ConfigDocument;
  /** The layers merged into `document`, lowest first. */
  layers: readonly LayerSummary[];
  /** What the host implies (an image tag, `spec.flinkVersion`); a version the user sets wins. */
  flinkVersion?: string;
  /** What the host implies (`spec.mode`, a container); absent: the user's setting. */
  deployment?: Deployment;
  /** The processes this configuration starts ([] for a job's own configuration). */
  processes: readonly FlinkProcess[];
  /** Whether it is a configuration file Flink reads by its name (rules of scope "file" apply). */
  isConfigFile: boolean;
  /** Where a finding about something missing goes (the file's first position when absent). */
  anchor?: Range;
  /** Reads an edited host text as this target, for suggestions that are checked by re-linting. */
  reread?: (text: string) => ConfigDocument | undefined;
  memoryLimits?: readonly ContainerMemoryLimit[];
  /** Facts the host already knows (an operator resource), given to the rules as `ctx.facts`. */
  facts?: readonly SeededFact[];
}

/** A fact's value supplied up front instead of computed. */
export interface SeededFact<T = unknown> {
  fact: FactDefinition<T>;
  value: T;
}

/** What `lint()` returns for one text. */
export interface LintResult {
  filename?: string;
  dialect: Dialect;
  flinkVersion: string;
  diagnostics: Diagnostic[];
  /** Diagnostics silenced by `flinklint-disable` comments. */
  suppressed: Diagnostic[];
  document: ConfigDocument;
}
