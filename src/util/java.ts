/**
 * Java's text forms of numbers, which Flink's messages and conversions expose
 * (a YAML float 1e9 reaches a size option as the string "1.0E9").
 */

/**
 * `Double.toString(d)` of Java 19+: the shortest digits that round-trip (as JavaScript's),
 * laid out as Java does: plain decimal with at least one fraction digit for 1e-3 ≤ |d| < 1e7,
 * otherwise `d.dddE±n` with at least one fraction digit.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(d);
  // Java's plain range, where JavaScript too writes the shortest round-trip digits without an
  // exponent: the same text, a whole number given its ".0".
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(d);
    return plain.includes(".") ? plain : `${plain}.0`;
  }
  const sign = d < 0 ? "-" : "";
  // Shortest round-trip digits and decimal exponent, from JavaScript's exponential form.
  const [mantissa, expText] = abs.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  const frac = digits.slice(1);
  return `${sign}${digits[0]}.${frac === "" ? "0" : frac}E${exp}`;
}

/** Java's `(double) Float.parseFloat`-style narrowing: the float nearest to `d`, widened back. */
export function toFloat32(d: number): number {
  return Math.fround(d);
}
