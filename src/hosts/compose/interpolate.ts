/**
 * Compose's interpolation of `$` in the file's values (compose-spec, "Interpolation"): `$$` is a
 * literal `$`; `${VAR}` and `$VAR` come from the shell or the `.env` file, which flinklint does not
 * see, so they stay as written and are marked unresolved; `${VAR:-default}` and `${VAR-default}` take
 * the default (the value when the variable is not set); `${VAR:?err}`, `${VAR:+alt}` and their
 * colon-less forms depend on the shell and stay unresolved.
 */
import { editText, type SourcedText, type TextEdit } from "../image/text.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(source: SourcedText): SourcedText {
  const text = source.text;
  const edits: TextEdit[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") continue;
    const next = text[i + 1];
    if (next === "$") {
      edits.push({ start: i, end: i + 2, replacement: "$" });
      i++;
      continue;
    }
    if (next === "{") {
      const close = matchingBrace(text, i + 2);
      if (close < 0) continue;
      const body = text.slice(i + 2, close);
      const name = NAME.exec(body)?.[0] ?? "";
      const rest = body.slice(name.length);
      const def = /^:?-/.exec(rest);
      if (name !== "" && def) {
        const fallback = rest.slice(def[0].length);
        edits.push({ start: i, end: close + 1, replacement: fallback, unresolved: fallback.includes("$") });
      } else {
        edits.push({ start: i, end: close + 1, replacement: text.slice(i, close + 1), unresolved: true });
      }
      i = close;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name) {
      edits.push({ start: i, end: i + 1 + name.length, replacement: text.slice(i, i + 1 + name.length), unresolved: true });
      i += name.length;
    }
  }
  return editText(source, edits);
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}
