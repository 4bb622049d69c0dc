/** Decoding a file's bytes as Flink reads them (UTF-8), or the reason they are no configuration file. */
import { LineIndex } from "../parser/lines.js";
import type { Diagnostic, Position } from "../types.js";

/** Decoded text, or the reason the bytes are no config file. */
export type DecodedText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const ORIGIN = { line: 1, column: 1, offset: 0 };

function unreadable(messageId: string, message: string, at: Position = ORIGIN): DecodedText {
  return { ok: false, diagnostic: { ruleId: "parse", messageId, severity: "error", message, start: at, end: at } };
}

/** The line:column at which byte `offset` stands, reading the (valid) bytes before it as UTF-8. */
function positionOfByte(bytes: Uint8Array, offset: number): Position {
  const before = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, offset));
  return new LineIndex(before).position(before.length);
}

/** Reads bytes the way Flink does (UTF-8); a BOM is kept in the text so rules can point at it. */
export function decodeConfigBytes(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return unreadable("utf16", "the file is UTF-16 encoded; Flink reads its configuration as UTF-8, so it would see no valid settings: save it as UTF-8");
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return unreadable(
      "binary",
      `the file contains a NUL byte at offset ${nul}: it looks binary, not a Flink configuration file`,
      positionOfByte(bytes, nul),
    );
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, "0");
    return unreadable(
      "encoding",
      `the file is not valid UTF-8 (byte 0x${byte} at offset ${at}); Flink reads its configuration as UTF-8, so re-save the file as UTF-8`,
      positionOfByte(bytes, at),
    );
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return i;
}

