/**
 * Kubernetes resource quantities (`resources.limits.memory`), as the API server reads them
 * (k8s.io/apimachinery `resource.ParseQuantity`): a signed decimal number, then a binary suffix
 * (Ki … Ei), a decimal suffix (n, u, m, "", k, M, G, T, P, E) or an exponent (`e3`, `E-2`). A memory
 * limit in bytes is the quantity rounded up to a whole byte (`Quantity.Value()`).
 */

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The bytes of a memory quantity, rounded up; undefined when Kubernetes refuses it as a limit. */
export function quantityBytes(text: string): bigint | undefined {
  const match = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (!match) return undefined;
  const [, sign = "", number = "", suffix = ""] = match;
  // A negative limit is refused by the API server's validation.
  if (sign === "-") return undefined;
  const [whole = "", fraction = ""] = number.split(".");
  // The number as digits × 10^-scale, times 2^binary × 10^decimal.
  let digits = BigInt(`${whole}${fraction}` || "0");
  let scale = fraction.length;
  let binary = 0;
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL[suffix];
  if (BINARY[suffix] !== undefined) binary = BINARY[suffix];
  else if (exponent === undefined || Math.abs(exponent) > 100) return undefined;
  else scale -= exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  digits *= 2n ** BigInt(binary);
  const divisor = 10n ** BigInt(scale);
  return (digits + divisor - 1n) / divisor;
}
