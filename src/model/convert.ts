/**
 * How Flink turns a loaded configuration value into the type an option asks for
 * (ConfigurationUtils.convertValue and the Java parsers behind it), with Flink's exact messages.
 * A legacy-file value is always a string; a `config.yaml` value keeps its YAML type, and Java's
 * `toString()` of it (`ConfigValue.text`) is what gets parsed when the types differ.
 */
import type { ConfigValue } from "../types.js";
import { ILLEGAL_ARGUMENT, JavaException, NUMBER_FORMAT } from "./java-exception.js";
import { INT_MAX, INT_MIN, LONG_MAX, javaTrim, parseMemorySize } from "./memory-size.js";
import { javaDoubleToString } from "../util/java.js";

/** A value as it sits in Flink's Configuration: a loaded value, or a MemorySize a launcher put there. */
export type RawValue = ConfigValue | { type: "memory"; bytes: bigint; text: string };

const FLOAT_MAX = 3.4028234663852886e38;
const FLOAT_MIN = 1.401298464324817e-45;

function numberFormat(text: string): JavaException {
  return new JavaException(NUMBER_FORMAT, `For input string: "${text}"`);
}

/** Java's `Double.parseDouble` / `Float.parseFloat` grammar; returns the double value. */
export function parseJavaFloatingText(text: string): number {
  const s = javaTrim(text);
  if (s === "") throw new JavaException(NUMBER_FORMAT, "empty String");
  const special = /^([+-]?)(NaN|Infinity)$/.exec(s);
  if (special) {
    if (special[2] === "NaN") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)[fFdD]?$/.exec(s);
  if (hex) {
    const intDigits = hex[2] ?? "";
    const fracDigits = hex[3] ?? "";
    if (intDigits === "" && fracDigits === "") throw numberFormat(s);
    const mantissa = BigInt(`0x${intDigits}${fracDigits}` === "0x" ? "0" : `0x${intDigits}${fracDigits}`);
    const exponent = Number(hex[4]) - 4 * fracDigits.length;
    const magnitude = Number(mantissa) * 2 ** exponent;
    return hex[1] === "-" ? -magnitude : magnitude;
  }
  const decimal = /^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFdD]?$/.exec(s);
  if (!decimal || decimal[1] === undefined) throw numberFormat(s);
  return Number(decimal[1]);
}

/** Java's `Integer.parseInt` (no trimming, optional sign, 32-bit range). */
export function parseJavaInt(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) throw numberFormat(text);
  const value = BigInt(text);
  if (value > INT_MAX || value < INT_MIN) throw numberFormat(text);
  return Number(value);
}

/** `convertToMemorySize`: a MemorySize is used as is, anything else is parsed from its text. */
export function convertToMemorySize(raw: RawValue): bigint {
  if (raw.type === "memory") return raw.bytes;
  const parsed = parseMemorySize(raw.text);
  if (!parsed.ok) throw parsed.error;
  return parsed.bytes;
}

/** `convertToFloat`, widened to double the way Flink's arithmetic uses it. */
export function convertToFloat(raw: RawValue): number {
  if (raw.type === "float") {
    const value = raw.value;
    if (
      value === 0 ||
      (value >= FLOAT_MIN && value <= FLOAT_MAX) ||
      (value >= -FLOAT_MAX && value <= -FLOAT_MIN)
    ) {
      return Math.fround(value);
    }
    throw new JavaException(
      ILLEGAL_ARGUMENT,
      `Configuration value ${javaDoubleToString(value)} overflows/underflows the float type.`,
    );
  }
  return Math.fround(parseJavaFloatingText(raw.text));
}

/** `convertToDouble`. */
export function convertToDouble(raw: RawValue): number {
  if (raw.type === "float") return raw.value;
  return parseJavaFloatingText(raw.text);
}

/** `convertToInt`: a YAML int in long range but outside int range has its own message. */
export function convertToInt(raw: RawValue): number {
  if (raw.type === "int") {
    if (raw.value <= INT_MAX && raw.value >= INT_MIN) return Number(raw.value);
    if (raw.value <= LONG_MAX && raw.value >= -LONG_MAX - 1n) {
      throw new JavaException(
        ILLEGAL_ARGUMENT,
        `Configuration value ${raw.value} overflows/underflows the integer type.`,
      );
    }
  }
  return parseJavaInt(raw.text);
}

/** `convertToBoolean`: only `true`/`false`, any case. */
export function convertToBoolean(raw: RawValue): boolean {
  if (raw.type === "bool") return raw.value;
  const upper = raw.text.toUpperCase();
  if (upper === "TRUE") return true;
  if (upper === "FALSE") return false;
  throw new JavaException(
    ILLEGAL_ARGUMENT,
    `Unrecognized option for boolean: ${raw.text}. Expected either true or false(case insensitive)`,
  );
}

export type OptionType = "memory" | "float" | "double" | "int" | "bool";
export type OptionValue<T extends OptionType> = T extends "memory"
  ? bigint
  : T extends "bool"
    ? boolean
    : number;

/** Converts a raw value to an option's type (throws the cause Flink would wrap). */
export function convertValue<T extends OptionType>(raw: RawValue, type: T): OptionValue<T> {
  switch (type) {
    case "memory":
      return convertToMemorySize(raw) as OptionValue<T>;
    case "float":
      return convertToFloat(raw) as OptionValue<T>;
    case "double":
      return convertToDouble(raw) as OptionValue<T>;
    case "int":
      return convertToInt(raw) as OptionValue<T>;
    default:
      return convertToBoolean(raw) as OptionValue<T>;
  }
}

/** The text Flink quotes in "Could not parse value '…'": the raw value's `toString()`. */
export function rawText(raw: RawValue): string {
  return raw.text;
}
