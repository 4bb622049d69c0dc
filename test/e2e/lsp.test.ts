/**
 * The built language server, as an editor starts it (`flinklint lsp --stdio` and `flinklint-lsp
 * --stdio`): it answers initialize and, after shutdown and exit, ends its process with code 0.
 * What it says in between is tested in process (test/lsp.test.ts).
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, LSP_BIN, ROOT } from "./bin-support.js";

describe("the built language server", () => {
  it.each([
    ["flinklint lsp --stdio", [BIN, "lsp", "--stdio"]],
    ["flinklint-lsp --stdio", [LSP_BIN, "--stdio"]],
  ])("%s: initializes, shuts down and exits 0", async (_name, args) => {
    const server = spawn(process.execPath, args, { cwd: ROOT });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let output = "";
    const initialized = new Promise<void>((resolve) => {
      server.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes('"id":1')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
    await initialized;
    expect(output).toContain('"hoverProvider":true');
    send({ id: 2, method: "shutdown" });
    send({ method: "exit" });
    expect(await exited).toBe(0);
  });
});
