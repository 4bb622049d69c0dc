/**
 * flinklint's language server: diagnostics on open, change (debounced) and save; hover with the
 * memory Flink derives; quick fixes from the rules' fixes and suggestions. It lints with the same
 * `lint()` as the CLI and, for `file:` documents, the project's `.flinklint.yaml`.
 *
 * Initialization options (all optional): `{ "debounceMs": 150, "showInfo": true }`.
 */
import { readdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  ProposedFeatures,
  StreamMessageReader,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { decodeConfigBytes } from "../engine/decode.js";
import { effectiveOptions, ProjectConfigCache } from "../node/settings.js";
import { fixText } from "../engine/fix.js";
import { lintText, type TextLintResult } from "../lint-file.js";
import { createSession } from "../model/session.js";
import type { Diagnostic, LintOptions } from "../types.js";
import { fixAllAction, FIX_ALL_KIND, quickFixes, SOURCE, toLspDiagnostic } from "./diagnostics.js";
import { memoryHover } from "./hover.js";
import { LspPositions } from "./positions.js";
import { FramedMessageWriter } from "./writer.js";

export const DEFAULT_DEBOUNCE_MS = 150;

export interface ServerSettings {
  /** Delay between the last change and linting it; 0 lints right away. */
  debounceMs: number;
  /** Report info notes (shown as Information in the editor). */
  showInfo: boolean;
}

/** One linted version of a document: what hover and code actions work from. */
interface Linted {
  version: number;
  text: string;
  positions: LspPositions;
  /** Undefined when the text is no configuration file (binary) or linting failed. */
  result: TextLintResult | undefined;
  diagnostics: Diagnostic[];
  options: LintOptions;
}

/** Reads the initialization options a client may send; anything malformed keeps the default. */
export function readSettings(initializationOptions: unknown): ServerSettings {
  // Info notes stay hidden unless asked for, exactly as on the command line (--show-info).
  const settings: ServerSettings = { debounceMs: DEFAULT_DEBOUNCE_MS, showInfo: false };
  if (typeof initializationOptions !== "object" || initializationOptions === null) return settings;
  const given = initializationOptions as Record<string, unknown>;
  const debounce = given.debounceMs;
  if (typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0) settings.debounceMs = debounce;
  if (typeof given.showInfo === "boolean") settings.showInfo = given.showInfo;
  return settings;
}

/** The file system path of a `file:` URI, else undefined. */
function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The base name of any URI's path (`untitled:flink-conf.yaml`, `file:///a/config.yaml`). */
function nameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, "");
  const name = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Positions in the text: a plain Flink file's document was read from this very text, and its line
 * index (already built by the parser) serves; any other host's documents are layers of their own.
 */
function positionsOf(text: string, result: TextLintResult | undefined): LspPositions {
  const lines = result?.results.find((r) => r.document.lines.text === text)?.document.lines;
  return new LspPositions(lines ?? text);
}

/** Wires flinklint's features onto a connection; `startServer` gives it stdio. */
export function attachServer(connection: Connection, hooks: { onShutdown?: () => void } = {}): void {
  const documents = new TextDocuments(TextDocument);
  const linted = new Map<string, Linted>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** The version each document was opened with. */
  const openedAt = new Map<string, number>();
  /** The version whose diagnostics were last published. */
  const publishedAt = new Map<string, number>();
  let settings = readSettings(undefined);
  let documentChanges = false;
  let dynamicWatchers = false;
  let configs = new ProjectConfigCache({});
  let siblingsByDir = new Map<string, Promise<string[]>>();
  // The server is one run: every lint and fix of its documents shares what the session learns.
  const session = createSession();

  const log = (message: string) => connection.console.error(`flinklint: ${message}`);

  /** Settings for one document: project config (file: URIs only), file name, siblings. */
  async function optionsFor(uri: string): Promise<{ options: LintOptions; problem?: string; ignored?: boolean }> {
    const path = filePathOf(uri);
    const base: LintOptions = { showInfo: settings.showInfo, session };
    if (path === undefined) return { options: { ...base, filename: nameOf(uri) } };
    const dir = dirname(path);
    let siblings = siblingsByDir.get(dir);
    if (!siblings) {
      siblings = readdir(dir).catch(() => []);
      siblingsByDir.set(dir, siblings);
    }
    const siblingFiles = (await siblings).filter((name) => name !== basename(path));
    try {
      const project = await configs.forDirectory(dir, dir);
      const options = { ...effectiveOptions(project, base), session, filename: path, siblingFiles };
      return configs.ignores(project, path) ? { options, ignored: true } : { options };
    } catch (error) {
      return { options: { ...base, filename: path, siblingFiles }, problem: errorText(error) };
    }
  }

  /** Lints a text exactly as the CLI lints a file's bytes (the one lint entry): a NUL makes it binary, not a config. */
  function lintDocumentText(text: string, options: LintOptions): { result: TextLintResult | undefined; diagnostics: Diagnostic[] } {
    if (text.includes("\u0000")) {
      const decoded = decodeConfigBytes(new TextEncoder().encode(text));
      if (!decoded.ok) return { result: undefined, diagnostics: [decoded.diagnostic] };
    }
    const result = lintText(text, options);
    return { result, diagnostics: result.diagnostics };
  }

  function lintVersion(document: TextDocument, options: LintOptions): Linted {
    const text = document.getText();
    let outcome: { result: TextLintResult | undefined; diagnostics: Diagnostic[] };
    try {
      outcome = lintDocumentText(text, options);
    } catch (error) {
      // A bad setting (e.g. an unsupported Flink version) or a bug: say so in the file, keep serving.
      const origin = { line: 1, column: 1, offset: 0 };
      outcome = {
        result: undefined,
        diagnostics: [{ ruleId: "internal-error", messageId: "lintFailed", severity: "error", message: `flinklint could not lint this file: ${errorText(error)}`, start: origin, end: origin }],
      };
    }
    const entry: Linted = { version: document.version, text, positions: positionsOf(text, outcome.result), options, ...outcome };
    linted.set(document.uri, entry);
    return entry;
  }

  /** Lints the document's current text and publishes; unless forced, a version already published is skipped. */
  async function validate(uri: string, force: boolean): Promise<void> {
    try {
      const { options, problem, ignored } = await optionsFor(uri);
      const document = documents.get(uri);
      if (document === undefined) return; // closed meanwhile
      if (!force && publishedAt.get(uri) === document.version) return;
      publishedAt.set(uri, document.version);
      if (ignored) {
        // Ignored by the project's .flinklint.yaml: nothing to show, as on the command line.
        linted.delete(uri);
        await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
        return;
      }
      const entry = lintVersion(document, options);
      const diagnostics: LspDiagnostic[] = entry.diagnostics.map((d) => toLspDiagnostic(d, entry.positions, uri));
      if (problem !== undefined) {
        diagnostics.unshift({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: "project-config",
          message: `${problem} (linting with the default settings)`,
        });
      }
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      log(`linting ${uri} failed: ${errorText(error)}`);
    }
  }

  function schedule(uri: string, delay: number, force = false): void {
    const pending = timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    timers.delete(uri);
    if (delay <= 0) {
      void validate(uri, force);
      return;
    }
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri, force);
      }, delay),
    );
  }

  /** Forgets what was read from disk (.flinklint.yaml files, directory listings). */
  function forgetDisk(): void {
    configs = new ProjectConfigCache({});
    siblingsByDir = new Map();
  }

  /** The lint of the document's current version, linting it now if the last one is stale. */
  async function current(uri: string): Promise<Linted | undefined> {
    const document = documents.get(uri);
    if (document === undefined) return undefined;
    const last = linted.get(uri);
    if (last !== undefined && last.version === document.version) return last;
    const { options } = await optionsFor(uri);
    const now = documents.get(uri);
    return now === undefined ? undefined : lintVersion(now, options);
  }

  function revalidateAll(): void {
    forgetDisk();
    for (const document of documents.all()) schedule(document.uri, 0, true);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: "flinklint" },
    };
  });

  connection.onInitialized(() => {
    if (!dynamicWatchers) return;
    // Settings and sibling files (config-file-ignored) change outside the open documents.
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/.flinklint.{yaml,yml}" }, { globPattern: "**/*{flink-conf,config}.yaml" }],
      })
      .catch((error: unknown) => log(`cannot watch files: ${errorText(error)}`));
  });

  connection.onDidChangeWatchedFiles(() => {
    try {
      revalidateAll();
    } catch (error) {
      log(`revalidating failed: ${errorText(error)}`);
    }
  });

  documents.onDidOpen((event) => {
    openedAt.set(event.document.uri, event.document.version);
    schedule(event.document.uri, 0, true);
  });
  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    // Opening fires this too, right after onDidOpen: that version is already being linted.
    if (openedAt.get(uri) === version || publishedAt.get(uri) === version) return;
    schedule(uri, settings.debounceMs);
  });
  documents.onDidSave((event) => {
    // A save re-reads the settings, for clients that do not report file changes.
    forgetDisk();
    schedule(event.document.uri, 0, true);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const pending = timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    timers.delete(uri);
    linted.delete(uri);
    openedAt.delete(uri);
    publishedAt.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
    try {
      const state = await current(params.textDocument.uri);
      if (state?.result === undefined) return null;
      const offset = state.positions.toOffset(params.position);
      // Each configuration of the file (a manifest may hold several) is asked in turn.
      const hover = state.result.results
        .map((r) => memoryHover(r.document, offset, { flinkVersion: r.flinkVersion, deployment: r.target.deployment ?? state.options.deployment ?? "standalone" }))
        .find((h) => h !== undefined);
      if (hover === undefined) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: hover.markdown },
        range: state.positions.toLspRange(hover.entry.keyRange),
      };
    } catch (error) {
      log(`hover failed: ${errorText(error)}`);
      return null;
    }
  });

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    try {
      const uri = params.textDocument.uri;
      const state = await current(uri);
      if (state === undefined) return [];
      const target = { uri, version: state.version, documentChanges };
      const only = params.context.only;
      const wants = (kind: string) => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(params.context.diagnostics, state.diagnostics, state.positions, target));
      // Source actions only when asked for (e.g. editor.codeActionsOnSave), never in the light bulb.
      if (only !== undefined && wants(FIX_ALL_KIND)) {
        // The fixes --fix's first pass applies, checked the same way (a Flink file, Flink settings, a better lint).
        const fixable = state.result?.fixable !== true ? [] : (fixText(state.text, state.options).passes[0] ?? []);
        const all = fixAllAction(fixable, state.positions, target);
        if (all !== undefined) actions.push(all);
      }
      return actions;
    } catch (error) {
      log(`code actions failed: ${errorText(error)}`);
      return [];
    }
  });

  connection.onShutdown(() => {
    hooks.onShutdown?.();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    linted.clear();
  });

  documents.listen(connection);
  connection.listen();
}

/** Starts the language server on standard input and output; returns once it listens. */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new FramedMessageWriter(process.stdout));
  // Given a reader rather than the stream, the library no longer watches standard input: the
  // client going away ends the server, as it did (0 after a shutdown request, else 1).
  let shutdown = false;
  const exitWithClient = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on("end", exitWithClient);
  process.stdin.on("close", exitWithClient);
  // Standard output carries the protocol: nothing else may write there.
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  attachServer(connection, { onShutdown: () => (shutdown = true) });
}
