/** Message templates: `{{name}}` placeholders filled from a rule report's data. */

/**
 * An inserted value longer than this is shortened in the middle: through YAML aliases a small file
 * can repeat one long value in thousands of messages. Flink's own messages (inserted whole, up to
 * about 600 characters) stay intact.
 */
export const MAX_INSERTED_LENGTH = 1000;

export function interpolate(template: string, data: Readonly<Record<string, string | number | bigint>>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : shorten(String(value));
  });
}

function shorten(text: string): string {
  if (text.length <= MAX_INSERTED_LENGTH) return text;
  const half = MAX_INSERTED_LENGTH / 2;
  return `${text.slice(0, half)}…(${text.length - MAX_INSERTED_LENGTH} characters)…${text.slice(-half)}`;
}
