/** Message templates: `{{name}}` placeholders filled from a rule report's data. */

/**
 * An inserted value longer than this is shortened in the middle: through YAML aliases a small file
 * can repeat one long value in thousands of messages. Flink's own messages (inserted whole, up to
 * about 600 characters) stay intact.
 */
export const MAX_INSERTED_LENGTH = 1000;

/** A template split once at its placeholders: `texts[0] name[0] texts[1] … name[n-1] texts[n]`. */
export interface CompiledTemplate {
  texts: readonly string[];
  names: readonly string[];
  /** Each placeholder as written, kept when the data has no such name. */
  wholes: readonly string[];
}

export function compileTemplate(template: string): CompiledTemplate {
  const texts: string[] = [];
  const names: string[] = [];
  const wholes: string[] = [];
  const placeholder = /\{\{\s*([\w.-]+)\s*\}\}/g;
  let from = 0;
  for (let m = placeholder.exec(template); m; m = placeholder.exec(template)) {
    texts.push(template.slice(from, m.index));
    names.push(m[1] ?? "");
    wholes.push(m[0]);
    from = m.index + m[0].length;
  }
  texts.push(template.slice(from));
  return { texts, names, wholes };
}

export function fillTemplate(compiled: CompiledTemplate, data: Readonly<Record<string, string | number | bigint>>): string {
  const { texts, names, wholes } = compiled;
  // join() yields one flat string; `+=` would leave a rope of small pieces in every message.
  const parts: string[] = [texts[0] ?? ""];
  for (let i = 0; i < names.length; i++) {
    const value = data[names[i] ?? ""];
    parts.push(value === undefined ? (wholes[i] ?? "") : shorten(String(value)), texts[i + 1] ?? "");
  }
  return parts.join("");
}

export function interpolate(template: string, data: Readonly<Record<string, string | number | bigint>>): string {
  return fillTemplate(compileTemplate(template), data);
}

function shorten(text: string): string {
  if (text.length <= MAX_INSERTED_LENGTH) return text;
  const half = MAX_INSERTED_LENGTH / 2;
  return `${text.slice(0, half)}…(${text.length - MAX_INSERTED_LENGTH} characters)…${text.slice(-half)}`;
}
