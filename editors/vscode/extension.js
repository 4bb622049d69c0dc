// A thin client: starts `flinklint lsp --stdio` for Flink configuration files. Plain JS, no build step.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** The executable: the setting, else the workspace's own install, else the one on the PATH. */
function serverCommand(config) {
  const configured = config.get("path", "").trim();
  if (configured) return configured;
  const bin = process.platform === "win32" ? "flinklint.cmd" : "flinklint";
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== "file") continue;
    const local = path.join(folder.uri.fsPath, "node_modules", ".bin", bin);
    if (fs.existsSync(local)) return local;
  }
  return bin;
}

function createClient() {
  const config = vscode.workspace.getConfiguration("flinklint");
  const command = serverCommand(config);
  const args = config.get("args", ["lsp", "--stdio"]);
  const serverOptions = {
    run: { command, args, options: { shell: process.platform === "win32" } },
    debug: { command, args, options: { shell: process.platform === "win32" } },
  };
  const clientOptions = {
    // The file names flinklint reads: *flink-conf.yaml (legacy) and *config.yaml (standard YAML).
    documentSelector: [
      { scheme: "file", pattern: "**/*flink-conf.yaml" },
      { scheme: "file", pattern: "**/*config.yaml" },
    ],
    synchronize: {
      // Project settings and sibling config files change what a file's lint says.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/.flinklint.{yaml,yml}"),
        vscode.workspace.createFileSystemWatcher("**/*{flink-conf,config}.yaml"),
      ],
    },
    initializationOptions: {
      debounceMs: config.get("debounceMs", 150),
      showInfo: config.get("showInfo", false),
    },
  };
  return new LanguageClient("flinklint", "flinklint", serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `flinklint: could not start the language server (${message}). Install flinklint or set "flinklint.path".`,
    );
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("flinklint.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("flinklint") && !event.affectsConfiguration("flinklint.trace")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
