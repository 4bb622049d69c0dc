/**
 * A string `command:` or `entrypoint:` split into words as Compose splits it (shell-like: blanks
 * separate words, single and double quotes group, a backslash escapes), each word still mapped to
 * the host characters it comes from.
 */
import { editText, sliceText, type SourcedText, type TextEdit } from "../image/text.js";

export function splitCommand(source: SourcedText): SourcedText[] {
  const text = source.text;
  const words: SourcedText[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    const start = i;
    const removed: TextEdit[] = [];
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote === undefined && c !== undefined && /\s/.test(c)) break;
      if (c === "\\" && quote !== "'" && i + 1 < text.length) {
        removed.push({ start: i - start, end: i - start + 1, replacement: "" });
        i++;
      } else if (quote === undefined && (c === "'" || c === '"')) {
        quote = c;
        removed.push({ start: i - start, end: i - start + 1, replacement: "" });
      } else if (c === quote) {
        quote = undefined;
        removed.push({ start: i - start, end: i - start + 1, replacement: "" });
      }
    }
    words.push(editText(sliceText(source, start, i), removed));
  }
  return words;
}
