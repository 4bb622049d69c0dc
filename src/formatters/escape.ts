/**
 * Text from a linted file reaches terminals and CI logs; its control characters must not act
 * (an escape sequence could recolour, hide or forge output). They are shown as visible escapes.
 */

// C0 controls except tab, DEL, C1 controls, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

export function neutralizeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
