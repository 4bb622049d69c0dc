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
  const sign = d < 0 ? "-" : "";
  const abs = Math.abs(d);
  // Shortest round-trip digits and decimal exponent, from JavaScript's exponential form.
  const [mantissa, expText] = abs.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText); // abs = 0.d1d2d3… × 10^(exp+1)
  if (abs >= 1e-3 && abs < 1e7) {
    let intPart: string;
    let fracPart: string;
    if (exp >= 0) {
      intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      fracPart = digits.slice(exp + 1);
    } else {
      intPart = "0";
      fracPart = "0".repeat(-exp - 1) + digits;
    }
    return `${sign}${intPart}.${fracPart === "" ? "0" : fracPart}`;
  }
  const frac = digits.slice(1);
  return `${sign}${digits[0]}.${frac === "" ? "0" : frac}E${exp}`;
}

/** Java's `(double) Float.parseFloat`-style narrowing: the float nearest to `d`, widened back. */
export function toFloat32(d: number): number {
  return Math.fround(d);
}
