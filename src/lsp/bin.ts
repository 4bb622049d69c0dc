#!/usr/bin/env node
// Checked before anything else loads: editors start us with whatever Node the system has.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`flinklint-lsp: Node.js 20.19 or newer is required (this is ${process.versions.node})\n`);
  process.exit(2);
}
// `--stdio` is accepted (and is the only transport), as editors' LSP configs tend to pass it.
const { startServer } = await import("./server.js");
startServer();
