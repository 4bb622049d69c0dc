/** The server's message writer: LSP framing byte for byte, in order, and a kept buffer never overwritten while the stream holds it. */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { NotificationMessage } from "vscode-languageserver/node";
import { FramedMessageWriter, type ByteSink } from "../src/lsp/writer.js";

/** A stream that keeps what it is given (not a copy) and calls back only when told to. */
class HeldSink extends EventEmitter implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  readonly pending: ((error?: Error | null) => void)[] = [];
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean {
    this.chunks.push(chunk);
    this.pending.push(callback);
    return true;
  }
  release(error?: Error): void {
    this.pending.shift()?.(error);
  }
}

const framed = (message: unknown) => {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]).toString("latin1");
};
const text = (chunk: Uint8Array | undefined) => Buffer.from(chunk ?? new Uint8Array()).toString("latin1");
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("FramedMessageWriter", () => {
  it("writes the header and the UTF-8 body as vscode-jsonrpc frames them", async () => {
    const sink = new HeldSink();
    const writer = new FramedMessageWriter(sink);
    const message = { jsonrpc: "2.0", method: "m", params: { text: "ünïcødé 𝄞 \u0000" } };
    const sent = writer.write(message);
    await tick();
    sink.release();
    await sent;
    expect(text(sink.chunks[0])).toBe(framed(message));
  });

  it("sends the next message only after the stream is done with the last, so no bytes in flight change", async () => {
    const sink = new HeldSink();
    const writer = new FramedMessageWriter(sink);
    const big = { jsonrpc: "2.0", method: "big", params: { items: Array.from({ length: 5000 }, (_, i) => ({ i, s: "x".repeat(20) })) } };
    const small = { jsonrpc: "2.0", method: "small", params: {} };
    const both = [writer.write(big), writer.write(small), writer.write(big)];
    await tick();
    expect(sink.chunks).toHaveLength(1);
    const first = text(sink.chunks[0]);
    sink.release();
    await tick();
    expect(sink.chunks).toHaveLength(2);
    expect(text(sink.chunks[1])).toBe(framed(small));
    sink.release();
    await tick();
    sink.release();
    await Promise.all(both);
    expect(first).toBe(framed(big));
    expect(text(sink.chunks[2])).toBe(framed(big));
  });

  it("rejects a failed write and reports it, and the next message still goes out", async () => {
    const sink = new HeldSink();
    const writer = new FramedMessageWriter(sink);
    const errors: unknown[] = [];
    writer.onError(([error]) => errors.push(error));
    const failed = writer.write({ jsonrpc: "2.0", method: "a" } as NotificationMessage);
    const next = writer.write({ jsonrpc: "2.0", method: "b" } as NotificationMessage);
    await tick();
    sink.release(new Error("pipe closed"));
    await expect(failed).rejects.toThrow("pipe closed");
    await tick();
    sink.release();
    await next;
    expect(errors.map((e) => (e as Error).message)).toEqual(["pipe closed"]);
    expect(text(sink.chunks[1])).toBe(framed({ jsonrpc: "2.0", method: "b" }));
  });

  it("passes the stream's close on", () => {
    const sink = new HeldSink();
    const writer = new FramedMessageWriter(sink);
    let closed = 0;
    writer.onClose(() => closed++);
    sink.emit("close");
    expect(closed).toBe(1);
  });
});
