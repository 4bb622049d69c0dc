/** Message templates: `{{name}}` placeholders filled from a rule report's data. */

export function interpolate(template: string, data: Readonly<Record<string, string | number | bigint>>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}
