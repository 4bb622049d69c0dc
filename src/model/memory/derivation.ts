/**
 * One derivation run and the steps every process's derivation is made of: reading options as
 * `Configuration.get` does, `MemorySize` arithmetic with Flink's exceptions, and range fractions
 * (`ProcessMemoryUtils.getRangeFraction`, `capToMinMax`).
 */
import { javaDoubleToString } from "../../util/java.js";
import type { FlinkConfiguration } from "../configuration.js";
import type { OptionType, OptionValue } from "../convert.js";
import { ARITHMETIC, ILLEGAL_ARGUMENT, ILLEGAL_CONFIGURATION, JavaException, NULL_POINTER, NUMBER_FORMAT } from "../java-exception.js";
import { LONG_MAX, toHumanReadableString as hr } from "../memory-size.js";
import { describeOption, type OptionDef } from "../options.js";
import type { VersionFacts } from "../versions.js";
import { FailureTags, present } from "./failures.js";
import type { ComponentHow, ComponentSource, FailureCode, MemoryAdjustment, MemoryFailure } from "./types.js";

/** A fraction with the min and max its result is capped to, and the keys that supplied each. */
export interface RangeFraction {
  min: bigint;
  max: bigint;
  fraction: number;
  fractionKey: string | undefined;
  minKey: string | undefined;
  maxKey: string | undefined;
}

/** How Flink names a size that is the rest of a total, in the log line of an ignored fraction. */
export interface RemainderNames {
  component: string;
  /** "JVM Overhead", "Network Memory". */
  size: string;
  /** The fraction as Flink's log line describes it: "configured Network Memory". */
  fraction: string;
  /** The total the fraction is of: "Total Flink Memory". */
  total: string;
}

/**
 * `BigDecimal.valueOf(d)` as (unscaled, scale): the digits of Java's `Double.toString(d)`. Not
 * memoized: a run computes it a few times per derivation, about a microsecond each.
 */
function decimalOf(d: number): { unscaled: bigint; scale: number } {
  const text = javaDoubleToString(d);
  const [mantissa, expText] = text.split("E") as [string, string | undefined];
  const negative = mantissa.startsWith("-");
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const [intPart, fracPart = ""] = unsigned.split(".") as [string, string | undefined];
  let unscaled = BigInt(`${intPart}${fracPart}`);
  if (negative) unscaled = -unscaled;
  return { unscaled, scale: fracPart.length - Number(expText ?? "0") };
}

/** One derivation run: the configuration, what Flink logs, and what each failure is about. */
export class Derivation {
  readonly adjustments: MemoryAdjustment[] = [];
  readonly failures = new FailureTags();
  private readonly deprecatedReported = new Set<string>();

  constructor(
    public conf: FlinkConfiguration,
    readonly facts: VersionFacts,
    /** When given, the key of every option read, in order (what `traceMemoryReads` returns). */
    private readonly readLog?: string[],
  ) {}

  fail(code: FailureCode, message: string, keys: Array<string | undefined>, numbers: Record<string, bigint> = {}): never {
    throw this.failures.tag(new JavaException(ILLEGAL_CONFIGURATION, message), { code, keys: present(keys), numbers });
  }

  /** Source keys of the options that are present, in order. */
  keysOf(...options: OptionDef[]): string[] {
    return present(options.map((o) => this.conf.sourceKey(o)));
  }

  private noteDeprecated(option: OptionDef): void {
    const key = this.conf.lookupKey(option);
    if (key === undefined || key === option.key || this.deprecatedReported.has(key)) return;
    this.deprecatedReported.add(key);
    this.adjustments.push({
      kind: "deprecated-key-used",
      keys: [key, option.key],
      message: `Config uses deprecated configuration key '${key}' instead of proper key '${option.key}'`,
    });
  }

  /** `Configuration.get(option)`, tagging a parse failure with the key that supplied the value. */
  read<T extends OptionType>(option: OptionDef<T>): OptionValue<T> | undefined {
    this.readLog?.push(option.key);
    try {
      const value = this.conf.get(option);
      this.noteDeprecated(option);
      return value;
    } catch (e) {
      if (e instanceof JavaException) {
        this.failures.tag(e, {
          code: option.type === "memory" ? "memory-size-unreadable" : "value-unparsable",
          keys: this.keysOf(option),
          numbers: {},
        });
      }
      throw e;
    }
  }

  /** `ProcessMemoryUtils.getMemorySizeFromConfig`. */
  readMemory(option: OptionDef<"memory">): bigint {
    let cause: JavaException;
    try {
      const value = this.read(option);
      if (value !== undefined) return value;
      cause = new JavaException(NULL_POINTER, "The memory option is not set and has no default value.");
    } catch (e) {
      if (!(e instanceof JavaException)) throw e;
      cause = e;
    }
    throw this.failures.tag(
      new JavaException(ILLEGAL_CONFIGURATION, `Cannot read memory size from config option '${option.key}'.`, cause),
      { code: "memory-size-unreadable", keys: this.keysOf(option), numbers: {} },
    );
  }

  readNumber<T extends "float" | "double" | "int">(option: OptionDef<T>): number {
    return this.read(option) as number;
  }

  add(a: bigint, b: bigint, keys: Array<string | undefined> = []): bigint {
    const sum = a + b;
    if (sum > LONG_MAX) throw this.overflow(keys);
    return sum;
  }

  sum(values: bigint[], keys: Array<string | undefined> = []): bigint {
    return values.reduce((acc, v) => this.add(acc, v, keys), 0n);
  }

  subtract(a: bigint, b: bigint, keys: Array<string | undefined> = []): bigint {
    const difference = a - b;
    if (difference < 0n) {
      throw this.failures.tag(new JavaException(ILLEGAL_ARGUMENT, "bytes must be >= 0"), { code: "size-negative", keys: present(keys), numbers: {} });
    }
    return difference;
  }

  /** `MemorySize.multiply(d)`: exact decimal product with `Double.toString(d)`, truncated. */
  multiply(bytes: bigint, d: number, keys: Array<string | undefined> = []): bigint {
    if (!(d >= 0)) {
      throw this.failures.tag(new JavaException(ILLEGAL_ARGUMENT, "multiplier must be >= 0"), { code: "size-negative", keys: present(keys), numbers: {} });
    }
    if (!Number.isFinite(d)) {
      throw this.failures.tag(
        new JavaException(NUMBER_FORMAT, 'Character I is neither a decimal digit number, decimal point, nor "e" notation exponential mark.'),
        { code: "long-overflow", keys: present(keys), numbers: {} },
      );
    }
    const { unscaled, scale } = decimalOf(d);
    const product = bytes * unscaled;
    let overflow: boolean;
    let result: bigint;
    if (scale <= 0) {
      result = product * 10n ** BigInt(-scale);
      overflow = result > LONG_MAX;
    } else {
      const divisor = 10n ** BigInt(scale);
      result = product / divisor;
      overflow = product > LONG_MAX * divisor;
    }
    if (overflow) throw this.overflow(keys);
    return result;
  }

  private overflow(keys: Array<string | undefined>): JavaException {
    return this.failures.tag(new JavaException(ARITHMETIC, "long overflow"), { code: "long-overflow", keys: present(keys), numbers: {} });
  }

  /** `ProcessMemoryUtils.getRangeFraction`: reads the fraction, then validates min ≤ max and [0, 1). */
  rangeFraction(
    min: bigint,
    max: bigint,
    fractionOption: OptionDef<"float">,
    minOption?: OptionDef<"memory">,
    maxOption?: OptionDef<"memory">,
  ): RangeFraction {
    const fraction = this.readNumber(fractionOption);
    const minKey = minOption && this.conf.sourceKey(minOption);
    const maxKey = maxOption && this.conf.sourceKey(maxOption);
    const fractionKey = this.conf.sourceKey(fractionOption);
    let problem: string | undefined;
    let reason: MemoryFailure["reason"];
    if (!(min <= max)) {
      problem = "min value must be less or equal to max value";
      reason = "min-above-max";
    } else if (!(fraction >= 0 && fraction < 1)) {
      problem = "fraction must be in range [0, 1)";
      reason = "fraction-out-of-range";
    }
    if (problem !== undefined) {
      const message = `Inconsistently configured ${describeOption(fractionOption)} (${javaDoubleToString(fraction)}) and its min (${hr(min)}), max (${hr(max)}) value`;
      const keys = reason === "min-above-max" ? present([minKey, maxKey]) : present([fractionKey]);
      throw this.failures.tag(new JavaException(ILLEGAL_CONFIGURATION, message, new JavaException(ILLEGAL_ARGUMENT, problem)), {
        code: "range-fraction-invalid",
        keys,
        numbers: { min, max },
        fraction,
        ...(reason === undefined ? {} : { reason }),
      });
    }
    return { min, max, fraction, fractionKey, minKey, maxKey };
  }

  /** `capToMinMax`: max is checked first; a capped value is logged as Flink logs it. */
  capToMinMax(description: string, component: string, relative: bigint, rf: RangeFraction, fractionOf?: bigint): { bytes: bigint; how: ComponentHow } {
    const cap =
      relative > rf.max
        ? { how: "capped-max" as const, bytes: rf.max, key: rf.maxKey, words: "greater than its max", bound: "max" }
        : relative < rf.min
          ? { how: "capped-min" as const, bytes: rf.min, key: rf.minKey, words: "less than its min", bound: "min" }
          : undefined;
    if (cap === undefined) return { bytes: relative, how: "fraction" };
    this.adjustments.push({
      kind: cap.how,
      component,
      keys: present([rf.fractionKey, cap.key]),
      message: `The derived from fraction ${description} (${hr(relative)}) is ${cap.words} value ${hr(cap.bytes)}, ${cap.bound} value will be used instead`,
      bytes: cap.bytes,
      derivedBytes: relative,
      fraction: rf.fraction,
      ...(fractionOf === undefined ? {} : { fractionOf }),
    });
    return { bytes: cap.bytes, how: cap.how };
  }

  deriveWithFraction(description: string, component: string, base: bigint, rf: RangeFraction): { bytes: bigint; how: ComponentHow } {
    return this.capToMinMax(description, component, this.multiply(base, rf.fraction), rf, base);
  }

  deriveWithInverseFraction(description: string, component: string, base: bigint, rf: RangeFraction): { bytes: bigint; how: ComponentHow } {
    const relative = this.multiply(base, rf.fraction / (1 - rf.fraction));
    // The fraction is of the total this makes up with the rest: base + relative.
    return this.capToMinMax(description, component, relative, rf, base + relative);
  }

  /**
   * A size that is the rest of `total` rather than its fraction (network, JVM overhead): when the
   * fraction is configured and gives another size, Flink logs that it uses the rest and ignores
   * the fraction (`sanityCheckNetworkMemory…`, `sanityCheckJvmOverhead`).
   */
  noteIgnoredFraction(names: RemainderNames, remainder: bigint, total: bigint, rf: RangeFraction, otherKeys: ReadonlyArray<string | undefined>): void {
    if (rf.fractionKey === undefined) return;
    const byFraction = this.multiply(total, rf.fraction);
    if (byFraction === remainder) return;
    this.adjustments.push({
      kind: "fraction-ignored",
      component: names.component,
      keys: present([rf.fractionKey, ...otherKeys]),
      message: `The derived ${names.size} size (${hr(remainder)}) does not match the ${names.fraction} fraction (${javaDoubleToString(rf.fraction)}) from the configured ${names.total} size (${hr(total)}). The derived ${names.size} size will be used.`,
      bytes: remainder,
      derivedBytes: byFraction,
      fraction: rf.fraction,
      fractionOf: total,
    });
  }
}

export function configuredOr(d: Derivation, option: OptionDef, fallback: ComponentHow = "default"): ComponentSource {
  const key = d.conf.sourceKey(option);
  return key === undefined ? { how: fallback } : { how: "configured", key };
}
