/**
 * How the Flink Kubernetes Operator reads `spec.{jobManager,taskManager}.resource.memory` (and the
 * `resources` requests/limits memory), byte for byte: `ResourceConfigUtils.parseResourceMemoryString`
 * tries Flink's `MemorySize.parse` first (binary units, so `2G` is 2 GiB) and only then a fabric8
 * Kubernetes `Quantity`, whose `BigDecimal` amount it prints with Java's `BigDecimal.toString()`.
 * The text it returns is what the operator writes into `*.memory.process.size`.
 */
import { javaTrim, parseMemorySize, toCompactString } from "../memory-size.js";

/** A Java `BigDecimal`: unscaledValue × 10^-scale. */
interface BigDec {
  unscaled: bigint;
  scale: number;
}

/** Java's `MathContext.DECIMAL64`: 16 significant digits, HALF_EVEN. */
const DECIMAL64_PRECISION = 16;

/** `new BigDecimal(String)` without an exponent part (the operator's amounts never carry one); undefined = NumberFormatException. */
function parseBigDecimal(text: string): BigDec | undefined {
  const match = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === "-" ? -1n : 1n;
  const whole = match[2] ?? "";
  const fraction = match[3] ?? match[4] ?? "";
  const digits = `${whole}${fraction}` || "0";
  return { unscaled: sign * BigInt(digits), scale: fraction.length };
}

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** Rounds to `precision` significant digits, HALF_EVEN, as `BigDecimal.round(MathContext)` does. */
function roundTo(value: BigDec, precision: number): BigDec {
  const drop = digitCount(value.unscaled) - precision;
  if (drop <= 0) return value;
  const divisor = 10n ** BigInt(drop);
  const negative = value.unscaled < 0n;
  const abs = negative ? -value.unscaled : value.unscaled;
  let quotient = abs / divisor;
  const remainder = abs % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  // A carry can add a digit (9999… → 10000…): drop one more.
  let scale = value.scale - drop;
  if (digitCount(quotient) > precision) {
    quotient /= 10n;
    scale -= 1;
  }
  return { unscaled: negative ? -quotient : quotient, scale };
}

/**
 * `base.pow(n, MathContext.DECIMAL64)` for the bases the operator uses (2 and 10). For these bases
 * the intermediate products fit the working precision, so exact-then-round equals Java's result.
 */
function powDecimal64(base: bigint, n: number): BigDec {
  if (n >= 0) return roundTo({ unscaled: base ** BigInt(n), scale: 0 }, DECIMAL64_PRECISION);
  // Negative powers only occur for base 10 (`E-3`): 1 / 10^k is exact.
  return { unscaled: 1n, scale: -n };
}

function multiply(a: BigDec, b: BigDec): BigDec {
  return { unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale };
}

/** `BigDecimal.toString()`: plain when scale ≥ 0 and the adjusted exponent ≥ -6, else scientific. */
export function bigDecimalToString(value: BigDec): string {
  const negative = value.unscaled < 0n;
  const coefficient = (negative ? -value.unscaled : value.unscaled).toString();
  const sign = negative ? "-" : "";
  const adjusted = -value.scale + (coefficient.length - 1);
  if (value.scale === 0) return `${sign}${coefficient}`;
  if (value.scale > 0 && adjusted >= -6) {
    const point = coefficient.length - value.scale;
    if (point > 0) return `${sign}${coefficient.slice(0, point)}.${coefficient.slice(point)}`;
    return `${sign}0.${"0".repeat(-point)}${coefficient}`;
  }
  const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  const exponent = adjusted === 0 ? "" : `E${adjusted > 0 ? "+" : ""}${adjusted}`;
  return `${sign}${mantissa}${exponent}`;
}

/** fabric8 `Quantity.indexOfUnit`. */
function indexOfUnit(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if ("eEinumkKMGTP".includes(text.charAt(i))) return i;
  }
  return text.length;
}

const hasDigit = (text: string): boolean => /\d/.test(text);

export type QuantityResult = { ok: true; amount: BigDec } | { ok: false; error: string };

/** fabric8 `Quantity.parse(text)` then `getAmountInBytes`: the amount in bytes, or the exception message. */
export function quantityAmount(text: string): QuantityResult {
  if (text === "") return { ok: false, error: "Invalid quantity string format passed." };
  let value = text;
  const split = (v: string): { amount: string; format: string } | string => {
    const unitIndex = indexOfUnit(v);
    const format = v.slice(unitIndex);
    if (hasDigit(format) && /\p{L}/u.test(format.charAt(format.length - 1))) return "Invalid quantity string format passed";
    return { amount: v.slice(0, unitIndex), format };
  };
  const first = split(value);
  if (typeof first === "string") return { ok: false, error: first };
  // getAmountInBytes re-parses amount + format, with "0" before a leading ".".
  value = first.amount + first.format;
  if (value.startsWith(".")) value = `0${value}`;
  const pair = split(value);
  if (typeof pair === "string") return { ok: false, error: pair };
  const digit = parseBigDecimal(pair.amount);
  if (digit === undefined) {
    return { ok: false, error: pair.amount === "" ? "Zero length BigInteger" : `Character array is missing "exponent" mark 'e' or 'E'.` };
  }
  const multiple = multipleOf(pair.format);
  if (typeof multiple === "string") return { ok: false, error: multiple };
  return { ok: true, amount: multiply(digit, multiple) };
}

/** fabric8 `Quantity.getMultiple(format)`. */
function multipleOf(format: string): BigDec | string {
  if (hasDigit(format) && format.length > 1) {
    const exponentText = format.slice(1);
    if (!/^[+-]?\d+$/.test(exponentText)) return `For input string: "${exponentText}"`;
    const exponent = Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 999) return "Invalid operation";
    return powDecimal64(10n, exponent);
  }
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const b = binary[format];
  if (b !== undefined) return powDecimal64(2n, b);
  const d = decimal[format];
  if (d !== undefined) return powDecimal64(10n, d);
  if (format === "") return { unscaled: 1n, scale: 0 };
  return "Invalid quantity format passed to parse";
}

/** `ResourceConfigUtils.formatMemoryStringForK8sSpec`: no whitespace, upper case, `B` dropped, `…I` → `…i`. */
export function formatMemoryStringForK8sSpec(memory: string): string {
  let quantity = javaTrim(memory).replace(/[ \t\n\u000b\f\r]/g, "").toUpperCase();
  if (quantity.endsWith("B")) quantity = quantity.slice(0, -1);
  if (quantity.endsWith("I")) quantity = `${quantity.slice(0, -1)}i`;
  return quantity;
}

/** What the operator makes of a resource memory value. */
export type ResourceMemory =
  | {
      ok: true;
      /** Which parser accepted it. */
      via: "flink";
      /** The text the operator writes into `*.memory.process.size` (`MemorySize.toString()`, e.g. `2 gb`). */
      text: string;
      bytes: bigint;
    }
  | {
      ok: true;
      via: "quantity";
      /** The Kubernetes quantity the operator parsed (after its normalisation, e.g. `2Gi`). */
      quantity: string;
      /** `BigDecimal.toString()` of the bytes, which is what the operator writes (e.g. `2147483648`, `1610612736.0`). */
      text: string;
      /** The text read back by Flink's `MemorySize.parse`, or why Flink cannot read it. */
      flink: { ok: true; bytes: bigint } | { ok: false; error: string };
      /** The exact byte amount when it is whole (possibly not what Flink can read, e.g. `1610612736.0`). */
      exactBytes?: bigint;
    }
  | {
      ok: false;
      /** Why Flink's `MemorySize.parse` refused it. */
      flinkError: string;
      /** The normalised quantity text and why fabric8's `Quantity` refused it. */
      quantity: string;
      quantityError: string;
    };

/** `ResourceConfigUtils.parseResourceMemoryString(memory)`, reporting instead of throwing. */
export function parseResourceMemory(memory: string): ResourceMemory {
  const flink = parseMemorySize(memory);
  if (flink.ok) return { ok: true, via: "flink", text: toCompactString(flink.bytes), bytes: flink.bytes };
  const quantity = formatMemoryStringForK8sSpec(memory);
  const parsed = quantityAmount(quantity);
  if (!parsed.ok) return { ok: false, flinkError: flink.error.message, quantity, quantityError: parsed.error };
  const text = bigDecimalToString(parsed.amount);
  const read = parseMemorySize(text);
  const { unscaled, scale } = parsed.amount;
  let exactBytes: bigint | undefined;
  if (scale <= 0) exactBytes = unscaled * 10n ** BigInt(-scale);
  else if (unscaled % 10n ** BigInt(scale) === 0n) exactBytes = unscaled / 10n ** BigInt(scale);
  return {
    ok: true,
    via: "quantity",
    quantity,
    text,
    flink: read.ok ? { ok: true, bytes: read.bytes } : { ok: false, error: read.error.message },
    ...(exactBytes !== undefined && { exactBytes }),
  };
}
