/**
 * A read-only view of Flink's `Configuration` for the memory options: presence (`contains`, which
 * counts deprecated fallback keys), value lookup (key first, then fallbacks in order) and typed
 * reads that fail with Flink's "Could not parse value '…' for key '…'." exception.
 */
import type { ConfigValue } from "../types.js";
import { convertValue, type OptionType, type OptionValue, type RawValue } from "./convert.js";
import { ILLEGAL_ARGUMENT, JavaException } from "./java-exception.js";
import type { OptionDef } from "./options.js";

export class FlinkConfiguration {
  private readonly values: ReadonlyMap<string, RawValue>;
  /** Keys a launcher filled in from another key (legacy heap mapping): target → source key. */
  private readonly origins: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, RawValue | ConfigValue>, origins: ReadonlyMap<string, string> = new Map()) {
    this.values = values;
    this.origins = origins;
  }

  /** A copy with one more value, remembering which key it really came from. */
  withValue(key: string, value: RawValue, originKey: string): FlinkConfiguration {
    const values = new Map(this.values);
    values.set(key, value);
    const origins = new Map(this.origins);
    origins.set(key, originKey);
    return new FlinkConfiguration(values, origins);
  }

  containsKey(key: string): boolean {
    return this.values.has(key);
  }

  raw(key: string): RawValue | undefined {
    return this.values.get(key);
  }

  /** `Configuration.contains(option)`: the key or any of its fallback keys is present. */
  contains(option: OptionDef): boolean {
    return this.lookupKey(option) !== undefined;
  }

  /** The key whose value Flink would use for the option (key first, then fallbacks), if any. */
  lookupKey(option: OptionDef): string | undefined {
    // Asked many times per option in one derivation; the values never change.
    const known = this.lookups.get(option);
    if (known !== undefined || this.lookups.has(option)) return known;
    let found: string | undefined;
    if (this.values.has(option.key)) found = option.key;
    else {
      for (const key of option.fallbackKeys) {
        if (this.values.has(key)) {
          found = key;
          break;
        }
      }
    }
    this.lookups.set(option, found);
    return found;
  }

  private readonly lookups = new Map<OptionDef, string | undefined>();

  /** The key in the user's file that supplied the option's value (follows the legacy heap mapping). */
  sourceKey(option: OptionDef): string | undefined {
    const key = this.lookupKey(option);
    if (key === undefined) return undefined;
    return this.origins.get(key) ?? key;
  }

  /** `Configuration.getOptional(option)`: undefined when absent; throws Flink's parse exception. */
  getOptional<T extends OptionType>(option: OptionDef<T>): OptionValue<T> | undefined {
    const key = this.lookupKey(option);
    if (key === undefined) return undefined;
    const raw = this.values.get(key) as RawValue;
    try {
      return convertValue(raw, option.type);
    } catch (e) {
      const cause = e instanceof JavaException ? e : new JavaException(ILLEGAL_ARGUMENT, String(e));
      throw new JavaException(
        ILLEGAL_ARGUMENT,
        `Could not parse value '${raw.text}' for key '${option.key}'.`,
        cause,
      );
    }
  }

  /** `Configuration.get(option)`: the value, else the default, else undefined (Java's null). */
  get<T extends OptionType>(option: OptionDef<T>): OptionValue<T> | undefined {
    const value = this.getOptional(option);
    if (value !== undefined) return value;
    return option.defaultValue as OptionValue<T> | undefined;
  }
}
