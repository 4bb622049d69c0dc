/**
 * The language server in process, as an editor drives it: a real JSON-RPC client over a pair of
 * in-memory streams to `attachServer`. Its exit code comes through the connection's watchdog, which
 * would end the process; test/e2e/ starts the built server and checks that it does.
 */
import { PassThrough } from "node:stream";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import {
  createConnection,
  createProtocolConnection,
  ProposedFeatures,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { attachServer } from "../src/lsp/server.js";

interface Session {
  connection: MessageConnection;
  published: PublishDiagnosticsParams[];
  /** What the server logged (window/logMessage), for a failure's message. */
  log: string[];
  /** The code the server would exit with, once the client sends exit. */
  exited: Promise<number>;
  /** Ends both ends of a session that did not exit. */
  close(): void;
}

function startSession(): Session {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  let exitWith: (code: number) => void = () => undefined;
  const exited = new Promise<number>((done) => (exitWith = done));
  let ended = false;
  // What vscode-languageserver/node's watchdog does, but the exit ends the session, not the process.
  const watchDog = {
    shutdownReceived: false,
    initialize: () => undefined,
    exit: (code: number) => {
      ended = true;
      server.dispose();
      exitWith(code);
    },
  };
  const server = createConnection(
    (logger) => createProtocolConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient), logger),
    watchDog,
    ProposedFeatures.all,
  );
  attachServer(server);
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const log: string[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
    published.push(params);
  });
  connection.onNotification("window/logMessage", (params: { message: string }) => void log.push(params.message));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const close = () => {
    connection.dispose();
    if (!ended) server.dispose();
    ended = true;
  };
  return { connection, published, log, exited, close };
}

async function initialize(session: Session, initializationOptions: object): Promise<InitializeResult> {
  const result = await session.connection.sendRequest<InitializeResult>("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        hover: { contentFormat: ["markdown", "plaintext"] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } },
      },
    },
    initializationOptions,
  });
  await session.connection.sendNotification("initialized", {});
  return result;
}

/** Waits for the first diagnostics for `uri` published after `after` notifications that satisfy `accept`. */
async function diagnosticsFor(
  session: Session,
  uri: string,
  after: number,
  accept: (p: PublishDiagnosticsParams) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<PublishDiagnosticsParams> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = session.published.slice(after).find((p) => p.uri === uri && accept(p));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; log: ${session.log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function open(session: Session, uri: string, text: string, version = 1): void {
  void session.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version, text },
  });
}

function change(session: Session, uri: string, version: number, changes: Array<{ range?: TextEdit["range"]; text: string }>): void {
  void session.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
}

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const fromChanges = edit?.changes?.[uri];
  if (fromChanges) return fromChanges;
  const docChange = edit?.documentChanges?.find((c) => "textDocument" in c && c.textDocument.uri === uri);
  return docChange && "edits" in docChange ? (docChange.edits as TextEdit[]) : [];
}

async function shutDown(session: Session): Promise<number> {
  await session.connection.sendRequest("shutdown");
  await session.connection.sendNotification("exit");
  const code = await session.exited;
  session.close();
  return code;
}

const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

/** Opens `text` at `uri` and waits for the diagnostics published for it. */
async function openAndLint(session: Session, uri: string, text: string, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
  const seen = session.published.length;
  open(session, uri, text);
  return diagnosticsFor(session, uri, seen, () => true, timeoutMs);
}

/** The code actions the server offers for `diagnostics` on `range`. */
function codeActions(session: Session, uri: string, range: TextEdit["range"] | undefined, diagnostics: Diagnostic[], triggerKind?: number): Promise<CodeAction[]> {
  const context = triggerKind === undefined ? { diagnostics } : { diagnostics, triggerKind };
  return session.connection.sendRequest<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range, context });
}

/** The source actions asked for with `only: ["source.fixAll"]`, as an editor's "fix all" does. */
function fixAllActions(session: Session, uri: string): Promise<CodeAction[]> {
  return session.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ["source.fixAll"] },
  });
}

/** The server's hover at a 0-based line and UTF-16 character. */
function hoverAt(session: Session, uri: string, line: number, character: number): Promise<Hover | null> {
  return session.connection.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line, character } });
}

/** `text` with a code action's edits applied, as the client applies them. */
function withEdits(uri: string, text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, "flink-conf", 1, text), edits);
}

describe("language server", () => {
  let dir: string;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "flinklint-lsp-"));
    // The project config must be honoured: the info notes about capped overhead are turned off.
    writeFileSync(join(dir, ".flinklint.yaml"), 'flink-version: "1.20"\nrules:\n  memory-fraction-capped: off\n');
    session = startSession();
    // Info notes are hidden by default, as on the command line; this session asks for them.
    const init = await initialize(session, { debounceMs: 20, showInfo: true });
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.codeActionProvider).toBeTruthy();
  });

  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes exact diagnostics, fixes them with code actions and edits, hovers memory keys, and exits 0", async () => {
    const uri = pathToFileURL(join(dir, "flink-conf.yaml")).href;
    // CRLF line ends, and non-ASCII text (two BMP letters and an astral emoji) before the error column.
    const text = ["taskmanager.memory.process.size:1728m", "jobmanager.memory.process.size: 1600m", "s3.secret-key: pässwörd😀x#1", ""].join("\r\n");
    const first = await openAndLint(session, uri, text);
    expect(first.version).toBe(1);

    const separator = byCode(first.diagnostics, "legacy-missing-separator");
    expect(separator).toHaveLength(1);
    expect(separator[0]?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 37 } });
    expect(separator[0]?.severity).toBe(1);
    expect(separator[0]?.source).toBe("flinklint");
    expect(separator[0]?.codeDescription?.href).toMatch(/legacy-missing-separator\.md$/);

    // "s3.secret-key: " is 15 code units; "pässwörd😀x#1" 13 (the emoji counts 2): UTF-16 characters.
    const hash = byCode(first.diagnostics, "legacy-hash-in-value");
    expect(hash.map((d) => d.range)).toEqual([{ start: { line: 2, character: 15 }, end: { line: 2, character: 28 } }]);
    expect(byCode(first.diagnostics, "memory-total-missing")).toHaveLength(1);
    // Turned off by the project's .flinklint.yaml.
    expect(byCode(first.diagnostics, "memory-fraction-capped")).toHaveLength(0);

    // Code actions for the missing separator: its suggestion, applied, gives the intended line.
    const actions = await codeActions(session, uri, separator[0]?.range, separator, 1);
    const write = actions.find((a) => a.title.includes("taskmanager.memory.process.size: 1728m"));
    expect(write?.kind).toBe("quickfix");
    // No safe fix here: the first suggestion offered is the preferred one, and only it.
    expect(actions[0]?.isPreferred).toBe(true);
    expect(actions.slice(1).every((a) => a.isPreferred === undefined)).toBe(true);
    const edits = editsOf(write?.edit, uri);
    expect(edits.length).toBeGreaterThan(0);
    expect(withEdits(uri, text, edits).split("\r\n")[0]).toBe("taskmanager.memory.process.size: 1728m");

    // The client applies the edit (incremental change); the separator finding and the missing total go away.
    let seen = session.published.length;
    change(session, uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    const second = await diagnosticsFor(session, uri, seen, (p) => p.version === 2);
    expect(byCode(second.diagnostics, "legacy-missing-separator")).toHaveLength(0);
    expect(byCode(second.diagnostics, "memory-total-missing")).toHaveLength(0);
    expect(byCode(second.diagnostics, "legacy-hash-in-value")).toHaveLength(1);

    // Fix the value by hand: nothing left.
    seen = session.published.length;
    change(session, uri, 3, [{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 28 } }, text: "secret" }]);
    const third = await diagnosticsFor(session, uri, seen, (p) => p.version === 3);
    expect(third.diagnostics).toEqual([]);

    // Hover the TaskManager total: the derived numbers, as `flinklint explain` prints them.
    const hover = await hoverAt(session, uri, 0, 12);
    const markdown = hover !== null && typeof hover.contents === "object" && "value" in hover.contents ? hover.contents.value : "";
    expect(markdown).toContain("536870902"); // -Xmx of the default 1728m TaskManager
    expect(markdown).toContain("1811939328"); // total process
    expect(markdown).toContain("remainder");
    expect(markdown).toContain("Flink 1.20");
    expect(hover?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 31 } });

    // Hover the JobManager key: its own process.
    const jmHover = await hoverAt(session, uri, 1, 3);
    expect(JSON.stringify(jmHover)).toContain("1073741824"); // JM heap for 1600m
    // Saving lints again, at once.
    seen = session.published.length;
    void session.connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
    expect((await diagnosticsFor(session, uri, seen)).version).toBe(3);

    // Not a memory key: no hover.
    const none = await hoverAt(session, uri, 2, 2);
    expect(none).toBeNull();
  });

  it("shows Flink's error when hovering a configuration Flink refuses, and a safe fix as the preferred quick fix", async () => {
    const uri = pathToFileURL(join(dir, "bad-flink-conf.yaml")).href;
    const text = "taskmanager.memory.process.size: 1g\ntaskmanager.memory.flink.size: 2g\n  jobmanager.memory.process.size: 1600m\n";
    const published = await openAndLint(session, uri, text);
    const hover = await hoverAt(session, uri, 1, 20);
    const markdown = JSON.stringify(hover);
    expect(markdown).toContain("IllegalConfigurationException");
    expect(markdown).toContain("refuses");

    const indented = byCode(published.diagnostics, "legacy-indented-line");
    expect(indented).toHaveLength(1);
    const actions = await codeActions(session, uri, indented[0]?.range, indented);
    expect(actions[0]?.isPreferred).toBe(true);
    const after = withEdits(uri, text, editsOf(actions[0]?.edit, uri));
    expect(after.split("\n")[2]).toBe("jobmanager.memory.process.size: 1600m");

    // Fix-all is a source action, offered only when asked for.
    const fixAll = await fixAllActions(session, uri);
    expect(fixAll.map((a) => a.kind)).toEqual(["source.fixAll.flinklint"]);
  });

  it("shows info notes as Information, with related locations, for documents outside any project", async () => {
    const uri = "untitled:flink-conf.yaml";
    const published = await openAndLint(session, uri, "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.process.size: 1700m\n");
    expect(byCode(published.diagnostics, "memory-fraction-capped").every((d) => d.severity === 3)).toBe(true);
    expect(byCode(published.diagnostics, "memory-fraction-capped").length).toBeGreaterThan(0);
    const duplicate = byCode(published.diagnostics, "duplicate-key");
    expect(duplicate).toHaveLength(1);
    const lines = [duplicate[0]?.range.start.line, duplicate[0]?.relatedInformation?.[0]?.location.range.start.line];
    expect(lines.sort()).toEqual([1, 2]);
    expect(duplicate[0]?.relatedInformation?.[0]?.location.uri).toBe(uri);
    expect(duplicate[0]?.relatedInformation?.[0]?.location.range.end.character).toBe(30);
  });

  it("hovers nested keys of a config.yaml", async () => {
    const uri = pathToFileURL(join(dir, "config.yaml")).href;
    await openAndLint(session, uri, "jobmanager:\n  memory:\n    process.size: 1600m\ntaskmanager:\n  memory:\n    process.size: 1728m\n");
    const hover = await hoverAt(session, uri, 5, 6);
    expect(hover?.range).toEqual({ start: { line: 5, character: 4 }, end: { line: 5, character: 16 } });
    expect(JSON.stringify(hover)).toContain("536870902");
  });

  it("reports a broken .flinklint.yaml in the file and lints with the defaults", async () => {
    const sub = join(dir, "broken");
    rmSync(sub, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(sub));
    writeFileSync(join(sub, ".flinklint.yaml"), "rules:\n  no-such-rule: off\n");
    const uri = pathToFileURL(join(sub, "flink-conf.yaml")).href;
    const published = await openAndLint(session, uri, "taskmanager.memory.process.size: 1728m\n");
    expect(byCode(published.diagnostics, "project-config")[0]?.message).toMatch(/no-such-rule/);
  });

  it("publishes nothing for a file the project's ignore patterns exclude", async () => {
    const sub = join(dir, "ignoring");
    await import("node:fs/promises").then((fs) => fs.mkdir(sub, { recursive: true }));
    writeFileSync(join(sub, ".flinklint.yaml"), "ignore:\n  - skipped-flink-conf.yaml\n");
    const bad = "taskmanager.memory.process.size:1728m\n";
    const skipped = pathToFileURL(join(sub, "skipped-flink-conf.yaml")).href;
    const linted = pathToFileURL(join(sub, "flink-conf.yaml")).href;
    expect((await openAndLint(session, skipped, bad)).diagnostics).toEqual([]);
    expect((await openAndLint(session, linted, bad)).diagnostics.length).toBeGreaterThan(0);
  });

  it("survives binary-ish content, broken YAML and a 10,000-line document", async () => {
    const garbage = "\u0000\u0001\u0002\uFFFD\uD800 :\n\u001b[31m: : :\n#" + "\u00ff".repeat(1000) + "\r\r\n\n\t- [ {";
    const cases: Array<[string, string]> = [
      [pathToFileURL(join(dir, "garbage-flink-conf.yaml")).href, garbage],
      ["untitled:garbage-config.yaml", garbage.replace(/\u0000/g, "")],
      ["untitled:broken-config.yaml", "taskmanager:\n  memory: [\n : {{ \"\n\t\tx: &a *b\n"],
      ["untitled:random.yaml", Array.from({ length: 200 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join("")],
    ];
    for (const [uri, text] of cases) {
      const published = await openAndLint(session, uri, text);
      expect(published.diagnostics.length).toBeGreaterThan(0);
      const hover = await hoverAt(session, uri, 0, 1);
      expect(hover === null || typeof hover === "object").toBe(true);
      const actions = await codeActions(session, uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, published.diagnostics);
      expect(Array.isArray(actions)).toBe(true);
    }

    const big = ["taskmanager.memory.process.size: 1728m", "jobmanager.memory.process.size: 1600m"];
    for (let i = 0; i < 10_000; i++) big.push(i % 10 === 0 ? `# comment ${i} ünï` : `some.option.${i}: value-${i}`);
    const uri = "untitled:big-flink-conf.yaml";
    const published = await openAndLint(session, uri, big.join("\n"), 20_000);
    expect(Array.isArray(published.diagnostics)).toBe(true);
    // A change at the end is linted too, and positions are still right on the last line.
    const lastLine = big.length;
    const end = { line: lastLine - 1, character: big[lastLine - 1]?.length ?? 0 };
    const seen2 = session.published.length;
    change(session, uri, 2, [{ range: { start: end, end }, text: "\nbroken:value" }]);
    const changed = await diagnosticsFor(session, uri, seen2, (p) => p.version === 2, 20_000);
    expect(byCode(changed.diagnostics, "legacy-missing-separator").map((d) => d.range.start)).toEqual([{ line: lastLine, character: 0 }]);
    const hover = await hoverAt(session, uri, 0, 5);
    expect(JSON.stringify(hover)).toContain("536870902");
  });

  it("offers each memory suggestion as a quick fix on the error's range, the first preferred, and each resolves it", async () => {
    const uri = pathToFileURL(join(dir, "totals-flink-conf.yaml")).href;
    const text = "taskmanager.memory.process.size: 1728m\ntaskmanager.memory.flink.size: 1600m\njobmanager.memory.process.size: 1600m\n";
    const published = await openAndLint(session, uri, text);
    const both = byCode(published.diagnostics, "memory-both-totals");
    expect(both).toHaveLength(1);
    const actions = await codeActions(session, uri, both[0]?.range, both, 1);
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.map((a) => a.kind)).toEqual(actions.map(() => "quickfix"));
    expect(actions.map((a) => a.isPreferred)).toEqual([true, ...actions.slice(1).map(() => undefined)]);
    expect(actions.every((a) => JSON.stringify(a.diagnostics) === JSON.stringify(both))).toBe(true);
    expect(actions.map((a) => a.title)).toContain("Remove taskmanager.memory.flink.size");
    // Each one, applied by the client, makes the server publish the file without that error.
    let version = 1;
    for (const action of actions) {
      const edits = editsOf(action.edit, uri);
      expect(edits.length, action.title).toBeGreaterThan(0);
      version++;
      const seen = session.published.length;
      change(session, uri, version, [{ text: withEdits(uri, text, edits) }]);
      const after = await diagnosticsFor(session, uri, seen, (p) => p.version === version);
      // The error is gone (lowering the Flink size may leave the both-totals warning that it works).
      expect(after.diagnostics.filter((d) => d.severity === 1 && d.code?.toString().startsWith("memory-")), action.title).toEqual([]);
    }
  });

  it("offers no safe fix and no fix-all in a file that is not Flink configuration", async () => {
    const uri = pathToFileURL(join(dir, "docker-compose.yml")).href;
    const text = "services:\n  jobmanager:\n    image: flink:1.20\n    environment:\n      - |\n        FLINK_PROPERTIES=\n        parallelism.default: 2\n        parallelism.default: 2\n";
    // Whatever its host adapter reports (or a notice when none reads it), no fix may edit it.
    const published = await openAndLint(session, uri, text);
    const actions = await codeActions(session, uri, { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, published.diagnostics);
    // Read as flink-conf.yaml it would "fix" the repeated line and the indentation: nothing of that is offered.
    expect(actions.filter((a) => /overridden|indentation/i.test(a.title))).toEqual([]);
    const fixAll = await fixAllActions(session, uri);
    expect(fixAll).toEqual([]);
  });

  it("shuts down cleanly and exits 0", async () => {
    expect(await shutDown(session)).toBe(0);
  });
});

describe("language server defaults", () => {
  it("hides info notes unless showInfo is set, as the command line does", async () => {
    const text = "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n";
    const shown = async (options: object) => {
      const session = startSession();
      try {
        await initialize(session, { debounceMs: 0, ...options });
        const published = await openAndLint(session, "untitled:flink-conf.yaml", text);
        return byCode(published.diagnostics, "memory-fraction-capped").length;
      } finally {
        await shutDown(session);
      }
    };
    expect(await shown({})).toBe(0);
    expect(await shown({ showInfo: true })).toBeGreaterThan(0);
  });
});

describe("language server debouncing", () => {
  const uri = "untitled:flink-conf.yaml";
  /** A request answered after every message sent before it: the server handles them in order. */
  const roundTrip = (session: Session) => hoverAt(session, uri, 0, 0);

  /** Opens a document, then changes it five times at once (versions 2 to 6); `check` gets what was published before the burst. */
  async function afterBurst(debounceMs: number, check: (session: Session, seen: number) => Promise<void>): Promise<void> {
    const session = startSession();
    try {
      await initialize(session, { debounceMs });
      open(session, uri, "a: 1\n");
      await diagnosticsFor(session, uri, 0);
      const seen = session.published.length;
      for (let version = 2; version <= 6; version++) change(session, uri, version, [{ text: `a: ${version}\nbroken:${version}\n` }]);
      await check(session, seen);
      expect(await shutDown(session)).toBe(0);
    } finally {
      session.close();
    }
  }

  // Ordering, not time: with a debounce no test outlives, a burst is never linted by itself; a save
  // lints the last version at once, and only that one.
  it("lints a burst of changes once, for its last version, not before the delay", () =>
    afterBurst(600_000, async (session, seen) => {
      await roundTrip(session);
      expect(session.published.slice(seen)).toEqual([]);
      void session.connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
      const published = await diagnosticsFor(session, uri, seen);
      expect(published.version).toBe(6);
      expect(byCode(published.diagnostics, "legacy-missing-separator")).toHaveLength(1);
      await roundTrip(session);
      expect(session.published.slice(seen).map((p) => p.version)).toEqual([6]);
    }));

  it("lints the last version of a burst by itself once the delay has passed", () =>
    afterBurst(300, async (session, seen) => {
      const published = await diagnosticsFor(session, uri, seen, (p) => p.version === 6);
      expect(byCode(published.diagnostics, "legacy-missing-separator")).toHaveLength(1);
    }));
});
