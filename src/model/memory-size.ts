/**
 * Flink's MemorySize value syntax and its two text forms, byte for byte
 * (org.apache.flink.configuration.MemorySize). Sizes are signed 64-bit byte counts held as bigint.
 */
import { JavaException } from "./java-exception.js";

export const LONG_MAX = (1n << 63n) - 1n;
export const INT_MAX = 2147483647n;
export const INT_MIN = -2147483648n;

export const KIB = 1024n;
export const MIB = 1024n * KIB;
export const GIB = 1024n * MIB;
export const TIB = 1024n * GIB;

interface MemoryUnit {
  /** Accepted spellings; index 1 is the one Flink prints. */
  names: readonly string[];
  multiplier: bigint;
}

const BYTES: MemoryUnit = { names: ["b", "bytes"], multiplier: 1n };
const ORDERED_UNITS: readonly MemoryUnit[] = [
  BYTES,
  { names: ["k", "kb", "kibibytes"], multiplier: KIB },
  { names: ["m", "mb", "mebibytes"], multiplier: MIB },
  { names: ["g", "gb", "gibibytes"], multiplier: GIB },
  { names: ["t", "tb", "tebibytes"], multiplier: TIB },
];

export const ALL_UNITS_TEXT = ORDERED_UNITS.map((u) => `(${u.names.join(" | ")})`).join(" / ");

/** Java's `String.trim()`: strips every char ≤ U+0020 from both ends. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

export type MemorySizeParse =
  | { ok: true; bytes: bigint; /** the value had no unit, so it is bytes */ unitless: boolean }
  | { ok: false; error: JavaException; /** P1…P5 */ code: "P1" | "P2" | "P3" | "P4" | "P5" };

/** `MemorySize.parse(text)`, with Flink's exact failure messages. */
export function parseMemorySize(text: string): MemorySizeParse {
  const trimmed = javaTrim(text);
  if (trimmed === "") {
    return {
      ok: false,
      code: "P1",
      error: new JavaException("java.lang.IllegalArgumentException", "argument is an empty- or whitespace-only string"),
    };
  }
  let pos = 0;
  while (pos < trimmed.length && trimmed.charCodeAt(pos) >= 48 && trimmed.charCodeAt(pos) <= 57) pos++;
  const number = trimmed.slice(0, pos);
  const unit = javaTrim(trimmed.slice(pos)).toLowerCase();
  if (number === "") {
    return {
      ok: false,
      code: "P2",
      error: new JavaException("java.lang.NumberFormatException", "text does not start with a number"),
    };
  }
  const value = BigInt(number);
  if (value > LONG_MAX) {
    return {
      ok: false,
      code: "P3",
      error: new JavaException(
        "java.lang.IllegalArgumentException",
        `The value '${number}' cannot be re represented as 64bit number (numeric overflow).`,
      ),
    };
  }
  let multiplier = 1n;
  if (unit !== "") {
    const match = ORDERED_UNITS.find((u) => u.names.includes(unit));
    if (match === undefined) {
      return {
        ok: false,
        code: "P5",
        error: new JavaException(
          "java.lang.IllegalArgumentException",
          `Memory size unit '${unit}' does not match any of the recognized units: ${ALL_UNITS_TEXT}`,
        ),
      };
    }
    multiplier = match.multiplier;
  }
  const bytes = value * multiplier;
  if (bytes > LONG_MAX) {
    return {
      ok: false,
      code: "P4",
      error: new JavaException(
        "java.lang.IllegalArgumentException",
        `The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`,
      ),
    };
  }
  return { ok: true, bytes, unitless: unit === "" };
}

/**
 * `MemorySize.toHumanReadableString()`: the largest unit strictly below the size, `%.3f` rounded
 * half-up on Java's shortest decimal digits of the double quotient, e.g. `1.688gb (1811939328 bytes)`.
 */
export function toHumanReadableString(bytes: bigint): string {
  let unitIndex = -1;
  ORDERED_UNITS.forEach((u, i) => {
    if (bytes > u.multiplier) unitIndex = i;
  });
  const unit = ORDERED_UNITS[unitIndex];
  if (unitIndex <= 0 || unit === undefined) return `${bytes} bytes`;
  const approximate = Number(bytes) / Number(unit.multiplier);
  return `${formatFixed3(approximate)}${unit.names[1]} (${bytes} bytes)`;
}

/** `MemorySize.toString()`: the largest unit dividing the size exactly (`128 mb`); 0 and whole TiB print as bytes. */
export function toCompactString(bytes: bigint): string {
  const firstNonDividing = ORDERED_UNITS.findIndex((u) => bytes % u.multiplier !== 0n);
  const unit = firstNonDividing <= 0 ? BYTES : (ORDERED_UNITS[firstNonDividing - 1] ?? BYTES);
  return `${bytes / unit.multiplier} ${unit.names[1]}`;
}

/** Java `String.format(Locale.ROOT, "%.3f", d)` for finite d ≥ 0: half-up on the shortest digits. */
export function formatFixed3(d: number): string {
  // Whole thousandths (192.000, 1.500), as most sizes in MiB are: below 1e9 a double that is the
  // nearest to k/1000 has k/1000 as its shortest digits, so rounding them changes nothing.
  const thousandths = d * 1000;
  if (d < 1e9 && Number.isInteger(thousandths) && thousandths / 1000 === d) {
    return `${Math.trunc(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`;
  }
  return formatFixed3FromDigits(d);
}

/** The general case of `formatFixed3`: Java's half-up rounding of the shortest digits (exported for tests). */
export function formatFixed3FromDigits(d: number): string {
  const [mantissa, expText] = d.toExponential().split("e") as [string, string];
  const digits = BigInt(mantissa.replace(".", ""));
  const digitCount = mantissa.replace(".", "").length;
  // d = digits × 10^(exp + 1 − digitCount); we want round(d × 1000).
  const shift = Number(expText) + 1 - digitCount + 3;
  let thousandths: bigint;
  if (shift >= 0) {
    thousandths = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    thousandths = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) thousandths += 1n;
  }
  const whole = thousandths / 1000n;
  const fraction = (thousandths % 1000n).toString().padStart(3, "0");
  return `${whole}.${fraction}`;
}

/** Bytes as MiB/GiB for people, e.g. `1.25 GiB`, `384 MiB`, `0 B`. */
export function formatBinary(bytes: bigint): string {
  if (bytes === LONG_MAX) return "unlimited";
  const abs = bytes < 0n ? -bytes : bytes;
  const units: Array<[bigint, string]> = [
    [TIB, "TiB"],
    [GIB, "GiB"],
    [MIB, "MiB"],
    [KIB, "KiB"],
  ];
  for (const [multiplier, name] of units) {
    if (abs >= multiplier) {
      const value = Number(bytes) / Number(multiplier);
      const text = Number.isInteger(value) ? value.toString() : value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
      return `${text} ${name}`;
    }
  }
  return `${bytes} B`;
}

/** Flink's unit letters, largest first. */
export const UNIT_LETTERS: ReadonlyArray<readonly [bigint, string]> = [
  [TIB, "t"],
  [GIB, "g"],
  [MIB, "m"],
  [KIB, "k"],
];

/**
 * A size for a short message, in Flink's unit letters: exact when a unit divides it into at most
 * five digits (`64m`, `2g`, `32k`, `1216m`), else three decimals of the largest unit below it
 * (`1.953g`, not `2047999k`) or bytes (`900b`). The exact byte count stays in Flink's own message.
 */
export function toShortSize(bytes: bigint): string {
  if (bytes < 0n) return `-${toShortSize(-bytes)}`;
  const exact = toConfigText(bytes);
  if (!exact.endsWith("b") && exact.length <= 6) return exact;
  if (bytes < KIB) return exact;
  for (const [multiplier, name] of UNIT_LETTERS) {
    if (bytes > multiplier) return `${formatFixed3(Number(bytes) / Number(multiplier))}${name}`;
  }
  return exact;
}

/**
 * A size as a config value a person would write: the largest unit dividing it exactly
 * (`1216m`, `2g`, `1536k`), bytes with a `b` otherwise.
 */
export function toConfigText(bytes: bigint): string {
  if (bytes === 0n) return "0";
  for (const [multiplier, name] of UNIT_LETTERS) {
    if (bytes % multiplier === 0n) return `${bytes / multiplier}${name}`;
  }
  return `${bytes}b`;
}
