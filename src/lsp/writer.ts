/**
 * The language server's message writer: LSP framing (`Content-Length` header, UTF-8 JSON body) as
 * vscode-jsonrpc's stream writer does it, but into one buffer kept between messages. A 2,000-line
 * file's diagnostics are ~600 kB of JSON each change, and a fresh buffer of that size cost more
 * than copying the text into it; the kept one is reused only once the stream is done with it.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from "vscode-languageserver/node";

/** A buffer grown past this is not kept: one huge message should not pin its memory for the session. */
const KEPT_BYTES_LIMIT = 16 * 1024 * 1024;

/** What the writer needs of a stream (process.stdout, a socket, a test's sink). */
export interface ByteSink {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "close", listener: () => void): unknown;
}

export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private kept: Buffer | undefined;
  /** Whether the stream still holds the kept buffer (its write has not called back). */
  private keptInFlight = false;
  /** Messages go out one after another, in the order they were given. */
  private queue: Promise<void> = Promise.resolve();
  private errorCount = 0;

  constructor(private readonly sink: ByteSink) {
    super();
    sink.on("error", (error: Error) => this.fireError(error));
    sink.on("close", () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const sent = this.queue.then(() => this.send(message));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  end(): void {
    // Nothing is buffered here beyond the message in flight; the stream is the caller's to end.
  }

  private send(message: Message): Promise<void> {
    let json: string;
    try {
      json = JSON.stringify(message);
    } catch (error) {
      this.fireError(error);
      return Promise.reject(error);
    }
    const bodyBytes = Buffer.byteLength(json, "utf8");
    const header = `Content-Length: ${bodyBytes}\r\n\r\n`;
    const total = header.length + bodyBytes;
    const reuse = !this.keptInFlight && total <= KEPT_BYTES_LIMIT;
    let buffer: Buffer;
    if (reuse) {
      if (this.kept === undefined || this.kept.length < total) this.kept = Buffer.allocUnsafe(Math.min(KEPT_BYTES_LIMIT, Math.max(total, 2 * (this.kept?.length ?? 0), 64 * 1024)));
      buffer = this.kept;
      this.keptInFlight = true;
    } else {
      buffer = Buffer.allocUnsafe(total);
    }
    buffer.write(header, 0, "ascii");
    buffer.write(json, header.length, "utf8");
    return new Promise((resolve, reject) => {
      this.sink.write(buffer.subarray(0, total), (error) => {
        if (reuse) this.keptInFlight = false;
        if (error === undefined || error === null) {
          resolve();
          return;
        }
        this.errorCount++;
        this.fireError(error, message, this.errorCount);
        reject(error);
      });
    });
  }
}
