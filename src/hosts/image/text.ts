/**
 * Texts a launcher rewrites before Flink reads them (Compose's `${VAR}` interpolation, the image
 * entrypoint's `envsubst` and whitespace removal), each character still mapped to the host file
 * character it comes from, and the spans whose value flinklint cannot know.
 */
import type { EmbeddedText } from "../embedded.js";

export interface SourcedText extends EmbeddedText {
  /** [start, end) spans of `text` filled in from something flinklint cannot see (the shell, a `.env` file). */
  unresolved: readonly (readonly [number, number])[];
}

/** An embedded text with nothing unresolved. */
export function sourced(embedded: EmbeddedText): SourcedText {
  return { ...embedded, unresolved: [] };
}

/** Replace `text[start, end)` by `replacement`; `unresolved` marks the replacement as unknown. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
  unresolved?: boolean;
}

/**
 * Applies non-overlapping edits (in order). A replacement's characters map to where the replaced
 * text starts, and the offset after it to where it ends, so a range over it covers the whole reference.
 */
export function editText(source: SourcedText, edits: readonly TextEdit[]): SourcedText {
  if (edits.length === 0) return source;
  let text = "";
  const map: number[] = [];
  const unresolved: [number, number][] = [];
  let at = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      map.push(source.toHost(i));
      text += source.text[i];
    }
  };
  const shifted = (start: number, end: number) => {
    // An unresolved span of the source that survives a copy keeps its place in the output.
    for (const [s, e] of source.unresolved) {
      const from = Math.max(s, start);
      const to = Math.min(e, end);
      if (from < to) unresolved.push([text.length - (end - start) + (from - start), text.length - (end - start) + (to - start)]);
    }
  };
  for (const edit of edits) {
    if (edit.start < at) continue;
    copy(at, edit.start);
    shifted(at, edit.start);
    const begin = text.length;
    const hostStart = source.toHost(edit.start);
    for (let i = 0; i < edit.replacement.length; i++) map.push(hostStart);
    text += edit.replacement;
    const touched = source.unresolved.some(([s, e]) => s < edit.end && e > edit.start);
    if (edit.unresolved || touched) unresolved.push([begin, text.length]);
    at = edit.end;
  }
  copy(at, source.text.length);
  shifted(at, source.text.length);
  map.push(source.toHost(source.text.length));
  return {
    text,
    // After a replacement comes the character after what it replaced, so a range over a
    // replacement ends where the replaced reference ends.
    toHost: (offset) => map[Math.min(Math.max(offset, 0), text.length)] ?? source.toHost(source.text.length),
    unresolved: unresolved.sort((a, b) => a[0] - b[0]),
  };
}

/** `text[start, end)` as a text of its own. */
export function sliceText(source: SourcedText, start: number, end = source.text.length): SourcedText {
  const s = Math.max(0, Math.min(start, source.text.length));
  const e = Math.max(s, Math.min(end, source.text.length));
  return {
    text: source.text.slice(s, e),
    toHost: (offset) => source.toHost(s + Math.min(Math.max(offset, 0), e - s)),
    unresolved: source.unresolved.filter(([a, b]) => a < e && b > s).map(([a, b]) => [Math.max(a, s) - s, Math.min(b, e) - s] as const),
  };
}

/** Whether `[start, end)` of the text overlaps something flinklint cannot know. */
export function isUnresolved(source: SourcedText, start: number, end: number): boolean {
  return source.unresolved.some(([s, e]) => s < Math.max(end, start + 1) && e > start);
}

/**
 * GNU `envsubst` without a variable list: every `$NAME` and `${NAME}` is replaced by the variable's
 * value, or by nothing when it is not set; other `$` text stays. `env` gives each known variable's value,
 * or undefined when the variable is set to something flinklint cannot know.
 */
export function envsubst(source: SourcedText, env: ReadonlyMap<string, string | undefined>): SourcedText {
  const edits: TextEdit[] = [];
  const pattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (const m of source.text.matchAll(pattern)) {
    const name = m[1] ?? m[2] ?? "";
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // Text Compose could not fill in is not known here either.
    if (isUnresolved(source, start, end)) continue;
    if (env.has(name)) {
      const value = env.get(name);
      if (value === undefined) edits.push({ start, end, replacement: m[0], unresolved: true });
      else edits.push({ start, end, replacement: value });
    } else {
      edits.push({ start, end, replacement: "" });
    }
  }
  return editText(source, edits);
}
